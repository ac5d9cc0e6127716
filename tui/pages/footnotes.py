"""A document's footnotes as the library stores them: the trailing paragraphs "[1] …", each
marked "[1]" in the text above. Named once here for the layout (how notes are drawn) and the
page (marks and notes linked both ways)."""

from __future__ import annotations

import re

NOTE = re.compile(r"^\[(\d{1,3})\]\s")  # a note: "[1] Kamerstuk 28 844, nr. 268."
MARK = re.compile(r"\[(\d{1,3})\]")  # a mark in the text: "integriteit[1]"


def footnotes_start(paragraphs: list[tuple[int, str]]) -> int:
    """The index of the first footnote: footnotes are the trailing run of notes."""
    index = len(paragraphs)
    while index > 0 and NOTE.match(paragraphs[index - 1][1]):
        index -= 1
    return index


def paragraphs_of(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) of every non-empty paragraph."""
    found = []
    offset = 0
    for part in text.split("\n\n"):
        if part.strip():
            found.append((offset, part))
        offset += len(part) + 2
    return found


def footnote_spans(text: str) -> list[tuple[int, int, int, str]]:
    """Every footnote mark and every note's number that has a mark: (start, end, where it
    leads, what is there: the note's text for a mark, "" for a note's number, which leads
    back to its first mark). Only marks of a note that exists count: "[2]" in a text
    without a note 2 is text."""
    paragraphs = paragraphs_of(text)
    first = footnotes_start(paragraphs)
    notes: dict[str, tuple[int, str]] = {}
    for offset, paragraph in paragraphs[first:]:
        found = NOTE.match(paragraph)
        if found:
            notes.setdefault(found.group(1), (offset, paragraph[found.end() :]))
    if not notes:
        return []
    body_end = paragraphs[first][0]
    spans: list[tuple[int, int, int, str]] = []
    first_mark: dict[str, int] = {}
    for mark in MARK.finditer(text, 0, body_end):
        number = mark.group(1)
        if number in notes:
            note_offset, note = notes[number]
            spans.append((mark.start(), mark.end(), note_offset, note))
            first_mark.setdefault(number, mark.start())
    for number, (offset, _) in notes.items():
        if number in first_mark:
            spans.append((offset, offset + len(number) + 2, first_mark[number], ""))
    return spans
