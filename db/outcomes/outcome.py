"""How a document ended: the Kamer's last decision on its zaak, with the votes.

A decision reaches a document through a zaak number, three ways, most certain first:
- ``zaak``: the open data links the decision to the zaak itself (a Zaak with its Besluiten);
- ``agendapunt``: the decision's agenda item is about that one zaak only;
- ``volgorde``: the agenda item lists several zaken, and the decision's
  AgendapuntZaakBesluitVolgorde points at this one (N-th zaak of the item), or, where that
  reading makes a mover's party vote against its own motie, the N-th motie by number. The Kamer
  documents neither reading: such a candidate is accepted only when no mover's party voted
  against it (``outcome_checks``), and is never certain (``certain`` false, with the reason).
Only decisions on how a zaak ended count (votes, held, withdrawn, taken over), not steps of
procedure. Seats for and against are given only when the votes of all 150 seats are known.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Literal

from db.outcomes.checks import check_movers, member_parties
from db.query_group import QueryGroup
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
    certain: bool = True  # linked by the open data itself; false: a reading of it
    reason: str = ""  # why it is not certain, for the reader

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
            "certain": self.certain,
            "reason": self.reason,
            "votes": [vote.to_dict() for vote in self.votes],
        }


@dataclass(frozen=True)
class Ended:
    """How a document ended, for lists: the decision, and whether it is certain."""

    decision: str
    certain: bool


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


_PLACE = "linked by its place in the agenda item, a reading the open data does not document"


def _accepted(
    conn: sqlite3.Connection, candidate: _Candidate, parties: dict[str, frozenset[str]]
) -> tuple[_Candidate, str] | None:
    """``candidate`` with the reason it is not certain ("" when it is), or another reading of
    the agenda item that fits, or None when no reading fits the movers' own votes."""
    if candidate.link != "volgorde":
        return candidate, ""
    movers = _movers(conn, candidate.document)
    check = check_movers(movers, _party_votes(conn, candidate.decision.id), parties)
    if check.consistent:
        if check.checked:
            said = ", ".join(dict.fromkeys(check.voted_for))
            return candidate, f"{_PLACE}; the movers' party ({said}) voted for it"
        return candidate, f"{_PLACE}; not checked: the movers' parties are not known here"
    against = ", ".join(dict.fromkeys(check.voted_against))
    other = _by_number(conn, candidate)
    if other is not None:
        again = check_movers(movers, _party_votes(conn, other.decision.id), parties)
        if again.consistent and again.checked:
            said = ", ".join(dict.fromkeys(again.voted_for))
            return other, (
                "linked by its zaak's number among the agenda item's (its place in the item"
                f" made {against} vote against its own motie); the movers' party ({said})"
                " voted for it"
            )
    return None


def _movers(conn: sqlite3.Connection, document: str) -> list[str]:
    row = conn.execute("SELECT signatories FROM documents WHERE key = ?", (document,)).fetchone()
    signers = json.loads(row[0] or "[]") if row else []
    return [s.get("name") or "" for s in signers if (s.get("role") or "indiener") == "indiener"]


def _party_votes(conn: sqlite3.Connection, decision: str) -> dict[str, str]:
    """Party -> its vote (a party whose members split counts as neither)."""
    seen: dict[str, set[str]] = {}
    for vote in _votes(conn, decision):
        seen.setdefault(vote.party, set()).add(vote.vote)
    return {party: next(iter(v)) for party, v in seen.items() if len(v) == 1}


def _by_number(conn: sqlite3.Connection, candidate: _Candidate) -> _Candidate | None:
    """The decision of the agenda item at this motie's place when the item's zaken are taken
    in the order of their numbers (2025Z14014, 2025Z14017, …: the order the moties were
    submitted, and so of their own numbers), not in the order the item lists them."""
    item = candidate.decision.agenda_item
    zaken = [
        zaak
        for (zaak,) in conn.execute(
            "SELECT zaak FROM agenda_item_zaken WHERE agenda_item = ? ORDER BY zaak", (item,)
        )
    ]
    own = {
        zaak
        for (zaak,) in conn.execute(
            "SELECT zaak FROM document_zaken WHERE document = ?", (candidate.document,)
        )
    }
    place = next((i for i, zaak in enumerate(zaken, 1) if zaak in own), 0)
    row = conn.execute(
        "SELECT id, kind, text, method, changed FROM decisions"
        " WHERE agenda_item = ? AND decision_order = ?",
        (item, place),
    ).fetchone()
    if not place or row is None:
        return None
    id_, kind, text, method, changed = tuple(row)
    decision = Decision(id_, item, kind or "", text or "", method or "", None, (), changed or "")
    if not is_outcome(decision):
        return None
    return _Candidate(candidate.document, decision, candidate.date, "volgorde")


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


class OutcomeQueries(QueryGroup):
    """How documents ended (``library.outcomes``)."""

    def outcome(self, key: str) -> Outcome | None:
        """The last decision on ``key``'s zaak, with its votes; None when nothing is known."""
        found = _last_decisions(self.conn, "SELECT ?", key).get(key)
        # Members' parties are read only for a decision that needs checking (the scan is not
        # for every document opened).
        parties = member_parties(self.conn) if found and found.link == "volgorde" else {}
        accepted = _accepted(self.conn, found, parties) if found else None
        if accepted is None:
            return None
        candidate, reason = accepted
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
            certain=not reason,
            reason=reason,
        )

    def decisions_in(self, dossier: str) -> dict[str, Ended]:
        """How each document of ``dossier`` ended (aangenomen, verworpen, ...), for lists;
        a document whose only decision fits no reading is left out (not known)."""
        best = _last_decisions(
            self.conn, "SELECT document FROM document_dossiers WHERE dossier = ?", dossier
        )
        parties: dict[str, frozenset[str]] | None = None
        ended: dict[str, Ended] = {}
        for key, found in best.items():
            if found.link == "volgorde" and parties is None:
                parties = member_parties(self.conn)
            accepted = _accepted(self.conn, found, parties or {})
            if accepted is not None:
                candidate, reason = accepted
                words = normalise_decision(candidate.decision.kind, candidate.decision.text)
                ended[key] = Ended(words, certain=not reason)
        return ended
