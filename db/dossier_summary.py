"""A dossier at a glance: what it holds, how its moties ended, when it was busy, what in it
is cited most, and which dossiers it cites and is cited by. One summary for the reader's
dossier page and ``kamerlezer show DOSSIER``."""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from db.library import Library
from loaders.kinds import VOTED_ON
from loaders.published import LIST_DATE, published_numbers

MOST_CITED = 10
# Where the numbers that exist come from, as the JSON and the pages say it.
MISSING_FROM = f"the ids KOOP had published to {LIST_DATE}, and this library"
RELATED_DOSSIERS = 12


@dataclass(frozen=True)
class DossierCount:
    """A document or a dossier with how often it is cited (or cites)."""

    key: str
    title: str
    count: int


@dataclass(frozen=True)
class DossierSummary:
    dossier: str
    title: str
    documents: int  # loaded
    ghosts: int  # cited or replaced, not loaded
    by_kind: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)  # of its moties and amendementen
    # Of those, the ones that rest on a reading of the open data, not on its own link.
    outcomes_uncertain: dict[str, int] = field(default_factory=dict)
    voted_on: int = 0  # its moties and amendementen (loaded): what an outcome could be known of
    months: dict[str, int] = field(default_factory=dict)  # "2024-03": documents dated then
    first_date: str = ""
    last_date: str = ""
    most_cited: list[DossierCount] = field(default_factory=list)  # its documents
    cites: list[DossierCount] = field(default_factory=list)  # dossiers
    cited_by: list[DossierCount] = field(default_factory=list)  # dossiers
    # The numbers that exist (published to the list's date, or in the library) and are not
    # loaded, in number order: what to fetch to have the whole dossier.
    missing: list[str] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return bool(self.documents or self.ghosts or self.title)

    @property
    def outcomes_unknown(self) -> int:
        """Moties and amendementen of which the library knows no outcome."""
        return max(0, self.voted_on - sum(self.outcomes.values()))

    def to_dict(self) -> dict[str, Any]:
        """The command-line contract (DESIGN 4a)."""
        return {
            "dossier": self.dossier,
            "title": self.title,
            "documents": self.documents,
            "ghosts": self.ghosts,
            "by_kind": self.by_kind,
            "outcomes": self.outcomes,
            "outcomes_uncertain": self.outcomes_uncertain,
            "outcomes_unknown": self.outcomes_unknown,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "months": self.months,
            "most_cited": [{"key": c.key, "count": c.count} for c in self.most_cited],
            "cites": [{"dossier": c.key, "count": c.count} for c in self.cites],
            "cited_by": [{"dossier": c.key, "count": c.count} for c in self.cited_by],
            "missing": self.missing,
            "missing_from": MISSING_FROM,
        }


# The keys of the dossier's documents and ghosts.
_MEMBERS = "SELECT document FROM document_dossiers WHERE dossier = :dossier"


def summarise_dossier(library: Library, dossier: str) -> DossierSummary:
    conn = library.conn
    args = {"dossier": dossier}
    counts = conn.execute(
        f"SELECT sum(ghost = 0), sum(ghost = 1), min(nullif(CASE WHEN ghost = 0 THEN date END,"
        f" '')), max(CASE WHEN ghost = 0 THEN date END) FROM documents WHERE key IN ({_MEMBERS})",
        args,
    ).fetchone()
    by_kind = dict(
        conn.execute(
            f"SELECT coalesce(nullif(kind, ''), 'other'), count(*) FROM documents"
            f" WHERE ghost = 0 AND key IN ({_MEMBERS}) GROUP BY 1 ORDER BY 2 DESC, 1",
            args,
        ).fetchall()
    )
    months = dict(
        conn.execute(
            f"SELECT substr(date, 1, 7), count(*) FROM documents"
            f" WHERE ghost = 0 AND date != '' AND key IN ({_MEMBERS}) GROUP BY 1 ORDER BY 1",
            args,
        ).fetchall()
    )
    ended = library.outcomes.decisions_in(dossier)
    outcomes = Counter(e.decision for e in ended.values())
    uncertain = Counter(e.decision for e in ended.values() if not e.certain)
    voted_on = conn.execute(
        f"SELECT count(*) FROM documents WHERE ghost = 0 AND key IN ({_MEMBERS})"
        " AND (" + " OR ".join(f"kind LIKE :voted{i}" for i in range(len(VOTED_ON))) + ")",
        {**args, **{f"voted{i}": f"%{kind}%" for i, kind in enumerate(VOTED_ON)}},
    ).fetchone()[0]
    return DossierSummary(
        dossier=dossier,
        title=library.rows.dossier_title(dossier),
        documents=counts[0] or 0,
        ghosts=counts[1] or 0,
        by_kind=by_kind,
        outcomes=dict(outcomes.most_common()),
        outcomes_uncertain=dict(uncertain.most_common()),
        voted_on=voted_on,
        months=months,
        first_date=counts[2] or "",
        last_date=counts[3] or "",
        most_cited=_most_cited(conn, dossier),
        cites=_dossiers_cited(conn, dossier),
        cited_by=_dossiers_citing(conn, dossier),
        missing=missing_numbers(conn, dossier),
    )


