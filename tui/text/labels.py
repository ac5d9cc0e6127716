"""The few words every list and pane labels a document with: its short date, the mark of a
ghost, its row in a list, and what the finder made of a query. Shared by the widgets, the
pages and the command line, so that a document reads the same wherever it is listed."""

from __future__ import annotations

from db.citation_check import WRONG
from db.finder import Answer
from db.rows import DocumentRow
from loaders.dates import format_dutch_date
from loaders.labels import reference_label
from loaders.sanitize import terminal_safe

# A document that is cited but not in the library.
GHOST_MARK = "◌"
# Before a line your note is on (the letter's margin), and before a note of yours in a list.
NOTE_MARK = "✎"
# A checked citation's verdict, at a glance (the words say why): wrong, cannot tell, ok.
WRONG_MARK, UNSURE_MARK, OK_MARK = "✗", "?", "✓"


def checked_mark(verdict: str) -> str:
    if verdict in WRONG:
        return WRONG_MARK
    return UNSURE_MARK if verdict.startswith("cannot tell") else OK_MARK


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


def number_ranges(numbers: list[str], most: int = 12) -> str:
    """Numbers in order, as a reader scans them: "1–445, 448–454, 456" (the first ``most``
    runs, then how many more); the Eerste Kamer's letters too: "A–S, U–Z, AA–BM"."""
    runs: list[str] = []
    index = 0
    while index < len(numbers):
        first = last = numbers[index]
        while index + 1 < len(numbers) and _follows(last, numbers[index + 1]):
            index += 1
            last = numbers[index]
        runs.append(first if first == last else f"{first}–{last}")
        index += 1
    shown = ", ".join(runs[:most])
    return shown + (f" and {len(runs) - most} more runs" if len(runs) > most else "")


def _follows(number: str, then: str) -> bool:
    value, next_value = _value(number), _value(then)
    return value is not None and next_value == value + 1 and number.isdigit() == then.isdigit()


def _value(number: str) -> int | None:
    """A number's value; a letter's place in A, B, ..., Z, AA, AB, ...; None for others."""
    if number.isdigit():
        return int(number)
    if not number.isalpha() or not number.isupper():
        return None
    value = 0
    for letter in number:
        value = value * 26 + ord(letter) - ord("A") + 1
    return value
