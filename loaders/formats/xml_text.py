"""Turn the body of a KOOP XML document into the library's plain text.

The stored text is paragraphs separated by one blank line (DESIGN section 4): headings, list
items with their number or bullet, a table as one paragraph (a row a line, cells apart by a
tab: ``loaders.model.Table``), and footnotes at the end as "[1] ...". Citations marked up in
the XML (``<extref>``, ``<dossierref>``) come out as spans into that text with the target the
XML gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from loaders.ids import key_from_published_id
from loaders.model import TABLE_CELL, TABLE_ROW, Citation, Signatory, Table
from loaders.publications import CitationKind, kind_of_target
from loaders.safe_xml import text_pieces
from loaders.sanitize import terminal_safe

_WHITESPACE = re.compile(r"\s+")
_UNCOLLAPSED = re.compile(r"\s\s|[^\S ]")  # two spaces, or any whitespace but a space

# Elements that are a paragraph of their own.
PARAGRAPH_TAGS = frozenset(
    {
        "al",
        "tussenkop",
        "tuskop",
        "considerans.al",
        "slotformulering",
        "aanhef",
        "wie",
        "deze",
        "label",
        "functie",
        "plaats",
        "dagtekening",
    }
)
# Elements whose content is never body text.
SKIPPED_TAGS = frozenset({"metadata", "witreg", "colspec", "kamerstukkop", "stuknr", "li.nr"})


def clean_text(text: str) -> str:
    """Collapse every run of whitespace to one space (most pieces have none to collapse)."""
    # Plain substring tests are several times faster than a regex scan, and most pieces
    # (one-line paragraphs) need no change at all.
    if not ("\n" in text or "  " in text or "\t" in text or "\xa0" in text or "\r" in text):
        return text
    if not _UNCOLLAPSED.search(text):
        return text
    return _WHITESPACE.sub(" ", text) if text.strip() else " "


def signatory_role(text: str) -> str:
    """ "De Minister van Defensie," -> "Minister van Defensie"."""
    text = text.strip().rstrip(",").strip()
    return text[3:] if text.startswith("De ") else text


def tag_of(element: etree._Element) -> str:
    tag = element.tag
    return tag if isinstance(tag, str) else ""


@dataclass
class _Line:
    """One paragraph being written, with the citations found in it (offsets into it)."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    citations: list[Citation] = field(default_factory=list)
    # Reflowed XML (every element and text on a line of its own) has spaces the typeset text
    # has not: "( 21501-08 , nr. 719 )". Tidy lines drop a space after an opening bracket and
    # before punctuation; a space is written only once the next piece says it belongs.
    tidy: bool = False
    _space: bool = False

    def add(self, text: str | None) -> None:
        if not text:
            return
        text = clean_text(text)
        if self.tidy:
            self._add_tidy(text)
            return
        if text.startswith(" ") and (self.length == 0 or self.parts[-1].endswith(" ")):
            text = text[1:]
        if text:
            self.parts.append(text)
            self.length += len(text)

    def _add_tidy(self, text: str) -> None:
        body = text.strip()
        if not body:
            self._space = self._space or self.length > 0
            return
        space = self._space or text[0] == " "
        if (
            space
            and self.length
            and body[0] not in _NO_SPACE_BEFORE
            and not self.parts[-1].endswith(_NO_SPACE_AFTER)
        ):
            self.parts.append(" ")
            self.length += 1
        self.parts.append(body)
        self.length += len(body)
        self._space = text[-1] == " "

    def value(self) -> str:
        return "".join(self.parts)


_NO_SPACE_BEFORE = frozenset(",.;:)]!?")
_NO_SPACE_AFTER = ("(", "[")


