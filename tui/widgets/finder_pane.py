"""The reference finder: a search box over every document and ghost, and, with the box
empty, what the open document cites and what cites it.

Searching runs in a worker thread; each keystroke cancels the search of the one before, so
typing never waits for results.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from db.finder import Answer, Result
from db.library import DocumentRow, Library
from db.reading import Reading
from db.user_state.notes import Note, notes_matching
from loaders.ids import split_kst_key
from loaders.labels import reference_label
from loaders.model import Citation
from loaders.sanitize import terminal_safe
from tui.commands import FINDER, bindings
from tui.pages.layout import Link
from tui.text.labels import (
    GHOST_MARK,
    NOTE_MARK,
    OK_MARK,
    WRONG_MARK,
    checked_mark,
    finder_notes,
    short_date,
)
from tui.worker_library import WorkerLibrary


def result_prompt(
    key: str,
    kind: str,
    date: str,
    shown: str,
    ghost: bool,
    highlights: tuple[tuple[int, int], ...] = (),
    more: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (),
    width: int = 0,
) -> Text:
    """Two lines: the number (ghosts marked), kind and date; then what it is about; then,
    for a finder result, who signed it or words of its body where the query matched them.
    The list cuts each line to its ``width``: a line whose first match lies past it starts
    later, so that the match shows."""
    lines = [_first_line(key, kind, date, ghost, width)]
    shown_style = "dim italic" if ghost else ""
    for text, spans, style in [(shown, highlights, shown_style)] + [(t, h, "dim") for t, h in more]:
        if text:
            text, spans = showing_first_match(text, spans, width - 2)
            line = Text("  " + terminal_safe(text), style=style)
            for start, end in spans:
                line.stylize("bold reverse", start + 2, end + 2)
            lines.append(line)
    return Text("\n").join(lines)


def _row_width(results: OptionList) -> int:
    """What a row has, with room kept for the scroll bar a long list will show."""
    region = results.scrollable_content_region.width
    shown = results.show_vertical_scrollbar
    return region - (0 if shown else results.styles.scrollbar_size_vertical)


class FinderInput(Input):
    """The finder's box: it leaves > and < to the reader (wider and narrower panes), which no
    number or word a reader looks for contains."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character not in ("<", ">") and super().check_consume_key(key, character)


def _first_line(key: str, kind: str, date: str, ghost: bool, width: int) -> Text:
    """The number, kind and date as they fit ``width``: the kind gives way first, then the
    day and month, never the year (at 80 columns "03-07-2025" was cut to "03-…")."""
    label = reference_label(key) + (f" {GHOST_MARK}" if ghost else "")
    day = short_date(date)
    for parts in ((kind, day), ("", day), ("", date[:4])):
        tail = "".join(f" {part}" for part in parts if part)
        if not width or len(label) + len(tail) <= width or parts[1] == date[:4]:
            break
    first = Text(reference_label(key), style="bold")
    if ghost:
        first.append(f" {GHOST_MARK}", style="dim")
    first.append(tail, style="dim")
    return first


Spans = tuple[tuple[int, int], ...]


