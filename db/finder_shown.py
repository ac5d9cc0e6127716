"""What a finder result shows of its document, with the words that matched marked: its
subject, who signed it when a name matched, and a few words of the body around a match there.

The marks are spans into the shown strings, found by reading each string's words as the index
reads them (folded: lower case, no diacritics) and marking those the typed words stood for.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from db.finder_words import WordMatches
from loaders.folding import fold

Spans = tuple[tuple[int, int], ...]
SNIPPET = 110  # characters of the body shown around a match
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Shown:
    """The lines a result shows, each with the spans of it that matched."""

    text: str = ""  # the subject (or title)
    highlights: Spans = ()
    names: str = ""  # who signed it, when a name matched
    name_highlights: Spans = ()
    snippet: str = ""  # words of the body around a match, when the body matched
    snippet_highlights: Spans = ()

    @classmethod
    def plain(cls, text: str) -> Shown:
        return cls(text)


def shown_for(
    text: str,
    signatories: str,
    body: str,
    matches: list[WordMatches],
    fields: tuple[str, ...],
) -> Shown:
    """A result's lines for the words that matched in it (``fields``: where they did)."""
    terms = set().union(*(m.all_terms() for m in matches)) if matches else set()
    highlights = marked(text, terms)
    no_spans: Spans = ()
    names, name_highlights = "", no_spans
    if "name" in fields:
        names = ", ".join(s.get("name", "") for s in _signatories(signatories) if s.get("name"))
        name_highlights = marked(names, terms)
        if not name_highlights:  # it matched as a role ("minister van Defensie")
            names = "; ".join(
                " ".join(p for p in (s.get("name", ""), s.get("role", "")) if p)
                for s in _signatories(signatories)
            )
            name_highlights = marked(names, terms)
    snippet, snippet_highlights = "", no_spans
    if "body" in fields and body:
        snippet, snippet_highlights = body_snippet(body, terms)
    return Shown(text, highlights, names, name_highlights, snippet, snippet_highlights)


def marked(text: str, terms: set[str]) -> Spans:
    """The spans of ``text`` whose words are among ``terms`` (folded index words)."""
    if not terms or not text:
        return ()
    return tuple(m.span() for m in _WORD.finditer(fold(text)) if m.group() in terms)


def body_snippet(body: str, terms: set[str]) -> tuple[str, Spans]:
    """About SNIPPET characters of the paragraph that holds most of the matched words,
    around its first match, on one line."""
    best: tuple[int, int, int] | None = None  # (distinct words, -paragraph start, first match)
    start = 0
    for paragraph in body.split("\n\n"):
        found = [m for m in _WORD.finditer(fold(paragraph)) if m.group() in terms]
        if found:
            distinct = len({m.group() for m in found})
            candidate = (distinct, -start, start + found[0].start())
            if best is None or candidate[:2] > best[:2]:
                best = candidate
        start += len(paragraph) + 2
    if best is None:
        return "", ()
    first = best[2]
    paragraph_start = -best[1]
    paragraph_end = body.find("\n\n", paragraph_start)
    paragraph_end = len(body) if paragraph_end < 0 else paragraph_end
    left = max(paragraph_start, first - SNIPPET // 3)
    right = min(paragraph_end, left + SNIPPET)
    left = _word_start(body, left, paragraph_start)
    right = _word_end(body, right, paragraph_end)
    window = body[left:right]
    prefix = "…" if left > paragraph_start else ""
    suffix = "…" if right < paragraph_end else ""
    snippet = prefix + " ".join(window.split("\n")) + suffix
    spans = tuple(
        (s + len(prefix), e + len(prefix)) for s, e in marked(window.replace("\n", " "), terms)
    )
    return snippet, spans


def _word_start(text: str, at: int, floor: int) -> int:
    while at > floor and not text[at - 1].isspace():
        at -= 1
    return at


def _word_end(text: str, at: int, ceiling: int) -> int:
    while at < ceiling and not text[at].isspace():
        at += 1
    return at


def _signatories(raw: str) -> list[dict[str, str]]:
    try:
        data = json.loads(raw or "[]")
    except ValueError:
        return []
    return [s for s in data if isinstance(s, dict)] if isinstance(data, list) else []
