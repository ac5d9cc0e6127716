"""The reader starts where the last session left off: the page, the line, and the pages
before it to go back to; H is the welcome page."""

from __future__ import annotations

from db.library import Library
from db.loading.files import load_paths
from tests.tui.conftest import DEMO
from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp


async def test_a_restart_returns_to_the_page_and_line_left(path) -> None:
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-27925-974")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.reader.open_document("kst-29521-455")
            await settle(pilot)
            await pilot.press("space", "space", "j")
            await settle(pilot)
            line = app.reader.letter.scroll_y
            assert line > 10
            await pilot.press("q")
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            reader = app.reader
            assert reader.letter.page is not None and reader.letter.page.key == "kst-29521-455"
            assert reader.letter.scroll_y == line
            assert "Where you left off" in reader.status.shown
            await pilot.press("backspace")  # the page before, from the last session
            await settle(pilot)
            assert reader.letter.page.key == "kst-27925-974"
            await pilot.press("H")
            await settle(pilot)
            assert reader.reading is None and reader.history.current.place == "welcome"
            await pilot.press("q")
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library)
        async with app.run_test(size=(80, 24)) as pilot:  # left on the welcome page: there
            await settle(pilot)
            assert app.reader.reading is None
            assert "This library holds" in " ".join(line.text for line in app.reader.letter._lines)


async def test_a_page_gone_from_the_library_starts_at_the_welcome_page(path, tmp_path) -> None:
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-29521-455")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("q")
    other = tmp_path / "other.db"
    with Library.open(other) as library:
        load_paths(library, [DEMO / "kst-27925-974.xml"])
    # Another library has another id, so another state: nothing to reopen there.
    with Library.open(other, write=False) as library:
        app = KamerlezerApp(library)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.reader.reading is None