def showing_first_match(text: str, spans: Spans, width: int) -> tuple[str, Spans]:
    """``text`` as it fits ``width`` with its first match in view: from a word a little
    before the match, after an ellipsis, when the match would be cut off."""
    if width <= 0 or not spans or spans[0][1] <= width:
        return text, spans
    start = max(0, spans[0][0] - width // 4)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    if start == 0:
        return text, spans
    rest = text[start:].removeprefix("…")
    shift = len(text) - len(rest) - 1  # one column for the ellipsis
    return "…" + rest, tuple((s - shift, e - shift) for s, e in spans if s >= start)


def answer_prompt(result: Result, width: int = 0) -> Text:
    shown = result.shown
    return result_prompt(
        result.key,
        result.kind,
        result.date,
        shown.text,
        result.ghost,
        shown.highlights,
        ((shown.names, shown.name_highlights), (shown.snippet, shown.snippet_highlights)),
        width,
    )


# The option that runs the query as a full-text search; what follows it is the query.
# A word query whose best result scores under this, or that lists fewer results, ends with
# an offer to search the text for the same words.
LITTLE_SCORE = 60.0
LITTLE_RESULTS = 5


def _has_little(answer: Answer) -> bool:
    if not answer.query.strip() or answer.by_number:
        return False
    results = answer.results
    return (
        bool(answer.unmatched) or len(results) < LITTLE_RESULTS or results[0].score < LITTLE_SCORE
    )


# "Cited here" and "Cited by" list at most this many each: a list draws every entry, and a
# document with a thousand citations would otherwise open slowly.
LISTED = 150


def _more(count: int, hint: str) -> Option:
    return Option(Text(f"… {count} more ({hint})", style="dim italic"), disabled=True)


class Row(Option):
    """A row that does something: opens the document ``key`` (``citation``: its place among
    the open document's citations; ``note``: at one of your notes, an offset of its text),
    or searches the text for ``search``."""

    def __init__(
        self,
        prompt: Text,
        key: str = "",
        citation: int | None = None,
        *,
        search: str = "",
        note: int | None = None,
    ) -> None:
        super().__init__(prompt)
        self.key = key
        self.citation = citation
        self.search = search
        self.note = note


def note_prompt(note: Note, with_key: bool, width: int = 0) -> Text:
    """A note of yours: the mark, which document (where several are listed), its first line."""
    prompt = Text(f"{NOTE_MARK} ", style="bold")
    if with_key:
        prompt.append(reference_label(note.key) + " · ", style="bold")
    first = note.text.strip().splitlines()[0] if note.text.strip() else ""
    prompt.append(terminal_safe(first))
    if width:
        prompt.truncate(width, overflow="ellipsis")
    return prompt


class FinderPane(Vertical):
    """Search box and results; Enter opens the highlighted result."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(FINDER)]

    class Open(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class Leave(Message):
        """The reader is done with the finder."""

    class OpenNote(Message):
        """Go to one of your notes: the document ``key`` at ``offset`` of its text."""

        def __init__(self, key: str, offset: int) -> None:
            super().__init__()
            self.key = key
            self.offset = offset

    class SearchText(Message):
        """The reader asks for a full-text search of what they typed."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def __init__(
        self,
        library: Library,
        worker_library: WorkerLibrary,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.library = library
        # The finder runs in worker threads, on their one connection: one at a time, so
        # the warm-up and a search never fill its caches at once.
        self.worker_library = worker_library
        self._shown_context: Reading | None = None
        self._context_notes: list[Note] = []  # yours, on the open document
        self._checked: list[Link] = []  # of a checked text: its citations, with verdicts
        self._listed_query = ""  # the query whose results the list shows ("" for the context)
        self._open_when_listed = False  # Enter came before the results of what was typed

    def compose(self) -> ComposeResult:
        yield FinderInput(placeholder="Find: number or words", id="finder-input")
        yield OptionList(id="finder-results")

    @property
    def input(self) -> Input:
        return self.query_one("#finder-input", Input)

    @property
    def results(self) -> OptionList:
        return self.query_one("#finder-results", OptionList)

    def on_mount(self) -> None:
        self._warm()

    @work(thread=True, group="warm")
    def _warm(self) -> None:
        """Read the finder's vocabulary before the first keystroke needs it."""
        with self.worker_library.finder() as finder:
            finder.warm()

    # -- the open document's citations ------------------------------------------------------
    def show_context(self, reading: Reading | None, notes: list[Note] | None = None) -> None:
        """What the open document cites and what cites it, and your notes on it (None: no
        document is open)."""
        self._shown_context = reading
        self._context_notes = notes or []
        self._checked = []
        if not self.input.value.strip():
            self._show_context()

    def show_checked(self, links: list[Link]) -> None:
        """A checked text's citations, the wrong ones marked, each with why."""
        self._shown_context, self._context_notes, self._checked = None, [], links
        if not self.input.value.strip():
            self._show_context()

    def _show_context(self) -> None:
        self._listed_query = ""
        reading = self._shown_context
        results = self.results
        results.clear_options()
        if reading is None:
            if self._checked:
                results.add_options(self._checked_options())
                results.highlighted = _first_enabled(results)
            return
        citations = [] if reading.is_ghost else reading.document.citations
        cited_by = reading.cited_by
        options: list[Option] = [
            Option(Text(f"Cited here ({len(citations)})", style="bold"), disabled=True)
        ]
        shown_here, shown_by = citations[:LISTED], cited_by[:LISTED]
        rows = reading.rows
        for index, citation in enumerate(shown_here):
            row = rows.get(citation.target)
            options.append(
                Row(self._row_prompt(citation.target, row, citation), citation.target, index)
            )
        if len(citations) > LISTED:
            options.append(_more(len(citations) - LISTED, "] in the letter goes to every one"))
        options.append(Option(Text(f"Cited by ({len(cited_by)})", style="bold"), disabled=True))
        for source in shown_by:
            options.append(Row(self._row_prompt(source, rows.get(source), None), source))
        if len(cited_by) > LISTED:
            options.append(_more(len(cited_by) - LISTED, "search finds them"))
        if self._context_notes:
            notes = self._context_notes
            options.append(Option(Text(f"Your notes ({len(notes)})", style="bold"), disabled=True))
            width = _row_width(results)
            for note in notes:
                options.append(Row(note_prompt(note, False, width), note.key, note=note.offset))
        results.add_options(options)
        results.highlighted = _first_enabled(results)

    def _checked_options(self) -> list[Option]:
        """ "Checked (5) · 2 wrong", then each citation: ✗ wrong, ? cannot tell, ✓ ok, and
        why; Enter opens what it cites, as in "Cited here"."""
        links = self._checked
        wrong = sum(checked_mark(link.verdict) == WRONG_MARK for link in links)
        heading = f"Checked ({len(links)})" + (f" · {wrong} wrong" if wrong else "")
        options: list[Option] = [Option(Text(heading, style="bold"), disabled=True)]
        for index, link in enumerate(links[:LISTED]):  # the list cuts each line to its width
            mark = checked_mark(link.verdict)
            prompt = Text(f"{mark} ", style="bold")
            prompt.append(reference_label(link.target), style="" if mark == OK_MARK else "bold")
            if link.reason:
                prompt.append(f"\n  {terminal_safe(link.reason)}", style="dim")
            options.append(Row(prompt, link.target, index))
        if len(links) > LISTED:
            options.append(_more(len(links) - LISTED, "] in the letter goes to every one"))
        return options

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
        width = _row_width(self.results)
        return result_prompt(key, kind, date, shown, ghost, width=width)

    def highlight_citation(self, index: int | None) -> None:
        """Follow the letter pane's citation cursor in the "Cited here" list."""
        if self.input.value.strip() or index is None:
            return
        results = self.results
        for position in range(results.option_count):
            option = results.get_option_at_index(position)
            if isinstance(option, Row) and option.citation == index:
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
        with self.worker_library.finder() as finder:
            if get_current_worker().is_cancelled:  # a newer keystroke waits behind it
                return
            answer = finder.find(query, limit=50, dossier=self._open_dossier())
            noted = notes_matching(finder.library, query.split())
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._show_answer, answer, noted)

    def _open_dossier(self) -> str:
        """The dossier of the open document: "nr. 455" is a document of it."""
        split = split_kst_key(self._shown_context.key) if self._shown_context else None
        return split[0] if split else ""

    def _show_answer(self, answer: Answer, noted: list[Note] | None = None) -> None:
        query = answer.query
        if self.input.value != query:  # a newer keystroke is on its way
            return
        self._listed_query = query
        options = self.results
        options.clear_options()
        if noted:  # your notes that say what was typed, above what the documents say
            title = Text(f"Your notes ({len(noted)})", style="bold")
            options.add_option(Option(title, disabled=True))
            width = _row_width(options)
            options.add_options(
                Row(note_prompt(note, True, width), note.key, note=note.offset) for note in noted
            )
        notes = finder_notes(answer)
        if notes:
            options.add_option(Option(Text("\n".join(notes), style="dim italic"), disabled=True))
        if not answer.results:
            options.add_option(
                Option(
                    Text(f"Nothing found for «{terminal_safe(query)}»", style="dim"), disabled=True
                )
            )
        width = _row_width(options)
        options.add_options(Row(answer_prompt(r, width), r.key) for r in answer.results)
        if _has_little(answer):
            options.add_option(
                Row(
                    Text(f"Search the text for «{terminal_safe(query.strip())}»", style="italic"),
                    search=query.strip(),
                )
            )
        options.highlighted = _first_enabled(options)
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
        if option.disabled or not isinstance(option, Row):
            return
        if option.search:
            self.post_message(self.SearchText(option.search))
        elif option.note is not None:
            self.post_message(self.OpenNote(option.key, option.note))
        else:
            self.post_message(self.Open(option.key))

    def action_to_results(self) -> None:
        # At once: an Enter typed with the Down (a burst over SSH) belongs to the results.
        self.screen.set_focus(self.results)

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


def _first_enabled(options: OptionList) -> int | None:
    return next(
        (i for i in range(options.option_count) if not options.get_option_at_index(i).disabled),
        None,
    )
