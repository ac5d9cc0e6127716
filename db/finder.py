"""The reference finder's ranking: what a user means by a few keystrokes.

A query is first read as a document number in any spelling ("27925 919", "kst-27925-919",
"21501-32-1740", "2025D06779"): that document comes first, then documents whose key starts
with it. Otherwise its words are matched, typo-tolerant and with diacritics folded, against
each document's subject and title, then its dossier's title, with rapidfuzz. Ghosts are
candidates too. Results carry the spans of the shown text that matched, for highlighting.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from db.library import Library
from loaders.folding import fold
from loaders.ids import canonical_key, parse_dossier, parse_reference

# A word matches a document when its best partial match scores at least this (0-100).
WORD_CUTOFF = 75
# Dossier titles are shared by hundreds of documents: a match there counts for less.
DOSSIER_PENALTY = 8


@dataclass(frozen=True)
class Result:
    """One ranked document; ``highlights`` are spans of ``shown`` that matched the query."""

    key: str
    title: str
    subject: str
    kind: str
    date: str
    dossier: str
    dossier_title: str
    ghost: bool
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


@dataclass
class _Candidates:
    keys: list[str]
    rows: list[
        tuple[str, str, str, str, str, str, bool]
    ]  # title subject kind date dossier dtitle ghost
    primary: list[str]  # folded "subject · title"
    secondary: list[str]  # folded dossier title
    document_numbers: dict[str, int]
    positions: dict[str, int]


class Finder:
    """Ranks every document and ghost of a library; built once, queried per keystroke."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._candidates = self._load()

    def _load(self) -> _Candidates:
        rows = self.library.conn.execute(
            "SELECT d.key, d.title, d.subject, d.kind, d.date, d.dossier,"
            " coalesce(s.title, ''), d.ghost, d.document_number"
            " FROM documents d LEFT JOIN dossiers s ON s.key = d.dossier ORDER BY d.key"
        ).fetchall()
        keys = [r[0] for r in rows]
        data = [
            (r[1] or "", r[2] or "", r[3] or "", r[4] or "", r[5] or "", r[6], bool(r[7]))
            for r in rows
        ]
        return _Candidates(
            keys=keys,
            rows=data,
            primary=[fold(f"{subject} · {title}") for title, subject, *_ in data],
            secondary=[fold(row[5]) for row in data],
            document_numbers={r[8].upper(): i for i, r in enumerate(rows) if r[8]},
            positions={key: i for i, key in enumerate(keys)},
        )

    def refresh(self) -> None:
        """Read the library again (after a load)."""
        self._candidates = self._load()

    def find(self, query: str, limit: int = 50) -> list[Result]:
        query = query.strip()
        if not query:
            return []
        if _is_number_query(query):  # a number finds that document, never words
            return self._by_number(query, limit)
        return self._by_words(query, limit)

    # -- numbers ----------------------------------------------------------------------------
    def _by_number(self, query: str, limit: int) -> list[Result]:
        c = self._candidates
        indexes: list[int] = []
        number = c.document_numbers.get(query.upper())
        if number is not None:
            indexes.append(number)
        key = parse_reference(query) or canonical_key(query)
        dossier = parse_dossier(query)
        if key:
            exact = self.library.resolve(key)
            if exact is not None and exact in c.positions:
                indexes.append(c.positions[exact])
            indexes += _natural(c, self._key_range(key))  # "27925 91" -> 910, 911, ...
        elif dossier:
            indexes += _natural(c, self._key_range(f"kst-{dossier}-"))
        seen: set[int] = set()
        ordered = [i for i in indexes if not (i in seen or seen.add(i))]
        return [self._result(i, 100.0 - n * 0.01, (), "") for n, i in enumerate(ordered[:limit])]

    def _key_range(self, prefix: str) -> list[int]:
        """Indexes of keys starting with ``prefix`` (keys are sorted)."""
        keys = self._candidates.keys
        start = bisect.bisect_left(keys, prefix)
        end = bisect.bisect_left(keys, prefix + "\uffff")
        return list(range(start, end))

    # -- words ------------------------------------------------------------------------------
    def _by_words(self, query: str, limit: int) -> list[Result]:
        c = self._candidates
        words = [w for w in fold(query).split() if w]
        if not words or not c.keys:
            return []
        totals: dict[int, float] = {}
        for number, word in enumerate(words):
            best = self._word_scores(word)
            if number == 0:
                totals = best
            else:  # every word must match
                totals = {i: s + best[i] for i, s in totals.items() if i in best}
        scores = {i: total / len(words) for i, total in totals.items()}
        order = sorted(scores, key=lambda i: (-scores[i], _negated_date(c.rows[i][3])))
        results = []
        for i in order[:limit]:
            shown = _shown(c.rows[i])
            highlights = _highlights(words, shown)
            if not highlights and c.rows[i][5]:  # it matched on its dossier's title
                shown = c.rows[i][5]
                highlights = _highlights(words, shown)
            results.append(self._result(i, float(scores[i]), highlights, shown))
        return results

    def _word_scores(self, word: str) -> dict[int, float]:
        """Each document's best score for one word: subject and title, else dossier title."""
        c = self._candidates
        scores: dict[int, float] = {}
        cutoff = WORD_CUTOFF
        for _, score, i in process.extract(
            word, c.secondary, scorer=fuzz.partial_ratio, limit=None, score_cutoff=cutoff
        ):
            if score - DOSSIER_PENALTY >= cutoff:
                scores[i] = score - DOSSIER_PENALTY
        for _, score, i in process.extract(
            word, c.primary, scorer=fuzz.partial_ratio, limit=None, score_cutoff=cutoff
        ):
            scores[i] = max(score, scores.get(i, 0.0))
        return scores

    def _result(
        self, i: int, score: float, highlights: tuple[tuple[int, int], ...], shown: str
    ) -> Result:
        title, subject, kind, date, dossier, dossier_title, ghost = self._candidates.rows[i]
        return Result(
            key=self._candidates.keys[i],
            title=title,
            subject=subject,
            kind=kind,
            date=date,
            dossier=dossier,
            dossier_title=dossier_title,
            ghost=ghost,
            score=score,
            shown=shown or _shown(self._candidates.rows[i]),
            highlights=highlights,
        )


def _is_number_query(query: str) -> bool:
    return bool(
        parse_reference(query)
        or canonical_key(query)
        or parse_dossier(query)
        or _DOCUMENT_NUMBER.fullmatch(query.strip())
    )


_DOCUMENT_NUMBER = re.compile(r"\d{4}[DZ]\d{5}", re.I)


def _shown(row: tuple[str, str, str, str, str, str, bool]) -> str:
    """The line a result is shown by: its subject, else its title, else its dossier's."""
    title, subject, *_, dossier_title, _ghost = row
    return subject or title or dossier_title


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


def _natural(c: _Candidates, indexes: list[int]) -> list[int]:
    def number(i: int) -> tuple[int, str]:
        tail = c.keys[i].rsplit("-", 1)[-1]
        digits = "".join(ch for ch in tail if ch.isdigit())
        return (int(digits) if digits else 0, tail)

    return sorted(indexes, key=number)
