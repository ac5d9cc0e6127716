"""KOOP ``metadata_owms.xml``: the same metadata as ``metadata.xml`` in the OWMS vocabulary
(``<owms-metadata>`` with ``dcterms:``, ``overheid:`` and ``overheidop:`` elements), beside a
publication or on its own. Read into the names ``metadata.xml`` uses, so that one reading of
them serves both."""

from __future__ import annotations

from lxml import etree

from loaders.formats.metadata_xml import document_from_fields
from loaders.formats.xml_text import clean_text
from loaders.model import Document
from loaders.safe_xml import text_pieces

FORMAT = "metadata-owms-xml"
ROOT = "owms-metadata"
# The namespaces, as metadata.xml writes their names.
_PREFIXES = {
    "http://purl.org/dc/terms/": "DC.",
    "http://standaarden.overheid.nl/owms/terms/": "OVERHEID.",
    "http://standaarden.overheid.nl/oep/meta/": "OVERHEIDop.",
}
# Dates are DCTERMS.* in metadata.xml, the rest of Dublin Core DC.*.
_DATES = frozenset({"available", "issued", "modified", "created"})


def read_owms_fields(root: etree._Element) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str) or not tag.startswith("{") or len(element):
            continue
        namespace, _, local = tag[1:].partition("}")
        prefix = _PREFIXES.get(namespace)
        if prefix is None:
            continue
        if prefix == "DC." and local in _DATES:
            prefix = "DCTERMS."
        value = clean_text(" ".join(text_pieces(element))).strip()
        if value:
            fields.setdefault(prefix + local, []).append(value)
    return fields


def read_owms_xml(root: etree._Element, source: str) -> Document:
    """One metadata-only ``Document`` from a parsed ``<owms-metadata>``."""
    return document_from_fields(read_owms_fields(root), source, FORMAT)
