"""The chambers of the Staten-Generaal, by every name the sources give them: written once,
read both ways (a key's "ek" to "Eerste Kamer", a header's "2" to "Tweede Kamer", a
citation's "I" to "ek")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chamber:
    name: str  # as a document's header prints it
    code: str  # in keys: "h-tk-…", "ah-ek-…"
    number: str  # in KOOP headers (``kamer="2"``) and the open data (``Kamer: 2``)
    roman: str  # in citations: "Kamerstukken II"


CHAMBERS: tuple[Chamber, ...] = (
    Chamber("Tweede Kamer", "tk", "2", "II"),
    Chamber("Eerste Kamer", "ek", "1", "I"),
    Chamber("Verenigde Vergadering", "vv", "", ""),
    Chamber("Staten-Generaal", "sg", "sg", ""),
)
TWEEDE_KAMER, EERSTE_KAMER = CHAMBERS[0], CHAMBERS[1]
BY_NAME = {c.name: c for c in CHAMBERS}
BY_CODE = {c.code: c for c in CHAMBERS}
BY_NUMBER = {c.number: c for c in CHAMBERS if c.number}


def chamber_name(*, code: str = "", number: str = "") -> str:
    """The chamber's name from its code in a key or its number in a header; "" when unknown."""
    chamber = BY_CODE.get(code) if code else BY_NUMBER.get(number)
    return chamber.name if chamber is not None else ""


def is_eerste_kamer(label: str) -> bool:
    """Whether a citation's chamber label ("I", "EK", "Eerste Kamer", "1") means the Eerste
    Kamer; anything else, and no label, is the Tweede Kamer."""
    label = " ".join(label.split())
    return label in (EERSTE_KAMER.roman, EERSTE_KAMER.number, "EK") or label.startswith("Eerste")
