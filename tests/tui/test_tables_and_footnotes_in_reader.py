"""A table and a letter's footnotes in the reader, as in the demo library: the Defence budget
drawn as columns (or, in a narrow pane, a row at a time) with search hits marked in its cells;
a footnote mark followed with Enter to its note, Enter there back to the mark, and Backspace
back as after any link."""

from __future__ import annotations

from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp


def line_with(app: KamerlezerApp, words: str) -> int:
    letter = app.reader.letter
    return next(index for index, line in enumerate(letter.lines) if words in line.text)


async def test_a_search_hit_in_a_table_cell_is_marked_where_the_cell_is(library) -> None:
    app = KamerlezerApp(library, start="kst-37020-X-1")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Marechaussee", "enter")
        await settle(pilot)
        letter = app.reader.letter
        assert app.reader.status.shown.startswith("hit 1 of 1")
        index = line_with(app, "Koninklijke Marechaussee")
        line = letter.lines[index]
        assert line.text.split() == [
            "5",
            "Koninklijke",
            "Marechaussee",
            "867.421",
            "901.296",
            "4.459",
        ]
        strip = letter.render_line(index - int(letter.scroll_y))
        hit = letter.get_component_rich_style("letter--current-hit").bgcolor
        marked = [s for s in strip if s.style is not None and s.style.bgcolor == hit]
        assert "".join(s.text for s in marked) == "Marechaussee"
        drawn = "".join(s.text for s in strip)
        assert drawn.rstrip().endswith(line.text.rstrip())  # padding drawn as laid out


async def test_in_a_narrow_pane_a_row_names_its_cells(library) -> None:
    app = KamerlezerApp(library, start="kst-37020-X-1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        letter = app.reader.letter
        index = line_with(app, "Omschrijving: Inzet")
        texts = [line.text for line in letter.lines[index : index + 4]]
        assert texts == [
            "  Omschrijving: Inzet",
            "  Verplichtingen: 2.727.644",
            "  Uitgaven: 2.856.815",
            "  Ontvangsten: 97.087",
        ]


async def test_enter_on_a_footnote_mark_goes_to_its_note_and_back(library) -> None:
    app = KamerlezerApp(library, start="kst-28844-269")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        letter = app.reader.letter
        await pilot.press("right_square_bracket")
        await settle(pilot)
        status = app.reader.status.shown
        assert "→ footnote · Enter goes to it · Kamerstuk 28 844, nr. 266." in status
        mark = letter.link
        assert mark is not None and letter.page.text[mark.start : mark.end] == "[1]"
        top_before = letter.scroll_y
        await pilot.press("enter")
        await settle(pilot)
        note = letter.link
        assert note is not None and note.start == mark.to  # the cursor on the note's number
        assert letter.page.text[note.start :].startswith("[1] Kamerstuk 28 844, nr. 266.")
        first_shown = int(letter.scroll_y)
        shown = [line.text for line in letter.lines[first_shown : first_shown + 26]]
        assert any(text.startswith("[1] Kamerstuk 28 844, nr. 266.") for text in shown)
        assert "back to the text" in app.reader.status.shown
        await pilot.press("backspace")
        await settle(pilot)
        assert letter.scroll_y == top_before
        assert letter.link == mark  # back on the mark
        await pilot.press("enter", "enter")  # to the note, and from its number to the mark
        await settle(pilot)
        assert letter.link == mark
