"""Merging metadata-only records (metadata.xml, open data) into a document.

The document's own text and printed header stay authoritative; metadata fills what the
document does not say, adds numbers only metadata has, and gives the source's own subject,
which is written for readers, precedence over one derived from the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from loaders.model import Document

_FILLED = (
    "published_id",
    "ondernummer",
    "kind",
    "title",
    "date",
    "vergaderjaar",
    "chamber",
    "attached_to",
    "answered_in",
    "answers_kamervragen",
)
# Open data's Onderwerp is the best subject, then metadata's documenttitel, then the text.
_SUBJECT_RANK = {"tk-odata": 0, "metadata-xml": 1, "metadata-owms-xml": 1, "koop-xml": 2}


def apply_metadata(document: Document, records: Iterable[Document]) -> Document:
    """``document`` with every metadata record for its key merged in."""
    records = sorted(records, key=lambda r: _SUBJECT_RANK.get(r.source_format, 3))
    changes: dict[str, object] = {}
    for record in records:
        for name in _FILLED:
            value = getattr(record, name)
            if value and not (changes.get(name) or getattr(document, name)):
                changes[name] = value
        if record.subject and "subject_from_metadata" not in changes:
            changes["subject"] = record.subject
            changes["subject_from_metadata"] = True
        if record.document_number and not (
            changes.get("document_number") or document.document_number
        ):
            changes["document_number"] = record.document_number
        changed = changes.get("zaak_numbers")
        zaken = list(changed) if isinstance(changed, list) else list(document.zaak_numbers)
        zaken += [z for z in record.zaak_numbers if z not in zaken]
        changes["zaak_numbers"] = zaken
        if record.dossiers and not (changes.get("dossiers") or document.dossiers):
            changes["dossiers"] = record.dossiers
        elif record.dossiers and document.dossiers and not document.dossiers[0].title:
            first = replace(document.dossiers[0], title=record.dossiers[0].title)
            changes["dossiers"] = [first, *document.dossiers[1:]]
        if record.signatories and not (changes.get("signatories") or document.signatories):
            changes["signatories"] = record.signatories
    changes.pop("subject_from_metadata", None)
    return replace(document, **changes) if changes else document  # type: ignore[arg-type]
