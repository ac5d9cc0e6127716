"""Tables as a reader scans them: a real budget (the Defence budget for 2027, in the demo)
keeps its rows, cells, head and spanning cells, and is drawn as aligned columns at any width
without cutting anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from db.library import Library
from db.loading.files import load_paths
from loaders.formats.detect import read_document_bytes
from loaders.model import TABLE_CELL, TABLE_ROW, Document, Table
from tui.cli.main import main
from tui.pages.tables import table_lines

BUDGET = Path(__file__).parents[1] / "loaders" / "demo" / "kst-37020-X-1.xml"


@pytest.fixture(scope="module")
def budget() -> Document:
    [document] = read_document_bytes(BUDGET.read_bytes(), str(BUDGET))
    return document


def cells(document: Document, table: Table) -> list[list[str]]:
    return [[document.text[s:e] for s, e in row] for row in table.rows(document.text)]


def test_a_budget_keeps_its_rows_head_and_spanning_cells(budget) -> None:
    state, agency = budget.tables
    rows = cells(budget, state)
    assert state.header_rows == 2  # its <thead>: the column names under "Vastgestelde …"
    assert rows[0] == ["Art.", "Omschrijving", "Vastgestelde begroting", "", ""]
    assert state.spans == ((0, 2, 3),)  # "Vastgestelde begroting" covers three columns
    assert rows[1][2:] == ["Verplichtingen", "Uitgaven", "Ontvangsten"]
    assert ["1", "Inzet", "2.727.644", "2.856.815", "97.087"] in rows
    assert rows[-1] == ["12", "Nog onverdeeld", "895.006", "895.006", "0"]
    assert cells(budget, agency)[1] == ["Paresto", "111.126", "111.126", "0"]
    # Each table is one paragraph of the text, found by search as any other.
    assert budget.text[state.start : state.end].count(TABLE_ROW) == len(rows) - 1
    assert "\n\n" not in budget.text[state.start : state.end]


def test_wide_enough_the_columns_align_and_numbers_stand_right(budget) -> None:
    lines = table_lines(budget.text, budget.tables[0], 80)
    assert all(cell_len(line.text) <= 80 for line in lines)
    assert [line.style for line in lines[:3]] == ["table-head", "table-head", "table-rule"]
    inzet = next(line.text for line in lines if "Inzet" in line.text)
    geheim = next(line.text for line in lines if "Geheim" in line.text)
    assert inzet.index("Inzet") == geheim.index("Geheim")  # one column
    assert inzet.index("2.727.644") + 9 == geheim.index("21.764") + 6  # right-aligned
    assert inzet.endswith("97.087") and geheim.endswith("0")


def test_too_narrow_each_row_names_its_cells_and_nothing_is_cut(budget) -> None:
    lines = [line.text for line in table_lines(budget.text, budget.tables[0], 40)]
    assert all(cell_len(line) <= 40 for line in lines)
    at = lines.index("1")
    assert lines[at + 1 : at + 5] == [
        "  Omschrijving: Inzet",
        "  Verplichtingen: 2.727.644",
        "  Uitgaven: 2.856.815",
        "  Ontvangsten: 97.087",
    ]


def test_show_prints_the_table_as_columns_and_json_gives_its_cells(tmp_path, capsys) -> None:
    db = str(tmp_path / "library.db")
    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [BUDGET], parallel=False)
    assert main(["--db", db, "show", "kst-37020-X-1"]) == 0
    out = capsys.readouterr().out.splitlines()
    row = next(line for line in out if "Koninklijke Marechaussee" in line)
    assert row.split() == ["5", "Koninklijke", "Marechaussee", "867.421", "901.296", "4.459"]
    assert "\t" not in "".join(out)
    assert main(["--db", db, "show", "kst-37020-X-1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tables"][1]["rows"][0] == [
        "Naam baten- lastenagentschap",
        "Baten",
        "Lasten",
        "Saldo baten en lasten",
    ]
    assert data["tables"][0]["header_rows"] == 2


_CELL = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn"), blacklist_characters="\t\n"), max_size=30
).map(lambda text: " ".join(text.split()))


@given(
    st.lists(st.lists(_CELL, min_size=1, max_size=6), min_size=1, max_size=8),
    st.integers(0, 2),
    st.integers(10, 160),
)
def test_any_table_fits_any_width_and_shows_every_word_once(
    grid: list[list[str]], header_rows: int, width: int
) -> None:
    columns = max(len(row) for row in grid)
    rows = [row + [""] * (columns - len(row)) for row in grid]
    text = "Voor.\n\n" + TABLE_ROW.join(TABLE_CELL.join(row) for row in rows)
    table = Table(7, len(text), min(header_rows, len(rows)))
    lines = table_lines(text, table, width)
    assert all(cell_len(line.text) <= width for line in lines)
    cells = [cell for row in table.rows(text) for cell in row]
    shown: dict[tuple[int, int], str] = {}
    for line in lines:
        for column, start, end in line.pieces:
            assert 7 <= start <= end <= len(text)  # pieces point into the text
            at = next(k for k in range(len(line.text) + 1) if cell_len(line.text[:k]) >= column)
            assert line.text[at:].startswith(text[start:end])  # drawn where it says
            cell = next(c for c in cells if c[0] <= start and end <= c[1])  # of one cell
            shown[cell] = shown.get(cell, "") + text[start:end]
    for row in table.rows(text)[table.header_rows :]:  # a head may be the cells' names
        for s, e in row:
            assert "".join(shown.get((s, e), "").split()) == "".join(text[s:e].split())


@given(
    st.lists(st.lists(_CELL, min_size=1, max_size=5), min_size=1, max_size=6),
    st.integers(0, 2),
)
def test_a_table_of_any_cells_reads_back_cell_for_cell(grid: list[list[str]], head: int) -> None:
    """Whatever the cells hold, the table's spans point into the text and give them back."""
    from xml.sax.saxutils import escape

    from loaders.formats.xml_text import TextBuilder
    from loaders.safe_xml import parse_xml

    def row(cells: list[str]) -> str:
        return "<row>" + "".join(f"<entry>{escape(c)}</entry>" for c in cells) + "</row>"

    head = min(head, len(grid))
    xml = (
        f"<tgroup><thead>{''.join(map(row, grid[:head]))}</thead>"
        f"<tbody>{''.join(map(row, grid[head:]))}</tbody></tgroup>"
    )
    builder = TextBuilder()
    builder.block(parse_xml(xml.encode(), "table.xml"))
    text, _ = builder.finish()
    kept = [cells for cells in grid if any(c.strip() for c in cells)]  # empty rows go
    if not kept:
        assert builder.tables == []
        return
    [table] = builder.tables
    assert 0 <= table.start <= table.end <= len(text)
    read = [[text[s:e] for s, e in r] for r in table.rows(text)]
    columns = max(len(cells) for cells in kept)
    assert read == [[c.strip() for c in cells] + [""] * (columns - len(cells)) for cells in kept]
