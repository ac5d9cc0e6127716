"""What ``kamerlezer show --json`` and ``export --jsonl`` print for a document (DESIGN 4a):
the document as stored, with what replaces it and what it replaces, and how it ended; for an
Aanhangsel, who asked and who answered, and each question with its answer as text beside the
spans (which a load reads back)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from db.library import Library
from loaders.model import ANSWERED, ASKED, Document


def document_record(library: Library, document: Document) -> dict[str, Any]:
    data = document.to_dict()
    relations = library.relations.relations_of(document.key)
    data["replaces"] = relations.replaces
    data["replaced_by"] = relations.replaced_by
    data["changes"] = relations.changes
    data["changed_by"] = relations.changed_by
    # Every link, by kind, both ways; those that rest on an inference, with why.
    data["links"] = {
        name: getattr(relations, name)
        for name in (
            "replaces replaced_by changes changed_by answers answered_by attached_to"
            " attachments postpones postponed_by"
        ).split()
    }
    data["inferred_links"] = relations.inferred
    outcome = library.outcomes.outcome(document.key)
    data["outcome"] = outcome.to_dict() if outcome is not None else None
    data["asked_by"] = [s.name for s in document.signatories if s.role == ASKED]
    data["answered_by"] = [s.name for s in document.signatories if s.role == ANSWERED]
    text = document.text
    data["questions"] = [
        {
            "number": q.number,
            "question": text[q.start : q.end],
            "answer": text[q.answer_start : q.answer_end],
            **asdict(q),
        }
        for q in document.questions
    ]
    data["tables"] = [
        {**asdict(t), "rows": [[text[s:e] for s, e in row] for row in t.rows(text)]}
        for t in document.tables
    ]
    return data
