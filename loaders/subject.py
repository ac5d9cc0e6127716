"""A short subject a reader recognises a document by.

The source's own subject wins (OData ``Onderwerp``, metadata ``documenttitel``); otherwise it
is read from the text: what a motie asks ("verzoekt de regering ..."), what a letter opens with.
"""

from __future__ import annotations

import re

MAX_LENGTH = 160

_MOTIE_CLAUSE = re.compile(
    r"^(?:verzoekt|roept|spreekt (?:zich )?uit|draagt|besluit|vraagt|dringt)\b.*", re.I
)
_LETTER_FURNITURE = re.compile(
    r"^(?:Aan de (?:Voorzitter|voorzitter)|Den Haag|’s-Gravenhage|'s-Gravenhage|Geachte|"
    r"De Kamer,|gehoord de beraadslaging|Datum|Onderwerp|Kenmerk|Vergaderjaar|Nr\.)",
)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)»”])[.!?](?=\s+[A-Z«“(]|\s*$)")
_GENERIC_TITLES = frozenset(
    {
        "motie",
        "gewijzigde motie",
        "nader gewijzigde motie",
        "brief",
        "memorie van toelichting",
        "amendement",
        "verslag",
        "nota",
        "overig",
        "",
    }
)


_FOOTNOTE_MARK = re.compile(r"\[\d+\]")


def shorten(text: str, limit: int = MAX_LENGTH) -> str:
    """At most ``limit`` characters, cut at a word, with an ellipsis when cut."""
    text = " ".join(_FOOTNOTE_MARK.sub("", text).split()).strip(" ,;:")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut}…"


def is_informative(subject: str) -> bool:
    """A source subject that only names the kind ("Motie") tells the reader nothing."""
    return subject.strip().lower() not in _GENERIC_TITLES


def subject_from_text(text: str, kind: str = "", dossier_title: str = "") -> str:
    """The clause a reader would recognise the document by, from its stored text.

    A motie is known by what it asks, a letter by how it opens; a bill's documents (memorie
    van toelichting, verslag, nota) by the bill, which is their dossier's title.
    """
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if "motie" in kind or any(p.startswith("De Kamer,") for p in paragraphs[:2]):
        for paragraph in paragraphs:
            if _MOTIE_CLAUSE.match(paragraph):
                return shorten(paragraph)
    if kind and kind != "brief" and dossier_title:
        return shorten(dossier_title)
    for paragraph in paragraphs:
        if (
            _LETTER_FURNITURE.match(paragraph)
            or len(paragraph) < 25
            or paragraph.startswith("[")
            or " | " in paragraph
        ):
            continue
        end = _SENTENCE_END.search(paragraph)
        return shorten(paragraph[: end.end()] if end else paragraph)
    return shorten(dossier_title)


_MOTIE_SUBJECT = re.compile(
    r"^(?:(?:nader\s+)?gewijzigde\s+)?(?:motie|amendement)\s+van\s+(?:het\s+lid|de\s+leden)\s+"
    r"(?P<who>.+?)\s+over\s+(?P<what>.+)$",
    re.I | re.S,
)


def short_subject(subject: str) -> str:
    """A subject for a narrow list, where the kind is shown already: "Motie van het lid
    Nordkamp over aansluiten bij ..." -> "Nordkamp: aansluiten bij ..."."""
    match = _MOTIE_SUBJECT.match(subject.strip())
    if match is None:
        return subject
    return f"{match['who']}: {match['what']}"
