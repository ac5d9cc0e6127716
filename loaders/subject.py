"""A short subject a reader recognises a document by.

The source's own subject wins (open data's ``Onderwerp``, metadata's ``documenttitel``), in the
Tweede Kamer's own short form ("Motie Dobbe over scherfvesten voor vrouwelijke militairen").
Otherwise it is made from the document's own words: a motie from who moved it and what it
asks (``loaders/motie_subject.py``), a letter from who wrote it and, where it says so, what it
informs about; a bill's documents (memorie van toelichting, verslag, nota) are known by the
bill, their dossier's title.
"""

from __future__ import annotations

import re

from loaders.model import Signatory
from loaders.motie_subject import motie_subject

MAX_LENGTH = 160

_MOTIE_CLAUSE = re.compile(
    r"^(?:verzoekt|roept|spreekt\b|draagt|besluit|vraagt|dringt|stelt vast|nodigt|spoort)\b.*",
    re.I | re.S,
)
_LIST_MARK = re.compile(r"^(?:[-–•]|\d+[.)]|[a-z][.)])\s+")
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
_REPLACES = re.compile(r"\(?t\.\s?v\.\s?v\.?\s*[\w-]+\)?\s*$", re.I)
# "Motie van het lid Dobbe over ...", "Gewijzigde motie van de leden A en B over ...".
_SOURCE_MOTIE = re.compile(
    r"^(?P<kind>(?:(?:tweede|derde)\s+)?(?:nader\s+)?(?:gewijzigde\s+)?motie|"
    r"(?:nader\s+)?(?:gewijzigd\s+)?amendement)\s+van\s+(?:het\s+lid|de\s+leden)\s+"
    r"(?P<rest>.+\s+over\s+.+)$",
    re.I | re.S,
)
_SHORT_MOTIE = re.compile(
    r"^(?:(?:tweede|derde)\s+)?(?:nader\s+)?(?:gewijzigde?\s+)?(?:motie|amendement)\s+"
    r"(?:van\s+(?:het\s+lid|de\s+leden)\s+)?(?P<who>.+?)\s+over\s+(?P<what>.+)$",
    re.I | re.S,
)
# How a letter says what it is about: "Met deze brief informeer ik u over ...".
_PURPOSE = re.compile(
    r"\b(?:met|in)\s+deze\s+brief\s+(?:\w+\s+){1,4}?(?:u|uw\s+kamer)\s+(?:graag\s+)?"
    r"(?:nader\s+)?(?:over|inzake)\s+(?P<what>[^.;:]{8,}?)(?=[.;:]|,\s|\s\(|$)"
    r"|\bhierbij\s+(?:\w+\s+){1,3}?(?:u|uw\s+kamer)\s+(?:graag\s+)?(?:over|inzake)\s+"
    r"(?P<what2>[^.;:]{8,}?)(?=[.;:]|,\s|\s\(|$)",
    re.I,
)
_TITLE_NAME_AFTER = re.compile(
    r"\b(?:ministers?|staatssecretaris(?:sen)?|commissie|minister-president)\s+(?:van|voor)\s+",
    re.I,
)
_LOWER_IN_NAMES = frozenset("en van voor de der het".split())


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


def source_subject(subject: str) -> str:
    """A source's subject in the short form: "Motie van het lid Dobbe over X" -> "Motie Dobbe
    over X"; "" when it only names the kind."""
    if not is_informative(subject):
        return ""
    subject = " ".join(subject.split())
    if match := _SOURCE_MOTIE.match(subject):
        subject = f"{match['kind'][:1].upper()}{match['kind'][1:].lower()} {match['rest']}"
    if (replaced := _REPLACES.search(subject)) and len(subject) > MAX_LENGTH:
        # What it replaces says which version this is: it stays when the rest is cut.
        tail = replaced.group(0)
        return f"{shorten(subject[: replaced.start()], MAX_LENGTH - len(tail) - 1)} {tail}"
    return shorten(subject)


def subject_from_text(
    text: str,
    kind: str = "",
    dossier_title: str = "",
    title: str = "",
    signatories: list[Signatory] | None = None,
) -> str:
    """The subject a reader would recognise the document by, from its own words."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if "motie" in kind or any(p.startswith("De Kamer,") for p in paragraphs[:2]):
        subject = motie_subject(kind, title, dictum(paragraphs), signatories or [])
        if subject:
            return shorten(subject)
    if kind and kind != "brief" and dossier_title:
        return shorten(dossier_title)
    if kind == "brief" or title.upper().startswith("BRIEF"):
        return letter_subject(title, paragraphs) or shorten(dossier_title)
    return shorten(dossier_title)


def dictum(paragraphs: list[str]) -> str:
    """What a motie asks: its "verzoekt de regering ..." paragraph, with the first item of
    a list that follows it ("verzoekt de regering:" then "- ...")."""
    for index, paragraph in enumerate(paragraphs):
        if _MOTIE_CLAUSE.match(paragraph):
            if paragraph.rstrip().endswith(":") or len(paragraph.split()) <= 3:
                following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
                return f"{paragraph.rstrip(' :')} {_LIST_MARK.sub('', following)}"
            return paragraph
    return ""


def letter_subject(title: str, paragraphs: list[str]) -> str:
    """ "Brief van de ministers van Buitenlandse Zaken en Defensie", and "over ..." where the
    letter says what it informs about."""
    who = sentence_case_title(title) if title else "Brief"
    for paragraph in paragraphs[:8]:
        if match := _PURPOSE.search(paragraph):
            what = (match["what"] or match["what2"] or "").strip()
            return shorten(f"{who} over {what}")
    return shorten(who)


def sentence_case_title(title: str) -> str:
    """A printed title in capitals as a sentence, the names of ministries and committees
    capitalised: "BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES" ->
    "Brief van de minister van Binnenlandse Zaken en Koninkrijksrelaties"."""
    text = " ".join(title.split())
    if text != text.upper():
        return text
    lowered = text.lower()
    out: list[str] = []
    at = 0
    for match in _TITLE_NAME_AFTER.finditer(lowered):
        if match.start() < at:  # inside the names already capitalised
            continue
        out.append(lowered[at : match.end()])
        end = lowered.find(",", match.end())
        end = len(lowered) if end < 0 else end
        out.append(_capitalised_words(lowered[match.end() : end]))
        at = end
    out.append(lowered[at:])
    sentence = "".join(out)
    return sentence[:1].upper() + sentence[1:]


def _capitalised_words(text: str) -> str:
    return " ".join(
        word if word in _LOWER_IN_NAMES else word[:1].upper() + word[1:] for word in text.split()
    )


def short_subject(subject: str) -> str:
    """A subject for a narrow list, where the kind is shown already: "Motie Nordkamp over
    aansluiten bij ..." -> "Nordkamp: aansluiten bij ..."."""
    match = _SHORT_MOTIE.match(subject.strip())
    if match is None:
        return subject
    return f"{match['who']}: {match['what']}"
