"""Which documents hold a word a reader typed, where, and how closely.

A typed word stands for index words (``vocabulary.py``): itself, the words it begins (cut short,
or still being typed), its other forms (singular and plural, ``dutch_forms.py``), the compounds
it is part of, and the words it is a typo of, one edit away for words of 4 to 7 letters, two for
longer ones. Each is looked up in each field of the full-text index; a document's match for the
word is its best one, worth the field's weight times the closeness: a name or subject over the
dossier's title over the body, the word itself over a typo of it."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from dataclasses import dataclass, field

from db.compounds import part_of
from db.finder.dutch_forms import other_forms
from db.finder.vocabulary import Vocabulary, column_mask

# Where a word can match, the index columns that are, and what a match there is worth.
FIELDS: dict[str, tuple[tuple[str, ...], float]] = {
    "subject": (("title", "subject", "numbers"), 1.0),
    "name": (("names",), 1.0),
    "dossier": (("dossier_title",), 0.6),
    "body": (("text",), 0.45),
}
# The lowest weight of a field: a stand-in scaled by it scores below any exact match.
_LEAST_WEIGHT = min(weight for _, weight in FIELDS.values())
_STAND_INS = frozenset({"typo", "far typo", "compound"})
SEARCHED = "{" + " ".join(c for columns, _ in FIELDS.values() for c in columns) + "}"
# How closely an index word matches the typed one.
CLOSENESS: dict[str, float] = {
    "exact": 1.0,
    "prefix": 0.9,  # the typed word begins it
    "form": 0.85,  # the same word in the other number ("dierproeven" for "dierproef")
    "typo": 0.8,  # one edit away
    "compound": 0.75,  # the typed word is inside it
    "far typo": 0.6,  # two edits away
}
# At most this many index words of each closeness stand for a typed word, most frequent first.
EXPANSIONS = {"prefix": 24, "typo": 8, "compound": 16, "far typo": 6}
SHORT_PREFIXES = 8  # a word of one or two letters begins too many words to mean much yet
TYPO_FROM = 4  # letters: shorter words are not read as typos
FAR_TYPO_FROM = 8  # letters: from here two edits are allowed
COMPOUND_FROM = 5  # letters: shorter words are inside too many compounds
# Documents read per field and closeness of one word; beyond it, only the newest (which of
# the others hold it is asked of the index when ranking, db/finder.py). A word of a letter or
# two is still being typed and stands for common words: fewer are read for it.
CAP = 1200
SHORT_CAPS = {1: 200, 2: 400, 3: 800}


@dataclass(frozen=True)
class Match:
    """A word's best match in one document: where, and what it is worth (0..1)."""

    score: float
    field: str


@dataclass
class WordMatches:
    """Every document a typed word matches, and the index words it matched as."""

    word: str
    terms: dict[str, list[str]]  # closeness -> index words
    documents: dict[int, Match] = field(default_factory=dict)
    complete: bool = True  # False: a field held more than CAP documents for it
    # The weakest way it matched: what a document is known to hold it by when the word is
    # too common to read every document of (not complete) and it is found by an AND query.
    weakest: Match | None = None

    @property
    def known(self) -> bool:
        """Whether any index word stands for it: if not, no document has it."""
        return any(self.terms.values())

    def all_terms(self) -> set[str]:
        return {term for terms in self.terms.values() for term in terms}

    @property
    def expression(self) -> str:
        """An FTS5 expression for the documents that hold it in any field."""
        alternatives = " OR ".join(f'"{term}"' for term in sorted(self.all_terms()))
        return f"{SEARCHED} : ({alternatives})"


def expand(word: str, vocabulary: Vocabulary) -> dict[str, list[str]]:
    """The index words a typed word stands for, by closeness; empty lists for none."""
    terms: dict[str, list[str]] = {name: [] for name in CLOSENESS}
    if vocabulary.documents(word):
        terms["exact"] = [word]
    limit = EXPANSIONS["prefix"] if len(word) > 2 else SHORT_PREFIXES
    terms["prefix"] = [t.text for t in vocabulary.starting_with(word, limit)]
    seen = set(terms["prefix"])
    terms["form"] = sorted(
        f for f in other_forms(word) if vocabulary.documents(f) and f not in seen
    )
    if len(word) >= TYPO_FROM and word.isalpha():
        edits = 2 if len(word) >= FAR_TYPO_FROM else 1
        seen |= set(terms["form"])
        for term, distance in vocabulary.within_edits(word, edits, EXPANSIONS["typo"]):
            if term.text not in seen:
                terms["typo" if distance == 1 else "far typo"].append(term.text)
        terms["far typo"] = terms["far typo"][: EXPANSIONS["far typo"]]
    if len(word) >= COMPOUND_FROM and word.isalpha():
        known = vocabulary.documents
        terms["compound"] = [
            t.text
            for t in vocabulary.containing(word, EXPANSIONS["compound"] * 2)
            if part_of(word, t.text, lambda w: known(w) > 0) is not None
        ][: EXPANSIONS["compound"]]
    return terms


class WordIndex:
    """Looks typed words up in the library's full-text index, remembering the last few:
    while a query is typed, only its last word changes."""

    REMEMBERED = 32

    def __init__(self, conn: sqlite3.Connection, vocabulary: Vocabulary) -> None:
        self.conn = conn
        self.vocabulary = vocabulary
        self._remembered: OrderedDict[str, WordMatches] = OrderedDict()

    def matches(self, word: str) -> WordMatches:
        found = self._remembered.get(word)
        if found is None:
            found = self._look_up(word)
            self._remembered[word] = found
            if len(self._remembered) > self.REMEMBERED:
                self._remembered.popitem(last=False)
        else:
            self._remembered.move_to_end(word)
        return found

    def _look_up(self, word: str) -> WordMatches:
        matches = WordMatches(word, expand(word, self.vocabulary))
        documents = matches.documents
        cap = SHORT_CAPS.get(len(word), CAP)
        # Best first: a document keeps the first (best) match it is found with. A field is
        # only asked for the index words it holds.
        ways = []
        # A word the library knows is what was typed: a typo or a compound may stand in for
        # it only below every document that holds the word itself ("irak" finds Irak before
        # Iran and before a Palmhoutwrak).
        below = _LEAST_WEIGHT if matches.terms["exact"] else 1.0
        for name, (columns, weight) in FIELDS.items():
            mask = column_mask(columns)
            for closeness, terms in matches.terms.items():
                held = [t for t in terms if self.vocabulary.columns(t) & mask]
                if held:
                    scale = below if closeness in _STAND_INS else 1.0
                    ways.append((weight * CLOSENESS[closeness] * scale, name, columns, held))
        ways.sort(key=lambda way: -way[0])
        for score, name, columns, terms in ways:
            alternatives = " OR ".join(f'"{term}"' for term in terms)
            rows = self.conn.execute(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
                " ORDER BY rowid DESC LIMIT ?",
                (f"{{{' '.join(columns)}}} : ({alternatives})", cap + 1),
            ).fetchall()
            if len(rows) > cap:
                matches.complete = False
                rows = rows[:cap]
            match = Match(score, name)
            if rows:
                matches.weakest = match
            for (rowid,) in rows:
                if rowid not in documents:
                    documents[rowid] = match
        return matches
