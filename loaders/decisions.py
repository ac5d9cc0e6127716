"""The Tweede Kamer's decisions and votes, as the open data gives them.

A decision (Besluit) is taken on an agenda item (Agendapunt) of an activity (Activiteit, whose
date is the date of the vote) and is about one or more zaken; a zaak number is what links it
to a document (a motie's Zaak record names its KOOP id). Votes (Stemming) are cast per party
(handopsteken, with the party's seats) or per member (hoofdelijk). Plain records, as the
loaders hand them to the library; what they mean for a document is ``db/outcomes/outcome.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TWEEDE_KAMER_SEATS = 150


@dataclass(frozen=True)
class Decision:
    """A Besluit. ``zaken`` are zaak numbers the record itself links it to (a Zaak with its
    Besluiten, a Besluit with its Zaken); without them it is linked through its agenda item.
    ``order`` is AgendapuntZaakBesluitVolgorde: which of the agenda item's zaken it is about,
    by the one reading that fits the data (not documented by the Kamer)."""

    id: str
    agenda_item: str
    kind: str  # BesluitSoort: "Stemmen - aangenomen", "Agenderen - commissiedebat", ...
    text: str  # BesluitTekst, free text: "Aangenomen. (72-71)"
    method: str  # StemmingsSoort: "Met handopsteken", "Hoofdelijk", ""
    order: int | None = None
    zaken: tuple[str, ...] = ()
    changed: str = ""  # GewijzigdOp: when the record changed, not when the vote was
    source_path: str = ""


@dataclass(frozen=True)
class AgendaItem:
    """An Agendapunt with its zaken in the order the open data lists them."""

    id: str
    activity: str
    number: str = ""
    subject: str = ""
    zaken: tuple[str, ...] = ()
    source_path: str = ""


@dataclass(frozen=True)
class Activity:
    """An Activiteit; for votes, ``date`` is the day of the stemmingen."""

    id: str
    date: str  # ISO yyyy-mm-dd
    kind: str = ""
    number: str = ""
    subject: str = ""
    source_path: str = ""


@dataclass(frozen=True)
class Vote:
    """A Stemming: a party's seats (``person`` empty) or one member's vote (hoofdelijk)."""

    id: str
    decision: str
    vote: str  # "Voor", "Tegen", "Niet deelgenomen"
    seats: int  # FractieGrootte: the party's seats at the vote
    actor: str  # the party, or the member as "Achternaam, voorletters"
    party: str  # ActorFractie, as the party was called at the vote
    person: str = ""
    party_id: str = ""
    mistaken: bool = False  # Vergissing: the party said it voted by mistake; it counts
    source_path: str = ""


@dataclass(frozen=True)
class Party:
    id: str
    short: str
    name: str = ""
    source_path: str = ""


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    source_path: str = ""


@dataclass(frozen=True)
class Deleted:
    """A tombstone (``Verwijderd``): the record with this id is gone at the source."""

    entity: str  # "Besluit", "Stemming", ...
    id: str
    source_path: str = ""


OpenDataRecord = Decision | AgendaItem | Activity | Vote | Party | Person | Deleted

DECISIONS = (
    "aangenomen",
    "verworpen",
    "aangehouden",
    "ingetrokken",
    "gestaakt",
    "uitgesteld",
    "overgenomen",
)
# What the free text and the kind say, first match wins ("Niet aangenomen" before
# "aangenomen"; "Stemming uitgesteld (71-71)", "Aanhouden (75-75).", "Eerder ingetrokken").
_SAYS = [
    (re.compile(r"\bniet\s+aangenomen\b", re.I), "verworpen"),
    (re.compile(r"\bverworpen\b", re.I), "verworpen"),
    (re.compile(r"\baangenomen\b|\baannemen\b", re.I), "aangenomen"),
    (re.compile(r"\baan(?:ge)?houden\b", re.I), "aangehouden"),
    (re.compile(r"\bingetrokken\b|\bintrekken\b", re.I), "ingetrokken"),
    (re.compile(r"\bgestaakt\b|\bstaken\b", re.I), "gestaakt"),
    (re.compile(r"\buitgesteld\b|\buitstellen\b", re.I), "uitgesteld"),
    (re.compile(r"\bovergenomen\b", re.I), "overgenomen"),
]


def normalise_decision(kind: str, text: str) -> str:
    """aangenomen, verworpen, ... from the free text, else from the kind; the text as it is
    when neither says one of them."""
    for said in (text, kind.partition(" - ")[2] or kind):
        for pattern, decision in _SAYS:
            if pattern.search(said):
                return decision
    return " ".join(text.split())


def is_outcome(decision: Decision) -> bool:
    """A decision on how a zaak ended (a vote, held, withdrawn, taken over), not a step of
    procedure ("Agenderen - commissiedebat", "Ingediend", "In handen van commissie")."""
    kind = decision.kind.strip().lower()
    if kind.startswith("stemmen") or kind == "overgenomen":
        return True
    if kind.startswith(("aanhouden", "agenderen", "betrek", "inbreng", "in handen")):
        return False
    return bool(decision.method) and normalise_decision("", decision.text) in DECISIONS


def method_name(method: str) -> str:
    """ "Met handopsteken" -> "handopsteken", "Hoofdelijk" -> "hoofdelijk"."""
    lowered = method.strip().lower()
    if "handopsteken" in lowered:
        return "handopsteken"
    if "hoofdelijk" in lowered:
        return "hoofdelijk"
    return lowered
