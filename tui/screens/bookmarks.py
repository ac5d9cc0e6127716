"""Bookmarks in the reader: ``m`` names the place being read and keeps it, ``'`` lists them
and goes to one. A box for the name, a list to choose from; both close on Esc."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from db.user_state.bookmarks import Bookmark, add_bookmark, bookmarks, remove_bookmark
from loaders.labels import reference_label
from loaders.sanitize import terminal_safe
from tui.commands import BOOKMARKS, bindings, key_for
from tui.own_state import OwnState
from tui.text.labels import short_date

_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 90%; max-width: 100; height: auto; max-height: 80%;
    border: round $accent; background: $surface; padding: 0 1;
}}
{name} OptionList {{ height: auto; max-height: 20; }}
{name} .bookmarks--note {{ color: $text-muted; }}
"""


class BookmarkName(ModalScreen[str | None]):
    """The name of a new bookmark: Enter keeps it (an empty name keeps the one offered),
    Esc keeps nothing."""

    DEFAULT_CSS = _CSS.format(name="BookmarkName")

    def __init__(self, where: str, offered: str) -> None:
        super().__init__()
        self.where = where
        self.offered = offered

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Bookmark {self.where}", style="bold"))
            yield Input(placeholder=self.offered, id="bookmark-name")
            note = "Enter keeps it (with the name shown, if you type none) · Esc cancels"
            yield Static(Text(note), classes="bookmarks--note")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _named(self, event: Input.Submitted) -> None:
        self.dismiss(" ".join(event.value.split()) or self.offered)

    def key_escape(self) -> None:
        self.dismiss(None)


class BookmarksList(ModalScreen[Bookmark | None]):
    """Every bookmark, newest first; Enter goes to one, d removes one."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(BOOKMARKS)]
    DEFAULT_CSS = _CSS.format(name="BookmarksList")

    def __init__(self, marks: list[Bookmark], remove: Callable[[Bookmark], bool]) -> None:
        super().__init__()
        self.marks = marks
        self._remove = remove

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Bookmarks", style="bold"))
            yield OptionList(*self._options(), id="bookmarks")
            yield Static(self._note(), classes="bookmarks--note", id="bookmarks-note")
        yield Footer()

    def _options(self) -> list[Option]:
        options = []
        for mark in self.marks:
            label = Text(terminal_safe(mark.name), style="bold")
            label.append(
                f"  {reference_label(mark.key)} · {short_date(mark.made[:10])}", style="dim"
            )
            options.append(Option(label, id=str(mark.id)))
        return options

    def _note(self) -> Text:
        if not self.marks:
            return Text(f"No bookmarks yet: {key_for('bookmark')} bookmarks the place you read.")
        remove, close = key_for("remove", BOOKMARKS), key_for("dismiss_list", BOOKMARKS)
        return Text(f"Enter goes to it · {remove} removes it · {close} closes")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(m for m in self.marks if str(m.id) == event.option.id))

    def action_remove(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.marks:
            return
        mark = self.marks[options.highlighted]
        if self._remove(mark):
            self.marks.remove(mark)
            options.remove_option_at_index(options.highlighted)
            self.query_one("#bookmarks-note", Static).update(self._note())

    def action_dismiss_list(self) -> None:
        self.dismiss(None)


def bookmark_here(
    app: App[None], own: OwnState, key: str, offset: int, line: int, say: Callable[[str], None]
) -> None:
    """Ask a name for the place ``offset`` into ``key``'s text (at ``line`` on screen) and
    keep it in your own state; ``say`` tells how it went."""
    offered = f"{reference_label(key)}, line {line}"

    def keep(name: str | None) -> None:
        if name is None:
            return
        if own.use(lambda state: add_bookmark(state, key, offset, name), None) is None:
            say(f"Cannot bookmark: {own.problem}")
            return
        say(f"Bookmarked: {name} · {key_for('bookmarks')} lists your bookmarks")

    app.push_screen(BookmarkName(f"{reference_label(key)} at line {line}", offered), keep)


def choose_bookmark(
    app: App[None], own: OwnState, say: Callable[[str], None], go: Callable[[Bookmark], None]
) -> None:
    """Your bookmarks to choose one from (``go`` goes there) or remove one."""
    marks = own.use(bookmarks, None)
    if marks is None:
        say(f"Cannot read your bookmarks: {own.problem}")
        return

    def remove(mark: Bookmark) -> bool:
        removed = own.use(lambda state: remove_bookmark(state, mark.id), False)
        if own.problem:
            say(f"Cannot remove it: {own.problem}")
        return removed

    def chosen(mark: Bookmark | None) -> None:
        if mark is not None:
            go(mark)

    app.push_screen(BookmarksList(marks, remove), chosen)
