"""How the Kamer voted on a document: the 150 seats as one bar, parties by vote, a legend.

Drawn for the width it has (one seat a cell from 150 columns, in proportion below), and
readable without colour: each vote has its own mark.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from db.outcomes.outcome import Outcome
from loaders.sanitize import terminal_safe
from tui.commands import VOTES, bindings, key_for
from tui.text.outcome import legend, majority_ruler, outcome_summary, seat_bar

VOLGORDE_NOTE = (
    "The open data links this decision to the agenda item, which holds several zaken; it is "
    "taken to be about this one by the item's order (AgendapuntZaakBesluitVolgorde), a "
    "reading the Kamer does not document."
)


class SeatBar(Static):
    """The bar, the majority mark under it, and the legend, drawn again at each width."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome

    def on_resize(self, event: events.Resize) -> None:
        width = max(10, event.size.width)
        lines: list[Text] = [seat_bar(self.outcome, width), majority_ruler(width), Text()]
        lines.extend(legend(self.outcome))
        self.update(Group(*lines))


class VotesScreen(ModalScreen[None]):
    """The votes on the open document."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(VOTES)]

    DEFAULT_CSS = """
    VotesScreen { align: center middle; }
    VotesScreen > VerticalScroll {
        width: 96%; max-width: 156; height: auto; max-height: 92%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    VotesScreen .votes--summary { text-style: bold; }
    VotesScreen .votes--note { color: $text-muted; }
    """

    def __init__(self, title: str, outcome: Outcome) -> None:
        super().__init__()
        self.heading = title
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        outcome = self.outcome
        with VerticalScroll():
            yield Static(Text(terminal_safe(self.heading)), classes="votes--note")
            yield Static(Text(outcome_summary(outcome)), classes="votes--summary")
            yield Static(
                Text(f"The decision, as recorded: {terminal_safe(outcome.text)}"),
                classes="votes--note",
            )
            yield Static("")
            yield SeatBar(outcome)
            marks = "█ for · ░ against · · absent; shades tell neighbouring parties apart"
            yield Static(Text(marks), classes="votes--note")
            if not outcome.certain:
                yield Static(Text(f"Not certain: {outcome.reason}."), classes="votes--note")
                yield Static(Text(VOLGORDE_NOTE), classes="votes--note")
            yield Static(Text(f"{key_for('dismiss', VOTES)} closes.", style="dim"))

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up()
