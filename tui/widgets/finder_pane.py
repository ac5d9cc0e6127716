"""The reference finder: a search box over every document and ghost, and, with the box
empty, what the open document cites and what cites it.

Searching runs in a worker thread; each keystroke cancels the search of the one before, so
typing never waits for results.
"""

from __future__ import annotations

import threading
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from db.finder import Finder, Result
from db.library import DocumentRow, Library
from loaders.dates import format_dutch_date
from loaders.ids import reference_label
from loaders.model import Citation
from loaders.sanitize import terminal_safe
from tui.widgets.dossier_tree import GHOST_MARK, short_date


def result_prompt(
    key: str,
    kind: str,
    date: str,
    shown: str,
    ghost: bool,
    highlights: tuple[tuple[int, int], ...] = (),
) -> Text:
    """Two lines: the number (ghosts marked), kind and date; then what it is about (the
    list cuts each line to its width)."""
    first = Text(reference_label(key), style="bold")
    if ghost:
        first.append(f" {GHOST_MARK}", style="dim")
    for part in (kind, short_date(date)):
        if part:
            first.append(f" {part}", style="dim")
    second = Text("  " + terminal_safe(shown), style="dim italic" if ghost else "")
    for start, end in highlights:
        second.stylize("bold reverse", start + 2, end + 2)
    return Text("\n").join([first, second]) if shown else first


# "Cited here" and "Cited by" list at most this many each: a list draws every entry, and a
# document with a thousand citations would otherwise open slowly.
LISTED = 150


def _more(count: int, hint: str) -> Option:
    return Option(Text(f"… {count} more ({hint})", style="dim italic"), disabled=True)


