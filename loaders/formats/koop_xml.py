"""Kamerstukken in the current KOOP XML format (``<officiele-publicatie><kamerstuk>``).

Metadata comes in two variants: embedded ``<metadata><meta name content>`` elements, or only a
pointer to an external ``metadata.xml``; both are read, and what the document itself prints
(dossier, number, title, date) is preferred over either.
"""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from loaders.chambers import chamber_name
from loaders.dates import PLACE_AND_DATE, iso_date, parse_dutch_date
from loaders.errors import LoadError
from loaders.formats.xml_text import TextBuilder, clean_text, tag_of
from loaders.ids import (
    dossier_key,
    key_from_published_id,
    kst_key,
    normalize_vergaderjaar,
    vergaderjaar_of,
)
from loaders.kinds import kind_from_title
from loaders.model import Document, Dossier, Signatory
from loaders.safe_xml import text_pieces
from loaders.subject import source_subject, subject_from_text

FORMAT = "koop-xml"
_HEADER_TAGS = frozenset({"stuknr", "titel", "datumtekst", "kamerstukkop", "dossier"})
_MOTIE_END = re.compile(r"^en gaat over tot de orde van de dag\.?$", re.I)


def text_of(element: etree._Element | None) -> str:
    """All text under ``element``, whitespace collapsed."""
    if element is None:
        return ""
    if not len(element):
        return clean_text(element.text or "").strip()
    return clean_text(" ".join(text_pieces(element))).strip()


def embedded_metadata(block: etree._Element | None) -> dict[str, list[str]]:
    """``<meta name content>`` pairs of a ``<metadata>`` block, several values kept in order."""
    meta: dict[str, list[str]] = {}
    if block is None:
        return meta
    for element in block.iter("meta"):
        name = element.get("name") or ""
        content = (element.get("content") or "").strip()  # the parser normalized whitespace
        if name and content:
            meta.setdefault(name, []).append(content)
    return meta


def published_id_from_metadata(meta: dict[str, list[str]]) -> str:
    """The KOOP id, from ``DC.identifier`` or the external metadata URL."""
    if meta.get("DC.identifier"):
        return meta["DC.identifier"][0]
    for url in meta.get("OVERHEIDop.externMetadataRecord", []):
        match = re.search(r"/([a-z]+-[^/]+)/metadata\.xml", url)
        if match:
            return match.group(1)
    return ""


def children_by_tag(element: etree._Element) -> dict[str, etree._Element]:
    """The first child of each tag, in one pass (cheaper than a ``find`` per tag)."""
    found: dict[str, etree._Element] = {}
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in found:
            found[tag] = child
    return found


def read_dossier(element: etree._Element) -> Dossier:
    parts = children_by_tag(element)
    number_parts = children_by_tag(parts["dossiernummer"]) if "dossiernummer" in parts else {}
    number = text_of(number_parts.get("dossiernr"))
    suffix = text_of(number_parts.get("begrotingshoofdstuk", number_parts.get("raadnr")))
    rijkswet = text_of(number_parts.get("rijkswetnr"))
    if rijkswet and not rijkswet.startswith("R "):
        rijkswet = re.sub(r"^R\s*", "R ", rijkswet)
    return Dossier(dossier_key(number, suffix), text_of(parts.get("titel")), rijkswet)


def motie_indieners(text: str) -> list[Signatory]:
    """The names under a motie, after "en gaat over tot de orde van de dag."."""
    paragraphs = text.split("\n\n")
    for index, paragraph in enumerate(paragraphs):
        if _MOTIE_END.match(paragraph.strip()):
            names = [p.strip() for p in paragraphs[index + 1 :] if p.strip()]
            names = [n for n in names if len(n) < 60 and not n.startswith("[")]
            return [Signatory(name=name, role="indiener") for name in names]
    return []


def date_from_text(text: str) -> dt.date | None:
    """A letter's date, from its "Den Haag, 7 juli 2023" line."""
    for paragraph in text.split("\n\n")[:6]:
        if PLACE_AND_DATE.match(paragraph):
            return parse_dutch_date(paragraph)
    return None


