"""The search screen: full-text search over every loaded document, with a preview.

The screen keeps its query, results and selection while the reader reads a hit, so that Back
returns to it as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from db.library import Library
from db.search import Hit, SearchError, SearchResult
from db.search_orders import SORT_NAMES, SORTS, Sort
from loaders.labels import format_dossier, reference_label
from loaders.sanitize import terminal_safe
from tui.commands import SEARCH, Command, bindings, key_for
from tui.own_state import OwnState
from tui.text.labels import short_date
from tui.worker_library import WorkerLibrary

HELP = (
    'Words (all must occur), "a phrase", -leave-out, prefix*, OR, dossier:29521, kind:motie, '
    "from:2023-01-01, to:2024-12-31, spreker:Omtzigt (debates). Ctrl+D: newest, oldest first."
)


@dataclass(frozen=True)
class Chosen:
    """The hit the reader chose to read, and the words to highlight in it."""

    key: str
    terms: list[str]


class SearchScreen(Screen[Chosen | None]):
    """Search every document; Enter on a hit reads it with the words highlighted. The
    screen ends with the hit chosen, or None when the reader goes back to the letter."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(SEARCH)]

    DEFAULT_CSS = """
    SearchScreen #search-input { height: 3; }
    SearchScreen #search-summary { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    SearchScreen #search-body { height: 1fr; }
    SearchScreen #search-results {
        width: 1fr; height: 1fr; text-wrap: nowrap; text-overflow: ellipsis;
    }
    SearchScreen #search-preview { width: 1fr; padding: 0 1; border-left: vkey $foreground 20%; }
    """

    def __init__(
        self, library: Library, worker_library: WorkerLibrary, followed: OwnState | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self.followed = followed or OwnState(library)
        self.follows_changed = False  # the reader's tree shows New anew when this closes
        self.worker_library = worker_library  # searches run in a worker, on its connection
        self.sort: Sort = "rank"
        self.result: SearchResult | None = None
        self._typed_early: list[str] = []
        self._shown_for: tuple[str, Sort] | None = None  # the query the results answer
        self._open_when_answered = False  # Enter came before the answer to the box's query

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search every document", id="search-input")
        yield Static(Text(HELP, style="dim"), id="search-summary")
        with Horizontal(id="search-body"):
            yield SearchResults(id="search-results")
            with VerticalScroll(id="search-preview"):
                yield Static("", id="search-preview-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#search-input", Input)
        self.set_focus(box)
        if self._typed_early:  # keys typed before the box was there
            box.insert_text_at_cursor("".join(self._typed_early))
            self._typed_early.clear()

    def take_typing(self) -> None:
        """Before the screen is shown: what the reader types next goes into the box,
        replacing the last query (typed in one burst with the s, it arrives at once)."""
        if not self.is_mounted:
            return  # on_mount focuses the empty box
        box = self.query_one("#search-input", Input)
        self.set_focus(box)
        box.select_all()

    def on_key(self, event: events.Key) -> None:
        """A letter typed outside the box (on the results, or before it exists) goes into it."""
        if not (event.is_printable and event.character):
            return
        if not self.is_mounted or not self.query("#search-input"):
            self._typed_early.append(event.character)
            event.stop()
            return
        box = self.query_one("#search-input", Input)
        if event.key == "w" and self.query_one("#search-results", OptionList).has_focus:
            return  # follow this search (its binding)
        if not box.has_focus:
            self.set_focus(box)
            box.insert_text_at_cursor(event.character)
            event.stop()

    def search_for(self, text: str) -> None:
        """Search for ``text`` as if the reader had typed it."""
        box = self.query_one("#search-input", Input)
        box.value = text
        box.cursor_position = len(text)
        box.focus()

    # -- searching --------------------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @property
    def answer_pending(self) -> bool:
        """Whether the results do not yet answer the query in the box."""
        text = self.query_one("#search-input", Input).value
        return bool(text.strip()) and self._shown_for != (text, self.sort)

    def open_first_when_answered(self) -> None:
        """Enter typed before the answer arrived (one burst over SSH): it opens the first
        hit of the query in the box once that query is answered."""
        self._open_when_answered = True

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        if self.answer_pending:
            self.open_first_when_answered()
            return
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            results.highlighted = results.highlighted or 0
            results.focus()

    def run_search(self, text: str) -> None:
        """Search in a worker: keys never wait on a query, and an answer to a query that is
        no longer in the box (or a sort no longer chosen) is dropped."""
        self._open_when_answered = False  # an Enter belonged to the words before these
        if not text.strip():
            self.workers.cancel_group(self, "search")
            self.result = None
            self._shown_for = None
            self.query_one("#search-results", OptionList).clear_options()
            self.query_one("#search-summary", Static).update(Text(HELP, style="dim"))
            self.query_one("#search-preview-text", Static).update("")
            return
        self._search(text, self.sort)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str, sort: Sort) -> None:
        worker = get_current_worker()
        with self.worker_library.searcher() as searcher:
            if worker.is_cancelled:  # a newer query is waiting: this one is stale already
                return
            try:
                answer: SearchResult | SearchError = searcher.search(text, limit=200, sort=sort)
            except SearchError as exc:
                answer = exc
        if not worker.is_cancelled:
            self.app.call_from_thread(self._answered, text, sort, answer)

    def _answered(self, text: str, sort: Sort, answer: SearchResult | SearchError) -> None:
        box = self.query_one("#search-input", Input)
        if box.value != text or sort != self.sort:
            return  # stale: the box says something else now
        summary = self.query_one("#search-summary", Static)
        results = self.query_one("#search-results", OptionList)
        if isinstance(answer, SearchError):
            summary.update(Text(str(answer), style="italic"))
            self._open_when_answered = False
            return
        self.result = answer
        result = self.result
        noun = "document" if result.total == 1 else "documents"
        line = Text(f"{result.total} {noun}", style="bold")
        if result.total > len(result.hits):
            line.append(f" (showing the first {len(result.hits)})", style="dim")
        if result.by_dossier:
            places = ", ".join(f"{format_dossier(d)} ({n})" for d, n in result.by_dossier[:4])
            line.append(f" · {places}", style="dim")
        if result.by_kind:
            kinds = ", ".join(f"{k or '?'} ({n})" for k, n in result.by_kind[:4])
            line.append(f" · {kinds}", style="dim")
        line.append(f" · {SORT_NAMES[sort]}", style="dim")
        summary.update(line)
        results.clear_options()
        results.add_options(Option(_prompt(hit), id=hit.key) for hit in result.hits)
        self._shown_for = (text, sort)
        if result.hits:
            results.highlighted = 0
            if self._open_when_answered:
                self._open_when_answered = False
                self.dismiss(Chosen(result.hits[0].key, result.query.highlight_terms()))

    def action_follow_search(self) -> None:
        summary = self.query_one("#search-summary", Static)
        text = " ".join(self.query_one("#search-input", Input).value.split())
        if not text:
            key = key_for("follow_search")
            summary.update(Text(f"{key}: type a search first, then {key} on its hits follows it"))
            return
        now = self.followed.toggle("search", text)
        if now is None:
            summary.update(Text(f"Cannot follow: {self.followed.problem}", style="italic"))
            return
        self.followed.read()
        said = (
            f"Following the search {text}: what it finds from now on shows under New"
            f" ({key_for('follow_search')} again stops)"
            if now
            else f"No longer following the search {text}"
        )
        summary.update(Text(said, style="bold"))
        self.follows_changed = True

    def action_toggle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.run_search(self.query_one("#search-input", Input).value)

    # -- results ----------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#search-results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        hit = self._hit(event.option.id)
        preview = self.query_one("#search-preview-text", Static)
        if hit is None:
            preview.update("")
            return
        text = Text(f"{reference_label(hit.key)}\n", style="bold")
        text.append(terminal_safe(hit.title) + "\n", style="bold")
        if hit.subject:
            text.append(terminal_safe(hit.subject) + "\n")
        text.append("\n")
        snippet = Text(terminal_safe(hit.snippet))
        for start, end in hit.highlights:
            snippet.stylize("reverse", start, end)
        text.append_text(snippet)
        preview.update(text)

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if self.result is not None and event.option.id:
            self.dismiss(Chosen(event.option.id, self.result.query.highlight_terms()))

    def _hit(self, key: str | None) -> Hit | None:
        if self.result is None:
            return None
        return next((hit for hit in self.result.hits if hit.key == key), None)

    def action_to_results(self) -> None:
        # At once: an Enter typed with the Down (a burst over SSH) belongs to the results.
        self.set_focus(self.query_one("#search-results", OptionList))

    def action_close(self) -> None:
        self.dismiss(None)

    def palette(self) -> Iterable[tuple[Command, DOMNode]]:
        return ((command, self) for command in SEARCH)

    @property
    def selected(self) -> str | None:
        results = self.query_one("#search-results", OptionList)
        if results.highlighted is None:
            return None
        return results.get_option_at_index(results.highlighted).id


