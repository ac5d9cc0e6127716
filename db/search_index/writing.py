"""Writing a library's search index: built whole from the library, and kept in step with it.

Every write to the library's documents carries the library's *generation* (db/schema.py),
one more for each transaction. The index records the newest generation it holds, after
tantivy has committed it: after a load's commit, ``sync_index`` indexes every document of a
newer generation. A crash or Ctrl-C between the library's commit and the index's leaves the
index behind, never ahead, and the next sync catches up. A whole build writes a fresh folder
that replaces the old one only once it is complete.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tantivy

from db.search_index.schema import (
    ANALYZER,
    INDEX_VERSION,
    NAMES,
    WORDS,
    build_schema,
    date_number,
    words_analyzer,
)

# What the index says of itself, beside tantivy's own files.
STATE_FILE = "kamerlezer-index.json"
# The writer's memory: tantivy writes a segment whenever it is full, and a search looks every
# word up in each segment. One thread with room for 200,000 documents writes them as one
# segment in the time two threads take to write four (11 s), and a search of the 60 compounds
# a word may stand for takes half as long in one (top hits 0.45 ms, not 0.9). tantivy takes
# the memory as it fills it: a small load uses little of it.
WRITER_HEAP = 256_000_000
WRITER_THREADS = 1
# Another load holds the index's writer: wait for it this long, as loads wait for the library.
WRITER_WAIT_SECONDS = 60.0
DOSSIER_SEPARATOR = "\x1f"

# A document as the index reads it: the FTS5 index's view of it (db/schema.py), and its
# dossiers, one a value.
_DOCUMENTS = (
    "SELECT d.key, d.kind, d.date, i.title, i.subject, i.names, i.numbers, i.text,"
    f" (SELECT group_concat(dossier, '{DOSSIER_SEPARATOR}') FROM document_dossiers"
    " WHERE document = d.key)"
    " FROM documents d JOIN document_index i ON i.rid = d.rowid WHERE d.ghost = 0"
)


class IndexBusy(RuntimeError):
    """Another program held the index's writer for longer than a load waits."""


