"""The demo library: real documents shipped inside the package, loaded on first start so that
a fresh install shows real dossiers instead of an empty screen."""

from __future__ import annotations

from importlib.resources import as_file, files

from db.library import Library
from db.loading.files import LoadReport, load_paths


def ensure_demo_library(library: Library) -> LoadReport | None:
    """Load the demo documents when nothing was ever loaded into the library: not even
    metadata (a library of open data on kamervragen is the user's, and stays theirs)."""
    if not library.rows.is_empty():
        return None
    with as_file(files("loaders") / "demo") as folder:
        return load_paths(library, [folder])