class FinderPane(Vertical):
    """Search box and results; Enter opens the highlighted result."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "to_results", "Results", show=False),
        Binding("escape", "leave", "Back to the letter", show=False),
    ]

    class Open(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class Leave(Message):
        """The reader is done with the finder."""

    def __init__(self, library: Library, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.library = library
        self._finder: Finder | None = None
        self._finder_lock = threading.Lock()
        self._shown_context: tuple[str, list[Citation], list[str]] = ("", [], [])
        self._listed_query = ""  # the query whose results the list shows ("" for the context)
        self._open_when_listed = False  # Enter came before the results of what was typed

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Find: number or words", id="finder-input")
        yield OptionList(id="finder-results")

    @property
    def input(self) -> Input:
        return self.query_one("#finder-input", Input)

    @property
    def results(self) -> OptionList:
        return self.query_one("#finder-results", OptionList)

    def finder(self) -> Finder:
        """The finder, on a connection of its own: it runs in worker threads."""
        with self._finder_lock:
            if self._finder is None:
                self._finder = Finder(Library.open(self.library.path, write=False))
            return self._finder

    def on_mount(self) -> None:
        self._warm()

    @work(thread=True, group="warm")
    def _warm(self) -> None:
        """Read the finder's vocabulary before the first keystroke needs it."""
        self.finder().warm()

    def refresh_library(self) -> None:
        """After a load: search the library as it is now."""
        self._finder = None

    # -- the open document's citations ------------------------------------------------------
    def show_context(self, key: str, citations: list[Citation], cited_by: list[str]) -> None:
        self._shown_context = (key, citations, cited_by)
        if not self.input.value.strip():
            self._show_context()

    def _show_context(self) -> None:
        self._listed_query = ""
        key, citations, cited_by = self._shown_context
        results = self.results
        results.clear_options()
        if not key:
            return
        options: list[Option] = [
            Option(Text(f"Cited here ({len(citations)})", style="bold"), disabled=True)
        ]
        shown_here, shown_by = citations[:LISTED], cited_by[:LISTED]
        rows = self.library.get_rows([c.target for c in shown_here] + shown_by)
        for index, citation in enumerate(shown_here):
            row = rows.get(citation.target)
            options.append(
                Option(
                    self._row_prompt(citation.target, row, citation),
                    id=f"here:{index}:{citation.target}",
                )
            )
        if len(citations) > LISTED:
            options.append(_more(len(citations) - LISTED, "] in the letter goes to every one"))
        options.append(Option(Text(f"Cited by ({len(cited_by)})", style="bold"), disabled=True))
        for source in shown_by:
            options.append(
                Option(self._row_prompt(source, rows.get(source), None), id=f"by:{source}")
            )
        if len(cited_by) > LISTED:
            options.append(_more(len(cited_by) - LISTED, "search finds them"))
        results.add_options(options)

    def _row_prompt(self, key: str, row: DocumentRow | None, citation: Citation | None) -> Text:
        ghost = row is None or row.ghost
        kind = (
            row.kind
            if row
            else (citation.kind if citation and citation.kind != "kamerstuk" else "")
        )
        date = (row.date if row else "") or (citation.date if citation else "")
        shown = (row.subject or row.title) if row else ""
        if not shown and citation is not None:
            shown = citation.title
        return result_prompt(key, kind, date, shown, ghost)

    def highlight_citation(self, index: int | None) -> None:
        """Follow the letter pane's citation cursor in the "Cited here" list."""
        if self.input.value.strip() or index is None:
            return
        results = self.results
        for position in range(results.option_count):
            option = results.get_option_at_index(position)
            if option.id and option.id.startswith(f"here:{index}:"):
                results.highlighted = position
                return

    # -- searching --------------------------------------------------------------------------
    @on(Input.Changed, "#finder-input")
    def _query_changed(self, event: Input.Changed) -> None:
        self._open_when_listed = False
        if not event.value.strip():
            self.workers.cancel_group(self, "search")
            self._show_context()
            return
        self._search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        results = self.finder().find(query, limit=50)
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._show_results, query, results)

    def _show_results(self, query: str, results: list[Result]) -> None:
        if self.input.value != query:  # a newer keystroke is on its way
            return
        self._listed_query = query
        options = self.results
        options.clear_options()
        if not results:
            options.add_option(
                Option(
                    Text(f"Nothing found for «{terminal_safe(query)}»", style="dim"), disabled=True
                )
            )
            return
        options.add_options(
            Option(
                result_prompt(r.key, r.kind, r.date, r.shown, r.ghost, r.highlights),
                id=f"find:{r.key}",
            )
            for r in results
        )
        options.highlighted = 0
        if self._open_when_listed:
            self._open_when_listed = False
            self._open_highlighted()

    @on(Input.Submitted, "#finder-input")
    def _submitted(self) -> None:
        if self.input.value.strip() and self.input.value != self._listed_query:
            self._open_when_listed = True  # the list is of an older query: wait for this one
            return
        results = self.results
        if results.highlighted is None and results.option_count:
            results.action_first()
        self._open_highlighted()

    @on(OptionList.OptionSelected, "#finder-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open_option(event.option)

    def _open_highlighted(self) -> None:
        results = self.results
        if results.highlighted is not None:
            self._open_option(results.get_option_at_index(results.highlighted))

    def _open_option(self, option: Option) -> None:
        if option.disabled or not option.id:
            return
        self.post_message(self.Open(option.id.rsplit(":", 1)[-1]))

    def action_to_results(self) -> None:
        self.results.focus()

    def action_leave(self) -> None:
        self.clear()
        self.post_message(self.Leave())

    def clear(self) -> None:
        """Empty the search box: the list shows the open document's citations again."""
        self.input.value = ""

    def focus_search(self) -> None:
        # At once, not after the keys already queued: typed right after f (a burst over SSH),
        # they belong to the finder, not to the text.
        self.screen.set_focus(self.input)
        if self.screen.focused is not self.input:  # not shown yet (the narrow layout)
            self.input.focus()
        self.input.select_all()

    def describe(self, key: str) -> str:
        row = self.library.get_row(key)
        if row is None:
            return reference_label(key)
        return " · ".join(
            p for p in (reference_label(key), row.kind, format_dutch_date(row.date)) if p
        )
