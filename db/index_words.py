"""The words of the full-text index in a table of their own, each also backwards, so that the
words that begin or end with a part ("missiegebied", "vredesmissies" for "missie") are two
ranges of an index, not a pass over the vocabulary: a word costs what its compounds are, at a
million index words as at thirty thousand. A Dutch compound begins or ends with the words it
joins; one of three parts holding it in its middle ("vredes·missie·gebied") is not found.

Kept up to date by loads: a small load reads the words of the documents it indexed; a large
one (where that would cost more) takes the new words from the index's own vocabulary when it
ends. Each word carries the number of documents that held it when it was last counted (a
large load counts them all again), which orders a bounded expansion, most frequent first.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable

from db.compounds import INFLECTIONS, is_form, part_of, parts_asked, strings_asked
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
    " backwards TEXT NOT NULL, documents INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX index_words_backwards ON index_words (backwards)",
]
# Above every character: "missie" up to this holds every word that begins with "missie".
_LAST = "\U0010ffff"
_BACKWARDS = "kamerlezer_backwards"  # the SQL function that writes a word backwards
# Up to this many words that begin or end with a word are read to judge its compounds.
EVERY_END = 20_000
_VOCABULARY = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_vocabulary"
    " USING fts5vocab(main, 'documents_fts', 'row')"
)


def documents_worth_reading(conn: sqlite3.Connection) -> int:
    """Up to how many documents a load reads their words itself."""
    return max(FROM_DOCUMENTS, _last_id(conn) // WORDS_PER_DOCUMENT)


def _last_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM index_words").fetchone()[0])


def _backwards(word: str) -> str:
    return word[::-1]


def _writing_backwards(conn: sqlite3.Connection) -> None:
    conn.create_function(_BACKWARDS, 1, _backwards, deterministic=True)


def sync_from_vocabulary(conn: sqlite3.Connection) -> None:
    """Every word of the index, counted again (one pass over the vocabulary)."""
    conn.execute(_VOCABULARY)
    _writing_backwards(conn)
    conn.execute(
        f"INSERT INTO index_words (word, backwards, documents) SELECT term, {_BACKWARDS}(term),"
        " doc FROM temp.index_vocabulary WHERE true"
        " ON CONFLICT (word) DO UPDATE SET documents = excluded.documents"
    )
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
    _writing_backwards(conn)
    conn.execute(
        "INSERT OR IGNORE INTO index_words (word, backwards, documents)"
        f" SELECT value, {_BACKWARDS}(value), 1 FROM json_each(?)",
        (json.dumps(sorted(words), ensure_ascii=False),),
    )


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


def holding_at_either_end(conn: sqlite3.Connection, part: str, limit: int) -> list[str]:
    """Index words longer than ``part`` (at least three letters) that begin with it, or end
    with it and perhaps an inflection ("vredesmissies"), most frequent first."""
    if len(part) < 3 or not part.isalnum():
        return []
    ranges = [("word", part)] + [("backwards", (part + end)[::-1]) for end in INFLECTIONS]
    selects = " UNION ".join(
        f"SELECT id FROM index_words WHERE {column} > ? AND {column} < ?" for column, _ in ranges
    )
    rows = conn.execute(
        f"SELECT word FROM index_words WHERE id IN ({selects})"
        " ORDER BY documents DESC, word LIMIT ?",
        (*(bound for _, start in ranges for bound in (start, start + _LAST)), limit),
    )
    return [str(row[0]) for row in rows]


def compounds_of(conn: sqlite3.Connection, word: str, limit: int) -> tuple[list[str], list[str]]:
    """The index words that are ``word`` inflected ("missies"), and those that are true
    compounds of it (``compounds.part_of``), each list most frequent first. The candidates are
    judged ``limit`` at a time, most frequent first, until ``limit`` compounds are found: a
    word held by thousands of words costs what one held by a hundred does."""
    every = holding_at_either_end(conn, word, EVERY_END)
    # Whether a longer word ends in the word ("e·missie") is a question of which words end in
    # it: all of them are here, unless there are more than EVERY_END.
    at_an_end = set(every) if len(every) < EVERY_END else None
    candidates = every[: limit * 4]
    forms: list[str] = []
    rest: list[str] = []
    for candidate in candidates:
        (forms if is_form(word, candidate) else rest).append(candidate)
    compounds: list[str] = []
    for start in range(0, len(rest), limit):
        judged = rest[start : start + limit]
        known = _known_of(conn, word, judged, at_an_end)
        compounds += [c for c in judged if part_of(word, c, known) == "compound"]
        if len(compounds) >= limit:
            break
    return forms, compounds[:limit]


def _known_of(
    conn: sqlite3.Connection, word: str, candidates: list[str], at_an_end: set[str] | None
) -> Callable[[str], bool]:
    """Which of the strings the candidates' parts make are words: those that begin or end
    with ``word`` from ``at_an_end`` (every word that does), the rest in one query for them
    all."""
    if at_an_end is None:
        asked = set().union(*(strings_asked(word, c) for c in candidates))
    else:  # the strings that end in the word (and an ending) are answered by at_an_end
        ends = tuple(word + end for end in INFLECTIONS)
        asked = {
            string
            for c in candidates
            for string in parts_asked(word, c)
            if len(string) <= len(word) or not (string.startswith(word) or string.endswith(ends))
        }
    rows = conn.execute(
        "SELECT word FROM index_words WHERE word IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(asked)),),
    )
    found = {str(row[0]) for row in rows}
    if at_an_end is None:
        return found.__contains__
    return lambda string: string in found or string in at_an_end
