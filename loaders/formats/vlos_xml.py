"""The Tweede Kamer's own report of a meeting: VLOS 2.0 (``<vlosCoreDocument>``).

The open data's ``Verslag``: a plenary or committee meeting, its activities (debates, votes)
in order, and in them who spoke, with every speech a paragraph that starts with the speaker
as the report names them. One file is one document. A plenary meeting gets the key the
Handelingen give the whole meeting ("h-tk-20242025-103"), so that a citation of it finds the
report; a committee meeting has no Handelingen of its own and gets ``vlos-tk-…``.
"""

from __future__ import annotations

import re

from lxml import etree

from loaders.chambers import BY_NAME, TWEEDE_KAMER
from loaders.debates import (
    DEBATE_KINDS,
    INTERRUPTION,
    full_name,
    speaker_label,
    speakers,
)
from loaders.errors import LoadError
from loaders.formats.xml_text import clean_text
from loaders.ids import normalize_vergaderjaar
from loaders.model import Document
from loaders.safe_xml import text_pieces
from loaders.sanitize import terminal_safe

FORMAT = "vlos-xml"
NAMESPACE = "http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0"
ROOT = f"{{{NAMESPACE}}}vlosCoreDocument"
KIND = DEBATE_KINDS[1]
_N = f"{{{NAMESPACE}}}"
# Elements that are metadata of the report, never its text.
_SKIPPED = frozenset(
    _N + name
    for name in (
        "titel onderwerp parlisid aanvangstijd eindtijd voortzetting markeertijdbegin"
        " markeertijdeind isdraad isvoorzitter sprekers zaken activiteitenindex zaal"
        " vergaderjaar vergaderingnummer datum sluiting commissies"
    ).split()
)
_SPEECHES = frozenset({_N + "woordvoerder", _N + "interrumpant"})
_LABEL = re.compile(r"^[^:]{2,90}:$")  # an alineaitem that is only "Mevrouw Dobbe (SP):"
# Activities that are the meeting's frame, not what it was about.
_FRAME = frozenset({"Opening", "Mededelingen", "Sluiting", "Regeling van werkzaamheden"})


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return element.find(_N + name)


def _text(element: etree._Element | None) -> str:
    """The element's text in one line. Some reports were reflowed (an element on a line of
    its own): the spaces that added before punctuation and inside brackets go."""
    if element is None:
        return ""
    text = clean_text("".join(text_pieces(element))).strip()
    if "( " in text or " )" in text or " :" in text or " ," in text or " ." in text:
        text = _SPACE_BEFORE.sub("", _SPACE_AFTER.sub("(", text))
    return text


_SPACE_AFTER = re.compile(r"\(\s+")
_SPACE_BEFORE = re.compile(r"\s+(?=[,.;:)])")


class _Paragraphs(list[str]):
    """The report's paragraphs; one that only repeats the one before it (the report prints an
    activity's title as its first line, and again in bold) is written once."""

    def append(self, paragraph: str) -> None:
        if not self or self[-1] != paragraph:
            super().append(paragraph)


