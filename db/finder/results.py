"""What the finder answers: the documents it ranked, each with what of it matched, and what
it made of the query; the same records for the reader's pane and ``kamerlezer find --json``."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from db.finder.shown import Shown
from loaders.ids import split_kst_key

ABSENT = "not in the library · F fetches it"


@dataclass(frozen=True)
class Listed:
    """What the finder lists of a document: never its text."""

    key: str
    title: str
    subject: str
    kind: str
    date: str
    dossier: str
    dossier_title: str
    ghost: bool


@dataclass(frozen=True)
class Result(Listed):
    """One ranked document, and what of it matched the query."""

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
    by_number: bool = False  # read as a document's number (typed, pasted or cited)

    def to_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "results": [r.to_dict() for r in self.results],
            "unmatched": list(self.unmatched),
            "read_as": list(self.read_as),
        }


def listed_result(row: Listed, score: float, shown: Shown, matched: tuple[str, ...] = ()) -> Result:
    listed = {f.name: getattr(row, f.name) for f in fields(Listed)}
    return Result(**listed, score=score, shown=shown, matched=matched)


def absent_result(key: str) -> Result:
    split = split_kst_key(key)
    dossier = split[0] if split else ""
    return Result(key, "", "", "", "", dossier, "", True, 0.0, Shown.plain(ABSENT), absent=True)
