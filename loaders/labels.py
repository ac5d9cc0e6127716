"""How a reader says a key: "29 521, nr. 446", "Handelingen II 2022/23, nr. 84, item 12",
"Stb. 2024, 88", "dossier 29 521"; the standard citation a memo uses, and where the official
page of a publication is. The keys themselves are read and made in ``loaders.ids``."""

from __future__ import annotations

import re

from loaders.chambers import EERSTE_KAMER, TWEEDE_KAMER
from loaders.ids import parse_dossier, split_kst_key
from loaders.publications import publication_of


def format_dossier(key: str) -> str:
    """The printed form a reader recognises: "29 521", "36 200 X", "21 501-32"."""
    number, _, suffix = key.partition("-")
    printed = f"{number[:-3]} {number[-3:]}" if len(number) > 3 and number.isdigit() else number
    if not suffix:
        return printed
    return f"{printed}-{suffix}" if suffix.isdigit() else f"{printed} {suffix}"


def official_url(key: str) -> str:
    """Where the official publication of a document lives ("" where there is none: see
    ``no_official_page``)."""
    return "" if no_official_page(key) else f"https://zoek.officielebekendmakingen.nl/{key}.html"


def no_official_page(key: str) -> str:
    """Why a document has no page at the official publications, or "" when it has one: the
    Handelingen publish a meeting item by item (h-tk-20242025-104-6, never h-tk-20242025-104),
    and a committee's report is the Tweede Kamer's own, not a publication."""
    parts = key.split("-")
    if parts[0] == "h" and len(parts) == 4 and len(parts[2]) == 8:
        return "the Handelingen publish a meeting item by item, not as a whole"
    if parts[0] == "vlos":
        return "a committee's report is published by the Tweede Kamer, not in the Handelingen"
    return ""


def standard_citation(key: str, vergaderjaar: str = "", chamber: str = "") -> str:
    """How a Kamerstuk is cited: "Kamerstukken II 2022/23, 29 521, nr. 455"; the Handelingen
    as "Handelingen II 2024/25, nr. 104, item 6"."""
    split = split_kst_key(key)
    if split is None:
        return reference_label(key) if key.split("-")[0] in ("h", "ah") else key
    dossier, number = split
    eerste = chamber == EERSTE_KAMER.name or (number.isalpha() and not chamber)
    roman = (EERSTE_KAMER if eerste else TWEEDE_KAMER).roman
    year = ""
    match = re.fullmatch(r"(\d{4})-(\d{4})", vergaderjaar)
    if match:
        year = f" {match.group(1)}/{match.group(2)[2:]}"
    number = number if number.isalpha() else f"nr. {number}"  # a letter stands alone: ", C"
    return f"Kamerstukken {roman}{year}, {format_dossier(dossier)}, {number}"


def reference_label(key: str) -> str:
    """How a reader says a key: "29 521, nr. 446", "Handelingen II 2022/23, nr. 84, item
    12", "Stb. 2024, 88", "dossier 29 521"."""
    split = split_kst_key(key)
    if split is not None:
        dossier, number = split
        return f"{format_dossier(dossier)}, {'letter' if number.isalpha() else 'nr.'} {number}"
    parts = key.split("-")
    if parts[0] in ("h", "ah") and len(parts) >= 4 and len(parts[2]) == 8:
        chamber = (EERSTE_KAMER if parts[1] == EERSTE_KAMER.code else TWEEDE_KAMER).roman
        year = f"{parts[2][:4]}/{parts[2][6:]}"
        name = "Handelingen" if parts[0] == "h" else "Aanhangsel Handelingen"
        tail = f", nr. {parts[3]}" + (f", item {parts[4]}" if len(parts) > 4 else "")
        return f"{name} {chamber} {year}{tail}"
    gazette = publication_of(key)
    if gazette is not None and gazette.gazette_label and len(parts) == 3:
        return f"{gazette.gazette_label} {parts[1]}, {parts[2]}"
    if parse_dossier(key) == key:
        return f"dossier {format_dossier(key)}"
    return key
