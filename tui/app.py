"""The reader: dossier tree, letter pane and reference finder, and moving between documents.

Everything is reachable from the keyboard (and the command palette, Ctrl+P); the mouse works
too but is never needed. Over SSH, `y` copies through the terminal (OSC 52).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from db.library import Library
from loaders.errors import LoadError
from loaders.ids import (
    official_url,
    parse_dossier,
    reference_label,
    split_kst_key,
    standard_citation,
)
from loaders.model import Citation, Document, Dossier
from tui.commands import help_sections, reader_commands
from tui.fetch_worker import Cancelled, fetch_document
from tui.history import History, Visit
from tui.page import Page
from tui.pages import document_page, welcome_page
from tui.screens.help import HelpScreen
from tui.screens.search import SearchScreen
from tui.widgets.dossier_tree import DocumentNode, DossierTree, NodeData
from tui.widgets.finder_pane import FinderPane
from tui.widgets.letter_view import LetterView, Position

# The history's names for the page shown before any document, and for the search screen.
WELCOME = ""
SEARCH = "\x00search"

# Below this width the tree and the finder share one side column; from WIDE on, both get
# room for longer titles.
NARROW = 110
WIDE = 160


class KamerlezerApp(App[None]):
    """Read a library of Kamerstukken and follow their citations."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "kamerlezer"

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding: the app moves focus to the finder before it hands on the keys
        # typed after f, so a burst of keys (common over SSH) all reach the finder.
        Binding("f,ctrl+f", "find", "Find", priority=True),
        Binding("slash", "search", "Search this text", key_display="/", show=False),
        Binding("s", "search_all", "Search all"),
        Binding("backspace,alt+left", "go_back", "Back"),
        Binding("alt+right", "forward", "Forward", show=False),
        Binding("y", "copy_citation", "Copy citation", show=False),
        Binding("o", "official_url", "Official URL", show=False),
        Binding("t", "toggle_tree", "Tree", show=False),
        Binding("F", "fetch", "Fetch this document", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit", show=False),
    ]

    def __init__(self, library: Library, start: str | None = None, theme: str | None = None):
        super().__init__()
        self.library = library
        self.start = start
        self.history = History()
        self._search: SearchScreen | None = None
        self._initial_theme = theme

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield DossierTree(self.library, id="tree")
            with Vertical(id="letter-pane"):
                yield LetterView(id="letter")
                yield Input(placeholder="Search this document", id="doc-search")
                yield Static("", id="citation-bar")
            yield FinderPane(self.library, id="finder")
        yield Footer()

    @property
    def letter(self) -> LetterView:
        return self.query_one(LetterView)

    @property
    def dossier_tree(self) -> DossierTree:
        return self.query_one(DossierTree)

    @property
    def finder(self) -> FinderPane:
        return self.query_one(FinderPane)

    def on_mount(self) -> None:
        if self._initial_theme:
            self.theme = self._initial_theme
        self._fit(self.size.width)
        if self.start:
            self.open_document(self.start)
        else:
            self.history.open(WELCOME)
            self._show_page(welcome_page(self.library))
        self.letter.focus()

    def on_resize(self) -> None:
        self._fit(self.size.width)

    def _fit(self, width: int) -> None:
        screen = self.screen
        narrow = width < NARROW
        if narrow != screen.has_class("-narrow"):
            screen.set_class(narrow, "-narrow")
            screen.remove_class("-show-tree")
        screen.set_class(width >= WIDE, "-wide")

    # -- opening documents --------------------------------------------------------------------
    def open_document(self, key: str, *, remember: bool = True) -> bool:
        """Open the document (or ghost page) ``key``; False when the library has no such key."""
        resolved = self.library.resolve(key) or key
        document = self.library.get(resolved) or _named_document(resolved)
        if document is None:
            if parse_dossier(key) == key and self.dossier_tree.dossier_node(key) is not None:
                self._show_dossier(key)  # a citation of a whole dossier
                return True
            self.notify(f"{reference_label(key)}: not in this library", severity="warning")
            return False
        if remember:
            self.history.remember(self.letter.position)
            self.history.open(document.key)
        position = self.history.current.position if not remember and self.history.current else None
        self._show_page(document_page(document, self.library), position)
        self.finder.show_context(
            document.key,
            [] if document.metadata_only else document.citations,
            self.library.cited_by(document.key),
        )
        self.dossier_tree.reveal(document.key, document.dossier_key)
        self.sub_title = document.key
        return True

    def _show_dossier(self, key: str) -> None:
        if self.screen.has_class("-narrow"):
            self.screen.add_class("-show-tree")
        self.screen.remove_class("-hide-tree")
        self.dossier_tree.reveal_dossier(key)
        self.dossier_tree.focus()

    def _show_page(self, page: Page, position: Position | None = None) -> None:
        self.letter.show(page, position)

    @on(LetterView.Follow)
    def _follow(self, event: LetterView.Follow) -> None:
        self.open_document(event.target)

    @on(FinderPane.Open)
    def _open_from_finder(self, event: FinderPane.Open) -> None:
        if self.open_document(event.key):
            self.finder.clear()
            self.letter.focus()

    @on(FinderPane.Leave)
    def _leave_finder(self) -> None:
        self.letter.focus()

    @on(FinderPane.SearchText)
    def _search_from_finder(self, event: FinderPane.SearchText) -> None:
        screen = self._search_screen()
        self.finder.clear()
        self.push_screen(screen)
        self.call_after_refresh(screen.search_for, event.query)  # once it is composed

    @on(DossierTree.NodeSelected)
    def _open_from_tree(self, event: DossierTree.NodeSelected[NodeData]) -> None:
        data = event.node.data
        if isinstance(data, DocumentNode):
            self.open_document(data.key)

    @on(LetterView.CitationFocused)
    def _citation_focused(self, event: LetterView.CitationFocused) -> None:
        bar = self.query_one("#citation-bar", Static)
        citation: Citation | None = event.citation
        if citation is None:
            bar.update("")
            return
        state = "not in the library" if event.is_ghost else self.finder.describe(citation.target)
        if event.is_ghost and citation.title:
            state += f" · «{citation.title}»"
        bar.update(f"→ {reference_label(citation.target)} · {state} · Enter follows")
        self.finder.highlight_citation(self.letter.cursor)

    # -- actions ------------------------------------------------------------------------------
    def action_find(self) -> None:
        if self.screen.has_class("-narrow"):
            self.screen.remove_class("-show-tree")
        self.finder.focus_search()

    def action_search(self) -> None:
        search = self.query_one("#doc-search", Input)
        search.add_class("-visible")
        search.focus()

    @on(Input.Changed, "#doc-search")
    def _search_changed(self, event: Input.Changed) -> None:
        count = self.letter.search(event.value)
        self.query_one("#citation-bar", Static).update(
            f"{count} found · Enter to read, n/N next/previous" if event.value else ""
        )

    @on(Input.Submitted, "#doc-search")
    def _search_submitted(self) -> None:
        self.query_one("#doc-search", Input).remove_class("-visible")
        self.letter.focus()

    def on_key(self, event: events.Key) -> None:
        search = self.query_one("#doc-search", Input)
        if event.key == "escape" and search.has_focus:
            search.remove_class("-visible")
            self.letter.focus()
            event.stop()
        elif event.key == "escape" and self._fetching():
            self.workers.cancel_group(self, "fetch")
            event.stop()

    def action_go_back(self) -> None:
        self.history.remember(self.letter.position)
        self._revisit(self.history.back(), "Nothing to go back to.")

    def action_forward(self) -> None:
        self.history.remember(self.letter.position)
        self._revisit(self.history.forward(), "Nothing to go forward to.")

    def _revisit(self, visit: Visit | None, nothing: str) -> None:
        if visit is None:
            self.notify(nothing, timeout=2)
            return
        if visit.key == SEARCH:
            self.push_screen(self._search_screen())
            return
        if visit.key == WELCOME:
            self._show_page(welcome_page(self.library), visit.position)
            self.finder.show_context("", [], [])
            self.sub_title = ""
        else:
            self.open_document(visit.key, remember=False)
        self.letter.focus()

    def _open_key(self) -> str | None:
        page = self.letter.page
        return (
            page.key
            if page is not None
            and page.key.startswith(("kst-", "h-", "ah-", "stb-", "stcrt-", "trb-"))
            else None
        )

    def action_copy_citation(self) -> None:
        key = self._open_key()
        if key is None:
            self.notify("Open a document first.", timeout=2)
            return
        document = self.library.get(key)
        text = standard_citation(key, document.vergaderjaar, document.chamber) if document else key
        self.copy_to_clipboard(text)
        self.notify(f"Copied: {text}", timeout=4)

    def action_fetch(self) -> None:
        """On a ghost's page: get the document from the official sources, then open it."""
        page = self.letter.page
        if page is None or not page.is_ghost:
            self.notify("F fetches a document that is cited but not loaded.", timeout=3)
            return
        self._fetch(page.key)

    @work(thread=True, exclusive=True, group="fetch")
    def _fetch(self, key: str) -> None:
        worker = get_current_worker()
        bar = self.query_one("#citation-bar", Static)

        def progress(message: str) -> None:
            self.call_from_thread(bar.update, f"{message} (Esc cancels)")

        try:
            outcome = fetch_document(self.library.path, key, progress, lambda: worker.is_cancelled)
        except Cancelled:
            self.call_from_thread(bar.update, f"Fetching {key} cancelled")
            return
        except LoadError as exc:
            self.call_from_thread(bar.update, "")
            self.call_from_thread(self.notify, str(exc), severity="error", timeout=8)
            return
        self.call_from_thread(self._fetched, key, outcome)

    def _fetched(self, key: str, outcome: str) -> None:
        self.finder.refresh_library()
        self.dossier_tree.reload()
        self.query_one("#citation-bar", Static).update("")
        self.notify(outcome, timeout=4)  # the bar belongs to the page that opens next
        page = self.letter.page
        if page is not None and page.key == key:  # still on its ghost page: show it
            self.open_document(key, remember=False)

    def _fetching(self) -> bool:
        return any(w.group == "fetch" and w.is_running for w in self.workers)

    def action_official_url(self) -> None:
        key = self._open_key()
        if key is None:
            self.notify("Open a document first.", timeout=2)
            return
        url = official_url(key)
        remote = bool(os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"))
        if not remote and (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            self.open_url(url)
        # On one line, where a terminal can make it a link: a toast would wrap it.
        self.query_one("#citation-bar", Static).update(Text(url, style="underline"))
        self.notify("Its address is in the bar below the letter.", title="Official publication")

    def action_toggle_tree(self) -> None:
        screen = self.screen
        if screen.has_class("-narrow"):
            screen.toggle_class("-show-tree")
            shown = screen.has_class("-show-tree")
        else:
            screen.toggle_class("-hide-tree")
            shown = not screen.has_class("-hide-tree")
        if shown:
            self.dossier_tree.focus()
        elif self.focused is None or self.focused is self.dossier_tree:
            self.letter.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The reader's own keys act on the reader only, not over the search screen or help
        (Esc leaves them); and in a text box an f is a letter."""
        if action not in _READER_ACTIONS:
            return True
        if self.screen is not self.screen_stack[0]:
            return False
        return not (action == "find" and isinstance(self.focused, Input))

    def action_search_all(self) -> None:
        self.push_screen(self._search_screen())

    def _search_screen(self) -> SearchScreen:
        """One search screen for the session, installed so that popping it keeps its query,
        results and selection."""
        if self._search is None:
            self._search = SearchScreen(self.library)
            self.install_screen(self._search, name="search")
        return self._search

    @on(SearchScreen.OpenHit)
    def _open_hit(self, event: SearchScreen.OpenHit) -> None:
        self.pop_screen()
        self.history.remember(self.letter.position)
        self.history.open(SEARCH)
        if self.open_document(event.key):
            count = self.letter.highlight(event.terms)
            places = "1 place" if count == 1 else f"{count} places"
            message = f"{places} found · n/N next/previous · Backspace back to the results"
            # After the new page's own "no citation chosen" has cleared the bar.
            self.call_after_refresh(self.query_one("#citation-bar", Static).update, message)
        self.letter.focus()

    @on(SearchScreen.Closed)
    def _search_closed(self) -> None:
        current = self.history.current
        if current is not None and current.key == SEARCH:  # came back to it with Back
            self.history.forward()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self) -> list[tuple[str, list[Binding]]]:
        return help_sections(self.BINDINGS, self.COMMAND_PALETTE_BINDING)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from reader_commands(self, self.letter)


_READER_ACTIONS = frozenset(
    {
        "find",
        "search",
        "search_all",
        "go_back",
        "forward",
        "copy_citation",
        "official_url",
        "toggle_tree",
        "fetch",
    }
)


def run_reader(library_path: Path, start: str | None = None, theme: str | None = None) -> None:
    """Open the reader on the library at ``library_path``."""
    library = Library.open(library_path, write=False)
    try:
        KamerlezerApp(library, start=start, theme=theme).run()
    finally:
        library.close()


def _named_document(key: str) -> Document | None:
    """A document that a well-formed number names but the library does not hold (nothing
    cites it yet): shown like a ghost, so that F fetches it."""
    split = split_kst_key(key)
    if split is None:
        return None
    return Document(
        key=key,
        published_id=key,
        dossiers=[Dossier(split[0])],
        ondernummer=split[1],
        metadata_only=True,
    )
