from __future__ import annotations

from pathlib import Path

import pytest

from db.library import Library

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def library(tmp_path: Path):
    with Library.open(tmp_path / "library.db") as opened:
        yield opened
