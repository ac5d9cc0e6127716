"""How a document ended, in words and as a picture of the 150 seats: for the reader's
header, its vote screen and ``kamerlezer show``.

The picture never counts on colour alone: every seat is a letter-like mark by vote (█ for,
░ against, · not taking part, a blank where the vote is not known), so it reads with
``NO_COLOR`` and on a monochrome terminal; colour only adds the party.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from db.dossier_summary import DossierSummary
from db.outcomes.outcome import CastVote, Ended, Outcome
from loaders.dates import format_dutch_date
from loaders.decisions import DECISIONS, TWEEDE_KAMER_SEATS

MARKS = {"voor": "█", "tegen": "░", "niet deelgenomen": "·"}
UNKNOWN = " "
# Outcome marks for lists (the dossier tree): adopted, rejected, and the rest.
LIST_MARKS = {
    "aangenomen": "✓",
    "verworpen": "✗",
    "aangehouden": "⏸",
    "ingetrokken": "⊘",
    "gestaakt": "=",
    "uitgesteld": "…",
    "overgenomen": "✓",
}


def list_mark(ended: Ended) -> str:
    """ "✓", or "✓?" where the outcome rests on a reading of the open data (not certain)."""
    mark = LIST_MARKS.get(ended.decision, "•")
    return mark if ended.certain else f"{mark}?"


def outcome_counts(summary: DossierSummary) -> str:
    """ "Outcomes of its 243 moties: ✓ aangenomen 3 (1 not certain), ✗ verworpen 1 · 239 not
    known in this library": what is known, how surely, and what is not."""
    known = ", ".join(
        f"{LIST_MARKS.get(k, '•')} {k} {n}"
        + (
            f" ({summary.outcomes_uncertain[k]} not certain)"
            if k in summary.outcomes_uncertain
            else ""
        )
        for k, n in summary.outcomes.items()
    )
    unknown = f"{summary.outcomes_unknown} not known in this library"
    return f"Outcomes of its {summary.voted_on} moties and amendementen: " + (
        f"{known} · {unknown}" if known else unknown
    )


VOTE_STYLES = {"voor": "green", "tegen": "red", "niet deelgenomen": "dim"}


def decision_word(outcome: Outcome) -> str:
    """ "Aangenomen", or the decision's own words when it is none of the usual ones."""
    if outcome.decision in DECISIONS:
        return outcome.decision.capitalize()
    return outcome.text or outcome.decision


def outcome_summary(outcome: Outcome) -> str:
    """ "Aangenomen · 95–55 · 14 december 2023": the decision, the seats for and against when
    every seat's vote is known, the day of the vote."""
    parts = [decision_word(outcome)]
    voor, tegen = outcome.seats("voor"), outcome.seats("tegen")
    if voor is not None and tegen is not None:
        parts.append(f"{voor}–{tegen}")
    elif outcome.votes:
        parts.append(f"votes of {outcome.seats_known} of {TWEEDE_KAMER_SEATS} seats known")
    if outcome.date:
        parts.append(format_dutch_date(outcome.date))
    if outcome.method == "hoofdelijk":
        parts.append("hoofdelijk")
    if not outcome.certain:
        parts.append("not certain: linked by the agenda's order (v says why)")
    return " · ".join(parts)


@dataclass(frozen=True)
class PartyVote:
    """A party's seats by vote, for the legend (hoofdelijk: its members counted)."""

    party: str
    seats: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.seats.values())

    @property
    def vote(self) -> str:
        """How the party voted: one vote, or "verdeeld" when its members split."""
        votes = [v for v, n in self.seats.items() if n]
        return votes[0] if len(votes) == 1 else "verdeeld"


def party_votes(votes: tuple[CastVote, ...]) -> list[PartyVote]:
    """Parties in seat order (largest first), each with its seats per vote."""
    parties: dict[str, dict[str, int]] = {}
    for vote in votes:
        seats = parties.setdefault(vote.party, {})
        seats[vote.vote] = seats.get(vote.vote, 0) + vote.seats
    ordered = sorted(parties.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    return [PartyVote(party, seats) for party, seats in ordered]


def seat_bar(outcome: Outcome, width: int) -> Text:
    """The 150 seats as one bar ``width`` cells wide (a cell a seat from 150 columns on):
    voor, then tegen, then not taking part, each in party order, neighbouring parties told
    apart by shade; seats whose vote is not known are blank at the end."""
    parties = party_votes(outcome.votes)
    blocks: list[tuple[str, list[tuple[str, int]]]] = []  # per vote: its parties' seats
    for vote in ("voor", "tegen", "niet deelgenomen"):
        members = [(p.party, p.seats[vote]) for p in parties if p.seats.get(vote)]
        if members:
            blocks.append((vote, members))
    unknown = TWEEDE_KAMER_SEATS - outcome.seats_known
    if unknown > 0:
        blocks.append(("", [("", unknown)]))
    # Shared out per vote first, so that where voor ends is where it should; then per party.
    width = min(width, TWEEDE_KAMER_SEATS)
    per_vote = _proportional([sum(n for _, n in members) for _, members in blocks], width)
    bar = Text()
    index = 0
    for (vote, members), cells in zip(blocks, per_vote, strict=True):
        for (_party, _seats), size in zip(
            members, _proportional([n for _, n in members], cells), strict=True
        ):
            mark = (ALTERNATE if index % 2 else MARKS).get(vote, UNKNOWN)
            bar.append(mark * size, style=VOTE_STYLES.get(vote, ""))
            index += 1
    return bar


ALTERNATE = {"voor": "▓", "tegen": "▒", "niet deelgenomen": "∙"}


def _proportional(sizes: list[int], cells: int) -> list[int]:
    """``cells`` shared out over ``sizes`` in proportion (largest remainders first), so
    that the bar is exactly as wide as asked."""
    total = sum(sizes) or 1
    exact = [size * cells / total for size in sizes]
    shares = [int(x) for x in exact]
    order = sorted(range(len(sizes)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in order[: cells - sum(shares)]:
        shares[i] += 1
    return shares


def majority_ruler(width: int) -> Text:
    """A line under the bar marking where a majority (76 of 150) begins."""
    cells = min(width, TWEEDE_KAMER_SEATS)
    at = round((TWEEDE_KAMER_SEATS // 2 + 1) * cells / TWEEDE_KAMER_SEATS) - 1
    label = f"▲ {TWEEDE_KAMER_SEATS // 2 + 1}: a majority"
    if at + len(label) > cells:
        label = f"{TWEEDE_KAMER_SEATS // 2 + 1}: a majority ▲"
        return Text(" " * max(0, at + 1 - len(label)) + label, style="dim")
    return Text(" " * at + label, style="dim")


def legend(outcome: Outcome) -> list[Text]:
    """One line a vote: its mark, its seats, and its parties with their seats."""
    lines = []
    parties = party_votes(outcome.votes)
    for vote, name in (("voor", "Voor"), ("tegen", "Tegen"), ("niet deelgenomen", "Absent")):
        members = [(p.party, p.seats[vote]) for p in parties if p.seats.get(vote)]
        if not members:
            continue
        line = Text(f"{MARKS[vote]} ", style=VOTE_STYLES[vote])
        line.append(f"{name} {sum(n for _, n in members)}: ", style="bold")
        line.append(" · ".join(f"{party} {seats}" for party, seats in members))
        lines.append(line)
    unknown = TWEEDE_KAMER_SEATS - outcome.seats_known
    if unknown > 0:
        lines.append(
            Text(f"  {unknown} seats: vote not in the records loaded (no totals)", style="dim")
        )
    return lines
