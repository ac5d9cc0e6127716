"""The words of the full-text index in a table of their own, with a trigram index over them,
so that the words holding a part ("missie" in "vredesmissie") are found by the index, not by
reading the whole vocabulary: one word costs about the same at a million index words as at
thirty thousand.

Kept up to date by loads: a small load reads the words of the documents it indexed; a large
one (where that would cost more) takes the new words from the index's own vocabulary when it
ends. Each word carries the number of documents that held it when it was last counted (a
large load counts them all again), which orders a bounded expansion, most frequent first.
"""

from __future__ import annotations

import json
import re
import sqlite3

from db.compounds import part_of, strings_asked
from loaders.folding import fold

# A load reads the words of the documents it indexed itself (about 0.4 ms a document) up to
# the point where a pass over the whole vocabulary costs less (about 3 µs a word): one
# document for every WORDS_PER_DOCUMENT words the library has, and at least FROM_DOCUMENTS.
WORDS_PER_DOCUMENT = 150
FROM_DOCUMENTS = 500
# The tokens of the index (unicode61): runs of letters and digits.
_TOKEN = re.compile(r"[^\W_]+")

SCHEMA = [
    "CREATE TABLE index_words (id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE,"
    " documents INTEGER NOT NULL DEFAULT 0)",
    "CREATE VIRTUAL TABLE index_word_parts USING fts5(word, content='index_words',"
    " content_rowid='id', tokenize='trigram')",
    "CREATE TABLE library_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
]
_VOCABULARY = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_vocabulary"
    " USING fts5vocab(main, 'documents_fts', 'row')"
)


def documents_worth_reading(conn: sqlite3.Connection) -> int:
    """Up to how many documents a load reads their words itself."""
    return max(FROM_DOCUMENTS, _last_id(conn) // WORDS_PER_DOCUMENT)


def _last_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM index_words").fetchone()[0])


def _index_new(conn: sqlite3.Connection, after: int) -> None:
    conn.execute(
        "INSERT INTO index_word_parts (rowid, word) SELECT id, word FROM index_words WHERE id > ?",
        (after,),
    )


def sync_from_vocabulary(conn: sqlite3.Connection) -> None:
    """Every word of the index, counted again (one pass over the vocabulary)."""
    conn.execute(_VOCABULARY)
    before = _last_id(conn)
    conn.execute(
        "INSERT INTO index_words (word, documents) SELECT term, doc FROM temp.index_vocabulary"
        " WHERE true ON CONFLICT (word) DO UPDATE SET documents = excluded.documents"
    )
    _index_new(conn, before)
    mark_behind(conn, False)


def add_words_of(conn: sqlite3.Connection, rowids: set[int], columns: tuple[str, ...]) -> None:
    """The words of the documents just indexed (``rowids`` of the index's view)."""
    if not rowids:
        return
    words: set[str] = set()
    rows = conn.execute(
        f"SELECT {', '.join(columns)} FROM document_index"
        " WHERE rid IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(rowids)),),
    )
    for row in rows:
        for value in row:
            if value:
                words.update(_TOKEN.findall(fold(str(value))))
    if not words:
        return
    before = _last_id(conn)
    conn.execute(
        "INSERT OR IGNORE INTO index_words (word, documents) SELECT value, 1 FROM json_each(?)",
        (json.dumps(sorted(words), ensure_ascii=False),),
    )
    _index_new(conn, before)


def mark_behind(conn: sqlite3.Connection, behind: bool) -> None:
    """Whether a large load has indexed documents whose words are not in the table yet."""
    conn.execute(
        "INSERT INTO library_state VALUES ('index_words_behind', ?)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        ("1" if behind else "0",),
    )


def is_behind(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT value FROM library_state WHERE name = 'index_words_behind'"
    ).fetchone()
    return row is not None and row[0] == "1"


def containing(conn: sqlite3.Connection, part: str, limit: int) -> list[str]:
    """Index words that hold ``part`` (at least three letters), not ``part`` itself, most
    frequent first."""
    if len(part) < 3 or not part.isalnum():
        return []
    rows = conn.execute(
        "SELECT w.word FROM index_word_parts p JOIN index_words w ON w.id = p.rowid"
        " WHERE p.word LIKE ? AND w.word != ? ORDER BY w.documents DESC, w.word LIMIT ?",
        (f"%{part}%", part, limit),
    )
    return [str(row[0]) for row in rows]


def compounds_of(conn: sqlite3.Connection, word: str, limit: int) -> tuple[list[str], list[str]]:
    """The index words that are ``word`` inflected ("missies"), and those that are true
    compounds of it (``compounds.part_of``), each list most frequent first."""
    forms: list[str] = []
    compounds: list[str] = []
    candidates = containing(conn, word, limit * 4)
    # Which of the strings the candidates' parts make are words: one query for them all.
    asked = sorted(set().union(*(strings_asked(word, c) for c in candidates)))
    words = {
        str(row[0])
        for row in conn.execute(
            "SELECT word FROM index_words WHERE word IN (SELECT value FROM json_each(?))",
            (json.dumps(asked),),
        )
    }
    known = words.__contains__
    for candidate in candidates:
        how = part_of(word, candidate, known)
        if how == "form":
            forms.append(candidate)
        elif how == "compound":
            compounds.append(candidate)
    return forms, compounds[:limit]