@dataclass
class TextBuilder:
    """Collects paragraphs, footnotes and marked-up citations, then joins them into text."""

    paragraphs: list[tuple[str, list[Citation]]] = field(default_factory=list)
    footnotes: list[tuple[str, etree._Element]] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)
    tidy: bool = False  # the XML was reflowed: see _Line
    # The tables, once ``finish`` has placed them in the text.
    tables: list[Table] = field(default_factory=list)
    # Which paragraphs are tables: (index, header rows, spans).
    _table_paragraphs: list[tuple[int, int, tuple[tuple[int, int, int], ...]]] = field(
        default_factory=list
    )

    # -- blocks ---------------------------------------------------------------------------
    def blocks(self, element: etree._Element) -> None:
        """Write every paragraph under ``element``."""
        for child in element:
            self.block(child)

    def block(self, child: etree._Element) -> None:
        """Write one element as the paragraph(s) it is."""
        tag = child.tag
        if tag.__class__ is not str or tag in SKIPPED_TAGS:  # processing instructions
            return
        if tag in PARAGRAPH_TAGS:
            self.paragraph(child)
        elif tag == "lijst":
            self.numbered_list(child)
        elif tag == "li":
            self.list_item(child)
        elif tag in ("tgroup", "row"):
            self.table(child)
        elif tag == "kop":
            self.paragraph(child, separator=" ")
        elif tag in ("ondertekening", "ondtek"):
            self.signature(child)
        elif tag in ("noot", "voetnoot"):
            self.footnote(child)
        elif len(child) == 0:
            if (child.text or "").strip():
                self.paragraph(child)
        else:
            self.blocks(child)

    def paragraph(self, element: etree._Element, prefix: str = "", separator: str = "") -> None:
        if not prefix and not len(element):  # plain text, the common case: no spans to track
            text = clean_text(element.text or "").strip()
            if text:
                self.paragraphs.append((text, []))
            return
        line = _Line(tidy=self.tidy)
        line.add(prefix)
        self.inline(element, line, separator)
        self.add(line)

    def numbered_list(self, element: etree._Element) -> None:
        """A <lijst>: each item with its number, the one its <li.nr> gives or, where the list
        numbers itself (type "1", "a", "A", "i", "I"), the one it would be printed with."""
        kind = element.get("type") or ""
        first = element.get("start") or "1"
        closing = element.get("nr-sluiting") or "."
        position = int(first) if first.isdigit() else 1
        for child in element:
            if tag_of(child) != "li":
                self.block(child)
                continue
            number = list_number(kind, position)
            self.list_item(child, number + closing if number else "")
            position += 1

    def list_item(self, item: etree._Element, implied: str = "") -> None:
        number = implied
        rest: list[etree._Element] = []
        for child in item:
            if tag_of(child) == "li.nr":
                number = clean_text("".join(text_pieces(child))).strip()
            elif tag_of(child):
                rest.append(child)
        first = next((c for c in rest if tag_of(c) in PARAGRAPH_TAGS), None)
        line = _Line(tidy=self.tidy)
        line.add(f"{number} " if number else "")
        if first is not None:
            self.inline(first, line)
        elif (item.text or "").strip():
            line.add(item.text)
        self.add(line)
        for child in rest:
            if child is first:
                continue
            self.block(child)

    def table(self, group: etree._Element) -> None:
        """A <tgroup> (or a row outside one) as one table paragraph: each entry in the column
        its colspec names, a spanning entry followed by the empty cells it covers, the rows of
        <thead> its head. Empty rows (spacing in print) are left out."""
        columns = {
            spec.get("colname"): index
            for index, spec in enumerate(c for c in group if tag_of(c) == "colspec")
        }
        rows: list[tuple[bool, etree._Element]] = []
        if tag_of(group) == "row":
            rows.append((False, group))
        for part in group:
            tag = tag_of(part)
            if tag in ("thead", "tbody", "tfoot"):
                rows.extend((tag == "thead", row) for row in part if tag_of(row) == "row")
            elif tag == "row":
                rows.append((False, part))
        grid: list[dict[int, _Line]] = []
        spans: list[tuple[int, int, int]] = []
        header_rows = 0
        for is_head, row in rows:
            cells: dict[int, _Line] = {}
            column = 0
            for entry in row:
                if tag_of(entry) != "entry":
                    continue
                named = columns.get(entry.get("namest") or entry.get("colname"))
                column = max(column, named if named is not None else column)
                last = columns.get(entry.get("nameend"), column)
                cell = _Line(tidy=self.tidy)
                self.inline(entry, cell, separator=" ")
                cells[column] = cell
                if last > column and cell.value().strip():
                    spans.append((len(grid), column, last - column + 1))
                column = max(last, column) + 1
            if any(cell.value().strip() for cell in cells.values()):
                grid.append(cells)
                if is_head and header_rows == len(grid) - 1:  # a head is the first rows
                    header_rows += 1
            else:
                spans = [span for span in spans if span[0] < len(grid)]
        if grid:
            self._add_table(grid, header_rows, spans)

    def _add_table(
        self, grid: list[dict[int, _Line]], header_rows: int, spans: list[tuple[int, int, int]]
    ) -> None:
        width = max(max(cells) + 1 for cells in grid)
        for _row, column, count in spans:
            width = max(width, column + count)
        parts: list[str] = []
        citations: list[Citation] = []
        length = 0
        for index, cells in enumerate(grid):
            for column in range(width):
                separator = TABLE_CELL if column else (TABLE_ROW if index else "")
                parts.append(separator)
                length += len(separator)
                cell = cells.get(column)
                if cell is None:
                    continue
                value = cell.value()
                text = value.strip()
                lead = len(value) - len(value.lstrip())
                citations.extend(
                    _shift(c, length - lead, length, length + len(text)) for c in cell.citations
                )
                parts.append(text)
                length += len(text)
        self.paragraphs.append(("".join(parts), citations))
        self._table_paragraphs.append((len(self.paragraphs) - 1, header_rows, tuple(spans)))

    def signature(self, element: etree._Element) -> None:
        role = ""
        for child in element:
            tag = tag_of(child)
            text = clean_text(" ".join(text_pieces(child))).strip()
            if tag == "functie":
                role = signatory_role(text)
                self.paragraph(child)
            elif tag in ("naam", "deze") and text:  # <deze>: "by order of" the one above
                self.signatories.append(Signatory(name=text, role=role))
                self.paragraph(child, separator=" ")
                role = ""
            else:
                self.block(child)

    def footnote(self, note: etree._Element) -> str:
        number = note.get("nr") or ""
        for child in note:
            if tag_of(child) == "noot.nr":
                number = clean_text("".join(text_pieces(child))).strip()
        number = number or str(len(self.footnotes) + 1)
        self.footnotes.append((number, note))
        return number

    # -- inline ---------------------------------------------------------------------------
    def inline(self, element: etree._Element, line: _Line, separator: str = "") -> None:
        """Write the running text of ``element`` into ``line``, recording marked citations."""
        line.add(element.text)
        for child in element:
            tag = tag_of(child)
            if tag in ("noot",):
                line.parts.append(f"[{self.footnote(child)}]")
                line.length += len(line.parts[-1])
            elif tag == "voetref":
                marker = f"[{child.get('nr') or '*'}]"
                line.parts.append(marker)
                line.length += len(marker)
            elif tag in ("extref", "dossierref"):
                self.marked_citation(child, line)
            elif tag in ("noot.nr", "li.nr") or tag in SKIPPED_TAGS:
                pass
            elif tag:
                if separator and line.length:
                    line.add(separator)
                if tag in PARAGRAPH_TAGS and line.length:
                    line.add(" ")
                self.inline(child, line, separator)
            line.add(child.tail)

    def marked_citation(self, element: etree._Element, line: _Line) -> None:
        start, first_part = line.length, len(line.parts)
        self.inline(element, line)
        end = line.length
        kind: CitationKind
        if tag_of(element) == "dossierref":
            target, kind = (element.get("dossier") or "").strip(), "dossier"
        else:
            raw = (element.get("doc") or "").strip()
            if element.get("soort") == "URL" or "://" in raw or not raw:
                return
            target = key_from_published_id(raw)
            kind = kind_of_target(target)
        if not target or end <= start:
            return
        surface = "".join(line.parts[first_part:])  # not the whole line again: linear
        line.citations.append(Citation(start, end, surface, target, kind))

    # -- assembly -------------------------------------------------------------------------
    def prefix_paragraph(self, index: int, prefix: str) -> None:
        """Put ``prefix`` before paragraph ``index`` (a speech's speaker), its spans moved."""
        text, citations = self.paragraphs[index]
        shift = len(prefix)
        moved = [_shift(c, shift, shift, shift + len(text)) for c in citations]
        self.paragraphs[index] = (prefix + text, moved)

    def add(self, line: _Line) -> None:
        value = line.value()
        stripped = value.strip()
        if not stripped:
            return
        lead = len(value) - len(value.lstrip())
        citations = [_shift(c, -lead, 0, len(stripped)) for c in line.citations]
        self.paragraphs.append((stripped, citations))

    def finish(self) -> tuple[str, list[Citation]]:
        """The document's text and its marked-up citations, offsets into that text."""
        done = 0
        while done < len(self.footnotes):  # a footnote may hold a footnote
            number, note = self.footnotes[done]
            done += 1
            line = _Line(tidy=self.tidy)
            line.add(f"[{number}] ")
            body = [c for c in note if tag_of(c) not in ("noot.nr",)]
            for index, child in enumerate(body):
                if index:
                    line.add(" ")
                self.inline(child, line, separator=" ")
            if not body:
                self.inline(note, line)
            self.add(line)
        text_parts: list[str] = []
        citations: list[Citation] = []
        tables = {index: (rows, spans) for index, rows, spans in self._table_paragraphs}
        self.tables = []
        offset = 0
        for index, (paragraph, found) in enumerate(self.paragraphs):
            citations.extend(_shift(c, offset, offset, offset + len(paragraph)) for c in found)
            if index in tables:
                rows, spans = tables[index]
                self.tables.append(Table(offset, offset + len(paragraph), rows, spans))
            text_parts.append(paragraph)
            offset += len(paragraph) + 2
        # Control characters become U+FFFD (same length, so spans stay right): documents are
        # data and never drive the terminal.
        text = terminal_safe("\n\n".join(text_parts))
        return text, [c for c in (_trim(c, text) for c in citations) if c.end > c.start]


def list_number(kind: str, position: int) -> str:
    """The number a list of ``kind`` prints at ``position`` (1-based); "" for a list that
    numbers nothing itself ("expliciet": its items say; "ongemarkeerd")."""
    if kind == "1":
        return str(position)
    if kind in ("a", "A"):
        letters = ""
        while position > 0:
            position, rest = divmod(position - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if kind == "a" else letters.upper()
    if kind in ("i", "I"):
        roman = ""
        for value, numeral in _ROMAN:
            while position >= value:
                roman += numeral
                position -= value
        return roman.lower() if kind == "i" else roman
    return ""


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _shift(citation: Citation, by: int, low: int, high: int) -> Citation:
    start = min(max(citation.start + by, low), high)
    end = min(max(citation.end + by, low), high)
    return Citation(start, end, citation.text, citation.target, citation.kind)


def _trim(citation: Citation, text: str) -> Citation:
    """The span without surrounding spaces; its surface text read from the final text."""
    start, end = citation.start, citation.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Citation(start, end, text[start:end], citation.target, citation.kind)
