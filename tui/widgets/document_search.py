"""The box of ``/``: search the open document. It owns its input and its Esc; the reader
hears what was typed and when the box closed, and moves the letter's hits."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Input

from tui.commands import DOCUMENT_SEARCH, bindings


class DocumentSearch(Input):
    """Hidden until ``/``; Enter keeps the hits and goes back to the letter, Esc too."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(DOCUMENT_SEARCH)]

    class Closed(Message):
        """The box closed: the letter takes the keys again."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(placeholder="Search this document", id=id)

    def open(self) -> None:
        self.add_class("-visible")
        self.screen.set_focus(self)  # at once: keys typed right after / belong to the box
        self.select_all()

    def action_close(self) -> None:
        self.remove_class("-visible")
        self.post_message(self.Closed())

    async def action_submit(self) -> None:
        await super().action_submit()
        self.action_close()
