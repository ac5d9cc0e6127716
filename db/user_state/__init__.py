"""What is yours, not the library's: what you follow, what you have seen, where you were,
your bookmarks and notes, in a small SQLite file of your own in your data folder, one
per library. A library on a read-only mount, shared by a team, still gives each reader their
own; deleting the file loses nothing of the library.

The file is found by the library's own id (given at its first load), so a library copied
elsewhere keeps its reader's state; a library without one (never loaded into) by its path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from db.library import Library
from db.search_index.writing import library_id

STATE_VARIABLE = "KAMERLEZER_STATE"  # the folder of the state files, instead of the data folder
STATE_VERSION = 4  # 2: where you were (places); 3: bookmarks; 4: notes

_SCHEMA = [
    # kind: dossier (its key), search (the query as typed) or person (a name as typed).
    # since_generation: the library's newest generation when the follow began; what is
    # loaded after it is new.
    "CREATE TABLE IF NOT EXISTS follows (kind TEXT NOT NULL, value TEXT NOT NULL,"
    " since_generation INTEGER NOT NULL, since TEXT NOT NULL, synced TEXT NOT NULL DEFAULT '',"
    " PRIMARY KEY (kind, value))",
    # A document seen as it was at this generation: loaded again with changes, it is new again.
    "CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, generation INTEGER NOT NULL,"
    " seen TEXT NOT NULL)",
    # The reader's history, oldest first; the one marked current is where you were.
    "CREATE TABLE IF NOT EXISTS places (n INTEGER PRIMARY KEY, place TEXT NOT NULL,"
    " key TEXT NOT NULL, line REAL NOT NULL, cursor INTEGER, current INTEGER NOT NULL)",
    # A place in a document: where in its text (a character offset, the same at any width).
    "CREATE TABLE IF NOT EXISTS bookmarks (id INTEGER PRIMARY KEY, key TEXT NOT NULL,"
    " offset INTEGER NOT NULL, name TEXT NOT NULL, made TEXT NOT NULL)",
    # A note on a place in a document; a note being written is kept as it is typed (draft 1),
    # so that a crash loses none of it.
    "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, key TEXT NOT NULL,"
    " offset INTEGER NOT NULL, text TEXT NOT NULL, made TEXT NOT NULL, changed TEXT NOT NULL,"
    " draft INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS notes_key ON notes (key, offset)",
]


class StateError(RuntimeError):
    """The state file cannot be opened or written: the message names it."""


def state_folder() -> Path:
    folder = os.environ.get(STATE_VARIABLE)
    if folder:
        return Path(folder).expanduser()
    return Path(platformdirs.user_data_dir("kamerlezer", appauthor=False)) / "state"


def state_path(library: Library) -> Path:
    """The reader's own state file for ``library``. A library followed before its first load
    gave it an id had its state found by its path: that state is moved to the id's name."""
    where = str(library.path.expanduser().resolve())
    by_path = state_folder() / f"path-{hashlib.sha256(where.encode()).hexdigest()[:24]}.db"
    known = library_id(library.conn)
    if not known:
        return by_path
    by_id = state_folder() / f"{known}.db"
    if by_path.exists() and not by_id.exists():
        for suffix in ("-wal", "-shm", ""):
            old = by_path.with_name(by_path.name + suffix)
            if old.exists():
                os.replace(old, by_id.with_name(by_id.name + suffix))
    return by_id


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class UserState:
    """One reader's state for one library."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    @contextlib.contextmanager
    def open(cls, library: Library) -> Iterator[UserState]:
        path = state_folder()
        try:
            path = state_path(library)
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=10, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"{path}: cannot open your state file ({exc})") from exc
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > STATE_VERSION:
                raise StateError(
                    f"{path}: written by a newer kamerlezer (state version {version});"
                    " upgrade kamerlezer to read it"
                )
            conn.execute("PRAGMA journal_mode = WAL")
            # A note's draft is written at every key: safe from a crash of the program, and
            # no wait for the disk at each.
            conn.execute("PRAGMA synchronous = NORMAL")
            for statement in _SCHEMA:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {STATE_VERSION}")
        except sqlite3.Error as exc:
            conn.close()
            raise StateError(f"{path}: not a kamerlezer state file ({exc})") from exc
        except StateError:
            conn.close()
            raise
        try:
            yield cls(conn, path)
        finally:
            conn.close()
