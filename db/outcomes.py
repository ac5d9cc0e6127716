"""How a document ended: the Kamer's last decision on its zaak, with the votes.

A decision reaches a document through a zaak number, three ways, most certain first:
- ``zaak``: the open data links the decision to the zaak itself (a Zaak with its Besluiten);
- ``agendapunt``: the decision's agenda item is about that one zaak only;
- ``volgorde``: the agenda item lists several zaken, and the decision's
  AgendapuntZaakBesluitVolgorde points at this one (N-th zaak of the item). The Kamer does not
  document this reading; the data fit it. An outcome linked so says so.
Only decisions on how a zaak ended count (votes, held, withdrawn, taken over), not steps of
procedure. Seats for and against are given only when the votes of all 150 seats are known.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Literal

from loaders.decisions import (
    TWEEDE_KAMER_SEATS,
    Decision,
    is_outcome,
    method_name,
    normalise_decision,
)

Link = Literal["zaak", "agendapunt", "volgorde"]
_CERTAINTY: dict[str, int] = {"zaak": 0, "agendapunt": 1, "volgorde": 2}


@dataclass(frozen=True)
class CastVote:
    """A party's seats, or one member (hoofdelijk: ``member`` set, one seat)."""

    party: str
    seats: int
    vote: str  # "voor", "tegen", "niet deelgenomen"
    member: str = ""
    mistaken: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"party": self.party, "seats": self.seats, "vote": self.vote}
        if self.member:
            data["member"] = self.member
        if self.mistaken:
            data["mistaken"] = True
        return data


@dataclass(frozen=True)
class Outcome:
    decision: str  # aangenomen, verworpen, ... or the text when it says none of them
    text: str  # the decision's own words: "Aangenomen. (72-71)"
    date: str  # of the vote (its activity), ISO; "" when unknown
    method: str  # handopsteken, hoofdelijk, or ""
    votes: tuple[CastVote, ...]
    link: Link

    @property
    def seats_known(self) -> int:
        return sum(v.seats for v in self.votes)

    @property
    def complete(self) -> bool:
        """The votes of every seat are known (a harvest can cut a vote set short)."""
        return self.seats_known == TWEEDE_KAMER_SEATS

    def seats(self, vote: str) -> int | None:
        """Seats that voted ``vote``; None unless every seat's vote is known."""
        return sum(v.seats for v in self.votes if v.vote == vote) if self.complete else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "decision": self.decision,
            "text": self.text,
            "date": self.date,
            "method": self.method,
            "for": self.seats("voor"),
            "against": self.seats("tegen"),
            "complete": self.complete,
            "link": self.link,
            "votes": [vote.to_dict() for vote in self.votes],
        }


# The decisions on the zaken of each document in ``documents`` (a query giving keys), with
# how each was linked and the date of its vote.
_CANDIDATES = """
WITH wanted(document) AS ({documents}),
zaken(document, zaak) AS (
  SELECT dz.document, dz.zaak FROM document_zaken dz WHERE dz.document IN wanted)
SELECT z.document, d.id, d.agenda_item, d.kind, d.text, d.method, d.changed,
  coalesce(a.date, '') AS date, 'zaak' AS link
FROM zaken z JOIN decision_zaken l ON l.zaak = z.zaak JOIN decisions d ON d.id = l.decision
LEFT JOIN agenda_items ai ON ai.id = d.agenda_item LEFT JOIN activities a ON a.id = ai.activity
UNION ALL
SELECT z.document, d.id, d.agenda_item, d.kind, d.text, d.method, d.changed,
  coalesce(a.date, '') AS date,
  CASE WHEN (SELECT count(*) FROM agenda_item_zaken n WHERE n.agenda_item = az.agenda_item) = 1
    THEN 'agendapunt' ELSE 'volgorde' END AS link
FROM zaken z JOIN agenda_item_zaken az ON az.zaak = z.zaak
JOIN decisions d ON d.agenda_item = az.agenda_item
LEFT JOIN agenda_items ai ON ai.id = d.agenda_item LEFT JOIN activities a ON a.id = ai.activity
WHERE NOT EXISTS (SELECT 1 FROM decision_zaken y WHERE y.decision = d.id)
  AND (d.decision_order = az.position
    OR (SELECT count(*) FROM agenda_item_zaken n WHERE n.agenda_item = az.agenda_item) = 1)
"""


@dataclass(frozen=True)
class _Candidate:
    document: str
    decision: Decision
    date: str
    link: Link


def _last_decisions(conn: sqlite3.Connection, documents: str, *args: str) -> dict[str, _Candidate]:
    """Per document, its last decision on how it ended, by the most certain link."""
    best: dict[str, _Candidate] = {}
    for row in conn.execute(_CANDIDATES.format(documents=documents), args):
        document, id_, agenda_item, kind, text, method, changed, date, link = tuple(row)
        decision = Decision(
            id_, agenda_item, kind or "", text or "", method or "", None, (), changed or ""
        )
        if not is_outcome(decision):
            continue
        candidate = _Candidate(document, decision, date or "", link)
        current = best.get(document)
        if current is None or _later(candidate, current):
            best[document] = candidate
    return best


def _later(new: _Candidate, old: _Candidate) -> bool:
    if new.decision.id == old.decision.id:
        return _CERTAINTY[new.link] < _CERTAINTY[old.link]
    return (new.date or new.decision.changed[:10], new.decision.changed) > (
        old.date or old.decision.changed[:10],
        old.decision.changed,
    )


def _votes(conn: sqlite3.Connection, decision: str) -> tuple[CastVote, ...]:
    rows = conn.execute(
        "SELECT vote, seats, actor, party, person, mistaken FROM votes WHERE decision = ?",
        (decision,),
    ).fetchall()
    votes = []
    for vote, seats, actor, party, person, mistaken in rows:
        if person:  # one member's vote
            votes.append(
                CastVote(party or "", 1, (vote or "").lower(), actor or "", bool(mistaken))
            )
        else:
            votes.append(
                CastVote(party or actor or "", seats or 0, (vote or "").lower(), "", bool(mistaken))
            )
    return tuple(sorted(votes, key=lambda v: (-v.seats, v.party, v.member)))


class OutcomeQueries:
    """How documents ended (mixed into ``Library``)."""

    conn: sqlite3.Connection

    def outcome(self, key: str) -> Outcome | None:
        """The last decision on ``key``'s zaak, with its votes; None when nothing is known."""
        candidate = _last_decisions(self.conn, "SELECT ?", key).get(key)
        if candidate is None:
            return None
        decision = candidate.decision
        votes = _votes(self.conn, decision.id)
        method = method_name(decision.method)
        if not method and votes:
            method = "hoofdelijk" if any(v.member for v in votes) else "handopsteken"
        return Outcome(
            decision=normalise_decision(decision.kind, decision.text),
            text=decision.text,
            date=candidate.date,
            method=method,
            votes=votes,
            link=candidate.link,
        )

    def decisions_in(self, dossier: str) -> dict[str, str]:
        """How each document of ``dossier`` ended (aangenomen, verworpen, ...), for lists."""
        best = _last_decisions(
            self.conn, "SELECT document FROM document_dossiers WHERE dossier = ?", dossier
        )
        return {
            key: normalise_decision(c.decision.kind, c.decision.text) for key, c in best.items()
        }
