"""The reader in the windows people have over SSH: 80x24 and less."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp
from tui.side_widths import LETTER_LEAST
from tui.widgets.finder_pane import Row


async def test_finder_rows_keep_the_year_at_80_columns(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"vredesmissie")
        await settle(pilot)
        results = app.query_one("#finder-results", OptionList)
        width = results.scrollable_content_region.width
        options = [results.get_option_at_index(i) for i in range(results.option_count)]
        found = [o for o in options if isinstance(o, Row) and o.key]
        assert found
        for option in found:
            first = str(option.prompt).split("\n")[0]
            document = library.documents.get(option.key)
            assert len(first) <= width, first
            if document is not None and document.date:
                assert first.endswith(document.date[:4]), first  # the year, never cut


async def test_below_80_columns_the_document_keeps_40(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        assert app.reader.letter.size.width >= LETTER_LEAST - 2


async def test_wider_and_narrower_work_from_the_finder_box(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        before = app.reader.finder.size.width
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert app.reader.finder.size.width > before
        assert app.reader.finder.input.value == ""  # not typed into the box
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert app.reader.finder.size.width == before


async def test_a_resize_keeps_the_line_at_the_top(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        letter = app.reader.letter
        letter.focus()
        for _ in range(3):
            await pilot.press("space")
        await settle(pilot)
        top = letter.lines[int(letter.scroll_y)]
        words = letter.page.text[top.start : top.start + 30].split()[:3]
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        now = letter.lines[int(letter.scroll_y)]
        shown = letter.page.text[now.start : now.start + 200]
        assert now.start <= top.start < now.start + 200
        assert " ".join(words) in " ".join(shown.split())
