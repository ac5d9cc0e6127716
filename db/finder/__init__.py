"""The reference finder: the document a reader means by the few things they remember of it.

A number in any spelling ("27925 919", "kst-27925-919", "2025D06779"), being typed
("29 521, nr") or pasted as it is cited ("(Kamerstuk 29 521, nr. 455).", a link) finds that
document first, from the key index; a well-formed number the library does not hold is listed
as what it names. Anything else is words: each is matched in every field a reader may
remember (subject and title, who signed it, the dossier's title, the body), with typos,
prefixes and compounds (``word_matches.py``); documents are ranked by how many of the words
they hold and how well, and a period, a kind or a dossier in the query favours or narrows
(``query.py``). The reader's finder pane and ``kamerlezer find`` ask this one class.
"""

from __future__ import annotations

import heapq
import json
from dataclasses import dataclass, replace

from db.finder.query import NumberQuery, WordQuery, is_number_query, read_query
from db.finder.results import Answer, Listed, Result, absent_result, listed_result
from db.finder.scores import overall_scores, word_scores, word_weight
from db.finder.shown import Shown, shown_for
from db.finder.vocabulary import Vocabulary
from db.finder.word_matches import FIELDS, WordIndex, WordMatches
from db.library import Library
from loaders.ids import split_kst_key
from loaders.limits import FINDER_QUERY_CHARS

__all__ = ["Answer", "Finder", "Result", "is_number_query"]

# Of documents that hold common words, at most this many (the newest) are asked for.
HOLDING = 1000
# A word held by at most this many documents picks the candidates; commoner words only rank.
SELECTIVE = 3000
# Documents a query without words (a kind, a period, a dossier) lists, newest first.
LISTED_WITHOUT_WORDS = 500
# The first this many results that matched in the body show words of it (a list shows fewer).
SNIPPETS = 20
# The kinds and dates of at most this many documents are remembered between keystrokes.
REMEMBERED_FACTS = 100_000
_UNKNOWN = ("", "")


@dataclass(frozen=True)
class _Row(Listed):
    rowid: int
    signatories: str


