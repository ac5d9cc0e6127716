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
import heapq
import re
import sqlite3
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from db.schema import INDEX_COLUMNS

_COLUMN_BITS = {name: 1 << index for index, name in enumerate(INDEX_COLUMNS)}
# Up to this many words, a typo is looked for among every word of about its length, and a
# part among every word that holds it.
EVERY_WORD_UP_TO = 100_000
# What a compound may end in after the word it ends with: plural and diminutive endings.
ENDINGS = ("", "s", "en", "e", "n", "es", "je", "jes", "tje", "tjes", "'s")


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
        self._by_start: dict[tuple[str, int], list[str]] = {}  # (first letter, length)
        for word in self._words:
            self._by_length.setdefault(len(word), []).append(word)
            self._by_start.setdefault((word[:1], len(word)), []).append(word)
        if len(self._words) < EVERY_WORD_UP_TO:
            # Every word on a line of its own, for finding the words that hold a part at C
            # speed.
            self._lines = "\n" + "\n".join(self._words) + "\n"
            self._line_starts = [0]
            for word in self._words:
                self._line_starts.append(self._line_starts[-1] + len(word) + 1)
            self._endings: list[str] = []
        else:
            # Every word backwards, sorted: the words that end in a part are one range.
            self._lines, self._line_starts = "", []
            self._endings = sorted(word[::-1] for word in self._words)

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
        inside of ("missie" in "vredesmissie").

        In a large vocabulary, the compounds it ends, as itself or with an ending of number
        or size ("vredesmissies", "missietje"): a Dutch compound ends in the word it is a
        kind of, and a pass over every word would cost a keystroke several milliseconds."""
        if self._endings:
            return self._most_frequent(self._ending_in(part), limit)
        found: list[str] = []
        for match in re.finditer(re.escape(part), self._lines):
            if self._lines[match.start() - 1] == "\n":
                continue  # at the start of a word: a prefix, not a compound
            line = bisect.bisect_right(self._line_starts, match.start() - 1) - 1
            word = self._words[line]
            if not found or found[-1] != word:
                found.append(word)
        return self._most_frequent(found, limit)

    def _ending_in(self, part: str) -> list[str]:
        found: list[str] = []
        for ending in ENDINGS:
            backwards = (part + ending)[::-1]
            start = bisect.bisect_right(self._endings, backwards)  # longer: a compound
            end = bisect.bisect_left(self._endings, backwards + "\uffff", start)
            found += (word[::-1] for word in self._endings[start:end])
        return found

    def within_edits(self, word: str, edits: int, limit: int) -> list[tuple[Term, int]]:
        """Words at most ``edits`` letters away from ``word`` (a letter added, dropped,
        changed, or two swapped), nearest and then most frequent first; not ``word`` itself.

        In a large vocabulary (a library of tens of thousands of documents) only words that
        begin as ``word`` does, or with its first two letters swapped, are compared: a typo is
        rarely in the first letter, and comparing every word of the right length would cost
        a keystroke tens of milliseconds."""
        nearby: list[str] = []
        lengths = range(len(word) - edits, len(word) + edits + 1)
        if len(self._words) < EVERY_WORD_UP_TO:
            for length in lengths:
                nearby += self._by_length.get(length, [])
        else:
            starts = {word[:1], word[1:2]}
            for length in lengths:
                for start in starts:
                    nearby += self._by_start.get((start, length), [])
        found = process.extract(word, nearby, scorer=OSA.distance, score_cutoff=edits, limit=None)
        ranked = sorted(
            (distance, -self._counts[term], term) for term, distance, _ in found if term != word
        )
        return [(Term(term, -count), int(distance)) for distance, count, term in ranked[:limit]]

    def _most_frequent(self, words: list[str], limit: int) -> list[Term]:
        ranked = heapq.nsmallest(limit, words, key=lambda w: (-self._counts[w], w))
        return [Term(word, self._counts[word]) for word in ranked]
