"""Keys of one's own, from config.toml: a command bound to another key by its name acts on
it, and help, the footer and the palette show that key, not the old one."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp
from tui.config import Config
from tui.screens.help import HelpScreen


async def test_a_rebound_key_acts_and_help_footer_and_palette_show_it(library) -> None:
    config = Config(keys={"find": "ctrl+k", "follow_dossier": "ctrl+g", "note": "ctrl+n"})
    app = KamerlezerApp(library, start="kst-29521-455", config=config)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        footer = [key.key_display for key in app.screen.query_one(Footer).query(FooterKey)]
        assert "Ctrl+K" in footer and "f" not in footer
        await pilot.press("f")  # the old key: nothing
        await settle(pilot)
        assert not app.reader.finder.has_focus_within
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert app.reader.finder.has_focus_within
        await pilot.press("escape")
        await settle(pilot)
        offered = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert offered["Find"].endswith("· Ctrl+K")
        assert offered["Follow dossier"].endswith("· Ctrl+G")
        await pilot.press("ctrl+g")  # follows the open dossier
        await settle(pilot)
        assert "Following dossier 29 521" in app.reader.status.shown
        assert "(Ctrl+G again stops)" in app.reader.status.shown
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = Console(width=200, record=True, file=io.StringIO())
        for static in app.screen.query(Static):
            shown.print(static.content)
        rows = {line.split("  ")[0].strip(): line for line in shown.export_text().splitlines()}
        assert "Follow dossier" in rows["Ctrl+G"] and "Find" in rows["Ctrl+K"]
        assert "Follow dossier" not in rows.get("w", "")  # the old key no longer said to
        await pilot.press("escape", "H", "ctrl+n")  # the welcome page: no note there
        await settle(pilot)
        assert app.reader.status.shown == "Ctrl+N: open a document to write a note on it"
