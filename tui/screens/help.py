"""The help screen, written from the bindings themselves, so it cannot drift from them."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "kamerlezer reads parliamentary dossiers. The tree (left) lists dossiers and their "
    "documents; the letter (centre) shows the open document with its citations; the finder "
    "(right) lists what it cites and what cites it, and finds any document by number or words."
)


def key_names(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    names = []
    for key in binding.key.split(","):
        key = key.strip()
        names.append(
            {
                "question_mark": "?",
                "slash": "/",
                "left_square_bracket": "[",
                "right_square_bracket": "]",
                "backspace": "Backspace",
                "escape": "Esc",
                "enter": "Enter",
                "space": "Space",
                "tab": "Tab",
            }.get(key, _modifiers(key))
        )
    return " / ".join(names)


def _modifiers(key: str) -> str:
    for raw, shown in (
        ("ctrl+", "Ctrl+"),
        ("alt+", "Alt+"),
        ("shift+", "Shift+"),
        ("super+", "Super+"),
    ):
        key = key.replace(raw, shown)
    return key


def bindings_table(sections: list[tuple[str, list[Binding]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, bindings in sections:
        table.add_row(Text(title, style="bold underline"), "")
        seen = set()
        for binding in bindings:
            if not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            table.add_row(key_names(binding), binding.description)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """Every key of the reader, by pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(INTRO + "\n"))
            yield Static(bindings_table(self.sections))
            yield Static(Text("Esc closes this help.", style="dim"))
