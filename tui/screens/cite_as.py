"""``Y``: the open document's citation in the form a memo or a reference manager needs; Enter
copies the one chosen (through the terminal, as ``y`` does)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from loaders.bibliography import FORMATS, cited
from loaders.labels import standard_citation
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


def copy_citation(app: App[None], document: Document) -> None:
    """``y``: the document's citation, as the Leidraad gives it, to the clipboard."""
    text = standard_citation(document.key, document.vergaderjaar, document.chamber)
    if document.key.startswith("vlos-"):  # no citation form of its own: what it is
        text = f"Verslag van het commissiedebat {document.title}, Tweede Kamer, {document.date}"
    app.copy_to_clipboard(text)
    app.notify(f"Copied: {text}", timeout=4)


def choose_citation_form(app: App[None], document: Document) -> None:
    """``Y``: the forms to choose from; the one chosen to the clipboard."""

    def copy(form: str | None) -> None:
        if form is None:
            return
        text = cited([document], form)
        app.copy_to_clipboard(text)
        lines = text.count("\n") + 1
        shown = text if lines == 1 else f"{FORMAT_NAMES[form]}, {lines} lines"
        app.notify(f"Copied: {shown}", timeout=4)

    app.push_screen(CiteAs(document), copy)
