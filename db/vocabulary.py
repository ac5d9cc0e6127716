"""The words of the full-text index, for finding the index words a typed word stands for:
the words it begins (a word still being typed), the compounds it is part of ("missie" in
"vredesmissie") and the words it is a typo of.

The index holds each word once, folded (lower case, no diacritics), with the number of
documents that hold it in each column; lookups answer most frequent first, so that a bounded
expansion keeps the words a reader most likely meant, and a word is only looked for in the
columns that have it.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from db.schema import INDEX_COLUMNS

_COLUMN_BITS = {name: 1 << index for index, name in enumerate(INDEX_COLUMNS)}


def column_mask(columns: tuple[str, ...]) -> int:
    """The bits of ``columns``, to test against ``Vocabulary.columns``."""
    mask = 0
    for name in columns:
        mask |= _COLUMN_BITS[name]
    return mask


@dataclass(frozen=True)
class Term:
    """An index word and how many documents hold it (in the column that has it most)."""

    text: str
    documents: int


class Vocabulary:
    """Every word of the index with its document counts, read once and held in memory
    (a few MB for a library of tens of thousands of documents)."""

    def __init__(self, rows: list[tuple[str, str, int]]) -> None:
        counts: dict[str, int] = {}
        masks: dict[str, int] = {}
        for term, column, documents in rows:
            counts[term] = max(counts.get(term, 0), documents)
            masks[term] = masks.get(term, 0) | _COLUMN_BITS.get(column, 0)
        self._words = sorted(counts)
        self._counts = counts
        self._masks = masks
        self._by_length: dict[int, list[str]] = {}
        for word in self._words:
            self._by_length.setdefault(len(word), []).append(word)
        # Every word on a line of its own, for finding the words that hold a part at C speed.
        self._lines = "\n" + "\n".join(self._words) + "\n"
        self._line_starts = [0]
        for word in self._words:
            self._line_starts.append(self._line_starts[-1] + len(word) + 1)

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> Vocabulary:
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_columns"
            " USING fts5vocab(main, 'documents_fts', 'col')"
        )
        rows = conn.execute("SELECT term, col, doc FROM temp.index_columns")
        return cls([(str(term), str(column), int(count)) for term, column, count in rows])

    def __len__(self) -> int:
        return len(self._words)

    def documents(self, word: str) -> int:
        """How many documents hold ``word`` (0: the index does not know it)."""
        return self._counts.get(word, 0)

    def columns(self, word: str) -> int:
        """The columns that hold ``word``, as bits (``column_mask``)."""
        return self._masks.get(word, 0)

    def starting_with(self, prefix: str, limit: int) -> list[Term]:
        """Words that begin with ``prefix`` (longer than it), most frequent first."""
        start = bisect.bisect_right(self._words, prefix)
        end = bisect.bisect_left(self._words, prefix + "\uffff", start)
        return self._most_frequent(self._words[start:end], limit)

    def containing(self, part: str, limit: int) -> list[Term]:
        """Words that hold ``part`` after their first letter: the compounds it ends or is
        inside of ("missie" in "vredesmissie")."""
        found: list[str] = []
        for match in re.finditer(re.escape(part), self._lines):
            if self._lines[match.start() - 1] == "\n":
                continue  # at the start of a word: a prefix, not a compound
            line = bisect.bisect_right(self._line_starts, match.start() - 1) - 1
            word = self._words[line]
            if not found or found[-1] != word:
                found.append(word)
        return self._most_frequent(found, limit)

    def within_edits(self, word: str, edits: int, limit: int) -> list[tuple[Term, int]]:
        """Words at most ``edits`` letters away from ``word`` (a letter added, dropped,
        changed, or two swapped), nearest and then most frequent first; not ``word`` itself."""
        nearby: list[str] = []
        for length in range(len(word) - edits, len(word) + edits + 1):
            nearby += self._by_length.get(length, [])
        found = process.extract(word, nearby, scorer=OSA.distance, score_cutoff=edits, limit=None)
        ranked = sorted(
            (distance, -self._counts[term], term) for term, distance, _ in found if term != word
        )
        return [(Term(term, -count), int(distance)) for distance, count, term in ranked[:limit]]

    def _most_frequent(self, words: list[str], limit: int) -> list[Term]:
        ranked = sorted(words, key=lambda w: -self._counts[w])[:limit]
        return [Term(word, self._counts[word]) for word in ranked]
