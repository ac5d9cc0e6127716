"""The app's own interchange format: one JSON document record per line.

It is what ``kamerlezer export --jsonl`` writes (``Document.to_dict``), so any other tool can
feed the library, and an export loaded into an empty library gives the same library.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from loaders.errors import LoadError
from loaders.model import Citation, Document, Dossier, Signatory
from loaders.sanitize import terminal_safe

FORMAT = "jsonl"


def is_record(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("key"), str) and "text" in data


def document_from_record(record: dict[str, Any], source: str) -> Document:
    """A ``Document`` from one exported record; extra fields (``cited_by``) are ignored."""
    try:
        dossiers = [Dossier(**d) for d in record.get("dossiers") or []]
        if not dossiers and record.get("dossier"):
            dossiers = [Dossier(record["dossier"], record.get("dossier_title") or "")]
        return Document(
            key=record["key"],
            published_id=record.get("published_id") or record["key"],
            dossiers=dossiers,
            ondernummer=str(record.get("ondernummer") or ""),
            kind=record.get("kind") or "",
            title=record.get("title") or "",
            subject=record.get("subject") or "",
            date=record.get("date") or "",
            vergaderjaar=record.get("vergaderjaar") or "",
            chamber=record.get("chamber") or "",
            signatories=[Signatory(**s) for s in record.get("signatories") or []],
            text=terminal_safe(record.get("text") or ""),
            citations=[Citation(**c) for c in record.get("citations") or []],
            source_path=record.get("source_path") or source,
            source_format=record.get("source_format") or FORMAT,
            document_number=record.get("document_number") or "",
            zaak_numbers=list(record.get("zaak_numbers") or []),
            metadata_only=bool(record.get("metadata_only")),
        )
    except (TypeError, KeyError) as exc:
        raise LoadError(source, f"not a document record: {exc}") from None


def read_jsonl(lines: Iterable[str], source: str) -> list[Document]:
    """Every record in a JSON Lines text; a bad line fails the file, naming the line."""
    documents = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LoadError(f"{source}:{number}", f"invalid JSON: {exc.msg}") from None
        if not is_record(record):
            raise LoadError(f"{source}:{number}", "not a document record (needs 'key' and 'text')")
        document = document_from_record(record, source)
        for citation in document.citations:
            if not (0 <= citation.start <= citation.end <= len(document.text)):
                raise LoadError(f"{source}:{number}", f"citation span outside the text: {citation}")
        documents.append(document)
    return documents
