"""The demo library: real documents shipped inside the package, loaded on first start so that
a fresh install shows real dossiers instead of an empty screen."""

from __future__ import annotations

from pathlib import Path

from db.library import Library
from db.loading import LoadReport, load_paths

DEMO_FOLDER = Path(__file__).resolve().parent.parent / "loaders" / "demo"


def ensure_demo_library(library: Library) -> LoadReport | None:
    """Load the demo documents when the library holds no documents yet."""
    if library.stats().documents:
        return None
    return load_paths(library, [DEMO_FOLDER])
