"""What a line of the letter is drawn with: the spans of its text that change its style (a
speaker's name, a citation, the cursor, search hits), and the segments they cut it into."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from itertools import pairwise
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style

from db.citation_check import WRONG
from tui.pages.layout import Link, Page

Mark = tuple[int, int, Style]  # start, end (offsets into the page text) and the style added


class Shown(NamedTuple):
    """What the reader has picked out on the page: the citation under the cursor (an index
    into its links) and the search hits with the current one."""

    cursor: int | None
    hits: list[tuple[int, int]]
    hit: int | None


def marks_on(
    page: Page, start: int, end: int, shown: Shown, style: Callable[[str], Style]
) -> list[Mark]:
    """The marks that touch the text from ``start`` to ``end``; ``style`` gives the style of
    a component class ("letter--citation")."""
    marks: list[Mark] = []
    speakers = page.speakers
    index = bisect.bisect_left(speakers, (start, start)) - 1
    for speaker_start, speaker_end in speakers[max(0, index) : index + 3]:
        if speaker_start < end and start < speaker_end:
            marks.append((speaker_start, speaker_end, style("letter--speaker")))
    for index, link in enumerate(page.links):
        if link.start >= end:
            break
        if link.end <= start:
            continue
        marks.append((link.start, link.end, style(_citation_style(page, link))))
        if index == shown.cursor:
            marks.append((link.start, link.end, style("letter--cursor")))
    for index, (hit_start, hit_end) in enumerate(shown.hits):
        if hit_start < end and start < hit_end:
            name = "letter--current-hit" if index == shown.hit else "letter--hit"
            marks.append((hit_start, hit_end, style(name)))
    return marks


def _citation_style(page: Page, link: Link) -> str:
    """A checked citation by its verdict (wrong, or cannot tell); else a citation of what
    the library holds, or of a ghost."""
    if link.verdict in WRONG:
        return "letter--wrong-citation"
    if link.verdict.startswith("cannot tell"):
        return "letter--unsure-citation"
    return "letter--ghost-citation" if link.target in page.ghost_targets else "letter--citation"


def cut_into_segments(
    text: str, start: int, end: int, base: Style, marks: list[Mark]
) -> list[Segment]:
    """The text from ``start`` to ``end`` in pieces, each in ``base`` with every mark that
    covers it added, in order (the cursor over a citation's underline)."""
    cuts = sorted({start, end, *(p for s, e, _ in marks for p in (s, e))})
    cuts = [c for c in cuts if start <= c <= end]
    segments = []
    for a, b in pairwise(cuts):
        style = base
        for mark_start, mark_end, extra in marks:
            if mark_start <= a and b <= mark_end:
                style = style + extra
        segments.append(Segment(text[a:b], style))
    return segments
