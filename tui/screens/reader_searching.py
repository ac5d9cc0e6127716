"""Searching from the reader: ``/`` in the open document (a box under the letter; n and N
step between the hits) and ``s`` in every document (the search screen, kept for the session so
that coming back finds its query and results as they were)."""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from tui.screens.reader_parts import ReaderParts
from tui.screens.search import Chosen, SearchScreen


class ReaderSearching(ReaderParts):
    """The reader's searching (its screen class derives from this one)."""

    # -- the open document ---------------------------------------------------------------------
    def action_search(self) -> None:
        search = self.query_one("#doc-search", Input)
        search.add_class("-visible")
        self.set_focus(search)  # at once: keys typed right after / belong to the box
        search.select_all()

    @on(Input.Changed, "#doc-search")
    def _search_changed(self, event: Input.Changed) -> None:
        count = self.letter.search(event.value)
        if not event.value:
            self.status.clear()
        elif not count:
            self.status.hits(0, None)

    @on(Input.Submitted, "#doc-search")
    def _search_submitted(self) -> None:
        self._close_doc_search()

    def _close_doc_search(self) -> None:
        self.query_one("#doc-search", Input).remove_class("-visible")
        self.letter.focus()

    # -- every document -----------------------------------------------------------------------
    def action_search_all(self) -> None:
        self._open_search()

    def _open_search(self, query: str | None = None) -> None:
        screen = self._search_screen()
        screen.take_typing()  # the keys typed right after s belong to its box
        self.app.push_screen(screen, self._search_done)
        if query is not None:
            self.app.call_after_refresh(screen.search_for, query)  # once it is composed

    def _search_screen(self) -> SearchScreen:
        """One search screen for the session, installed so that leaving it keeps its query,
        results and selection."""
        if self._search is None:
            self._search = SearchScreen(self.library)
            self.app.install_screen(self._search, name="search")
        return self._search

    def _search_done(self, chosen: Chosen | None) -> None:
        if chosen is None:  # back to the letter
            current = self.history.current
            if current is not None and current.place == "search":  # it came back with Back
                self.history.forward()
            return
        self.history.remember(self.letter.position)
        self.history.open("search")
        if self.open_document(chosen.key):
            self.letter.highlight(chosen.terms)  # the bar says where the hits are
        self.letter.focus()
