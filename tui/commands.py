"""The reader's actions as the command palette lists them, and its keys as the help screen
shows them: both read from the bindings, so neither can drift from what the keys do."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Tree

from tui.screens.search import SearchScreen
from tui.widgets.dossier_tree import DossierTree
from tui.widgets.finder_pane import FinderPane
from tui.widgets.letter_view import LetterView

if TYPE_CHECKING:
    from textual.app import App


def bindings(items: list[BindingType]) -> list[Binding]:
    return [b for b in items if isinstance(b, Binding)]


def help_sections(
    app_bindings: list[BindingType], palette_key: str
) -> list[tuple[str, list[Binding]]]:
    """The keys of each pane, read from the bindings themselves."""
    palette = Binding(palette_key, "command_palette", "All commands")
    return [
        ("Everywhere", [*bindings(app_bindings), *bindings(Screen.BINDINGS), palette]),
        ("Letter", bindings(LetterView.BINDINGS)),
        ("Finder", [*bindings(FinderPane.BINDINGS), *bindings(OptionList.BINDINGS)]),
        ("Tree", [*bindings(DossierTree.BINDINGS), *bindings(Tree.BINDINGS)]),
        ("Search screen (s)", bindings(SearchScreen.BINDINGS)),
    ]


def reader_commands(app: App[None], letter: LetterView) -> Iterator[SystemCommand]:
    """Every reader action for the command palette."""
    for binding in bindings(app.BINDINGS):
        if binding.action != "quit":
            action = getattr(app, f"action_{binding.action}")
            yield SystemCommand(binding.description, f"Key: {binding.key}", action)
    yield SystemCommand("Next citation", "Key: ]", letter.action_next_citation)
    yield SystemCommand("Previous citation", "Key: [", letter.action_previous_citation)
    yield SystemCommand("Follow the citation", "Key: Enter", letter.action_follow)
    yield SystemCommand("Next search hit", "Key: n", letter.action_next_hit)
    yield SystemCommand("Previous search hit", "Key: N", letter.action_previous_hit)
