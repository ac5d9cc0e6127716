"""The reference finder's ranking: what a user means by a few keystrokes, among hundreds of
thousands of documents.

A query is first read as a document number in any spelling ("27925 919", "kst-27925-919",
"21501-32-1740", "h-tk-20222023-84-12", "2025D06779"): that document comes first, then those
whose key starts with it, all from the key index. Otherwise its words are matched against
each document's title, subject, dossier title and kind: narrowed first in the ``finder_fts``
word index (each word as a prefix, and as the indexed words it is a likely typo of), then a
bounded set of candidates is ranked with rapidfuzz, diacritics folded, and the spans that
matched are returned for highlighting. A query that extends the previous one is answered from
the previous candidates when those were complete, as fzf does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields

from rapidfuzz import fuzz, process

from db.library import Library
from loaders.folding import fold
from loaders.ids import canonical_key, parse_dossier, parse_reference

# A word matches a document when its best partial match scores at least this (0-100).
WORD_CUTOFF = 75
# Dossier titles are shared by many documents: a match there counts for less.
DOSSIER_PENALTY = 8
# At most this many documents are ranked per query. More means the query is still too broad
# to rank usefully (a letter or two typed): then only the newest BROAD ones are ranked.
CANDIDATES = 1000
BROAD = 300
# Indexed words a query word may be a typo of, at most, and how alike they must be.
TYPO_EXPANSIONS = 6
TYPO_CUTOFF = 80
TYPO_MIN_LENGTH = 4

_TOKEN = re.compile(r"\w+")
_DOCUMENT_NUMBER = re.compile(r"\d{4}[DZ]\d{5}", re.I)
_COLUMNS = (
    "d.rowid, d.key, d.title, d.subject, d.kind, d.date, d.dossier, coalesce(s.title, ''), d.ghost"
)
_FROM = "FROM documents d LEFT JOIN dossiers s ON s.key = d.dossier"


@dataclass(frozen=True)
class _Listed:
    """What the finder knows of a document: enough to show and rank it, never its text."""

    key: str
    title: str
    subject: str
    kind: str
    date: str
    dossier: str
    dossier_title: str
    ghost: bool


@dataclass(frozen=True)
class Result(_Listed):
    """One ranked document; ``highlights`` are spans of ``shown`` that matched the query."""

    score: float
    shown: str = ""
    highlights: tuple[tuple[int, int], ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "title": self.title,
            "subject": self.subject,
            "kind": self.kind,
            "date": self.date,
            "dossier": self.dossier,
            "ghost": self.ghost,
            "score": round(self.score, 1),
        }


@dataclass(frozen=True)
class _Candidate(_Listed):
    primary: str  # folded "subject · title"
    secondary: str  # folded dossier title
    rowid: int


@dataclass
class _LastQuery:
    words: list[str]
    candidates: list[_Candidate]
    complete: bool


class Finder:
    """Ranks every document and ghost of a library, asking the library's indexes per
    keystroke; only the index's vocabulary (for typos) is held in memory."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._vocabulary: list[str] | None = None
        self._by_length: dict[int, list[str]] = {}
        self._last: _LastQuery | None = None

    def refresh(self) -> None:
        """Forget what was read from the library (after a load)."""
        self._vocabulary = None
        self._by_length = {}
        self._last = None

    def find(self, query: str, limit: int = 50) -> list[Result]:
        query = query.strip()
        if not query:
            return []
        if is_number_query(query):  # a number finds that document, never words
            return self._by_number(query, limit)
        return self._by_words(query, limit)

    # -- numbers ----------------------------------------------------------------------------
    def _by_number(self, query: str, limit: int) -> list[Result]:
        conn = self.library.conn
        keys: list[str] = []
        row = conn.execute(
            "SELECT key FROM documents WHERE document_number = ?", (query.upper(),)
        ).fetchone()
        if row is not None:
            keys.append(row[0])
        key = parse_reference(query) or canonical_key(query)
        if key:
            exact = self.library.resolve(key)
            if exact:
                keys.append(exact)
            rows = conn.execute(
                "SELECT key FROM documents WHERE key > ? AND key < ? ORDER BY key LIMIT ?",
                (key, key + "\uffff", limit * 4),
            ).fetchall()
            keys += _natural([r[0] for r in rows])  # "27925 91" -> 910, 911, ... 919
        elif (prefix := _key_prefix(query)) and not parse_dossier(query):
            rows = conn.execute(
                "SELECT key FROM documents WHERE key >= ? AND key < ? ORDER BY key LIMIT ?",
                (prefix, prefix + "\uffff", limit * 4),
            ).fetchall()
            keys += _natural([r[0] for r in rows])
        elif dossier := parse_dossier(query):
            rows = conn.execute(
                "SELECT document FROM document_dossiers dd JOIN documents d ON d.key = dd.document"
                " WHERE dd.dossier = ? ORDER BY d.ondernummer GLOB '[0-9]*' DESC,"
                " CAST(d.ondernummer AS INTEGER), d.ondernummer LIMIT ?",
                (dossier, limit),
            ).fetchall()
            keys += [r[0] for r in rows]
        ordered = list(dict.fromkeys(keys))[:limit]
        candidates = {c.key: c for c in self._candidates_by_key(ordered)}
        return [
            _result(candidates[k], 100.0 - n * 0.01, (), "")
            for n, k in enumerate(ordered)
            if k in candidates
        ]

    # -- words ------------------------------------------------------------------------------
    def _by_words(self, query: str, limit: int) -> list[Result]:
        words = _TOKEN.findall(fold(query))
        if not words:
            return []
        last = self._last
        reused = last is not None and last.complete and last.words and _extends(words, last.words)
        if reused:
            assert last is not None
            candidates, complete = last.candidates, True
        else:
            candidates, complete = self._narrow(words)
        ranked = _rank(words, candidates)
        if reused and not ranked:  # a typo the previous words did not allow for
            candidates, complete = self._narrow(words)
            ranked = _rank(words, candidates)
        self._last = _LastQuery(words, candidates, complete)
        results = []
        for score, candidate in ranked[:limit]:
            shown = candidate.subject or candidate.title or candidate.dossier_title
            highlights = _highlights(words, shown)
            if not highlights and candidate.dossier_title:  # it matched on its dossier
                shown = candidate.dossier_title
                highlights = _highlights(words, shown)
            results.append(_result(candidate, score, highlights, shown))
        return results

    def _narrow(self, words: list[str]) -> tuple[list[_Candidate], bool]:
        """Documents with every word (as a prefix, or as a word it is a typo of), newest
        first, at most CANDIDATES; and whether that is all of them."""
        groups = []
        for word in words:
            terms = [f'"{word}"*']
            terms += [f'"{term}"' for term in self._typo_terms(word)]
            groups.append("(" + " OR ".join(terms) + ")")
        rows = self.library.conn.execute(
            "SELECT rowid FROM finder_fts WHERE finder_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            (" AND ".join(groups), CANDIDATES + 1),
        ).fetchall()
        complete = len(rows) <= CANDIDATES
        rowids = [r[0] for r in rows[: CANDIDATES if complete else BROAD]]
        return self._candidates_by_rowid(rowids), complete

    def _typo_terms(self, word: str) -> list[str]:
        if len(word) < TYPO_MIN_LENGTH or not word.isalpha():
            return []
        nearby = self._words_of_length(len(word))
        found = process.extract(
            word, nearby, scorer=fuzz.ratio, limit=TYPO_EXPANSIONS, score_cutoff=TYPO_CUTOFF
        )
        return [term for term, _score, _index in found if term != word]

    def _words_of_length(self, length: int) -> list[str]:
        """Indexed words a typo of a ``length``-letter word could be (one letter too many or
        too few, or a word still being typed)."""
        if self._vocabulary is None:
            self._vocabulary = [
                r[0] for r in self.library.conn.execute("SELECT term FROM finder_vocabulary")
            ]
            for term in self._vocabulary:
                self._by_length.setdefault(len(term), []).append(term)
        nearby: list[str] = []
        for size in range(max(1, length - 1), length + 4):
            nearby += self._by_length.get(size, [])
        return nearby

    def warm(self) -> None:
        """Read the vocabulary now rather than on the first keystroke that needs it."""
        self._words_of_length(TYPO_MIN_LENGTH)

    # -- reading candidates -----------------------------------------------------------------
    def _candidates_by_rowid(self, rowids: list[int]) -> list[_Candidate]:
        """The candidates in the order of ``rowids`` (newest first, as narrowed)."""
        found = {c.rowid: c for c in self._candidates("rowid", rowids)}
        return [found[rowid] for rowid in rowids if rowid in found]

    def _candidates_by_key(self, keys: list[str]) -> list[_Candidate]:
        return self._candidates("key", keys)

    def _candidates(self, column: str, values: list[int] | list[str]) -> list[_Candidate]:
        if not values:
            return []
        rows = self.library.conn.execute(
            f"SELECT {_COLUMNS} {_FROM} WHERE d.{column} IN (SELECT value FROM json_each(?))",
            (json.dumps(values),),
        ).fetchall()
        return [_candidate(r) for r in rows]


