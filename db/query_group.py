"""One group of a library's queries (its documents, its lists, its outcomes, ...), composed
into ``Library`` over the file's connection. Groups share the connection and nothing else."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from typing import Protocol


class Connected(Protocol):
    """What a group needs of the library file: its connection now (``reopen`` replaces
    it) and its transactions."""

    conn: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[None]: ...


class QueryGroup:
    def __init__(self, file: Connected) -> None:
        self._file = file

    @property
    def conn(self) -> sqlite3.Connection:
        return self._file.conn
