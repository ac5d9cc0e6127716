"""What config.toml sets, in the reader: the theme (and one picked with Ctrl+P is written
back), the page it starts on, the side panes' widths."""

from __future__ import annotations

from db.library import Library
from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp
from tui.config import Config, read_config


async def test_a_theme_picked_is_the_next_sessions(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455", config=Config(theme="nord"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        assert read_config().theme is None  # starting with it writes nothing
        app.theme = "dracula"  # as Ctrl+P's "Change theme" sets it
        await settle(pilot)
    assert read_config().theme == "dracula"
    app = KamerlezerApp(library, start="kst-29521-455", config=read_config())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "dracula"


async def test_start_welcome_and_side_panes(path) -> None:
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            app.reader.open_document("kst-29521-455")  # the place the session leaves
            await settle(pilot)
            await pilot.press("q")
        app = KamerlezerApp(library)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            assert app.reader.letter.page.key == "kst-29521-455"  # by default: where one was
            await pilot.press("q")
        config = Config(start="welcome", side_panes=8)
        app = KamerlezerApp(library, config=config)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            assert app.reader.letter.page.key == ""  # the welcome page
            assert app.reader.dossier_tree.outer_size.width == 28 + 8  # 28 at 120 columns
