"""The help screen, written from the commands' own declarations, so it cannot drift from
what the keys do."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.commands import HELP, Command, bindings, key_display, key_for

WIDE_INTRO = (
    "kamerlezer reads parliamentary dossiers. The tree (left) lists dossiers and their "
    "documents; the letter (centre) shows the open document with its citations; the finder "
    "(right) lists what it cites and what cites it, and finds any document by number or words."
)
NARROW_INTRO = (
    "kamerlezer reads parliamentary dossiers. The letter (left) shows the open document with "
    "its citations; the side column shows the finder (f), which lists what it cites and what "
    "cites it and finds any document by number or words, or the dossier tree (t)."
)


def commands_table(sections: tuple[tuple[str, tuple[Command, ...]], ...]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, commands in sections:
        table.add_row(Text(title, style="bold underline"), "")
        for command in commands:
            table.add_row(key_display(command.bound_keys), f"{command.title}: {command.help}")
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """Every key of the reader, by where it applies."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(HELP)]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(
        self, sections: tuple[tuple[str, tuple[Command, ...]], ...], narrow: bool = False
    ) -> None:
        super().__init__()
        self.sections = sections
        self.narrow = narrow

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text((NARROW_INTRO if self.narrow else WIDE_INTRO) + "\n"))
            yield Static(commands_table(self.sections))
            yield Static(Text(f"{key_for('dismiss', HELP)} closes this help.", style="dim"))

    @property
    def _scroll(self) -> VerticalScroll:
        return self.query_one(VerticalScroll)

    def action_scroll_down(self) -> None:
        self._scroll.scroll_down()

    def action_scroll_up(self) -> None:
        self._scroll.scroll_up()

    def action_page_down(self) -> None:
        self._scroll.scroll_page_down()

    def action_page_up(self) -> None:
        self._scroll.scroll_page_up()
