"""``Y``: the open document's citation in the form a memo or a reference manager needs; Enter
copies the one chosen (through the terminal, as ``y`` does)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from loaders.bibliography import FORMATS, cited
from loaders.model import Document
from loaders.sanitize import terminal_safe
from tui.commands import CITE_AS, bindings, key_for

FORMAT_NAMES = {
    "text": "Text, as the Leidraad gives it",
    "csl-json": "CSL-JSON (Zotero, Mendeley)",
    "bibtex": "BibTeX",
    "ris": "RIS (EndNote, Zotero)",
}


class CiteAs(ModalScreen[str | None]):
    """The formats, each with its first line; the one chosen is the result."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(CITE_AS)]
    DEFAULT_CSS = """
    CiteAs { align: center middle; }
    CiteAs > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    CiteAs OptionList { height: auto; }
    CiteAs .cite--note { color: $text-muted; }
    """

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Cite as", style="bold"))
            yield OptionList(*(self._option(form) for form in FORMATS), id="cite-formats")
            yield Static(
                Text(f"Enter copies it · {key_for('close', CITE_AS)} closes"), classes="cite--note"
            )
        yield Footer()

    def _option(self, form: str) -> Option:
        prompt = Text(FORMAT_NAMES[form], style="bold")
        first = next((line for line in cited([self.document], form).splitlines() if line), "")
        prompt.append("\n  " + terminal_safe(first.strip()), style="dim")
        return Option(prompt, id=form)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
