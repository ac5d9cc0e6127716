"""Kamerstukken in the older KOOP format (``<kamerwrk>``, before 2009).

The header lives in ``<frontm>`` (``<vergjaar>``, ``<onderw><nummer>/<naam>``), the number in
``<stuk><nummer>``, signatures in ``<ondtek>`` and footnotes in ``<voetnoot>`` after the body.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from loaders.chambers import chamber_name
from loaders.errors import LoadError
from loaders.formats.koop_xml import (
    date_from_text,
    document_key,
    embedded_metadata,
    published_id_from_metadata,
    text_of,
)
from loaders.formats.xml_text import TextBuilder, tag_of
from loaders.ids import dossier_key, normalize_vergaderjaar
from loaders.kinds import kind_from_title
from loaders.model import Document, Dossier
from loaders.subject import subject_from_text

FORMAT = "kamerwrk-xml"
_HEADER_TAGS = frozenset({"ltrlabel", "nummer", "titel"})


def read_kamerwrk_xml(root: etree._Element, source: str) -> Document:
    """One ``Document`` from a parsed ``<kamerwrk>``."""
    stuk = root.find("body/stuk")
    if stuk is None:
        raise LoadError(source, "kamerwrk without <body><stuk>: no document")
    meta = embedded_metadata(root.find("metadata"))
    onderw = root.find("frontm/onderw")
    dossiers: list[Dossier] = []
    if onderw is not None:
        number = text_of(onderw.find("nummer"))
        if dossier_key(number):
            dossiers.append(Dossier(dossier_key(number), text_of(onderw.find("naam"))))
    ondernummer = text_of(stuk.find("nummer"))

    builder = TextBuilder()
    for child in stuk:
        if tag_of(child) and tag_of(child) not in _HEADER_TAGS:
            builder.block(child)
    for note in root.iterfind("voetnoot"):
        builder.footnote(note)
    text, marked = builder.finish()

    published_id = published_id_from_metadata(meta)
    key = document_key(published_id, dossiers, ondernummer, source)

    title = text_of(stuk.find("titel"))
    found = date_from_text(text)
    date = found.isoformat() if isinstance(found, dt.date) else ""
    vergaderjaar = normalize_vergaderjaar(text_of(root.find("frontm/vergjaar")))
    kind = kind_from_title(title)
    return Document(
        key=key,
        published_id=published_id or key,
        dossiers=dossiers,
        ondernummer=ondernummer,
        kind=kind,
        title=title,
        subject=subject_from_text(
            text, kind, dossiers[0].title if dossiers else "", title, builder.signatories
        ),
        date=date,
        vergaderjaar=vergaderjaar,
        chamber=chamber_name(number=root.get("kamer") or ""),
        signatories=builder.signatories,
        text=text,
        citations=marked,
        tables=builder.tables,
        source_path=source,
        source_format=FORMAT,
    )
