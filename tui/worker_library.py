"""The library as the reader's worker threads read it: one read-only connection, owned by
whichever worker holds it (the finder pane's, the search screen's; one at a time), with the
finder and the searcher made on it once and kept, so that their caches (the vocabulary) are
read once. After another program loads into the library, ``refresh`` drops them: the next
worker opens the library as it is then."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from db.finder import Finder
from db.library import Library
from db.search import Searcher
from db.user_state.notes import notes_holding


class WorkerLibrary:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._library: Library | None = None
        self._finder: Finder | None = None
        self._searcher: Searcher | None = None

    def _opened(self) -> Library:
        if self._library is None:
            self._library = Library.open(self.path, write=False)
        return self._library

    @contextmanager
    def finder(self) -> Iterator[Finder]:
        """The finder, for this worker alone until the block ends."""
        with self._lock:
            self._finder = self._finder or Finder(self._opened())
            yield self._finder

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """The full-text searcher, for this worker alone until the block ends."""
        with self._lock:
            if self._searcher is None:
                library = self._opened()
                self._searcher = Searcher(library, notes=notes_holding(library))
            yield self._searcher

    def refresh(self) -> None:
        """Read the library as it is now: waits for the worker that holds the connection."""
        with self._lock:
            self._close()

    def close(self) -> None:
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._library is not None:
            self._library.close()
        self._library = self._finder = self._searcher = None