def is_number_query(query: str) -> bool:
    """Whether a query is a document number in some spelling (or the start of one, as it is
    being typed: "29 521, nr", "2952", "ah-tk-2024"), rather than words."""
    return bool(
        parse_reference(query)
        or canonical_key(query)
        or parse_dossier(query)
        or _DOCUMENT_NUMBER.fullmatch(query.strip())
        or _key_prefix(query)
    )


_KEY_START = re.compile(r"^(?:kst|h|ah|kv|stb|stcrt|trb|blg|nds|ag)-", re.I)
_NUMBER_TAIL = re.compile(
    r"[\s,.]*(?:(?:stuk\s+)?n(?:rs?)?\.?|l(?:e(?:t(?:t(?:e(?:r)?)?)?)?)?)?\s*$", re.I
)


def _key_prefix(query: str) -> str:
    """What keys of a number being typed start with: "29 521, nr" -> "kst-29521-",
    "2952" -> "kst-2952", "21 501-3" -> "kst-21501-3"; "" for words."""
    text = query.strip()
    if _KEY_START.match(text):
        return canonical_key(text) or text.lower()
    if not text[:1].isdigit():
        return ""
    head = _NUMBER_TAIL.sub("", text)
    if head != text and (dossier := parse_dossier(head)):  # the dossier, then "nr" begun
        return f"kst-{dossier}-"
    if dossier := parse_dossier(head):
        return f"kst-{dossier}"
    compact = re.sub(r"[\s.]", "", head)
    return f"kst-{compact}" if compact.isdigit() and len(compact) <= 5 else ""


