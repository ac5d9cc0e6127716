"""Text wrapped to a width in terminal cells, as spans of the text: the lines of a paragraph
and of a table's cell are offsets into the page's text, never copies of it."""

from __future__ import annotations

import re

from rich.cells import cell_len

_WORD = re.compile(r"\S+")
# Anything but plain spaces and one-cell characters (Latin, punctuation, €) takes the slow,
# exact path of wrapping.
_NOT_ONE_CELL = re.compile(r"[^\x20-\x7e\xa0-\u02ff\u2010-\u2027\u2030-\u205e\u20ac\ufffd]")


def wrap(paragraph: str, width: int, indent: int = 0) -> list[tuple[int, int, bool]]:
    """(start, end, is_first_line) of each line of ``paragraph`` wrapped at ``width`` cells;
    continuation lines are ``indent`` cells narrower. Words longer than a line are split."""
    if not _NOT_ONE_CELL.search(paragraph):
        return _wrap_one_cell(paragraph, width, indent)
    lines: list[tuple[int, int, bool]] = []
    line_start = -1
    line_end = 0
    used = 0
    limit = width
    for word in _WORD.finditer(paragraph):
        start, end = word.span()
        size = cell_len(word.group())
        if line_start >= 0 and used + 1 + size <= limit:
            used += 1 + size
            line_end = end
            continue
        if line_start >= 0:
            lines.append((line_start, line_end, not lines))
            limit = max(width - indent, min(width, 10))
        while size > limit:  # a word longer than the line: split it
            cut = cut_at_cells(paragraph, start, limit)
            lines.append((start, cut, not lines))
            limit = max(width - indent, min(width, 10))
            start = cut
            size = cell_len(paragraph[start:end])
        line_start, line_end, used = start, end, size
    if line_start >= 0:
        lines.append((line_start, line_end, not lines))
    return lines


def _wrap_one_cell(paragraph: str, width: int, indent: int) -> list[tuple[int, int, bool]]:
    """``wrap`` for text of single spaces between words where every character is one cell
    wide (nearly all text): string searches instead of a loop over words."""
    lines: list[tuple[int, int, bool]] = []
    length = len(paragraph)
    start = 0
    limit = width
    while start < length and paragraph[start] == " ":
        start += 1
    while start < length:
        if length - start <= limit:
            end = length
            while end > start and paragraph[end - 1] == " ":
                end -= 1
            lines.append((start, end, not lines))
            break
        cut = paragraph.rfind(" ", start, start + limit + 1)
        if cut <= start:  # one word longer than the line: split it
            lines.append((start, start + limit, not lines))
            start += limit
        else:
            end = cut
            while end > start and paragraph[end - 1] == " ":
                end -= 1
            lines.append((start, end, not lines))
            start = cut + 1
            while start < length and paragraph[start] == " ":
                start += 1
        limit = max(width - indent, min(width, 10))
    return lines


def cut_at_cells(text: str, start: int, cells: int) -> int:
    used = 0
    for index in range(start, len(text)):
        used += cell_len(text[index])
        if used > cells:
            return max(index, start + 1)
    return len(text)


def wrap_plain(text: str, width: int) -> list[str]:
    return [text[s:e] for s, e, _ in wrap(text, width)] or [""]


def cells_to_chars(text: str, cells: int) -> int:
    return len(text) if cell_len(text) <= cells else cut_at_cells(text, 0, cells)
