"""Whether another program changed the library since the reader last looked: SQLite's
``data_version`` (one pragma), asked every few seconds and at a key after a pause."""

from __future__ import annotations

import time

from db.storage import LibraryFile

# How often the reader looks on its own, and how long after its last look a key looks again
# (keys in a burst, stepping through citations, ask nothing).
EVERY_SECONDS = 3.0
AGAIN_AFTER_SECONDS = 1.0


class LibraryWatch:
    def __init__(self, library: LibraryFile) -> None:
        self.library = library
        self.version = library.data_version()
        self.looked_at = time.monotonic()

    def looked(self) -> None:
        """What the reader reads now is the library as it is: no need to look for a while."""
        self.looked_at = time.monotonic()

    def due(self) -> bool:
        return time.monotonic() - self.looked_at > AGAIN_AFTER_SECONDS

    def changed(self) -> bool:
        self.looked()
        version = self.library.data_version()
        if version == self.version:
            return False
        self.version = version
        return True
