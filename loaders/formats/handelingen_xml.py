"""An item of the Handelingen in KOOP XML (``<officiele-publicatie><handelingen>``).

KOOP publishes the Handelingen item by item ("h-tk-20172018-70-6": the 6th item of the 70th
meeting of 2017-2018), each with its speeches (``spreekbeurt``: ``spreker``, ``tekst``), the
moties moved (``motie``, ``motie-info``) and marked-up references (``extref``). Only the
meeting's first item prints the meeting's date; the library gives it to the others.
"""

from __future__ import annotations

from lxml import etree

from loaders.chambers import chamber_name
from loaders.dates import parse_dutch_date
from loaders.debates import DEBATE_KINDS, normalise_speaker, speakers
from loaders.errors import LoadError
from loaders.formats.koop_xml import children_by_tag, embedded_metadata, published_id_from_metadata
from loaders.formats.xml_text import TextBuilder, clean_text, tag_of
from loaders.ids import canonical_key
from loaders.labels import reference_label
from loaders.model import Document
from loaders.safe_xml import text_pieces

FORMAT = "koop-handelingen-xml"
KIND = DEBATE_KINDS[0]
_HEADER_TAGS = frozenset({"nr", "item-titel"})


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return clean_text(" ".join(text_pieces(element))).strip()


class _Speeches:
    """The item's text: every speech a paragraph that starts with its speaker."""

    def __init__(self) -> None:
        self.builder = TextBuilder(tidy=True)  # the files as found are reflowed
        self.names: list[tuple[str, str]] = []

    def walk(self, element: etree._Element) -> None:
        speaker = ""
        for child in element:
            tag = tag_of(child)
            if not tag or tag in _HEADER_TAGS:
                continue
            if tag == "spreker":
                speaker = self.speaker(child)
                continue
            before = len(self.builder.paragraphs)
            if child.find(".//spreker") is not None:
                self.walk(child)
            else:
                self.builder.block(child)
            if speaker and len(self.builder.paragraphs) > before:
                self.builder.prefix_paragraph(before, f"{speaker}: ")
                speaker = ""
        if speaker:  # a speaker who said nothing the report kept
            self.builder.paragraphs.append((f"{speaker}:", []))

    def speaker(self, element: etree._Element) -> str:
        label = normalise_speaker(_text(element))
        parts = children_by_tag(element)
        name = _text(parts.get("naam"))
        prefix = _text(parts.get("voorvoegsels"))
        party = _text(parts.get("politiek"))
        if name and name.lower() != "voorzitter":
            office = prefix if prefix.lower() not in ("de heer", "mevrouw") else ""
            self.names.append((name, party or office))
        return label


def read_handelingen_xml(root: etree._Element, source: str) -> Document:
    """One ``Document`` (kind ``handelingen``) from a parsed ``<officiele-publicatie>``
    holding ``<handelingen>``."""
    top = children_by_tag(root)
    handelingen = top["handelingen"]
    meta = embedded_metadata(top.get("metadata"))
    published_id = published_id_from_metadata(meta)
    key = canonical_key(published_id) if published_id else None
    parts = key.split("-") if key else []
    if key is None or len(parts) != 5 or parts[0] != "h" or len(parts[2]) != 8:
        raise LoadError(source, "Handelingen without its id (h-tk-vergaderjaar-meeting-item)")
    _, house, year, meeting, _item = parts

    speeches = _Speeches()
    title = ""
    date = ""
    for item in handelingen:
        tag = tag_of(item)
        if not tag:
            continue
        item_parts = children_by_tag(item)
        title = title or _text(item_parts.get("item-titel"))
        if tag == "vergadering":
            found = parse_dutch_date(_text(item_parts.get("vergaderdatum")))
            date = found.isoformat() if found else ""
            number = _text(item_parts.get("vergadering-nummer"))
            title = title or f"{number}, {_text(item_parts.get('vergaderdatum'))}".strip(", ")
            speeches.builder.block(item)
        else:
            speeches.walk(item)
    text, marked = speeches.builder.finish()
    title = title or reference_label(key)
    vergaderjaar = f"{year[:4]}-{year[4:]}"
    return Document(
        key=key,
        published_id=published_id,
        ondernummer=meeting,
        kind=KIND,
        title=title,
        date=date,
        vergaderjaar=vergaderjaar,
        chamber=chamber_name(code=house),
        signatories=speakers(speeches.names),
        text=text,
        citations=marked,
        tables=speeches.builder.tables,
        source_path=source,
        source_format=FORMAT,
    )
