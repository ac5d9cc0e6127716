"""What ``kamerlezer show --json`` and ``export --jsonl`` print for a document (DESIGN 4a):
the document as stored, with what replaces it and what it replaces, and how it ended."""

from __future__ import annotations

from typing import Any

from db.library import Library
from loaders.model import Document


def document_record(library: Library, document: Document) -> dict[str, Any]:
    data = document.to_dict()
    relations = library.relations.relations_of(document.key)
    data["replaces"] = relations.replaces
    data["replaced_by"] = relations.replaced_by
    data["changes"] = relations.changes
    data["changed_by"] = relations.changed_by
    outcome = library.outcomes.outcome(document.key)
    data["outcome"] = outcome.to_dict() if outcome is not None else None
    return data