def document_key(published_id: str, dossiers: list[Dossier], ondernummer: str, source: str) -> str:
    """A Kamerstuk's key: from its published id, else from its dossier and number."""
    if published_id:
        return key_from_published_id(published_id)
    if dossiers and ondernummer:
        return kst_key(dossiers[0].key, ondernummer)
    raise LoadError(source, "no document id: neither metadata nor dossier and number")


def read_koop_xml(root: etree._Element, source: str) -> Document:
    """One ``Document`` from a parsed ``<officiele-publicatie>``."""
    top = children_by_tag(root)
    kamerstuk = top.get("kamerstuk")
    if kamerstuk is None:
        kinds = ", ".join(sorted(tag for tag in top if tag != "metadata"))
        raise LoadError(source, f"officiele-publicatie without <kamerstuk> (has <{kinds}>)")
    meta = embedded_metadata(top.get("metadata"))
    parts = children_by_tag(kamerstuk)
    stuk = parts.get("stuk")
    if stuk is None:
        raise LoadError(source, "kamerstuk without <stuk>: no document number or text")
    stuk_parts = children_by_tag(stuk)

    header = {el.get("inhoud"): text_of(el) for el in parts.get("kamerstukkop", ())}
    dossiers = [
        dossier
        for dossier in (read_dossier(el) for el in kamerstuk if el.tag == "dossier")
        if dossier.key
    ]
    if not dossiers and meta.get("OVERHEIDop.dossiernummer"):
        title = clean_text((meta.get("OVERHEIDop.dossiertitel") or [""])[0])
        dossiers = [Dossier(dossier_key(meta["OVERHEIDop.dossiernummer"][0]), title)]
    stuknr = children_by_tag(stuk_parts["stuknr"]) if "stuknr" in stuk_parts else {}
    ondernummer = (
        text_of(stuknr.get("ondernummer")) or (meta.get("OVERHEIDop.ondernummer") or [""])[0]
    )

    builder = TextBuilder()
    for child in stuk:
        if tag_of(child) and tag_of(child) not in _HEADER_TAGS:
            builder.block(child)
    text, marked = builder.finish()

    published_id = published_id_from_metadata(meta)
    key = document_key(published_id, dossiers, ondernummer, source)

    title = text_of(stuk_parts.get("titel"))
    date = ""
    date_el = stuk_parts["datumtekst"].find("datum") if "datumtekst" in stuk_parts else None
    if date_el is not None:
        date = iso_date(date_el.get("isodatum") or "")
    if not date:
        found = date_from_text(text)
        date = found.isoformat() if found else ""
    if not date:
        date = iso_date((meta.get("DCTERMS.issued") or [""])[0])

    vergaderjaar = normalize_vergaderjaar(header.get("vergaderjaar", "")) or normalize_vergaderjaar(
        (meta.get("OVERHEIDop.vergaderjaar") or [""])[0]
    )
    if not vergaderjaar and date:
        vergaderjaar = vergaderjaar_of(dt.date.fromisoformat(date))

    chamber = header.get("kameraanduiding", "").replace(" der Staten-Generaal", "")
    if not chamber:
        chamber = chamber_name(number=header.get("kamernummer", ""))

    kind = kind_from_title(title, (meta.get("DC.type") or [""])[0])
    signatories = builder.signatories or motie_indieners(text)
    if not signatories and meta.get("OVERHEIDop.indiener"):
        signatories = [Signatory(n, "indiener") for n in meta["OVERHEIDop.indiener"]]

    subject = source_subject((meta.get("OVERHEIDop.documenttitel") or [""])[0])
    if not subject:
        dossier_title = dossiers[0].title if dossiers else ""
        subject = subject_from_text(text, kind, dossier_title, title, signatories)

    return Document(
        key=key,
        published_id=published_id or key,
        dossiers=dossiers,
        ondernummer=ondernummer,
        kind=kind,
        title=title,
        subject=subject,
        date=date,
        vergaderjaar=vergaderjaar,
        chamber=chamber,
        signatories=signatories,
        text=text,
        citations=marked,
        tables=builder.tables,
        source_path=source,
        source_format=FORMAT,
    )
