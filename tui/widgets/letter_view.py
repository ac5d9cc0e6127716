"""The letter pane: a document's text reflowed to the pane, with its citations to follow.

A Line API widget: the page is laid out once per width, and only the lines on screen are
drawn, so a 500 KB document opens and scrolls without a pause. Citations are highlighted from
their spans; ``[`` and ``]`` move a cursor between them, Enter (or a click) follows one.
"""

from __future__ import annotations

import bisect
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.commands import LETTER, bindings, key_for
from tui.pages.find_in_page import find_all
from tui.pages.history import Position
from tui.pages.layout import Line, Link, Page, layout
from tui.pages.marks import Shown, cut_into_segments, marks_on
from tui.text.labels import NOTE_MARK

# The kinds of line (tui.pages.layout.Line.style) drawn in a style of their own.
_STYLED_LINES = frozenset(
    "header title heading footnote table table-head table-rule note outcome".split()
)
# Lines longer than this are hard to read; a wide pane leaves the rest empty.
MEASURE = 100
# Documents longer than this (characters) are drawn from their first paragraphs at once and
# laid out whole right after.
LAZY_FROM = 50_000
# The margin of a page with notes (a line with one has NOTE_MARK in it).
NOTE_MARGIN = 2
FIRST_PARAGRAPHS = 120


