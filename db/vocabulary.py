"""The words of the full-text index, for finding the index words a typed word stands for:
the words it begins (a word still being typed), the compounds it is part of ("missie" in
"vredesmissie") and the words it is a typo of.

The index holds each word once, folded (lower case, no diacritics), with the number of
documents that hold it; lookups answer most frequent first, so a bounded expansion keeps the
words a reader most likely meant.
"""

from __future__ import annotations

import bisect
import sqlite3
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA


@dataclass(frozen=True)
class Term:
    """An index word and how many documents hold it."""

    text: str
    documents: int


class Vocabulary:
    """Every word of the index with its document count, read once and held in memory
    (a few MB for a library of tens of thousands of documents)."""

    def __init__(self, terms: list[tuple[str, int]]) -> None:
        terms = sorted(terms)
        self._words = [word for word, _count in terms]
        self._counts = dict(terms)
        self._by_length: dict[int, list[str]] = {}
        for word in self._words:
            self._by_length.setdefault(len(word), []).append(word)

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> Vocabulary:
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_vocabulary"
            " USING fts5vocab(main, 'documents_fts', 'row')"
        )
        return cls(
            [
                (str(term), int(count))
                for term, count in conn.execute("SELECT term, doc FROM temp.index_vocabulary")
            ]
        )

    def __len__(self) -> int:
        return len(self._words)

    def documents(self, word: str) -> int:
        """How many documents hold ``word`` (0: the index does not know it)."""
        return self._counts.get(word, 0)

    def starting_with(self, prefix: str, limit: int) -> list[Term]:
        """Words that begin with ``prefix`` (longer than it), most frequent first."""
        start = bisect.bisect_right(self._words, prefix)
        end = bisect.bisect_left(self._words, prefix + "\uffff", start)
        return self._most_frequent(self._words[start:end], limit)

    def containing(self, part: str, limit: int) -> list[Term]:
        """Words that hold ``part`` after their first letter: the compounds it ends or is
        inside of ("missie" in "vredesmissie", "navo-missie" being two words already)."""
        return self._most_frequent([w for w in self._words if part in w[1:]], limit)

    def within_edits(self, word: str, edits: int, limit: int) -> list[tuple[Term, int]]:
        """Words at most ``edits`` letters away from ``word`` (a letter added, dropped,
        changed, or two swapped), nearest and then most frequent first; not ``word`` itself."""
        nearby: list[str] = []
        for length in range(len(word) - edits, len(word) + edits + 1):
            nearby += self._by_length.get(length, [])
        found = process.extract(word, nearby, scorer=OSA.distance, score_cutoff=edits, limit=None)
        ranked = sorted(
            ((distance, -self._counts[term], term) for term, distance, _ in found if term != word)
        )
        return [(Term(term, -count), int(distance)) for distance, count, term in ranked[:limit]]

    def _most_frequent(self, words: list[str], limit: int) -> list[Term]:
        ranked = sorted(words, key=lambda w: -self._counts[w])[:limit]
        return [Term(word, self._counts[word]) for word in ranked]
