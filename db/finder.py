"""The reference finder: the document a reader means by the few things they remember of it.

A number in any spelling ("27925 919", "kst-27925-919", "2025D06779"), being typed
("29 521, nr") or pasted as it is cited ("(Kamerstuk 29 521, nr. 455).", a link) finds that
document first, from the key index; a well-formed number the library does not hold is listed
as what it names. Anything else is words: each is matched in every field a reader may
remember (subject and title, who signed it, the dossier's title, the body), with typos,
prefixes and compounds (``db/finder_words.py``); documents are ranked by how many of the words
they hold and how well, and a period, a kind or a dossier in the query favours or narrows
(``db/finder_query.py``). The reader's finder pane and ``kamerlezer find`` ask this one class.
"""

from __future__ import annotations

import heapq
import json
import math
from dataclasses import dataclass, field

from db.finder_query import (
    WordQuery,
    is_document_number,
    is_number_query,
    key_prefix,
    read_reference,
    read_words,
)
from db.finder_shown import Shown, shown_for
from db.finder_words import FIELDS, WordIndex, WordMatches
from db.library import Library
from db.vocabulary import Vocabulary
from loaders.ids import canonical_key, parse_dossier, parse_reference, split_kst_key

__all__ = ["Answer", "Finder", "Result", "is_number_query"]

# A kind or a period in the query counts like a word of this weight.
KIND_WEIGHT = 0.6
PERIOD_WEIGHT = 1.0
NEAR_PERIOD = 0.3  # a document dated within a month of the period, for a period's weight
# At most this many documents are ranked; past it, those that match the words best.
CANDIDATES = 4000
# A word held by at most this many documents picks the candidates; commoner words only rank.
SELECTIVE = 3000
# Documents a query without words (a kind, a period, a dossier) lists, newest first.
LISTED_WITHOUT_WORDS = 500
ABSENT = "not in the library · F fetches it"


@dataclass(frozen=True)
class Result:
    """One ranked document, and what of it matched the query."""

    key: str
    title: str
    subject: str
    kind: str
    date: str
    dossier: str
    dossier_title: str
    ghost: bool
    score: float
    shown: Shown = field(default_factory=Shown)
    matched: tuple[str, ...] = ()  # fields that matched: subject, name, dossier, body, kind, date
    absent: bool = False  # named by a well-formed number, but not in the library

    def to_dict(self) -> dict[str, object]:
        record: dict[str, object] = {
            "key": self.key,
            "title": self.title,
            "subject": self.subject,
            "kind": self.kind,
            "date": self.date,
            "dossier": self.dossier,
            "ghost": self.ghost,
            "score": round(self.score, 1),
            "matched": list(self.matched),
        }
        if self.absent:
            record["in_library"] = False
        if self.shown.snippet:
            record["snippet"] = self.shown.snippet
        return record


@dataclass(frozen=True)
class Answer:
    """What the finder found for a query, and what it made of the query."""

    query: str
    results: list[Result]
    unmatched: tuple[str, ...] = ()  # typed words that no document has
    read_as: tuple[str, ...] = ()  # what was read as a kind, a period, a dossier

    def to_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "results": [r.to_dict() for r in self.results],
            "unmatched": list(self.unmatched),
            "read_as": list(self.read_as),
        }


@dataclass(frozen=True)
class _Row:
    rowid: int
    key: str
    title: str
    subject: str
    kind: str
    date: str
    dossier: str
    dossier_title: str
    ghost: bool
    signatories: str