# Characters of the snippet shown before its first hit, so the hit is in view in a narrow list.
LEAD = 24


class SearchResults(OptionList):
    """The hits; Enter on them before they answer the query in the box (keys in one burst)
    waits for that answer rather than open a hit of the query before it, or nothing."""

    def action_select(self) -> None:
        screen = self.screen
        if isinstance(screen, SearchScreen) and screen.answer_pending:
            screen.open_first_when_answered()
            return
        super().action_select()


def _prompt(hit: Hit) -> Text:
    """Two lines, each cut to the list's width: the hit's number, kind, date and subject (or
    title); and
    its snippet from a little before the first word that matched."""
    first = Text(reference_label(hit.key), style="bold")
    for part in (hit.kind, short_date(hit.date)):
        if part:
            first.append(f" {part}", style="dim")
    if hit.subject or hit.title:
        first.append(f" · {terminal_safe(hit.subject or hit.title)}")
    first.no_wrap, first.overflow = True, "ellipsis"
    snippet = Text(terminal_safe(hit.snippet))
    for start, end in hit.highlights:
        snippet.stylize("bold reverse", start, end)
    cut = _words_before(hit.snippet, hit.highlights[0][0]) if hit.highlights else 0
    second = Text("  …" if cut else "  ") + snippet[cut:]
    second.no_wrap, second.overflow = True, "ellipsis"
    return Text("\n").join([first, second])


def _words_before(snippet: str, hit: int) -> int:
    """Where to start showing ``snippet`` so that about LEAD characters precede the hit:
    at a word's start, and at 0 when the hit is near the start anyway."""
    if hit <= LEAD:
        return 0
    space = snippet.find(" ", hit - LEAD, hit)
    return space + 1 if space != -1 else hit - LEAD
