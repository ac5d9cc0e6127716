"""What the letter pane shows, laid out in lines for a given width.

A page is a few header lines (key, kind, date, dossier; the title) and a text whose paragraphs
are separated by blank lines, with links (citations) as spans of that text. Layout wraps each
paragraph to the width, keeping for every line the offsets of the text it shows, so that
highlights (citations, the cursor, search hits) are drawn from spans without ever parsing the
text. Plain logic, no Textual: tested on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from rich.cells import cell_len

from loaders.model import Citation
from loaders.sanitize import terminal_safe

_WORD = re.compile(r"\S+")
# Anything but plain spaces and one-cell characters (Latin, punctuation, €) takes the slow,
# exact path of wrapping.
_NOT_ONE_CELL = re.compile(r"[^\x20-\x7e\xa0-\u02ff\u2010-\u2027\u2030-\u205e\u20ac\ufffd]")
_LIST_ITEM = re.compile(r"^(?:[•–\-*·▪◦]|\(?\d{1,3}[.)]|\(?[a-z][.)]|[IVX]{1,4}\.)\s+")
_FOOTNOTE = re.compile(r"^\[\d+\]\s")
_INITIALS = re.compile(r"^(?:[A-Z]\.\s?){1,4}")
_END_PUNCTUATION = ",.;:!?"
# Short lines that open a letter or a motie and are no headings.
_NOT_HEADINGS = re.compile(r"^(?:Aan de |De Kamer|Den Haag|’s-Gravenhage|Geachte )")


class Line(NamedTuple):
    """One screen line: ``start``/``end`` index the page text (-1 for header lines). A named
    tuple: a 500 KB document has tens of thousands of them."""

    text: str
    # header, title, heading, body, list, table, footnote, blank, note, outcome, pre (a chart)
    style: str
    start: int = -1
    end: int = -1
    indent: int = 0


@dataclass(frozen=True)
class Link:
    """A span of a page's text that opens another document: a citation in a document's text,
    or an entry of a list (the newest documents, who cites a ghost)."""

    start: int
    end: int
    target: str
    citation: Citation | None = None  # what the text says of the target, for a citation

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

    def __post_init__(self) -> None:
        # Documents are data: control characters become U+FFFD, the same length, so spans hold.
        self.text = terminal_safe(self.text)
        self.header = [(terminal_safe(text), style) for text, style in self.header]
        self.head = terminal_safe(self.head)
        self.links = sorted(self.links, key=lambda link: (link.start, link.end))

    def paragraphs(self) -> Iterator[tuple[int, str]]:
        """(offset, paragraph) for every non-empty paragraph of the text."""
        offset = 0
        for part in self.text.split("\n\n"):
            if part.strip():
                yield offset, part
            offset += len(part) + 2


def paragraph_style(paragraph: str, in_footnotes: bool, following: str = "") -> str:
    """How a paragraph is drawn. A heading is short, unpunctuated and opens the text that
    follows it; a one-word one must be followed by a real paragraph (a motie's signers are
    one word too)."""
    if _FOOTNOTE.match(paragraph) and in_footnotes:
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
        lines.extend(Line(piece, style) for piece in _wrap_plain(text, width))
    lines.append(Line("", "blank"))
    paragraphs = list(page.paragraphs())
    footnotes_from = _footnotes_start(paragraphs)
    for index, (offset, paragraph) in enumerate(paragraphs):
        if paragraphs_limit is not None and index >= paragraphs_limit:
            break
        if index:
            lines.append(Line("", "blank"))
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
        pieces.append((start, start + min(len(line), _cells_to_chars(line, width)), not pieces))
        start += len(line) + 1
    return pieces


def _cells_to_chars(text: str, cells: int) -> int:
    return len(text) if cell_len(text) <= cells else _cut_at_cells(text, 0, cells)


def _footnotes_start(paragraphs: list[tuple[int, str]]) -> int:
    """Footnotes are the trailing run of "[n] ..." paragraphs."""
    index = len(paragraphs)
    while index > 0 and _FOOTNOTE.match(paragraphs[index - 1][1]):
        index -= 1
    return index


def _hanging_indent(paragraph: str, style: str) -> int:
    if style == "list":
        match = _LIST_ITEM.match(paragraph)
        return cell_len(match.group(0)) if match else 0
    if style == "footnote":
        match = _FOOTNOTE.match(paragraph)
        return cell_len(match.group(0)) if match else 0
    return 0


def wrap(paragraph: str, width: int, indent: int = 0) -> list[tuple[int, int, bool]]:
    """(start, end, is_first_line) of each line of ``paragraph`` wrapped at ``width`` cells;
    continuation lines are ``indent`` cells narrower. Words longer than a line are split."""
    if not _NOT_ONE_CELL.search(paragraph):
        return _wrap_one_cell(paragraph, width, indent)
    lines: list[tuple[int, int, bool]] = []
    line_start = -1
    line_end = 0
    used = 0
    limit = width
    for word in _WORD.finditer(paragraph):
        start, end = word.span()
        size = cell_len(word.group())
        if line_start >= 0 and used + 1 + size <= limit:
            used += 1 + size
            line_end = end
            continue
        if line_start >= 0:
            lines.append((line_start, line_end, not lines))
            limit = max(width - indent, 10)
        while size > limit:  # a word longer than the line: split it
            cut = _cut_at_cells(paragraph, start, limit)
            lines.append((start, cut, not lines))
            limit = max(width - indent, 10)
            start = cut
            size = cell_len(paragraph[start:end])
        line_start, line_end, used = start, end, size
    if line_start >= 0:
        lines.append((line_start, line_end, not lines))
    return lines


def _wrap_one_cell(paragraph: str, width: int, indent: int) -> list[tuple[int, int, bool]]:
    """``wrap`` for text of single spaces between words where every character is one cell
    wide (nearly all text): string searches instead of a loop over words."""
    lines: list[tuple[int, int, bool]] = []
    length = len(paragraph)
    start = 0
    limit = width
    while start < length and paragraph[start] == " ":
        start += 1
    while start < length:
        if length - start <= limit:
            end = length
            while end > start and paragraph[end - 1] == " ":
                end -= 1
            lines.append((start, end, not lines))
            break
        cut = paragraph.rfind(" ", start, start + limit + 1)
        if cut <= start:  # one word longer than the line: split it
            lines.append((start, start + limit, not lines))
            start += limit
        else:
            end = cut
            while end > start and paragraph[end - 1] == " ":
                end -= 1
            lines.append((start, end, not lines))
            start = cut + 1
            while start < length and paragraph[start] == " ":
                start += 1
        limit = max(width - indent, 10)
    return lines


def _cut_at_cells(text: str, start: int, cells: int) -> int:
    used = 0
    for index in range(start, len(text)):
        used += cell_len(text[index])
        if used > cells:
            return max(index, start + 1)
    return len(text)


def _wrap_plain(text: str, width: int) -> list[str]:
    return [text[s:e] for s, e, _ in wrap(text, width)] or [""]
