"""What a parsed record must be before the library stores it, checked where it was parsed
(in the reading process, for a large load), so that the writer only writes: its identifiers
are identifiers, every text in it is terminal safe, its citations are within the limit and
each points at an identifier."""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.identifiers import identifier_problem, without_false_targets
from loaders.limits import MAX_CITATIONS
from loaders.model import Document, Record
from loaders.sanitize import safe_record


@dataclass
class Admitted:
    """A source's records that may be stored, and one line for each that may not."""

    records: list[Record] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    # Citations left out because their target is no identifier ("kst-CCD-II").
    false_citations: int = 0


def admit(records: list[Record], name: str) -> Admitted:
    admitted = Admitted()
    for record in records:
        if isinstance(record, Document):
            problem = identifier_problem(record)  # quoting what it claims, escapes and all
            if problem:
                admitted.refused.append(f"{name}: not loaded: {problem}")
                continue
            if len(record.citations) > MAX_CITATIONS:
                admitted.refused.append(
                    f"{name}: not loaded: more than {MAX_CITATIONS:,} citations"
                    " (the limit of one document)"
                )
                continue
            record, dropped = without_false_targets(record)
            admitted.false_citations += dropped
        admitted.records.append(safe_record(record))
    return admitted
