"""How well a document matches what the finder was asked: each word by the field it matched
in and how closely, weighed by how rare it is; a kind and a period count like words. The score
rewards coverage, so a document with every word comes first, but one word nothing has never
empties the list."""

from __future__ import annotations

import heapq
import math
from datetime import date as Date

from db.finder.query import WordQuery
from db.finder.word_matches import WordMatches

# A kind or a period in the query counts like a word of this weight.
KIND_WEIGHT = 0.6
PERIOD_WEIGHT = 1.0
NEAR_PERIOD = 0.3  # a document dated within a month of the period, for a period's weight
# At most this many documents are ranked; past it, those that match the words best.
CANDIDATES = 2000


def word_weight(word: WordMatches, library_size: int) -> float:
    """Rarer words say more: 1 for a word of one document, 0.5 for one of every."""
    held = max(1, len(word.documents)) if word.complete else library_size // 2
    return 0.5 + 0.5 * math.log(library_size / held + 1) / math.log(library_size + 1)


def overall_scores(
    read: WordQuery,
    weights: list[float],
    scores: dict[int, list[float]],
    facts: dict[int, tuple[str, str]],
) -> list[tuple[float, int]]:
    """Each candidate's score (0..100) from its words' score and weight (``scores``) and,
    from ``facts`` (kind, date), how close it is to the kind and the period asked for."""
    possible = sum(weights) + (KIND_WEIGHT if read.kinds else 0.0)
    possible += PERIOD_WEIGHT if read.period else 0.0
    scored: list[tuple[float, int]] = []
    for rowid, (total, covered) in scores.items():
        if not possible:  # only a dossier: each of its documents is what was asked
            scored.append((100.0, rowid))
            continue
        if facts:
            kind, date = facts.get(rowid, ("", ""))
            if read.kinds:
                closeness = kind_closeness(kind, read.kinds)
                total += KIND_WEIGHT * closeness
                covered += KIND_WEIGHT * (closeness > 0)
            if read.period is not None:
                closeness = period_closeness(date, read)
                total += PERIOD_WEIGHT * closeness
                covered += PERIOD_WEIGHT * (closeness > 0)
        coverage = covered / possible
        scored.append((100.0 * total / possible * (0.5 + 0.5 * coverage**2), rowid))
    return scored


def word_scores(
    matches: list[WordMatches],
    weights: list[float],
    pool: set[int] | list[int],
    held: dict[str, set[int]],
) -> dict[int, list[float]]:
    """For each document of the pool, what its words score (weighted) and weigh, the words
    being read from whichever side is smaller; at most CANDIDATES, the best scored. A common
    word scores what it weakest matched by in the documents known to hold it but not read."""
    scores = {rowid: [0.0, 0.0] for rowid in pool}
    for weight, word in zip(weights, matches, strict=True):
        documents = word.documents
        weakest = word.weakest
        if word.word in held and weakest is not None:
            for rowid in held[word.word].difference(documents):
                entry = scores.get(rowid)
                if entry is not None:
                    entry[0] += weight * weakest.score
                    entry[1] += weight
        if len(documents) < len(scores):
            for rowid, match in documents.items():
                entry = scores.get(rowid)
                if entry is not None:
                    entry[0] += weight * match.score
                    entry[1] += weight
        else:
            for rowid, entry in scores.items():
                found = documents.get(rowid)
                if found is not None:
                    entry[0] += weight * found.score
                    entry[1] += weight
    if len(scores) <= CANDIDATES:
        return scores
    return dict(heapq.nlargest(CANDIDATES, scores.items(), key=lambda item: item[1][0]))


def kind_closeness(kind: str, kinds: tuple[str, ...]) -> float:
    if not kind or kind not in kinds:
        return 0.0
    return 1.0 if kind == kinds[0] else 0.8


def period_closeness(date: str, read: WordQuery) -> float:
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
    return Date.fromisoformat(iso[:10]).toordinal()
