from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.library import Library
from db.loading.demo import ensure_demo_library
from db.loading.files import load_paths


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo library, built once, with one hostile document added."""
    path = tmp_path_factory.mktemp("demo") / "library.db"
    hostile = path.parent / "hostile.jsonl"
    record = {
        "key": "kst-29521-999",
        "dossier": "29521",
        "dossier_title": "Nederlandse deelname aan vredesmissies",
        "ondernummer": "999",
        "kind": "brief",
        "title": "[bold]TITEL[/bold]",
        "text": "Tekst met [bold]x[/bold] en \x1b[31mrood\x1b[0m en [link=https://x]klik[/link].",
        "citations": [],
    }
    hostile.write_text(json.dumps(record) + "\n")
    with Library.open(path) as library:
        ensure_demo_library(library)
        load_paths(library, [hostile])
    return path


@pytest.fixture
def library(demo_path: Path):
    with Library.open(demo_path, write=False) as opened:
        yield opened


DEMO = Path(__file__).resolve().parents[2] / "loaders" / "demo"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A library of its own, which a test may load into: a letter of 29 521 (455) and a motie
    of 27 925 (974), from the demo documents."""
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [DEMO / "kst-29521-455.txt", DEMO / "kst-27925-974.xml"])
    return path
