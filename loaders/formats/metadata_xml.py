"""KOOP ``metadata.xml`` files: the flat ``<metadata name content>`` list beside a publication.

On its own such a file tells what a document is without its text: it becomes a ghost with
metadata. Loaded with its document (in any order), it is merged into it by key.
"""

from __future__ import annotations

import re

from lxml import etree

from loaders.dates import iso_date
from loaders.debates import DEBATE_KINDS
from loaders.errors import LoadError
from loaders.formats.xml_text import clean_text
from loaders.ids import (
    dossier_key,
    key_from_published_id,
    normalize_vergaderjaar,
    parse_dossier,
    publication_id,
)
from loaders.model import ANSWERED, ASKED, Document, Dossier, Signatory
from loaders.subject import source_subject

FORMAT = "metadata-xml"


def read_metadata_fields(root: etree._Element) -> dict[str, list[str]]:
    """Every ``name``/``content`` pair, nested ones included, several values kept."""
    fields: dict[str, list[str]] = {}
    for element in root.iter("metadata", "meta"):
        name = element.get("name") or ""
        content = clean_text(element.get("content") or "").strip()
        if name and content:
            fields.setdefault(name, []).append(content)
    return fields


def document_from_fields(fields: dict[str, list[str]], source: str, fmt: str) -> Document:
    """A metadata-only record from KOOP metadata names (DC.*, OVERHEIDop.*)."""

    def first(name: str) -> str:
        return (fields.get(name) or [""])[0]

    published_id = first("DC.identifier")
    if not published_id:
        raise LoadError(source, "metadata without DC.identifier: cannot tell which document")
    dossiers = []
    if first("OVERHEIDop.dossiernummer"):
        dossiers.append(
            Dossier(
                # "33037"; in metadata_owms.xml also with its suffix: "35300-X"
                parse_dossier(first("OVERHEIDop.dossiernummer"))
                or dossier_key(first("OVERHEIDop.dossiernummer")),
                first("OVERHEIDop.dossiertitel"),
            )
        )
    documenttitel = first("OVERHEIDop.documenttitel")
    kinds = [
        v
        for v in fields.get("DC.type", [])
        if v.lower() not in ("kamerstuk", "officiële publicatie")
    ]
    chamber = first("DC.creator").replace(" der Staten-Generaal", "")
    key = key_from_published_id(published_id)
    kind = kinds[0].lower() if kinds and kinds[0].lower() != "overig" else ""
    if key.startswith("h-"):  # typed by its item ("Opening", "Hamerstukken"): a report
        kind = DEBATE_KINDS[0]
    return Document(
        key=key,
        published_id=published_id,
        dossiers=dossiers,
        # A bijlage's metadata gives its letter's number: the letter's, not the bijlage's.
        ondernummer="" if published_id.startswith("blg-") else first("OVERHEIDop.ondernummer"),
        kind=kind,
        title=first("DC.title"),
        subject=source_subject(documenttitel),
        date=iso_date(first("DCTERMS.issued") or first("DCTERMS.available")),
        vergaderjaar=normalize_vergaderjaar(first("OVERHEIDop.vergaderjaar")),
        chamber=chamber if "Kamer" in chamber else "",
        signatories=_people(fields, kinds[0].lower() if kinds else ""),
        # The Tweede Kamer's zaak of kamervragen ("2021Z09739"); the Eerste Kamer numbers
        # its own ("219200007"), which is no zaak.
        zaak_numbers=[
            n for n in fields.get("OVERHEIDop.vraagnummer", [])[:1] if _ZAAK.fullmatch(n)
        ],
        attached_to=_key_of(first("OVERHEIDop.hoofddocument")),
        answered_in=_key_of(first("OVERHEIDop.aanhangsel")),
        answers_kamervragen=_eerste_kamer_questions(published_id, first("OVERHEIDop.vraagnummer")),
        source_path=source,
        source_format=fmt,
        metadata_only=True,
    )


_ZAAK = re.compile(r"\d{4}Z\d{5}")
_EK_QUESTION_NUMBER = re.compile(r"\d{9}")


def _eerste_kamer_questions(published_id: str, number: str) -> str:
    """The kamervragen an Eerste Kamer Aanhangsel answers: the Eerste Kamer publishes its
    questions as kv-ek-<vraagnummer> (kv-ek-215160000's metadata gives vraagnummer
    215160000), as the Tweede Kamer does under its zaak number."""
    if published_id.startswith("ah-ek-") and _EK_QUESTION_NUMBER.fullmatch(number):
        return f"kv-ek-{number}"
    return ""


def _key_of(published_id: str) -> str:
    """The key of a publication the metadata names; "" for nothing, or what is no id."""
    found = publication_id(published_id) if published_id else None
    return found[0] if found else ""


def _people(fields: dict[str, list[str]], kind: str) -> list[Signatory]:
    """Who the metadata names. Of kamervragen and their answer the indieners are the members
    who asked; of an answer the ontvanger is the minister who answered."""
    asking = kind in ("antwoord", "schriftelijke vragen", "kamervragen", "mededeling")
    people = [
        Signatory(name, ASKED if asking else "indiener")
        for name in fields.get("OVERHEIDop.indiener", [])
    ]
    if kind == "antwoord":
        people += [Signatory(name, ANSWERED) for name in fields.get("OVERHEIDop.ontvanger", [])]
    return people


def read_metadata_xml(root: etree._Element, source: str) -> Document:
    """One metadata-only ``Document`` from a parsed ``<metadata_gegevens>``."""
    return document_from_fields(read_metadata_fields(root), source, FORMAT)
