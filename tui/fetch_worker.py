"""Fetching a ghost from the official sources while the reader stays responsive.

Runs in a worker thread with its own connections (the reader's library connection is
read-only and belongs to the interface thread); between steps it checks whether the reader
cancelled it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from db.library import Library
from db.loading import load_paths
from loaders.errors import LoadError
from loaders.fetching import fetch_files
from loaders.official import OfficialSources


class Cancelled(Exception):
    """The reader pressed Escape."""


def fetch_document(
    library_path: Path,
    key: str,
    progress: Callable[[str], None],
    cancelled: Callable[[], bool],
) -> str:
    """Fetch ``key`` and load it into the library; a one-line outcome for the reader."""

    def step(message: str) -> None:
        if cancelled():
            raise Cancelled
        progress(message)

    with OfficialSources.from_environment() as sources:
        step(f"Looking up {key} …")
        try:
            records = list(sources.publications([key]))
        except LoadError as exc:  # named by the document, not by the search it needed
            raise LoadError(key, f"looking it up: {exc.problem}") from None
        if not records:
            raise LoadError(key, "the official sources do not list it")
        step(f"Downloading {key} …")
        report = fetch_files(sources, records, cancelled=cancelled)
        step(f"Loading {key} …")
    if report.errors and not report.files:
        raise LoadError(key, report.errors[0].split(": ", 1)[-1])
    with Library.open(library_path) as library:
        loaded = load_paths(library, report.files, parallel=False)
    if loaded.failed:
        raise LoadError(key, loaded.errors[0].split(": ", 1)[-1])
    return f"{key} fetched and loaded"
