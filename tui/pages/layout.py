"""What the letter pane shows, laid out in lines for a given width.

A page is a few header lines (key, kind, date, dossier; the title) and a text whose paragraphs
are separated by blank lines, with links (citations) as spans of that text. Layout wraps each
paragraph to the width, keeping for every line the offsets of the text it shows, so that
highlights (citations, the cursor, search hits) are drawn from spans without ever parsing the
text. Plain logic, no Textual: tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from rich.cells import cell_len

from loaders.model import Citation, Table
from loaders.sanitize import terminal_safe
from tui.pages.footnotes import NOTE, footnotes_start, paragraphs_of
from tui.pages.tables import table_lines
from tui.pages.wrapping import cells_to_chars, wrap, wrap_plain

# A list item as the loaders write it: a bullet or dash, "1.", "(2)", "a.", "b)", "IV.", and
# roman numbers as KOOP's explicit lists give them ("i", "ii").
_LIST_ITEM = re.compile(
    r"^(?:[•–\-*·▪◦]|\(?\d{1,3}[.)°]|\(?[a-z]{1,2}[.)]|[IVX]{1,4}\.|[ivx]{1,4}[.)]?)\s+"
)
_INITIALS = re.compile(r"^(?:[A-Z]\.\s?){1,4}")
_END_PUNCTUATION = ",.;:!?"
# Short lines that open a letter or a motie and are no headings.
_NOT_HEADINGS = re.compile(r"^(?:Aan de |De Kamer|Den Haag|’s-Gravenhage|Geachte )")


class Line(NamedTuple):
    """One screen line: ``start``/``end`` index the page text (-1 for header lines). A named
    tuple: a 500 KB document has tens of thousands of them."""

    text: str
    # header, title, heading, body, list, table, table-head, table-rule, footnote, blank,
    # note, outcome, pre (a chart)
    style: str
    start: int = -1
    end: int = -1
    indent: int = 0
    # A table's line is pieces of the text apart: (column in cells, start, end) of each.
    pieces: tuple[tuple[int, int, int], ...] = ()


@dataclass(frozen=True)
class Link:
    """A span of a page's text that opens another document (a citation in a document's text,
    an entry of a list: the newest documents, who cites a ghost), or that leads elsewhere on
    the page (a footnote's mark to its note, and back)."""

    start: int
    end: int
    target: str
    citation: Citation | None = None  # what the text says of the target, for a citation
    # A link within the page (a footnote's mark and its note): where it leads, and what is
    # there (a mark: its note's text; a note's number: "", back to the text).
    to: int = -1
    note: str = ""
    # In a text that was checked (kamerlezer open FILE): the citation's verdict and why.
    verdict: str = ""
    reason: str = ""

    @classmethod
    def of(cls, citation: Citation) -> Link:
        return cls(citation.start, citation.end, citation.target, citation)


@dataclass
class Page:
    """A document (or a ghost's page) ready to be laid out."""

    key: str
    header: list[tuple[str, str]]  # (text, style) lines above the text, not wrapped
    text: str
    links: list[Link] = field(default_factory=list)
    ghost_targets: frozenset[str] = frozenset()
    is_ghost: bool = False
    head: str = ""  # one line that stays above the text as it scrolls: key, kind, date, dossier
    # Paragraphs the page styles itself (by offset): what kamerlezer says above a document's
    # own text (how it ended, what replaces it) and the parts of its own pages.
    styles: dict[int, str] = field(default_factory=dict)
    # In a debate, where each speech starts: the span of its speaker's name, in order; in an
    # Aanhangsel, each question's label ("Vraag 1"). } and { step between them.
    speakers: list[tuple[int, int]] = field(default_factory=list)
    stop: str = "speech"  # what a reader calls them: "speech", "question"
    tables: list[Table] = field(default_factory=list)  # spans of ``text``
    # Where the document's own text starts in ``text`` (after what kamerlezer says above it):
    # a place kept as an offset of the document's text (a bookmark, a note) is the same at
    # any width and whatever is said above it.
    text_start: int = 0

    def in_text(self, offset: int) -> int:
        """An offset of this page as one of the document's own text."""
        return max(0, offset - self.text_start)

    def in_page(self, offset: int) -> int:
        """An offset of the document's own text as one of this page."""
        return offset + self.text_start

    def __post_init__(self) -> None:
        # Documents are data: control characters become U+FFFD, the same length, so spans hold.
        self.text = terminal_safe(self.text)
        self.header = [(terminal_safe(text), style) for text, style in self.header]
        self.head = terminal_safe(self.head)
        self.links = sorted(self.links, key=lambda link: (link.start, link.end))

    def paragraphs(self) -> list[tuple[int, str]]:
        """(offset, paragraph) for every non-empty paragraph of the text."""
        return paragraphs_of(self.text)


def paragraph_style(paragraph: str, in_footnotes: bool, following: str = "") -> str:
    """How a paragraph is drawn. A heading is short, unpunctuated and opens the text that
    follows it; a one-word one must be followed by a real paragraph (a motie's signers are
    one word too)."""
    if NOTE.match(paragraph) and in_footnotes:
        return "footnote"
    if _LIST_ITEM.match(paragraph):
        return "list"
    if " | " in paragraph:
        return "table"
    stripped = paragraph.strip()
    if (
        len(stripped) < 70
        and stripped[-1] not in _END_PUNCTUATION
        and "," not in stripped
        and (" " in stripped or len(following) > 80)
        and not _INITIALS.match(stripped)
        and not _NOT_HEADINGS.match(stripped)
        and not stripped[:1].islower()
    ):
        return "heading"
    return "body"


def layout(page: Page, width: int, paragraphs_limit: int | None = None) -> list[Line]:
    """Every line of ``page`` at ``width`` cells; with ``paragraphs_limit``, the lines of the
    first paragraphs only (the same lines the whole layout starts with)."""
    width = max(width, 10)
    lines: list[Line] = []
    for text, style in page.header:
        lines.extend(Line(piece, style) for piece in wrap_plain(text, width))
    lines.append(Line("", "blank"))
    paragraphs = page.paragraphs()
    footnotes_from = footnotes_start(paragraphs)
    tables = {table.start: table for table in page.tables}
    for index, (offset, paragraph) in enumerate(paragraphs):
        if paragraphs_limit is not None and index >= paragraphs_limit:
            break
        if index:
            lines.append(Line("", "blank"))
        table = tables.get(offset)
        if table is not None:
            for text, style, cells in table_lines(page.text, table, width):
                start = min((s for _, s, _ in cells), default=-1)
                end = max((e for _, _, e in cells), default=-1)
                lines.append(Line(text, style, start, end, 0, cells))
            continue
        following = paragraphs[index + 1][1] if index + 1 < len(paragraphs) else ""
        style = page.styles.get(offset) or paragraph_style(
            paragraph, index >= footnotes_from, following
        )
        indent = _hanging_indent(paragraph, style)
        pieces = _lines_kept(paragraph, width) if style == "pre" else wrap(paragraph, width, indent)
        for start, end, first in pieces:
            lines.append(
                Line(
                    paragraph[start:end],
                    style,
                    offset + start,
                    offset + end,
                    0 if first else indent,
                )
            )
    return lines


def _lines_kept(paragraph: str, width: int) -> list[tuple[int, int, bool]]:
    """A paragraph drawn line for line as it is written (a chart), each cut to the width."""
    pieces: list[tuple[int, int, bool]] = []
    start = 0
    for line in paragraph.split("\n"):
        pieces.append((start, start + min(len(line), cells_to_chars(line, width)), not pieces))
        start += len(line) + 1
    return pieces


def _hanging_indent(paragraph: str, style: str) -> int:
    if style == "list":
        match = _LIST_ITEM.match(paragraph)
        return cell_len(match.group(0)) if match else 0
    if style == "footnote":
        match = NOTE.match(paragraph)
        return cell_len(match.group(0)) if match else 0
    return 0
