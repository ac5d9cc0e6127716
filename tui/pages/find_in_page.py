"""Searching inside the open document: every place a query occurs, case and diacritics
ignored ("financiele" finds "Financiële")."""

from __future__ import annotations

from loaders.folding import fold


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of ``query`` in ``text``, in order."""
    needle = fold(" ".join(query.split()))
    if not needle:
        return []
    haystack = fold(text)
    spans = []
    start = haystack.find(needle)
    while start != -1:
        spans.append((start, start + len(needle)))
        start = haystack.find(needle, start + len(needle))
    return spans
