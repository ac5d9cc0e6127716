"""Bookmarks: m names the place being read, ' lists them and goes back to it: the same text
at the top, also at another width and after a restart; d removes one."""

from __future__ import annotations

from textual.widgets import OptionList

from db.library import Library
from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp
from tui.screens.bookmarks import BookmarksList


def _top_text(app: KamerlezerApp) -> str:
    letter = app.reader.letter
    return letter.lines[int(letter.scroll_y)].text.strip()


async def test_a_bookmark_brings_back_the_same_text_at_any_width(path) -> None:
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-29521-455")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("space", "j", "j")
            await settle(pilot)
            top = _top_text(app)
            assert top
            await pilot.press("m")
            await settle(pilot)
            await pilot.press(*"irak", "enter")
            await settle(pilot)
            assert "Bookmarked: irak" in app.reader.status.shown
            app.reader.open_document("kst-27925-974")
            await settle(pilot)
            await pilot.resize_terminal(70, 24)  # the same place, wrapped otherwise
            await settle(pilot)
            await pilot.press("apostrophe")
            await settle(pilot)
            assert isinstance(app.screen, BookmarksList)
            listed = app.screen.query_one(OptionList)
            assert listed.option_count == 1
            assert str(listed.get_option_at_index(0).prompt).startswith("irak  29 521, nr. 455")
            await pilot.press("enter")
            await settle(pilot)
            assert app.reader.letter.page.key == "kst-29521-455"
            assert top.split()[0] in _top_text(app).split()  # its line is at the top
            await pilot.press("q")
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-27925-974")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("apostrophe")
            await settle(pilot)
            await pilot.press("d")  # removed: the list says there are none
            await settle(pilot)
            assert app.screen.query_one(OptionList).option_count == 0
            note = str(app.screen.query_one("#bookmarks-note").render())
            assert "No bookmarks yet" in note
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(app.screen, BookmarksList)


async def test_esc_keeps_no_bookmark_and_the_welcome_page_has_none_to_keep(path) -> None:
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("m")
            await settle(pilot)
            assert "nothing to bookmark here" in app.reader.status.shown
            app.reader.open_document("kst-29521-455")
            await settle(pilot)
            await pilot.press("m")
            await settle(pilot)
            await pilot.press(*"weg", "escape")
            await settle(pilot)
            await pilot.press("apostrophe")
            await settle(pilot)
            assert app.screen.query_one(OptionList).option_count == 0