@dataclass(frozen=True)
class IndexState:
    """What an index holds: its version, which library it is of (another file copied over
    it has another id), and the library's newest generation in it."""

    version: int
    library: str
    generation: int

    @classmethod
    def read(cls, path: Path) -> IndexState | None:
        try:
            data = json.loads((path / STATE_FILE).read_text())
            return cls(int(data["version"]), str(data["library"]), int(data["generation"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path) -> None:
        """Written whole or not at all: a crash leaves the old state."""
        partial = path / (STATE_FILE + ".partial")
        data = {"version": self.version, "library": self.library, "generation": self.generation}
        partial.write_text(json.dumps(data))
        os.replace(partial, path / STATE_FILE)


def library_generation(conn: sqlite3.Connection) -> int:
    """The newest generation of the library's documents."""
    row = conn.execute("SELECT max(generation) FROM documents").fetchone()
    return int(row[0] or 0)


def library_id(conn: sqlite3.Connection) -> str:
    """The library's own id ("" before its first load gave it one: db/library.py)."""
    row = conn.execute("SELECT value FROM library_state WHERE name = 'library_id'").fetchone()
    return str(row[0]) if row else ""


def current_state(conn: sqlite3.Connection) -> IndexState:
    """What an index that holds everything the library holds says of itself."""
    return IndexState(INDEX_VERSION, library_id(conn), library_generation(conn))


def is_current(conn: sqlite3.Connection, path: Path) -> bool:
    """Whether the index at ``path`` is this library's and holds everything it does."""
    return IndexState.read(path) == current_state(conn)


def open_index(path: Path) -> tantivy.Index:
    """An index at ``path`` (created when there is none), reading words as kamerlezer does."""
    index = tantivy.Index(build_schema(), path=str(path), reuse=True)
    index.register_tokenizer(ANALYZER, words_analyzer())
    return index


def build_index(
    conn: sqlite3.Connection, path: Path, on_document: Callable[[int], None] | None = None
) -> IndexState:
    """Index every loaded document of the library at ``path``; ``on_document`` is told how
    many are done, now and then (a progress bar)."""
    return _build(conn, path, on_document)[0]


def _build(
    conn: sqlite3.Connection, path: Path, on_document: Callable[[int], None] | None
) -> tuple[IndexState, int]:
    """The index built whole: what it holds, and how many documents."""
    if path.exists() and not path.is_dir():  # someone's file: never moved or overwritten
        raise OSError(f"{path}: is a file, not the library's search index")
    building = path.with_name(path.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    index = open_index(building)
    writer = index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
    generation = library_generation(conn)  # before reading: what is newer is synced later
    count = 0
    for row in conn.execute(_DOCUMENTS):
        writer.add_document(index_document(*row))
        count += 1
        if on_document is not None and count % 1000 == 0:
            on_document(count)
    writer.commit()
    writer.wait_merging_threads()
    del writer
    state = IndexState(INDEX_VERSION, library_id(conn), generation)
    state.write(building)
    old = path.with_name(path.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if path.exists():
        path.rename(old)
    building.rename(path)
    shutil.rmtree(old, ignore_errors=True)
    if on_document is not None:
        on_document(count)
    return state, count


def sync_index(
    conn: sqlite3.Connection,
    path: Path,
    wait: float = WRITER_WAIT_SECONDS,
    on_document: Callable[[int], None] | None = None,
) -> int:
    """Index the documents of generations newer than the index holds (building it whole,
    telling ``on_document`` how far, when there is none, or one of another version or
    library); how many were indexed. Waits up to ``wait`` seconds for another program's
    writer; IndexBusy after that."""
    state = IndexState.read(path)
    if state is None or state.version != INDEX_VERSION or state.library != library_id(conn):
        return _build(conn, path, on_document)[1]
    if state.generation >= library_generation(conn):
        return 0
    index = open_index(path)
    writer = _writer(index, path, wait)
    state = IndexState.read(path) or state  # as the last writer left it
    newest = library_generation(conn)
    count = 0
    for row in conn.execute(_DOCUMENTS + " AND d.generation > ?", (state.generation,)):
        writer.delete_documents_by_term("key", row[0])
        writer.add_document(index_document(*row))
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    IndexState(INDEX_VERSION, state.library, newest).write(path)  # while the writer is held
    del writer
    return count


def library_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM documents WHERE ghost = 0").fetchone()[0])


def is_lock_refused(exc: Exception) -> bool:
    """Whether tantivy refused for want of a lock: another writer holds it, or (to read) its
    lock file cannot be written here."""
    return "lock" in str(exc).lower()


def _writer(index: tantivy.Index, path: Path, wait: float) -> tantivy.IndexWriter:
    """The index's writer: tantivy refuses a second one at once, so a load waits for the
    other to finish, as two loads wait for each other on the library."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
        except ValueError as exc:
            if not is_lock_refused(exc):
                raise
            if time.monotonic() > deadline:
                raise IndexBusy(f"{path}: another program is writing the index") from None
            time.sleep(0.05)


def index_document(
    key: str,
    kind: str | None,
    date: str | None,
    title: str | None,
    subject: str | None,
    names: str | None,
    numbers: str | None,
    text: str | None,
    dossiers: str | None,
) -> tantivy.Document:
    document = tantivy.Document()
    document.add_text("key", key)
    document.add_text("kind", kind or "")
    for dossier in (dossiers or "").split(DOSSIER_SEPARATOR):
        if dossier:
            document.add_text("dossier", dossier)
    document.add_integer("date", date_number(date or ""))
    for value in (title, subject, names, numbers, text):
        if value:
            document.add_text(WORDS, value)
    if names:
        document.add_text(NAMES, names)
    return document
