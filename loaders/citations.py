"""Finding citations of other documents in a document's text.

Shaped as a pipeline, as eyecite does it: find candidate spans in the text, resolve each to a
target key, then merge them with what the source marked up itself (``<extref>``), which wins
where both name the same span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from loaders.ids import dossier_key, kst_key
from loaders.model import Citation

_S = r"[\s\u00a0\u202f]"
_FULL = re.compile(
    rf"""
    (?:Kamerstuk(?:ken)?{_S}+(?:I{{1,2}}{_S}+)?(?:\d{{4}}/\d{{2,4}},?{_S}+)?)?
    (?<![\d€$])(?P<dossier>\d{{2}}(?:{_S}|\.)?\d{{3}})(?![\d.,]\d)
    (?:(?:{_S}|[-–])?(?P<suffix>(?:[IVXLC]+B?|[A-Z])\b|(?<=[-–])\d{{1,3}}\b))?
    ,?{_S}+(?:stuk{_S}+)?nrs?\.?{_S}*(?P<nr>\d+[a-z]?\b)
    """,
    re.X,
)


def find_citations(text: str) -> list[Citation]:
    """Every citation in ``text`` with its span; never raises on any text."""
    found: list[Citation] = []
    if "nr" not in text:
        return found
    for match in _FULL.finditer(text):
        target = kst_key(dossier_key(match["dossier"], match["suffix"] or ""), match["nr"])
        start, end = match.span()
        found.append(Citation(start, end, text[start:end], target, "kamerstuk"))
    return found


def merge_citations(marked: Iterable[Citation], found: Iterable[Citation]) -> list[Citation]:
    """Marked-up citations plus the found ones that do not overlap them, in text order.

    A found citation that overlaps a marked one with the same target only widens our view of
    the same reference, so the marked one (the source's own word) is kept.
    """
    marked = list(marked)
    result = list(marked)
    for citation in found:
        if not any(c.start < citation.end and citation.start < c.end for c in marked):
            result.append(citation)
    result.sort(key=lambda c: (c.start, c.end))
    return result
