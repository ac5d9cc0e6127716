"""Whether another program changed the library since the reader last looked: SQLite's
``data_version`` (one pragma), asked every few seconds and at a key after a pause; and
whether the file itself was replaced by another (a library copied over it), which is read
afresh rather than through a connection to a file that is gone."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from db.library_file import LibraryFile

# How often the reader looks on its own, and how long after its last look a key looks again
# (keys in a burst, stepping through citations, ask nothing).
EVERY_SECONDS = 3.0
AGAIN_AFTER_SECONDS = 1.0


class LibraryWatch:
    def __init__(self, library: LibraryFile, clock: Callable[[], float] = time.monotonic) -> None:
        self.library = library
        self.clock = clock
        self.version = library.data_version()
        self.identity = _identity(library.path)
        self.looked_at = clock()

    def looked(self) -> None:
        """What the reader reads now is the library as it is: no need to look for a while."""
        self.looked_at = self.clock()

    def due(self) -> bool:
        return self.clock() - self.looked_at > AGAIN_AFTER_SECONDS

    def changed(self) -> bool:
        """True when the library changed; a file replaced by another is opened afresh
        (LibraryError when what is there now is no library)."""
        self.looked()
        identity = _identity(self.library.path)
        if identity != self.identity:
            return self._reopened()
        try:
            version = self.library.data_version()
        except sqlite3.DatabaseError:  # its journal belongs to another file now
            return self._reopened()
        if version == self.version:
            return False
        self.version = version
        return True

    def _reopened(self) -> bool:
        self.library.reopen()
        self.identity = _identity(self.library.path)
        self.version = self.library.data_version()
        return True


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path``: another file moved there has another identity."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino)
