"""Responses of the KOOP SRU search services: which publications a query found, and where
their files are.

Two versions are in use: SRU 2.0 (repository.overheid.nl, namespace
``http://docs.oasis-open.org/ns/search-ws/sruResponse``) and SRU 1.2 (zoek.officielebekend-
makingen.nl, ``http://www.loc.gov/zing/srw/``). Both carry ``gzd`` records; elements are found
by namespace URI, never by prefix, since servers choose prefixes freely. A diagnostic (an
error the service reports, sometimes with HTTP 200) is raised as ``SruDiagnostic``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from loaders.errors import LoadError
from loaders.safe_xml import parse_xml

SRU2 = "http://docs.oasis-open.org/ns/search-ws/sruResponse"
SRU12 = "http://www.loc.gov/zing/srw/"
GZD = "http://standaarden.overheid.nl/sru"
DCTERMS = "http://purl.org/dc/terms/"
DIAGNOSTIC_NAMESPACES = (
    "http://docs.oasis-open.org/ns/search-ws/diagnostic",
    "http://www.loc.gov/zing/srw/diagnostic/",
)


class SruDiagnostic(LoadError):
    """The service answered with a diagnostic instead of records."""


@dataclass(frozen=True)
class SruRecord:
    """One publication found: its id, what its metadata says, and its files by kind
    ("xml", "metadata", "pdf", ...)."""

    identifier: str
    title: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # tpmeta: dossiernummer, ondernummer, ...
    files: dict[str, str] = field(default_factory=dict)
    url: str = ""


@dataclass(frozen=True)
class SruPage:
    records: list[SruRecord]
    total: int
    next_position: int | None  # None on the last page


def parse_sru(data: bytes, source: str) -> SruPage:
    """One page of an SRU response (either version); SruDiagnostic for a reported error,
    LoadError for anything that is not an SRU response."""
    root = parse_xml(data, source)
    diagnostic = _diagnostic(root)
    if diagnostic:
        raise SruDiagnostic(source, f"the search service reports: {diagnostic}")
    namespace = etree.QName(root).namespace
    if namespace not in (SRU2, SRU12) or etree.QName(root).localname != "searchRetrieveResponse":
        raise LoadError(source, "not an SRU search response")
    total = _int(root.findtext(f"{{{namespace}}}numberOfRecords"))
    next_position = _int(root.findtext(f"{{{namespace}}}nextRecordPosition")) or None
    records = [_record(gzd) for gzd in root.iter(f"{{{GZD}}}gzd")]
    return SruPage(records, total if total is not None else len(records), next_position)


def _diagnostic(root: etree._Element) -> str:
    for namespace in DIAGNOSTIC_NAMESPACES:
        for element in root.iter(f"{{{namespace}}}diagnostic"):
            parts = [
                (element.findtext(f"{{{namespace}}}{name}") or "").strip()
                for name in ("message", "details", "uri")
            ]
            return " · ".join(part for part in parts if part) or "an unspecified error"
    return ""


def _record(gzd: etree._Element) -> SruRecord:
    identifier = ""
    title = ""
    fields: dict[str, str] = {}
    files: dict[str, str] = {}
    url = ""
    for element in gzd.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element)
        text = (element.text or "").strip()
        if name.namespace == DCTERMS and name.localname == "identifier" and not identifier:
            identifier = text
        elif name.namespace == DCTERMS and name.localname == "title" and not title:
            title = text
        elif name.localname == "itemUrl" and element.get("manifestation"):
            files[element.get("manifestation", "")] = text
        elif name.namespace == GZD and name.localname == "url":
            url = text
        elif _in_tpmeta(element) and text and name.localname not in fields:
            fields[name.localname] = text
    return SruRecord(identifier, title, fields, files, url)


def _in_tpmeta(element: etree._Element) -> bool:
    parent = element.getparent()
    return parent is not None and etree.QName(parent).localname == "tpmeta"


def _int(text: str | None) -> int | None:
    try:
        return int((text or "").strip())
    except ValueError:
        return None