class _Report:
    """The report's paragraphs as they are written, and the speakers met on the way."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = _Paragraphs()
        self.names: list[tuple[str, str]] = []
        self.items: list[tuple[int, str]] = []  # (paragraph index, title) of each activity

    def activity(self, element: etree._Element) -> None:
        title = _text(_child(element, "titel"))
        if title:
            self.items.append((len(self.paragraphs), title))
            self.paragraphs.append(title)
        self.walk(element, title)

    def walk(self, element: etree._Element, title: str) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _N + "tekst":
                self.text(child)
            elif tag in _SPEECHES:
                self.speech(child)
            elif tag == _N + "activiteithoofd":  # "Termijn inbreng", "Stemming …"
                heading = _text(_child(child, "titel"))
                if heading and heading != title:
                    self.paragraphs.append(heading)
                self.walk(child, title)
            elif tag == _N + "stemmingen":
                self.votes(child)
            elif tag == _N + "uitslag":
                if _text(child):
                    self.paragraphs.append(f"Uitslag: {_text(child)}.")
            elif tag != _N + "besluitvorm":
                self.walk(child, title)

    def text(self, element: etree._Element, prefix: str = "") -> None:
        """The alinea under ``element``, each a paragraph; the first one gets ``prefix``. A
        list in an alinea (the agenda: "Aan de orde is de behandeling van:" and the letters)
        keeps its items, one a line."""
        for alinea in element.iter(_N + "alinea"):
            items = [_text(item) for item in alinea.iter(_N + "alineaitem")]
            in_list = [_in_list(item, alinea) for item in alinea.iter(_N + "alineaitem")]
            if any(in_list):
                lines = [
                    f"– {text}" if listed else text
                    for text, listed in zip(items, in_list, strict=True)
                    if text
                ]
                self.paragraphs.append("\n".join(lines))
                continue
            paragraph = " ".join(item for item in items if item)
            if not paragraph:
                continue
            if prefix:
                if items and _LABEL.match(items[0]):  # the report names the speaker itself
                    paragraph = paragraph[len(items[0]) :].lstrip()
                paragraph = f"{prefix} {paragraph}".rstrip()
                prefix = ""
            self.paragraphs.append(paragraph)
        if prefix:
            self.paragraphs.append(prefix)

    def speech(self, element: etree._Element) -> None:
        person = _child(element, "spreker")
        chair = _text(_child(element, "isvoorzitter")) == "true"
        label = "De voorzitter"
        if person is not None:
            name = _text(_child(person, "verslagnaam"))
            party = _text(_child(person, "fractie"))
            function = _text(_child(person, "functie"))
            label = speaker_label(
                _text(_child(person, "aanhef")), name, party, function, chair=chair
            )
            full = full_name(_text(_child(person, "voornaam")), name)
            if not chair:
                self.names.append((full or name, party or function))
        if element.tag == _N + "interrumpant" and not chair:
            label = INTERRUPTION + label
        first = len(self.paragraphs)
        for child in element:
            tag = child.tag
            if tag == _N + "tekst":
                self.text(child, prefix=f"{label}:" if len(self.paragraphs) == first else "")
            elif tag in _SPEECHES:
                self.speech(child)
            elif isinstance(tag, str) and tag not in _SKIPPED and tag != _N + "spreker":
                self.walk(child, "")

    def votes(self, element: etree._Element) -> None:
        """How each party voted, as one paragraph per side."""
        sides: dict[str, list[str]] = {}
        for vote in element.iter(_N + "stemming"):
            party, side = _text(_child(vote, "fractie")), _text(_child(vote, "stem"))
            if party and side:
                sides.setdefault(side, []).append(party)
        for side, parties in sides.items():
            self.paragraphs.append(f"{side}: {', '.join(parties)}.")


def _in_list(item: etree._Element, alinea: etree._Element) -> bool:
    """Whether an alineaitem stands in a <lijst> of its alinea (an agenda's letters)."""
    for ancestor in item.iterancestors():
        if ancestor is alinea or ancestor.tag == _N + "alinea":
            return False
        if ancestor.tag == _N + "lijst":
            return True
    return False


def _committee_key(root: etree._Element, meeting: etree._Element, number: str, date: str) -> str:
    """What tells a committee meeting from every other: its lead committee ("fin", "jenv" for
    J&V) and its number, or, where the report numbers it 0 (every commissiedebat does), its
    date and the start of the meeting's own id."""
    committees = sorted(
        root.iter(_N + "commissie"),
        key=lambda c: (c.get("type") != "Voortouwcommissie", c.get("volgorde") or ""),
    )
    names = [_committee_slug(_text(_child(c, "afkorting"))) for c in committees]
    committee = next((name for name in names if name), "commissie")
    if number != "0":
        return f"{committee}-{number}"
    identity = re.sub(r"[^0-9a-f]", "", (meeting.get("objectid") or "").lower())[:8]
    return f"{committee}-{date.replace('-', '')}" + (f"-{identity}" if identity else "")


def _committee_slug(abbreviation: str) -> str:
    """ "J&V" -> "jenv", "EU-zaken" -> "euzaken": letters and digits, the sign spoken."""
    spoken = abbreviation.lower().replace("&", "en")
    return re.sub(r"[^a-z0-9]", "", spoken)[:12]


def read_vlos_xml(root: etree._Element, source: str) -> Document:
    """One ``Document`` (kind ``verslag``) from a parsed ``<vlosCoreDocument>``."""
    meeting = _child(root, "vergadering")
    if meeting is None:
        raise LoadError(source, "VLOS report without <vergadering>: no meeting in it")
    chamber = meeting.get("kamer") or TWEEDE_KAMER.name
    vergaderjaar = normalize_vergaderjaar(_text(_child(meeting, "vergaderjaar")))
    number = _text(_child(meeting, "vergaderingnummer"))
    date = _text(_child(meeting, "datum"))[:10]
    if not (vergaderjaar and number.isdigit() and re.fullmatch(r"\d{4}-\d\d-\d\d", date)):
        raise LoadError(source, "VLOS report without its vergaderjaar, meeting number or date")
    plenary = (meeting.get("soort") or "") == "Plenair"
    house = BY_NAME.get(chamber, TWEEDE_KAMER).code
    year = vergaderjaar.replace("-", "")
    if plenary:
        key = f"h-{house}-{year}-{number}"
    else:
        key = f"vlos-{house}-{year}-{_committee_key(root, meeting, number, date)}"

    report = _Report()
    for activity in meeting.iter(_N + "activiteit"):
        report.activity(activity)
    text = terminal_safe("\n\n".join(report.paragraphs))
    title = _text(_child(meeting, "titel"))
    debated = [
        item for _, item in report.items if item not in _FRAME and not item.startswith("Opening")
    ]
    where = "Plenaire vergadering" if plenary else "Commissievergadering"
    names = [_text(_child(c, "verslagnaam")) for c in root.iter(_N + "commissie")]
    if not plenary and names and names[0]:
        where = f"{where} van de {names[0]}"
    subject = f"{where}: {'; '.join(debated)}" if debated else where

    return Document(
        key=key,
        # The meeting's own id in the open data: what tells two reports apart (a key made
        # from them could still meet another's), and one meeting's versions alike.
        published_id=(meeting.get("objectid") or key).lower(),
        ondernummer=number,
        kind=KIND,
        title=title,
        subject=subject,
        date=date,
        vergaderjaar=vergaderjaar,
        chamber=chamber,
        signatories=speakers(report.names),
        text=text,
        source_path=source,
        source_format=FORMAT,
    )
