"""Tweede Kamer open data (OData) ``Zaak`` and ``Document`` records.

They carry what KOOP files lack: the Tweede Kamer document number ("2024D01507"), the zaak
number ("2024Z00651"), the Soort and a subject (``Onderwerp``) written for readers. They are
merged into the document named by ``ExterneIdentifier``; records without one are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from loaders.chambers import chamber_name
from loaders.dates import iso_date
from loaders.ids import key_from_published_id, normalize_vergaderjaar
from loaders.model import Document
from loaders.subject import source_subject

FORMAT = "tk-odata"


def _external_id(record: dict[str, Any]) -> str:
    version = record.get("HuidigeDocumentVersie") or {}
    if isinstance(version, dict):
        if version.get("ExterneIdentifier"):
            return str(version["ExterneIdentifier"])
        for publication in version.get("DocumentPublicatie") or []:
            if isinstance(publication, dict) and publication.get("Identifier"):
                return str(publication["Identifier"])
    return str(record.get("ExterneIdentifier") or "")


def _documents(data: Any) -> Iterator[tuple[dict[str, Any], list[str]]]:
    records = data.get("value", [data]) if isinstance(data, dict) else data
    for record in records if isinstance(records, list) else []:
        if not isinstance(record, dict) or record.get("Verwijderd"):
            continue
        if isinstance(record.get("Document"), list):  # a Zaak with its documents
            zaak = [str(record["Nummer"])] if record.get("Nummer") else []
            for document in record["Document"]:
                if isinstance(document, dict) and not document.get("Verwijderd"):
                    yield document, zaak
        else:
            zaken = [str(z["Nummer"]) for z in record.get("Zaak") or [] if isinstance(z, dict)]
            yield record, zaken


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0


def read_tk_odata(data: Any, source: str) -> list[Document]:
    """Metadata-only records for every OData Document that names its KOOP publication."""
    found: list[Document] = []
    for record, zaken in _documents(data):
        external = _external_id(record).strip()
        if not external:
            continue
        onderwerp = str(record.get("Onderwerp") or "")
        found.append(
            Document(
                key=key_from_published_id(external),
                published_id=external,
                kind=str(record.get("Soort") or "").lower(),
                subject=source_subject(onderwerp),
                date=iso_date(str(record.get("Datum") or "")),
                vergaderjaar=normalize_vergaderjaar(str(record.get("Vergaderjaar") or "")),
                chamber=chamber_name(number=str(_int(record.get("Kamer")))),
                document_number=str(record.get("DocumentNummer") or "").upper(),
                zaak_numbers=zaken,
                source_path=source,
                source_format=FORMAT,
                metadata_only=True,
            )
        )
    return found