class Finder:
    """Ranks every document and ghost of a library for what a reader typed, asking the
    library's indexes per keystroke; the index's vocabulary is held in memory."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._words: WordIndex | None = None
        self._dossiers: dict[str, set[int]] = {}
        self._size = 0

    def refresh(self) -> None:
        """Forget what was read from the library (after a load)."""
        self._words = None
        self._dossiers = {}

    def warm(self) -> None:
        """Read the vocabulary now rather than on the first keystroke that needs it."""
        self._word_index()

    def find(self, query: str, limit: int = 50, dossier: str = "") -> Answer:
        """The documents ``query`` means, best first; ``dossier`` is the one open in the
        reader ("nr. 455" is a document of it)."""
        text = query.strip()
        if not text:
            return Answer(query, [])
        if reference := read_reference(text, dossier):  # as cited, pasted, or typed
            return Answer(query, self._by_number(reference, limit))
        if is_number_query(text):  # a number being typed finds what it can become
            return Answer(query, self._by_number(text, limit))
        return self._by_words(query, read_words(text), limit)

    # -- numbers ----------------------------------------------------------------------------
    def _by_number(self, query: str, limit: int) -> list[Result]:
        conn = self.library.conn
        keys: list[str] = []
        if is_document_number(query):
            upper = query.strip().upper()
            rows = conn.execute(
                "SELECT key FROM documents WHERE document_number = ?"
                " UNION ALL SELECT key FROM documents WHERE zaak_numbers LIKE ?",
                (upper, f'%"{upper}"%'),
            ).fetchall()
            keys += [r[0] for r in rows]
        key = parse_reference(query) or canonical_key(query)
        absent = ""
        if key:
            exact = self.library.resolve(key)
            if exact:
                keys.append(exact)
            elif split_kst_key(key) or not key.startswith("kst-"):
                absent = key
            rows = conn.execute(
                "SELECT key FROM documents WHERE key > ? AND key < ? ORDER BY key LIMIT ?",
                (key, key + "\uffff", limit * 4),
            ).fetchall()
            keys += _natural([r[0] for r in rows])  # "27925 91" -> 910, 911, ... 919
        elif (prefix := key_prefix(query)) and not parse_dossier(query):
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
        rows_by_key = {r.key: r for r in self._rows_by("key", ordered)}
        results = [
            _result(rows_by_key[k], 100.0 - n * 0.01, Shown.plain(_shown_text(rows_by_key[k])))
            for n, k in enumerate(ordered)
            if k in rows_by_key
        ]
        if absent:
            named = _absent(absent)
            results.insert(0 if not results else len(results), named)
        return results[:limit]

    # -- words ------------------------------------------------------------------------------
    def _by_words(self, query: str, read: WordQuery, limit: int) -> Answer:
        words = self._word_index()
        matches = [words.matches(word) for word in dict.fromkeys(read.words)]
        unmatched = tuple(m.word for m in matches if not m.known)
        matches = [m for m in matches if m.known and m.documents]
        in_dossier = self._dossier_rowids(read.dossier) if read.dossier else None
        if read.dossier and not in_dossier:
            unmatched += (f"dossier {read.dossier_label}",)
        if matches:
            candidates = _candidates(matches, in_dossier)
        else:
            candidates = self._listed_without_words(read, in_dossier)
        ranked = self._rank(read, matches, candidates, limit)
        rows = {r.rowid: r for r in self._rows_by("rowid", [rowid for _, rowid in ranked])}
        texts = self._texts([rowid for _, rowid in ranked if _in_body(rowid, matches)])
        results = []
        for score, rowid in ranked:
            row = rows.get(rowid)
            if row is None:
                continue
            fields = _fields_matched(rowid, matches, read, row)
            shown = shown_for(
                _shown_text(row), row.signatories, texts.get(rowid, ""), matches, fields
            )
            results.append(_result(row, score, shown, fields))
        return Answer(query, results, unmatched, tuple(read.readings))

    def _rank(
        self,
        read: WordQuery,
        matches: list[WordMatches],
        candidates: list[int],
        limit: int,
    ) -> list[tuple[float, int]]:
        """The best ``limit`` candidates with their scores (0..100), best first; among
        equals, the newest."""
        weights = [self._weight(m) for m in matches]
        facts = self._facts(candidates) if read.kinds or read.period else {}
        possible = sum(weights) + (KIND_WEIGHT if read.kinds else 0.0)
        possible += PERIOD_WEIGHT if read.period else 0.0
        scored: list[tuple[float, int]] = []
        for rowid in candidates:
            total, covered = 0.0, 0.0
            for weight, word in zip(weights, matches, strict=True):
                match = word.documents.get(rowid)
                if match is not None:
                    total += weight * match.score
                    covered += weight
            kind, date = facts.get(rowid, ("", ""))
            if read.kinds:
                closeness = _kind_closeness(kind, read.kinds)
                total += KIND_WEIGHT * closeness
                covered += KIND_WEIGHT * (closeness > 0)
            if read.period is not None:
                closeness = _period_closeness(date, read)
                total += PERIOD_WEIGHT * closeness
                covered += PERIOD_WEIGHT * (closeness > 0)
            coverage = covered / possible if possible else 1.0
            scored.append((100.0 * total / possible * (0.5 + 0.5 * coverage**2), rowid))
        best = heapq.nlargest(limit, scored)
        if not best:
            return []
        # Among equal scores, the newest first: read the dates of every tie at the cut.
        floor = best[-1][0]
        tied = [pair for pair in scored if pair[0] >= floor]
        dates = self._dates([rowid for _, rowid in tied])
        tied.sort(key=lambda pair: _newest_first(pair[0], dates.get(pair[1], "")))
        return tied[:limit]

    def _weight(self, word: WordMatches) -> float:
        """Rarer words say more: 1 for a word of one document, 0.5 for one of every."""
        size = self._library_size()
        held = max(1, len(word.documents)) if word.complete else size // 2
        return 0.5 + 0.5 * math.log(size / held + 1) / math.log(size + 1)

    def _library_size(self) -> int:
        if not self._size:
            row = self.library.conn.execute("SELECT max(rowid) FROM documents").fetchone()
            self._size = max(2, int(row[0] or 0))
        return self._size

    def _listed_without_words(self, read: WordQuery, in_dossier: set[int] | None) -> list[int]:
        """Candidates for a query of only a kind, a period or a dossier: of that period and
        dossier, newest first."""
        if in_dossier is not None:
            return sorted(in_dossier, reverse=True)
        if read.period is None and not read.kinds:
            return []
        clauses, parameters = [], []
        if read.period is not None:
            clauses.append("date BETWEEN ? AND ?")
            parameters += [read.period.start, read.period.end]
        if read.kinds:
            clauses.append("kind IN (SELECT value FROM json_each(?))")
            parameters.append(json.dumps(list(read.kinds)))
        rows = self.library.conn.execute(
            f"SELECT rowid FROM documents WHERE {' AND '.join(clauses)} ORDER BY date DESC LIMIT ?",
            (*parameters, LISTED_WITHOUT_WORDS),
        ).fetchall()
        return [r[0] for r in rows]

    # -- reading the library ------------------------------------------------------------------
    def _word_index(self) -> WordIndex:
        if self._words is None:
            self._words = WordIndex(self.library.conn, Vocabulary.read(self.library.conn))
            self._size = 0
        return self._words

    def _dossier_rowids(self, dossier: str) -> set[int]:
        if dossier not in self._dossiers:
            rows = self.library.conn.execute(
                "SELECT d.rowid FROM document_dossiers dd JOIN documents d ON d.key = dd.document"
                " WHERE dd.dossier = ?",
                (dossier,),
            )
            self._dossiers[dossier] = {r[0] for r in rows}
        return self._dossiers[dossier]

    def _facts(self, rowids: list[int]) -> dict[int, tuple[str, str]]:
        rows = self.library.conn.execute(
            "SELECT rowid, kind, date FROM documents"
            " WHERE rowid IN (SELECT value FROM json_each(?))",
            (json.dumps(rowids),),
        )
        return {r[0]: (r[1] or "", r[2] or "") for r in rows}

    def _dates(self, rowids: list[int]) -> dict[int, str]:
        rows = self.library.conn.execute(
            "SELECT rowid, date FROM documents WHERE rowid IN (SELECT value FROM json_each(?))",
            (json.dumps(rowids),),
        )
        return {r[0]: r[1] or "" for r in rows}

    def _texts(self, rowids: list[int]) -> dict[int, str]:
        if not rowids:
            return {}
        rows = self.library.conn.execute(
            "SELECT rowid, text FROM documents WHERE rowid IN (SELECT value FROM json_each(?))",
            (json.dumps(rowids),),
        )
        return {r[0]: r[1] or "" for r in rows}

    def _rows_by(self, column: str, values: list[int] | list[str]) -> list[_Row]:
        if not values:
            return []
        rows = self.library.conn.execute(
            "SELECT d.rowid, d.key, d.title, d.subject, d.kind, d.date, d.dossier,"
            " coalesce(s.title, ''), d.ghost, d.signatories"
            " FROM documents d LEFT JOIN dossiers s ON s.key = d.dossier"
            f" WHERE d.{column} IN (SELECT value FROM json_each(?))",
            (json.dumps(values),),
        ).fetchall()
        return [
            _Row(
                r[0],
                r[1],
                r[2] or "",
                r[3] or "",
                r[4] or "",
                r[5] or "",
                r[6] or "",
                r[7] or "",
                bool(r[8]),
                r[9] or "[]",
            )
            for r in rows
        ]


def _candidates(matches: list[WordMatches], in_dossier: set[int] | None) -> list[int]:
    """The documents worth ranking: those of the selective words (or, when every word is
    common, those that hold them all), at most CANDIDATES, best matched first."""
    selective = [m for m in matches if m.complete and len(m.documents) <= SELECTIVE]
    pool: set[int] = set()
    if selective:
        for word in selective:
            pool.update(word.documents)
    else:
        smallest = min(matches, key=lambda m: len(m.documents))
        pool = set(smallest.documents)
        for word in matches:
            held = pool.intersection(word.documents)
            if held:
                pool = held
    if in_dossier is not None:
        pool &= in_dossier
    if len(pool) <= CANDIDATES:
        return list(pool)

    def matched(rowid: int) -> float:
        return sum(m.documents[rowid].score for m in matches if rowid in m.documents)

    return heapq.nlargest(CANDIDATES, pool, key=matched)


def _kind_closeness(kind: str, kinds: tuple[str, ...]) -> float:
    if not kind or kind not in kinds:
        return 0.0
    return 1.0 if kind == kinds[0] else 0.8


def _period_closeness(date: str, read: WordQuery) -> float:
    period = read.period
    if period is None or not date:
        return 0.0
    if period.holds(date):
        return 1.0
    try:
        day = _ordinal(date)
        distance = min(abs(day - _ordinal(period.start)), abs(day - _ordinal(period.end)))
    except ValueError:
        return 0.0
    return NEAR_PERIOD if distance <= 31 else 0.0


def _ordinal(iso: str) -> int:
    from datetime import date

    return date.fromisoformat(iso[:10]).toordinal()


def _in_body(rowid: int, matches: list[WordMatches]) -> bool:
    return any((m := w.documents.get(rowid)) is not None and m.field == "body" for w in matches)


def _fields_matched(
    rowid: int, matches: list[WordMatches], read: WordQuery, row: _Row
) -> tuple[str, ...]:
    fields = {m.field for w in matches if (m := w.documents.get(rowid)) is not None}
    ordered = [name for name in FIELDS if name in fields]
    if read.kinds and row.kind in read.kinds:
        ordered.append("kind")
    if read.period is not None and read.period.holds(row.date):
        ordered.append("date")
    return tuple(ordered)


def _shown_text(row: _Row) -> str:
    return row.subject or row.title or row.dossier_title


def _result(row: _Row, score: float, shown: Shown, matched: tuple[str, ...] = ()) -> Result:
    return Result(
        row.key,
        row.title,
        row.subject,
        row.kind,
        row.date,
        row.dossier,
        row.dossier_title,
        row.ghost,
        score,
        shown,
        matched,
    )


def _absent(key: str) -> Result:
    split = split_kst_key(key)
    return Result(
        key,
        "",
        "",
        "",
        "",
        split[0] if split else "",
        "",
        True,
        0.0,
        Shown.plain(ABSENT),
        absent=True,
    )


def _newest_first(score: float, date: str) -> tuple[float, bool, str]:
    """Best first; among equals the newest, undated last: "2024-03-26" before "2023-01-01"."""
    return (-round(score, 6), not date, "".join(chr(0x7F - ord(c)) for c in date))


def _natural(keys: list[str]) -> list[str]:
    def number(key: str) -> tuple[int, int, str]:
        tail = key.rsplit("-", 1)[-1]
        digits = "".join(ch for ch in tail if ch.isdigit())
        return (len(digits), int(digits) if digits else 0, tail)

    return sorted(keys, key=number)
