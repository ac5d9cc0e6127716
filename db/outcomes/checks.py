"""Whether a decision linked to a motie by its position in an agenda item is the motie's own:
the open data does not say which of an item's decisions is on which zaak when the item holds
several, and reading "the N-th decision is on the N-th zaak" gave, for 18 of 69 moties, votes
in which the mover's own party voted against. A candidate is accepted only when the movers'
parties (where known) voted for it; it is never shown as certain.

A member's party comes from what the library knows: the debates ("Mevrouw Dobbe (SP)"), and
members' own votes in hoofdelijke stemmingen. A surname two parties share tells nothing.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from loaders.debates import DEBATE_KINDS
from loaders.folding import fold


@dataclass(frozen=True)
class MoverCheck:
    """How the movers' parties voted on a candidate decision."""

    voted_for: tuple[str, ...]  # parties of movers that voted for it
    voted_against: tuple[str, ...]  # parties of movers that voted against it
    unknown: tuple[str, ...]  # movers whose party is not known (or not one)

    @property
    def consistent(self) -> bool:
        return not self.voted_against

    @property
    def checked(self) -> bool:
        return bool(self.voted_for or self.voted_against)


def surname_key(name: str) -> str:
    """ "Stephan van Baarle", "Van Baarle", "Baarle, S. van" -> "baarle": the last word of the
    surname, folded, which is how moties, debates and votes all name a member."""
    name = name.split(",", 1)[0] if "," in name else name
    words = fold(name).replace("-", " ").split()
    return words[-1] if words else ""


def member_parties(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """Surname (``surname_key``) -> the parties the library has seen members of that name in."""
    seen: dict[str, set[str]] = {}
    placeholders = ", ".join("?" for _ in DEBATE_KINDS)
    rows = conn.execute(
        f"SELECT signatories FROM documents WHERE ghost = 0 AND kind IN ({placeholders})",
        tuple(DEBATE_KINDS),
    )
    for (signatories,) in rows:
        for signer in json.loads(signatories or "[]"):
            party = (signer.get("role") or "").strip()
            if party and len(party) <= 24 and " " not in party.strip():
                seen.setdefault(surname_key(signer.get("name") or ""), set()).add(party)
    for actor, party in conn.execute(
        "SELECT actor, party FROM votes WHERE person IS NOT NULL AND party IS NOT NULL"
    ):
        seen.setdefault(surname_key(actor or ""), set()).add(party)
    seen.pop("", None)
    return {name: frozenset(parties) for name, parties in seen.items()}


def check_movers(
    movers: list[str], votes: dict[str, str], parties: dict[str, frozenset[str]]
) -> MoverCheck:
    """``votes``: party -> how it voted on the candidate."""
    voted_for: list[str] = []
    voted_against: list[str] = []
    unknown: list[str] = []
    for mover in movers:
        known = parties.get(surname_key(mover), frozenset())
        if len(known) != 1:
            unknown.append(mover)
            continue
        (party,) = known
        vote = votes.get(party)
        if vote == "voor":
            voted_for.append(party)
        elif vote == "tegen":
            voted_against.append(party)
        else:
            unknown.append(mover)
    return MoverCheck(tuple(voted_for), tuple(voted_against), tuple(unknown))