def _candidate(row: tuple) -> _Candidate:  # type: ignore[type-arg]
    rowid, key, title, subject, kind, date, dossier, dossier_title, ghost = row
    title, subject = title or "", subject or ""
    return _Candidate(
        key,
        title,
        subject,
        kind or "",
        date or "",
        dossier or "",
        dossier_title or "",
        bool(ghost),
        fold(f"{subject} · {title} · {kind or ''}"),
        fold(dossier_title or ""),
        rowid,
    )


def _extends(words: list[str], previous: list[str]) -> bool:
    """ "vredesm" extends "vred"; "navo irak" extends "navo i"."""
    if len(words) < len(previous):
        return False
    *same, last = previous
    return words[: len(same)] == same and words[len(same)].startswith(last)


def _rank(words: list[str], candidates: list[_Candidate]) -> list[tuple[float, _Candidate]]:
    """Candidates in which every word scores at least WORD_CUTOFF, best first; among equals,
    the newest."""
    if not candidates:
        return []
    totals = _word_scores(words[0], candidates)
    for word in words[1:]:  # every word must match
        best = _word_scores(word, candidates)
        totals = {i: s + best[i] for i, s in totals.items() if i in best}
    ranked = [(total / len(words), candidates[i]) for i, total in totals.items()]
    ranked.sort(key=lambda pair: (-pair[0], _negated_date(pair[1].date)))
    return ranked


def _word_scores(word: str, candidates: list[_Candidate]) -> dict[int, float]:
    scores: dict[int, float] = {}
    secondary = [c.secondary for c in candidates]
    for _, score, i in process.extract(
        word, secondary, scorer=fuzz.partial_ratio, limit=None, score_cutoff=WORD_CUTOFF
    ):
        if score - DOSSIER_PENALTY >= WORD_CUTOFF:
            scores[i] = score - DOSSIER_PENALTY
    primary = [c.primary for c in candidates]
    for _, score, i in process.extract(
        word, primary, scorer=fuzz.partial_ratio, limit=None, score_cutoff=WORD_CUTOFF
    ):
        scores[i] = max(score, scores.get(i, 0.0))
    return scores


def _result(
    c: _Candidate, score: float, highlights: tuple[tuple[int, int], ...], shown: str
) -> Result:
    listed = {f.name: getattr(c, f.name) for f in fields(_Listed)}
    shown = shown or c.subject or c.title or c.dossier_title
    return Result(**listed, score=score, shown=shown, highlights=highlights)


def _highlights(words: list[str], shown: str) -> tuple[tuple[int, int], ...]:
    folded = fold(shown)
    spans = []
    for word in words:
        alignment = fuzz.partial_ratio_alignment(word, folded)
        if alignment is not None and alignment.score >= WORD_CUTOFF:
            spans.append((alignment.dest_start, alignment.dest_end))
    return tuple(sorted(spans))


def _negated_date(date: str) -> str:
    """Newest first, as a sort key: "2024-03-26" sorts before "2023-01-01"."""
    return "".join(chr(0x7F - ord(c)) for c in date)


def _natural(keys: list[str]) -> list[str]:
    def number(key: str) -> tuple[int, int, str]:
        tail = key.rsplit("-", 1)[-1]
        digits = "".join(ch for ch in tail if ch.isdigit())
        return (len(digits), int(digits) if digits else 0, tail)

    return sorted(keys, key=number)
