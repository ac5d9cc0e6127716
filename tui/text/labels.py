"""The few words every list and pane labels a document with: its short date, the mark of a
ghost, its row in a list, and what the finder made of a query. Shared by the widgets, the
pages and the command line, so that a document reads the same wherever it is listed."""

from __future__ import annotations

from db.finder import Answer
from db.rows import DocumentRow
from loaders.dates import format_dutch_date
from loaders.labels import reference_label
from loaders.sanitize import terminal_safe

# A document that is cited but not in the library.
GHOST_MARK = "◌"


def short_date(iso: str) -> str:
    """``2022-12-13`` -> ``13-12-2022``, as Dutch lists print dates."""
    parts = iso.split("-")
    return "-".join(reversed(parts)) if len(parts) == 3 else iso


def row_label(key: str, row: DocumentRow | None) -> str:
    """A document in a list: number, kind, date, what it is about."""
    if row is None:
        return reference_label(key)
    parts = (key, row.kind, format_dutch_date(row.date), row.subject or row.title)
    return " · ".join(p for p in parts if p)


def finder_notes(answer: Answer) -> list[str]:
    """What the finder made of a query, as a reader is told it: words no document has,
    and the kind, period or dossier it read."""
    notes = [f"no document has «{terminal_safe(word)}»" for word in answer.unmatched]
    if answer.read_as:
        notes.append("read as " + terminal_safe(", ".join(answer.read_as)))
    return notes
