"""The box of a note (``a``): as many lines as it takes, kept with Ctrl+S, dropped with Esc.
What is typed is kept as a draft at every change, so that a crash loses none of it; the next
note on the same document begins with the draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from db.user_state import UserState
from db.user_state.notes import add_note, draft_of, drop_draft, keep_draft
from tui.commands import NOTE, bindings, key_for
from tui.own_state import OwnState


class NoteBox(ModalScreen[str | None]):
    """A note on ``where``: the text kept (Ctrl+S), or None (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(NOTE)]
    DEFAULT_CSS = """
    NoteBox { align: center middle; }
    NoteBox > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    NoteBox TextArea { height: 8; }
    NoteBox .note--help { color: $text-muted; }
    """

    def __init__(self, where: str, text: str, keep_draft: Callable[[str], None]) -> None:
        super().__init__()
        self.where = where
        self.text = text
        self._keep_draft = keep_draft

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Note on {self.where}", style="bold"))
            yield TextArea(self.text, soft_wrap=True, show_line_numbers=False, id="note-text")
            help_text = (
                f"{key_for('keep', NOTE)} keeps it · {key_for('drop', NOTE)} closes without it"
            )
            if self.text:
                help_text = "Your draft from before · " + help_text
            yield Static(Text(help_text), classes="note--help")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        self._keep_draft(event.text_area.text)

    def action_keep(self) -> None:
        text = self.query_one(TextArea).text.strip()
        self.dismiss(text or None)

    def action_drop(self) -> None:
        self.dismiss(None)


def write_note(
    app: App[None],
    own: OwnState,
    key: str,
    offset: int,
    where: str,
    say: Callable[[str], None],
    kept: Callable[[], None],
) -> None:
    """The box for a note at ``offset`` into ``key``'s text, or at its draft's place where
    one was left: the draft kept at every change, the note kept (``kept`` then shows it) or
    dropped at the end; ``say`` tells what could not be done."""
    draft = own.use(lambda state: draft_of(state, key), None)
    if own.problem:
        say(f"Cannot write a note: {own.problem}")
        return
    if draft is not None:
        offset = draft.offset  # the draft's own place

    def keep(text: str) -> None:
        own.use(lambda state: keep_draft(state, key, offset, text), None)
        if own.problem:
            say(f"Your draft cannot be kept: {own.problem}")

    def finish(state: UserState, text: str | None) -> None:
        if text:
            add_note(state, key, offset, text)
        drop_draft(state, key)

    def done(text: str | None) -> None:
        own.use(lambda state: finish(state, text), None)
        if own.problem:
            say(f"Cannot keep the note: {own.problem}")
        elif text:
            kept()

    app.push_screen(NoteBox(where, draft.text if draft else "", keep), done)
