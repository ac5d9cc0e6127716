"""Building a library's search index from the library itself: every loaded document (no
ghosts), written into a fresh folder that replaces the old one only once it is complete, so a
reader never finds half an index and a crash leaves the old one (or none) behind."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tantivy

from db.library import Library
from db.search_index.schema import (
    ANALYZER,
    INDEX_VERSION,
    build_schema,
    date_number,
    words_analyzer,
)

# What the index says of itself, beside tantivy's own files.
STATE_FILE = "kamerlezer-index.json"
# The writer's memory: tantivy writes a segment whenever it is full.
WRITER_HEAP = 64_000_000
DOSSIER_SEPARATOR = "\x1f"

# A document as the index reads it: the FTS5 index's view of it (db/schema.py), and its
# dossiers, one a value.
_DOCUMENTS = (
    "SELECT d.key, d.kind, d.date, i.title, i.subject, i.names, i.numbers, i.text,"
    f" (SELECT group_concat(dossier, '{DOSSIER_SEPARATOR}') FROM document_dossiers"
    " WHERE document = d.key)"
    " FROM documents d JOIN document_index i ON i.rid = d.rowid WHERE d.ghost = 0"
)


@dataclass(frozen=True)
class IndexState:
    """What an index was built from: its version and how many documents it holds."""

    version: int
    documents: int

    @classmethod
    def read(cls, path: Path) -> IndexState | None:
        try:
            data = json.loads((path / STATE_FILE).read_text())
            return cls(int(data["version"]), int(data["documents"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path) -> None:
        (path / STATE_FILE).write_text(
            json.dumps({"version": self.version, "documents": self.documents})
        )


def open_index(path: Path) -> tantivy.Index:
    """An index at ``path`` (created when there is none), reading words as kamerlezer does."""
    index = tantivy.Index(build_schema(), path=str(path), reuse=True)
    index.register_tokenizer(ANALYZER, words_analyzer())
    return index


def build_index(
    library: Library, path: Path, on_document: Callable[[int], None] | None = None
) -> IndexState:
    """Index every loaded document of ``library`` at ``path``; ``on_document`` is told how
    many are done, now and then (a progress bar)."""
    building = path.with_name(path.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    index = open_index(building)
    writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
    count = 0
    for row in library.conn.execute(_DOCUMENTS):
        writer.add_document(index_document(*row))
        count += 1
        if on_document is not None and count % 1000 == 0:
            on_document(count)
    writer.commit()
    writer.wait_merging_threads()
    state = IndexState(INDEX_VERSION, count)
    state.write(building)
    old = path.with_name(path.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if path.exists():
        path.rename(old)
    building.rename(path)
    shutil.rmtree(old, ignore_errors=True)
    if on_document is not None:
        on_document(count)
    return state


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
    for name, value in (
        ("title", title),
        ("subject", subject),
        ("names", names),
        ("numbers", numbers),
        ("text", text),
    ):
        if value:
            document.add_text(name, value)
    return document