# "dossier 29521", "kamerstuk 36600 X": the word before a dossier's number.
class Finder:
    """Ranks every document and ghost of a library for what a reader typed, asking the
    library's indexes per keystroke; the index's vocabulary is held in memory."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._words: WordIndex | None = None
        self._dossiers: dict[str, set[int]] = {}
        self._known_facts: dict[int, tuple[str, str]] = {}
        self._size = 0

    def warm(self) -> None:
        """Read the vocabulary now rather than on the first keystroke that needs it."""
        self._word_index()

    def find(self, query: str, limit: int = 50, dossier: str = "") -> Answer:
        """The documents ``query`` means, best first; ``dossier`` is the one open in the
        reader ("nr. 455" is a document of it)."""
        text = query.strip()
        if not text:
            return Answer(query, [])
        if len(text) > FINDER_QUERY_CHARS:  # a paste gone wrong: its beginning is enough
            answer = self.find(text[:FINDER_QUERY_CHARS], limit, dossier)
            cut = f"its first {FINDER_QUERY_CHARS} characters"
            return replace(answer, query=query, read_as=(*answer.read_as, cut))
        read = read_query(text, dossier)
        if isinstance(read, WordQuery):
            return self._by_words(query, read, limit)
        # A dossier's number ("21501-02", "36600 X", "dossier 29521") may also read as a
        # document's ("21501-02": nr. 2 of 21 501): the dossier's page comes first.
        if read.dossier and (read.dossier_only or self._dossier_result(read.dossier)):
            return Answer(query, self._by_dossier(read.dossier, limit), by_number=True)
        return Answer(query, self._by_number(read, limit), by_number=True)

    # -- numbers ----------------------------------------------------------------------------
    def _by_number(self, read: NumberQuery, limit: int) -> list[Result]:
        """What a number names, or, being typed, can become ("27925 91" -> 910, 911, ...)."""
        conn = self.library.conn
        keys: list[str] = []
        if upper := read.document_number:
            rows = conn.execute(
                "SELECT key FROM documents WHERE document_number = ?"
                " UNION ALL SELECT key FROM documents WHERE zaak_numbers LIKE ?",
                (upper, f'%"{upper}"%'),
            ).fetchall()
            keys += [r[0] for r in rows]
        key = read.key
        absent = ""
        if key:
            exact = self.library.documents.resolve(key)
            if exact:
                keys.append(exact)
            elif split_kst_key(key) or not key.startswith("kst-"):
                absent = key
            rows = conn.execute(
                "SELECT key FROM documents WHERE key > ? AND key < ? ORDER BY key LIMIT ?",
                (key, key + "\uffff", limit * 4),
            ).fetchall()
            keys += _natural([r[0] for r in rows])  # "27925 91" -> 910, 911, ... 919
        elif (prefix := read.prefix) and not read.dossier:
            rows = conn.execute(
                "SELECT key FROM documents WHERE key >= ? AND key < ? ORDER BY key LIMIT ?",
                (prefix, prefix + "\uffff", limit * 4),
            ).fetchall()
            keys += _natural([r[0] for r in rows])
        elif read.dossier:
            return self._by_dossier(read.dossier, limit)
        return self._listed(keys, limit, absent, None)

    def _by_dossier(self, dossier: str, limit: int) -> list[Result]:
        """The dossier's page first (Enter opens it), then its documents by number."""
        rows = self.library.conn.execute(
            "SELECT document FROM document_dossiers dd JOIN documents d ON d.key = dd.document"
            " WHERE dd.dossier = ? ORDER BY d.ondernummer GLOB '[0-9]*' DESC,"
            " CAST(d.ondernummer AS INTEGER), d.ondernummer LIMIT ?",
            (dossier, limit),
        ).fetchall()
        return self._listed([r[0] for r in rows], limit, "", self._dossier_result(dossier))

    def _listed(
        self, keys: list[str], limit: int, absent: str, page: Result | None
    ) -> list[Result]:
        ordered = list(dict.fromkeys(keys))[:limit]
        rows_by_key = {r.key: r for r in self._rows_by("key", ordered)}
        results = [
            listed_result(
                rows_by_key[k], 100.0 - n * 0.01, Shown.plain(_shown_text(rows_by_key[k]))
            )
            for n, k in enumerate(ordered)
            if k in rows_by_key
        ]
        if absent:
            named = absent_result(absent)
            results.insert(0 if not results else len(results), named)
        if page is not None:  # the dossier itself first: Enter opens its page
            results.insert(0, page)
        return results[:limit]

    def _dossier_result(self, dossier: str) -> Result | None:
        row = self.library.conn.execute(
            "SELECT title FROM dossiers WHERE key = ?", (dossier,)
        ).fetchone()
        if row is None:
            return None
        title = row[0] or ""
        shown = f"{title} · the dossier's page" if title else "the dossier's page"
        return Result(
            dossier, title, "", "dossier", "", dossier, title, not title, 100.0, Shown.plain(shown)
        )

    # -- words ------------------------------------------------------------------------------
    def _by_words(self, query: str, read: WordQuery, limit: int) -> Answer:
        words = self._word_index()
        matches = [words.matches(word) for word in dict.fromkeys(read.words)]
        unmatched = tuple(m.word for m in matches if not m.known)
        matches = [m for m in matches if m.known and m.documents]
        in_dossier = self._dossier_rowids(read.dossier) if read.dossier else None
        if read.dossier and not in_dossier:
            unmatched += (f"dossier {read.dossier_label}",)
        weights = [self._weight(m) for m in matches]
        held: dict[str, set[int]] = {}  # of the common words: which of the pool hold them
        if matches:
            pool: set[int] | list[int] = self._pool(matches, in_dossier, held)
        else:
            pool = self._listed_without_words(read, in_dossier)
        scores = word_scores(matches, weights, pool, held)
        ranked = self._rank(read, weights, scores, limit)
        rows = {r.rowid: r for r in self._rows_by("rowid", [rowid for _, rowid in ranked])}
        snippets = [rowid for _, rowid in ranked[:SNIPPETS] if _in_body(rowid, matches)]
        texts = self._texts(snippets)
        terms = frozenset(term for m in matches for term in m.all_terms())
        results = []
        for score, rowid in ranked:
            row = rows.get(rowid)
            if row is None:
                continue
            fields = _fields_matched(rowid, matches, read, row)
            shown = shown_for(
                _shown_text(row), row.signatories, texts.get(rowid, ""), terms, fields
            )
            results.append(listed_result(row, score, shown, fields))
        return Answer(query, results, unmatched, tuple(read.readings))

    def _rank(
        self,
        read: WordQuery,
        weights: list[float],
        scores: dict[int, list[float]],
        limit: int,
    ) -> list[tuple[float, int]]:
        """The best ``limit`` documents with their scores (0..100), best first; among
        equals, the newest. ``scores`` holds each candidate's words' score and weight."""
        facts = self._facts(list(scores)) if read.kinds or read.period else {}
        scored = overall_scores(read, weights, scores, facts)
        best = heapq.nlargest(limit, scored)
        if not best:
            return []
        # Among equal scores, the newest first: read the dates of every tie at the cut.
        floor = best[-1][0]
        tied = [pair for pair in scored if pair[0] >= floor]
        facts = self._facts([rowid for _, rowid in tied])
        tied.sort(key=lambda pair: facts.get(pair[1], _UNKNOWN)[1], reverse=True)  # undated last
        tied.sort(key=lambda pair: -pair[0])  # stable: the newest first among equals
        return tied[:limit]

    def _pool(
        self,
        matches: list[WordMatches],
        in_dossier: set[int] | None,
        held: dict[str, set[int]],
    ) -> set[int]:
        """The documents worth ranking: those of the selective words; when every word is
        common, the newest that hold them all, found by the index (which intersects without
        reading every document of a common word). ``held`` gets, for each word too common to
        have been read whole, which of the pool hold it."""
        selective = [m for m in matches if m.complete and len(m.documents) <= SELECTIVE]
        common = [m for m in matches if not m.complete]
        if selective:
            pool: set[int] = set()
            for word in selective:
                pool.update(word.documents)
            anchor = " OR ".join(f"({m.expression})" for m in selective)
            for word in common:
                held[word.word] = self._holding(f"({word.expression}) AND ({anchor})")
        else:
            pool = self._holding(" AND ".join(f"({m.expression})" for m in matches))
            if not pool:  # none holds them all: those of the rarest
                pool = set(min(matches, key=lambda m: len(m.documents)).documents)
            for word in common:
                held[word.word] = pool
        if in_dossier is not None:
            pool &= in_dossier
        return pool

    def _holding(self, expression: str) -> set[int]:
        rows = self.library.conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
            " ORDER BY rowid DESC LIMIT ?",
            (expression, HOLDING),
        ).fetchall()
        return {r[0] for r in rows}

    def _weight(self, word: WordMatches) -> float:
        return word_weight(word, self._library_size())

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
        """The kind and date of documents, remembered: while a query is typed, its
        candidates come back keystroke after keystroke."""
        known = self._known_facts
        missing = [rowid for rowid in rowids if rowid not in known]
        if missing:
            if len(known) + len(missing) > REMEMBERED_FACTS:
                known.clear()
            rows = self.library.conn.execute(
                "SELECT rowid, kind, date FROM documents"
                " WHERE rowid IN (SELECT value FROM json_each(?))",
                (json.dumps(missing),),
            )
            known.update((r[0], (r[1] or "", r[2] or "")) for r in rows)
        return {rowid: known[rowid] for rowid in rowids if rowid in known}

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
                key=r[1],
                title=r[2] or "",
                subject=r[3] or "",
                kind=r[4] or "",
                date=r[5] or "",
                dossier=r[6] or "",
                dossier_title=r[7] or "",
                ghost=bool(r[8]),
                rowid=r[0],
                signatories=r[9] or "[]",
            )
            for r in rows
        ]


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


def _natural(keys: list[str]) -> list[str]:
    def number(key: str) -> tuple[int, int, str]:
        tail = key.rsplit("-", 1)[-1]
        digits = "".join(ch for ch in tail if ch.isdigit())
        return (len(digits), int(digits) if digits else 0, tail)

    return sorted(keys, key=number)
