"""What a finder result shows of its document, with the words that matched marked: its
subject, who signed it when a name matched, and a few words of the body around a match there.

The marks are spans into the shown strings, found by reading each string's words as the index
reads them (folded: lower case, no diacritics) and marking those the typed words stood for.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass

from loaders.folding import fold

Spans = tuple[tuple[int, int], ...]
SNIPPET = 110  # characters of the body shown around a match
_WORD = re.compile(r"[^\W_]+")
_PARAGRAPH_BREAK = re.compile(r"\n\n")


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
    terms: frozenset[str],
    fields: tuple[str, ...],
) -> Shown:
    """A result's lines for the index words its query stood for (``terms``), given where
    they matched (``fields``); a body match shows words of ``body`` when it is given."""
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


def marked(text: str, terms: frozenset[str]) -> Spans:
    """The spans of ``text`` whose words are among ``terms`` (folded index words)."""
    if not terms or not text:
        return ()
    return tuple(m.span() for m in _terms_pattern(terms).finditer(fold(text)))


def body_snippet(body: str, terms: frozenset[str]) -> tuple[str, Spans]:
    """About SNIPPET characters of the paragraph that holds most of the matched words,
    around its first match, on one line."""
    if not terms:
        return "", ()
    folded = fold(body)
    ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(folded)]
    found: dict[int, tuple[set[str], int]] = {}  # paragraph -> (words, first match)
    for match in _terms_pattern(terms).finditer(folded):
        paragraph = bisect.bisect_left(ends, match.start())
        words, first = found.setdefault(paragraph, (set(), match.start()))
        words.add(match.group())
    if not found:
        return "", ()
    paragraph = max(found, key=lambda p: (len(found[p][0]), -p))
    first = found[paragraph][1]
    paragraph_start = ends[paragraph - 1] + 2 if paragraph else 0
    paragraph_end = ends[paragraph] if paragraph < len(ends) else len(body)
    left = max(paragraph_start, first - SNIPPET // 3)
    right = min(paragraph_end, left + SNIPPET)
    left = _word_start(body, left, paragraph_start)
    right = _word_end(body, right, paragraph_end)
    window = body[left:right].replace("\n", " ")
    prefix = "…" if left > paragraph_start else ""
    suffix = "…" if right < paragraph_end else ""
    spans = tuple((s + len(prefix), e + len(prefix)) for s, e in marked(window, terms))
    return prefix + window + suffix, spans


@functools.lru_cache(maxsize=32)
def _terms_pattern(terms: frozenset[str]) -> re.Pattern[str]:
    """Any of ``terms`` as a whole word, longest first (one pattern for a query's results)."""
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, ordered)) + r")(?![^\W_])")


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