class LetterView(ScrollView, can_focus=True):
    """The open document."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(LETTER)]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "letter--header",
        "letter--title",
        "letter--heading",
        "letter--footnote",
        "letter--table",
        "letter--table-head",
        "letter--table-rule",
        "letter--note",
        "letter--outcome",
        "letter--citation",
        "letter--ghost-citation",
        "letter--wrong-citation",
        "letter--unsure-citation",
        "letter--speaker",
        "letter--cursor",
        "letter--hit",
        "letter--current-hit",
    }

    DEFAULT_CSS = """
    LetterView {
        padding: 0 1;
        overflow-x: hidden;
        scrollbar-gutter: stable;  /* the text is laid out once for one width */
    }
    LetterView > .letter--header { color: $text-muted; }
    LetterView > .letter--title { text-style: bold; }
    LetterView > .letter--heading { text-style: bold; }
    LetterView > .letter--footnote { color: $text-muted; }
    LetterView > .letter--table { color: $text; }
    LetterView > .letter--table-head { text-style: bold; }
    LetterView > .letter--table-rule { color: $text-muted; }
    LetterView > .letter--note { color: $text-muted; }
    LetterView > .letter--outcome { text-style: bold; }
    LetterView > .letter--citation { color: $accent; text-style: underline; }
    LetterView > .letter--speaker { color: $text-primary; text-style: bold; }
    LetterView > .letter--ghost-citation { color: $accent; text-style: underline italic; }
    LetterView > .letter--wrong-citation { color: $error; text-style: bold underline; }
    LetterView > .letter--unsure-citation { color: $warning; text-style: underline italic; }
    LetterView > .letter--cursor { background: $accent; color: $background; text-style: bold; }
    LetterView > .letter--hit { background: $warning 40%; }
    LetterView > .letter--current-hit { background: $warning; color: $background; }
    /* Under NO_COLOR only text styles tell them apart. */
    LetterView:nocolor > .letter--cursor { text-style: reverse bold; }
    LetterView:nocolor > .letter--hit { text-style: underline; }
    LetterView:nocolor > .letter--current-hit { text-style: reverse; }
    """

    class LinkFocused(Message):
        """The cursor moved to a link (or off all of them: ``link`` is None) on ``page``;
        ``citation`` is the link's place among the page's citations. A message that arrives
        after another page opened (keys in one burst, as over SSH) is about that page."""

        def __init__(
            self,
            page: Page | None,
            link: Link | None,
            citation: int | None,
            is_ghost: bool,
            number: int,
            count: int,
        ) -> None:
            super().__init__()
            self.page = page
            self.link = link
            self.citation = citation
            self.is_ghost = is_ghost
            self.number = number  # 1-based
            self.count = count

    class HitMoved(Message):
        """The search hit shown changed: ``hit`` of ``count`` (None: no hit)."""

        def __init__(self, hit: int | None, count: int) -> None:
            super().__init__()
            self.hit = hit
            self.count = count

    class SpeechMoved(Message):
        """A step from speech to speech (``forward`` or back): arrived at ``index`` of
        ``count``, where ``who`` speaks; ``index`` None: no speech that way (or none at all,
        ``count`` 0)."""

        def __init__(
            self, index: int | None, count: int, who: str, forward: bool, noun: str = "speech"
        ) -> None:
            super().__init__()
            self.index = index
            self.count = count
            self.who = who
            self.forward = forward
            self.noun = noun  # what the page steps between: "speech", "question"

    class Follow(Message):
        """The reader asked to follow a link: to the document ``target``, or (``to``) to
        another place on the page."""

        def __init__(self, target: str, to: int = -1) -> None:
            super().__init__()
            self.target = target
            self.to = to

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.page: Page | None = None
        self._lines: list[Line] = []
        self._complete = True  # False while a long document has only its first lines
        self._width = 0
        self.cursor: int | None = None  # index into page.links
        self.hits: list[tuple[int, int]] = []
        self.hit: int | None = None
        self._speech: tuple[int, int] | None = None  # the last speech stepped to, and the top
        # Where the reader's notes are (offsets of the page's text): a margin marks their
        # lines. A page without notes has no margin.
        self.notes: frozenset[int] = frozenset()

    # -- content ------------------------------------------------------------------------------
    def show(self, page: Page, position: Position | None = None) -> None:
        """Show ``page``; at ``position`` when coming back to it."""
        self.page = page
        self.cursor = position.cursor if position else None
        self.hits, self.hit = [], None
        self._speech = None
        self._width = 0
        self._lines = []
        self._relayout()
        target = position.scroll_y if position else 0
        if target >= len(self._lines) - self.size.height:
            self._complete_layout()
        self.scroll_to(y=target, animate=False, immediate=True)
        if self.scroll_y != target:  # the new size is not known yet: scroll once it is
            self.call_after_refresh(self.scroll_to, y=target, animate=False, immediate=True)
        self._announce_cursor()
        self.refresh()

    @property
    def position(self) -> Position:
        return Position(self.scroll_y, self.cursor)

    @property
    def lines(self) -> list[Line]:
        return self._lines

    def _relayout(self) -> None:
        width = min(self.scrollable_content_region.width or self.size.width, MEASURE)
        width -= NOTE_MARGIN if self.notes else 0
        if self.page is None or width <= 0 or width == self._width:
            return
        top = self._offset_at_top()
        self._width = width
        if len(self.page.text) > LAZY_FROM and top is None:
            # A long document: the first screens now, the rest right after the first paint.
            self._set_lines(layout(self.page, width, FIRST_PARAGRAPHS), complete=False)
            self.call_after_refresh(self._complete_layout)
            return
        self._set_lines(layout(self.page, width), complete=True)
        if top is not None and self.scroll_y > 0:  # keep the same text at the top
            self.scroll_to(y=self._line_of_offset(top), animate=False, immediate=True)

    def _set_lines(self, lines: list[Line], complete: bool) -> None:
        self._lines = lines
        self._complete = complete
        self.virtual_size = Size(self._width, len(lines))

    def _complete_layout(self) -> None:
        """Lay out the rest of a long document (its first lines stay as they are)."""
        if self._complete or self.page is None or not self._width:
            return
        self._set_lines(layout(self.page, self._width), complete=True)
        self.refresh()

    def _offset_at_top(self) -> int | None:
        if not self._lines:
            return None
        index = min(int(self.scroll_y), len(self._lines) - 1)
        for line in self._lines[index:]:
            if line.start >= 0:
                return line.start
        return None

    def _line_of_offset(self, offset: int) -> int:
        """The line that shows text offset ``offset``."""
        self._complete_layout()
        best = 0
        for index, line in enumerate(self._lines):
            if 0 <= line.start <= offset:
                best = index
            elif line.start > offset:
                break
        return best

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    # -- drawing ------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines) or self.page is None:
            return Strip.blank(width, self.rich_style)
        line = self._lines[index]
        segments = []
        if self.notes:
            noted = line.start >= 0 and any(
                line.start <= n < max(line.end, line.start + 1) for n in self.notes
            )
            margin = NOTE_MARK if noted else ""
            segments.append(Segment(margin.ljust(NOTE_MARGIN), self.rich_style + Style(bold=True)))
        if line.indent:
            segments.append(Segment(" " * line.indent, self.rich_style))
        segments += self._segments(line)
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    def _segments(self, line: Line) -> list[Segment]:
        base = self.rich_style + self._line_style(line.style)
        if line.start < 0 or self.page is None:
            return [Segment(line.text, base)]
        shown = Shown(self.cursor, self.hits, self.hit)
        style = self.get_component_rich_style
        if not line.pieces:
            marks = marks_on(self.page, line.start, line.end, shown, style)
            return cut_into_segments(self.page.text, line.start, line.end, base, marks)
        # A table's line: its own text (padding, a column's name) around pieces of the page's
        # text, each at its column, which carry the marks.
        segments: list[Segment] = []
        written = used = 0
        for column, start, end in line.pieces:
            before = written
            while used < column and written < len(line.text):
                used += cell_len(line.text[written])
                written += 1
            if written > before:
                segments.append(Segment(line.text[before:written], base))
            marks = marks_on(self.page, start, end, shown, style)
            segments += cut_into_segments(self.page.text, start, end, base, marks)
            written += end - start
            used += cell_len(self.page.text[start:end])
        return segments

    def _line_style(self, style: str) -> Style:
        if style in _STYLED_LINES:
            return self.get_component_rich_style(f"letter--{style}")
        return Style()

    # -- citations ----------------------------------------------------------------------------
    def action_next_citation(self) -> None:
        self._move_cursor(+1)

    def action_previous_citation(self) -> None:
        self._move_cursor(-1)

    def _move_cursor(self, step: int) -> None:
        if self.page is None or not self.page.links:
            self.notify("This document cites nothing.", severity="information", timeout=2)
            return
        count = len(self.page.links)
        if self.cursor is None:
            self.cursor = self._first_visible_link(step)
        else:
            self.cursor = (self.cursor + step) % count
        self._scroll_to_offset(self.page.links[self.cursor].start)
        self._announce_cursor()
        self.refresh()

    def _first_visible_link(self, step: int) -> int:
        """The first citation on screen (or after it) when moving forward, the last before
        the bottom of the screen when moving back."""
        assert self.page is not None
        self._complete_layout()
        top = int(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        starts = [link.start for link in self.page.links]
        if step > 0:
            offset = next((line.start for line in self._lines[top:] if line.start >= 0), 0)
            return bisect.bisect_left(starts, offset) % len(starts)
        offset = next((line.end for line in reversed(self._lines[:bottom]) if line.start >= 0), 0)
        return (bisect.bisect_right(starts, offset) - 1) % len(starts)

    def mark_notes(self, notes: frozenset[int]) -> None:
        """The notes of the page shown now (one just written): a page that gains its first
        note gains its margin, laid out anew with the same text at the top."""
        margin_changes = bool(notes) != bool(self.notes)
        self.notes = notes
        if margin_changes:
            self._width = 0
            self._relayout()
        self.refresh()

    def offset_at_top(self) -> int:
        """Where in the page's text the first line shown is (0 above the text)."""
        return self._offset_at_top() or 0

    def go_to(self, offset: int, above: int = 2) -> None:
        """Show the text at ``offset`` near the top, ``above`` lines under it (a footnote, a
        mark; a bookmark at the top), the cursor on the link that starts there, if one does."""
        if self.page is None:
            return
        line = self._line_of_offset(offset)
        self.scroll_to(y=max(0, line - above), animate=False, immediate=True)
        starts = [link.start for link in self.page.links]
        index = bisect.bisect_left(starts, offset)
        found = index < len(starts) and starts[index] == offset
        self.cursor = index if found else None
        self._announce_cursor()
        self.refresh()

    def _scroll_to_offset(self, offset: int) -> None:
        line = self._line_of_offset(offset)
        top = int(self.scroll_y)
        height = self.scrollable_content_region.height
        if not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False)

    def _announce_cursor(self) -> None:
        page = self.page
        link = None
        if page is not None and self.cursor is not None and self.cursor < len(page.links):
            link = page.links[self.cursor]
        ghost = link is not None and page is not None and link.target in page.ghost_targets
        count = len(page.links) if page is not None else 0
        citation = None
        if page is not None and link is not None and link.citation is not None:
            citation = sum(1 for other in page.links[: self.cursor] if other.citation is not None)
        number = (self.cursor or 0) + 1
        self.post_message(self.LinkFocused(page, link, citation, ghost, number, count))

    @property
    def link(self) -> Link | None:
        """The link under the cursor."""
        if self.page is None or self.cursor is None or self.cursor >= len(self.page.links):
            return None
        return self.page.links[self.cursor]

    def on_click(self, event: events.Click) -> None:
        offset = self._offset_at(event.x - self.gutter.left, event.y)
        if offset is None or self.page is None:
            return
        for index, link in enumerate(self.page.links):
            if link.start <= offset < link.end:
                self.cursor = index
                self._announce_cursor()
                self.refresh()
                self.post_message(self.Follow(link.target, link.to))
                return

    def _offset_at(self, x: int, y: int) -> int | None:
        index = int(self.scroll_y) + y
        if not 0 <= index < len(self._lines):
            return None
        line = self._lines[index]
        if line.start < 0:
            return None
        column = x - line.indent - (NOTE_MARGIN if self.notes else 0)
        if column < 0 or self.page is None:
            return None
        pieces = line.pieces or ((0, line.start, line.end),)
        for left, start, end in pieces:
            used = left
            for position in range(start, end):
                used += cell_len(self.page.text[position])
                if left <= column < used:
                    return position
        return None

    # -- speeches -----------------------------------------------------------------------------
    def action_next_speech(self) -> None:
        self._move_speech(+1)

    def action_previous_speech(self) -> None:
        self._move_speech(-1)

    def _move_speech(self, step: int) -> None:
        """The next (or previous) speech at the top of the pane, and who speaks."""
        if self.page is None or not self.page.speakers:
            self.post_message(self.SpeechMoved(None, 0, "", step > 0))
            return
        self._complete_layout()
        speakers = self.page.speakers
        top = int(self.scroll_y)
        if self._speech is not None and self._speech[1] == top:
            index = self._speech[0] + step  # where the last step left it (the end can't scroll)
        else:
            offset = self._offset_at_top() or 0
            starts = [start for start, _ in speakers]
            if step > 0:
                index = bisect.bisect_right(starts, offset)
            else:
                index = bisect.bisect_left(starts, offset) - 1
        if not 0 <= index < len(speakers):
            self.post_message(self.SpeechMoved(None, len(speakers), "", step > 0, self.page.stop))
            return
        start, end = speakers[index]
        self.scroll_to(y=self._line_of_offset(start), animate=False, immediate=True)
        self._speech = (index, int(self.scroll_y))
        who = self.page.text[start:end]
        self.post_message(self.SpeechMoved(index, len(speakers), who, step > 0, self.page.stop))

    # -- search -------------------------------------------------------------------------------
    def mark(self, spans: list[tuple[int, int]]) -> None:
        """Highlight ``spans`` of the page's text as hits (a version's changes), n and N going
        from one to the next; the first is shown."""
        self.hits = spans
        self.hit = 0 if spans else None
        if spans:
            self._scroll_to_offset(spans[0][0])
        self.refresh()
        self.post_message(self.HitMoved(self.hit, len(self.hits)))

    def search(self, query: str) -> int:
        """Highlight every hit of ``query``; go to the first one after the top of the screen."""
        if self.page is None:
            return 0
        self.hits = find_all(self.page.text, query)
        self.hit = None
        if self.hits:
            top = self._offset_at_top() or 0
            starts = [start for start, _ in self.hits]
            self.hit = bisect.bisect_left(starts, top) % len(self.hits)
            self._scroll_to_offset(self.hits[self.hit][0])
        self.refresh()
        self.post_message(self.HitMoved(self.hit, len(self.hits)))
        return len(self.hits)

    def highlight(self, terms: list[str]) -> int:
        """Highlight every place of every term (a search's words) and go to the first."""
        if self.page is None:
            return 0
        spans = {span for term in terms for span in find_all(self.page.text, term)}
        self.hits = sorted(spans)
        self.hit = 0 if self.hits else None
        if self.hits:
            self._scroll_to_offset(self.hits[0][0])
        self.refresh()
        self.post_message(self.HitMoved(self.hit, len(self.hits)))
        return len(self.hits)

    def action_next_hit(self) -> None:
        self._move_hit(+1)

    def action_previous_hit(self) -> None:
        self._move_hit(-1)

    def _move_hit(self, step: int) -> None:
        if not self.hits:
            self.notify(f"No search; press {key_for('search')} to search this document.", timeout=2)
            return
        self.hit = ((self.hit or 0) + step) % len(self.hits) if self.hit is not None else 0
        self._scroll_to_offset(self.hits[self.hit][0])
        self.refresh()
        self.post_message(self.HitMoved(self.hit, len(self.hits)))
