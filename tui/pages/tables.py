"""A document's table drawn as aligned columns for a width: numbers right-aligned, the head
apart under a rule, each cell wrapped inside its column. A table too wide even with its
columns as narrow as their words allow (a budget in a narrow pane) is drawn a row at a time,
each cell on a line of its own after the name its column has in the head: nothing is ever
cut. Plain logic, no Textual: the reader and ``kamerlezer show`` both use it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rich.cells import cell_len

from loaders.model import Table
from tui.pages.wrapping import wrap, wrap_plain

GAP = 2  # cells between two columns
NARROWEST = 4  # no column is narrower: its words are split instead
WORD_FLOOR = 16  # a column shrinks to its longest word first, if that is no wider than this
RULE = "─"
# A cell that is a number, an amount or a percentage ("14.475.618", "‒ 9,9", "€ 3,5", "12%"),
# or only a dash for none: right-aligned, so that digits line up.
_NUMBER = re.compile(r"^(?:[-+−‒–]\s?)?(?:€\s?)?\(?[-+−‒–]?\d[\d.,]*\)?\s?%?\*?$|^[-−‒–]$")


class TableLine(NamedTuple):
    """One line of a drawn table: its text, its style ("table-head", "table", "table-rule")
    and where each piece of cell text stands: (column in cells, start, end), offsets into the
    text the table is part of."""

    text: str
    style: str
    pieces: tuple[tuple[int, int, int], ...] = ()


def table_lines(text: str, table: Table, width: int) -> list[TableLine]:
    """Every line of ``table`` (offsets into ``text``) drawn at ``width`` cells."""
    rows = table.rows(text)
    columns = max(len(row) for row in rows)
    spans = {(row, column): count for row, column, count in table.spans if count > 1}
    covered = {(r, c + k) for (r, c), count in spans.items() for k in range(1, count)}
    natural = [0] * columns
    floors = [NARROWEST] * columns
    for r, row in enumerate(rows):
        for c, (start, end) in enumerate(row):
            if (r, c) in spans or (r, c) in covered or start == end:
                continue
            cell = text[start:end]
            natural[c] = max(natural[c], cell_len(cell))
            longest = max((cell_len(word) for word in cell.split()), default=0)
            floors[c] = max(floors[c], min(longest, WORD_FLOOR))
    for (r, c), count in spans.items():  # a spanning cell widens the last column it covers
        start, end = rows[r][c]
        have = sum(natural[c : c + count]) + GAP * (count - 1)
        natural[c + count - 1] += max(0, cell_len(text[start:end]) - have)
    right = [_numeric_column(text, rows, table, c, spans) for c in range(columns)]
    for r, row in enumerate(rows[table.header_rows :], start=table.header_rows):
        for c, (start, end) in enumerate(row):
            if right[c] and (r, c) not in spans:  # a number is never split
                floors[c] = max(floors[c], cell_len(text[start:end]))
    widths = _fit(natural, floors, width)
    if widths is None:
        return _stacked(text, rows, table, width)
    lefts: list[int] = []
    x = 0
    for column_width in widths:
        lefts.append(x)
        x += column_width + GAP if column_width else 0
    lines: list[TableLine] = []
    for r, row in enumerate(rows):
        placed: list[tuple[int, int, list[tuple[int, int]], bool]] = []
        for c, (start, end) in enumerate(row):
            if (r, c) in covered or start == end or not widths[c]:
                continue
            count = spans.get((r, c), 1)
            shown = [w for w in widths[c : c + count] if w]
            cell_width = sum(shown) + GAP * (len(shown) - 1)
            pieces = [(start + a, start + b) for a, b, _ in wrap(text[start:end], cell_width)]
            placed.append((lefts[c], cell_width, pieces, right[c] and count == 1))
        style = "table-head" if r < table.header_rows else "table"
        for k in range(max((len(pieces) for _, _, pieces, _ in placed), default=0)):
            lines.append(_line(text, style, placed, k))
        if r == table.header_rows - 1 and r < len(rows) - 1:
            lines.append(TableLine(RULE * max(0, x - GAP), "table-rule"))
    return lines


def _line(
    text: str, style: str, placed: list[tuple[int, int, list[tuple[int, int]], bool]], k: int
) -> TableLine:
    """Line ``k`` of a row: the k-th wrapped piece of every cell, each in its column."""
    written: list[str] = []
    used = 0
    pieces: list[tuple[int, int, int]] = []
    for left, cell_width, cell_pieces, right in placed:
        if k >= len(cell_pieces):
            continue
        start, end = cell_pieces[k]
        size = cell_len(text[start:end])
        at = left + cell_width - size if right else left
        written.append(" " * max(0, at - used) + text[start:end])
        used = max(used, at) + size
        pieces.append((at, start, end))
    return TableLine("".join(written), style, tuple(pieces))


def _fit(natural: list[int], floors: list[int], width: int) -> list[int] | None:
    """Column widths that fit ``width``: the widest column narrowed first, none below its
    floor; None when even the floors do not fit."""
    widths = list(natural)
    floors = [min(floor, w) for floor, w in zip(floors, widths, strict=True)]
    shown = sum(1 for w in widths if w)
    excess = sum(widths) + GAP * max(0, shown - 1) - width
    if sum(floors) + GAP * max(0, shown - 1) > width:
        return None
    while excess > 0:  # a cell at a time: a table's excess is a few hundred at most
        index = max(range(len(widths)), key=lambda i: (widths[i] > floors[i], widths[i]))
        widths[index] -= 1
        excess -= 1
    return widths


def _numeric_column(
    text: str,
    rows: list[list[tuple[int, int]]],
    table: Table,
    column: int,
    spans: dict[tuple[int, int], int],
) -> bool:
    """Whether every filled cell of the column's body is a number (but for the first row of
    a table without a head: it is often one, unmarked)."""
    first = max(table.header_rows, 1)
    cells = [
        text[row[column][0] : row[column][1]]
        for r, row in enumerate(rows)
        if r >= first and column < len(row) and (r, column) not in spans
    ]
    filled = [cell for cell in cells if cell]
    return bool(filled) and all(_NUMBER.match(cell) for cell in filled)


def _stacked(
    text: str, rows: list[list[tuple[int, int]]], table: Table, width: int
) -> list[TableLine]:
    """A table too wide for its columns, a row at a time: the row's first cell, then every
    other cell on a line of its own, indented, after its column's name in the head
    ("Uitgaven: 2.856.815"); a blank line between rows."""
    names = _column_names(text, rows, table)
    lines: list[TableLine] = []
    for row in rows[table.header_rows :]:
        if lines:
            lines.append(TableLine("", "table"))
        first = True
        for c, (start, end) in enumerate(row):
            if start == end:
                continue
            indent = 0 if first else 2
            label = "" if first or not names[c] else names[c] + ":"
            if label and indent + cell_len(label) + 1 > width // 2:  # a long name: a line
                for name in wrap_plain(label, max(width - indent, 1)):
                    lines.append(TableLine(" " * indent + name, "table"))
                indent, label = indent + 2, ""
            lead = indent + cell_len(label) + (1 if label else 0)
            for k, (a, b, _) in enumerate(wrap(text[start:end], max(width - lead, 1))):
                before = " " * indent + label + " " if k == 0 and label else " " * lead
                piece = (lead, start + a, start + b)
                lines.append(TableLine(before + text[start + a : start + b], "table", (piece,)))
            first = False
    if not lines:  # a table of only a head: its cells, each on lines of its own
        lines = [
            TableLine(text[start + a : start + b], "table-head", ((0, start + a, start + b),))
            for row in rows
            for start, end in row
            for a, b, _ in wrap(text[start:end], width)
        ]
    return lines


def _column_names(text: str, rows: list[list[tuple[int, int]]], table: Table) -> list[str]:
    """Each column's name: the lowest filled cell of the head above it, spanning cells
    included ("Vastgestelde begroting" names the three columns under it)."""
    columns = max(len(row) for row in rows)
    names = [""] * columns
    spans = {(r, c): count for r, c, count in table.spans}
    for r in range(table.header_rows):
        for c, (start, end) in enumerate(rows[r]):
            if start == end:
                continue
            for k in range(spans.get((r, c), 1)):
                if c + k < columns:
                    names[c + k] = text[start:end]
    return names
