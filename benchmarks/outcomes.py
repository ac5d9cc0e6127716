"""Do the outcomes the library shows fit the movers' own votes? For every motie of the shared
corpus whose outcome the open data gives, how the party of its first signer voted on the
decision linked to it, by how the decision was linked, before the check (the decision each
link gives) and after it (what ``show --json`` says, with ``certain``).

    uv run python benchmarks/outcomes.py

Builds (once, cached under the system's temporary folder) a library of the moties corpus,
the samples' open data (decisions, votes, members) and the reports of the debates, which
name each member's party. A mover's party is known where one party is seen for the surname.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections import Counter
from pathlib import Path

from db.library import Library
from db.loading.files import load_paths
from db.outcomes.checks import member_parties, surname_key
from db.outcomes.outcome import _last_decisions, _party_votes

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = [
    SHARED / "corpora" / "moties-2023-2025.tar.xz",
    SHARED / "kamerstukken-samples" / "tk-odata-stemmingen",
    SHARED / "kamerstukken-samples" / "handelingen",
    SHARED / "acceptance" / "docs" / "vlos",
    ROOT / "tests" / "fixtures" / "debates",
]


def _library() -> Path:
    path = Path(tempfile.gettempdir()) / "kamerlezer-outcomes-benchmark.db"
    if not path.exists():
        with Library.open(path) as library:
            report = load_paths(library, [p for p in SOURCES if p.exists()])
            print(f"built {path}: {report.summary()}")
    return path


def main() -> None:
    path = _library()
    with Library.open(path, write=False) as library:
        conn = library.conn
        parties = member_parties(conn)
        raw: Counter[tuple[str, str]] = Counter()
        shown: Counter[tuple[str, str]] = Counter()
        wrong_certain: list[str] = []
        keys = [
            r[0]
            for r in conn.execute(
                "SELECT key FROM documents WHERE ghost = 0 AND kind LIKE '%motie%'"
            )
        ]
        found = _last_decisions(
            conn,
            "SELECT key FROM documents WHERE ghost = 0 AND kind LIKE '%motie%'",
        )
        for key in keys:
            candidate = found.get(key)
            mover = _first_mover(conn, key)
            known = parties.get(surname_key(mover), frozenset())
            party = next(iter(known)) if len(known) == 1 else ""
            if candidate is not None:
                vote = _party_votes(conn, candidate.decision.id).get(party, "") if party else ""
                raw[(candidate.link, _verdict(party, vote))] += 1
            outcome = library.outcomes.outcome(key)
            if outcome is None:
                if candidate is not None:
                    shown[("volgorde, rejected", "party against")] += 1
                continue
            votes = {v.party: v.vote for v in outcome.votes if not v.member}
            verdict = _verdict(party, votes.get(party, "") if party else "")
            label = f"{outcome.link}, {'certain' if outcome.certain else 'not certain'}"
            shown[(label, verdict)] += 1
            if outcome.certain and verdict == "party against":
                wrong_certain.append(key)
    print(
        f"moties: {len(keys)}; members with one known party: "
        f"{sum(1 for p in parties.values() if len(p) == 1)}"
    )
    _table("the decision each link gives (before the check)", raw)
    _table("what the library shows (after the check)", shown)
    print(
        f"certain outcomes in which a mover's party voted against: {len(wrong_certain)}"
        + (f" ({', '.join(wrong_certain[:10])})" if wrong_certain else "")
    )


def _first_mover(conn: sqlite3.Connection, key: str) -> str:
    import json

    row = conn.execute("SELECT signatories FROM documents WHERE key = ?", (key,)).fetchone()
    signers = json.loads(row[0] or "[]") if row else []
    return signers[0]["name"] if signers else ""


def _verdict(party: str, vote: str) -> str:
    if not party:
        return "party not known"
    if vote == "voor":
        return "party for"
    if vote == "tegen":
        return "party against"
    return "absent or split"


def _table(title: str, counts: Counter[tuple[str, str]]) -> None:
    print(f"\n{title}")
    links = sorted({link for link, _ in counts})
    verdicts = sorted({verdict for _, verdict in counts})
    print(f"  {'link':<24}" + "".join(f"{v:>17}" for v in verdicts))
    for link in links:
        print(f"  {link:<24}" + "".join(f"{counts[(link, v)]:>17}" for v in verdicts))


if __name__ == "__main__":
    main()