def missing_numbers(conn: sqlite3.Connection, dossier: str) -> list[str]:
    """The dossier's numbers that exist and are not loaded. A number exists when KOOP had
    published it, or when the library holds it or metadata describes it; a number only cited
    may be a typo in the citing text, and does not count."""
    rows = conn.execute(
        "SELECT d.ondernummer, d.ghost, EXISTS (SELECT 1 FROM document_metadata m"
        " WHERE m.key = d.key) FROM documents d WHERE d.dossier = :dossier AND d.ondernummer != ''",
        {"dossier": dossier},
    ).fetchall()
    loaded = {number for number, ghost, _ in rows if not ghost}
    exist = set(published_numbers(dossier)) | {number for number, ghost, named in rows if named}
    return sorted(exist - loaded, key=number_order)


def number_order(number: str) -> tuple[int, int, str]:
    """Numbers first, in order, then the Eerste Kamer's letters (A, B, ..., AA)."""
    return (0, int(number), "") if number.isdigit() else (1, len(number), number)


def _most_cited(conn: sqlite3.Connection, dossier: str) -> list[DossierCount]:
    rows = conn.execute(
        f"SELECT c.target, coalesce(nullif(d.subject, ''), d.title, ''),"
        f" count(DISTINCT c.source) AS n FROM citations c JOIN documents d ON d.key = c.target"
        f" WHERE c.target IN ({_MEMBERS}) AND c.source != c.target"
        " GROUP BY c.target ORDER BY n DESC, c.target LIMIT :limit",
        {"dossier": dossier, "limit": MOST_CITED},
    )
    return [DossierCount(*row) for row in rows]


def _dossiers_cited(conn: sqlite3.Connection, dossier: str) -> list[DossierCount]:
    """Other dossiers the documents of ``dossier`` cite (a document or the dossier)."""
    rows = conn.execute(
        "SELECT coalesce(t.dossier, CASE WHEN c.kind = 'dossier' THEN c.target END) AS other,"
        " count(*) AS n FROM citations c LEFT JOIN documents t ON t.key = c.target"
        f" WHERE c.source IN ({_MEMBERS}) AND other IS NOT NULL AND other != :dossier"
        " GROUP BY other ORDER BY n DESC, other LIMIT :limit",
        {"dossier": dossier, "limit": RELATED_DOSSIERS},
    )
    return _titled(conn, rows.fetchall())


def _dossiers_citing(conn: sqlite3.Connection, dossier: str) -> list[DossierCount]:
    """Other dossiers whose documents cite a document of ``dossier``, or the dossier."""
    rows = conn.execute(
        "SELECT s.dossier AS other, count(*) AS n FROM citations c"
        " JOIN documents s ON s.key = c.source"
        f" WHERE (c.target IN ({_MEMBERS}) OR (c.kind = 'dossier' AND c.target = :dossier))"
        " AND s.dossier != :dossier AND s.dossier != ''"
        " GROUP BY other ORDER BY n DESC, other LIMIT :limit",
        {"dossier": dossier, "limit": RELATED_DOSSIERS},
    )
    return _titled(conn, rows.fetchall())


def _titled(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[DossierCount]:
    found = []
    for other, count in rows:
        title = conn.execute("SELECT title FROM dossiers WHERE key = ?", (other,)).fetchone()
        found.append(DossierCount(other, (title[0] or "") if title else "", count))
    return found
