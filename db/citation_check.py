"""Checking the citations in a text someone wrote (a memo, an article, a model's answer):
does each cited document exist, and does a quotation beside it occur in it.

A verdict says only what the evidence shows: a document the library lacks but the shipped list
of published ids holds exists, and what it says cannot be told here; one that neither holds
is not found among the ids published up to the list's date, which the evidence names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from db.library import Library
from loaders.citations.find import find_citations
from loaders.folding import fold
from loaders.published import LIST_DATE, is_published

Verdict = Literal[
    "ok",
    "not found",
    "quote not found",
    "outcome differs",
    "cannot tell: not in library",
    "cannot tell: outcome not certain",
    "cannot tell: outcome not known",
]
WRONG: tuple[Verdict, ...] = ("not found", "quote not found", "outcome differs")
# What a text may claim of how a motie or amendement ended, as the decisions say it.
_CLAIMED = re.compile(r"\b(aangenomen|verworpen|ingetrokken|aangehouden)(?:e)?\b", re.IGNORECASE)
# A claim belongs to a citation up to this many characters before or after it, in its sentence.
CLAIM_REACH = 80

# A quotation: at least three words between quotation marks of any kind.
_QUOTE = re.compile(r"[“\"«‘'‚„]([^“”\"«»‘’'\n]{12,600}?)[”\"»’']")
# A quotation belongs to a citation up to this many characters before or after it, in the
# same paragraph.
QUOTE_REACH = 300
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*")
_NOT_WORDS = re.compile(r"[^\w]+")


@dataclass
class CheckedCitation:
    text: str
    start: int
    end: int
    target: str
    verdict: Verdict
    evidence: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "target": self.target,
            "verdict": self.verdict,
            "evidence": self.evidence,
        }


def check_text(library: Library, text: str) -> list[CheckedCitation]:
    """Every citation in ``text`` with its verdict and the evidence for it."""
    checked = []
    for citation in find_citations(text):
        found = CheckedCitation(citation.text, citation.start, citation.end, citation.target, "ok")
        document = library.documents.get(citation.target)
        quote = _quote_beside(text, citation.start, citation.end)
        if quote:
            found.evidence["quote"] = quote
        if document is None or document.ghost:
            if is_published(citation.target):
                found.verdict = "cannot tell: not in library"
                found.evidence["published"] = True
            else:
                found.verdict = "not found"
                found.evidence["published"] = False
                found.evidence["published_list_to"] = LIST_DATE
            checked.append(found)
            continue
        found.evidence["title"] = document.subject or document.title
        claimed = _claim_beside(text, citation.start, citation.end)
        if claimed:
            found.evidence["claimed_outcome"] = claimed
            outcome = library.outcomes.outcome(document.key)
            if outcome is None:
                found.verdict = "cannot tell: outcome not known"
                found.evidence["outcome"] = "not known in the library"
            elif not outcome.certain:  # a reading of the open data: never a verdict of its own
                found.verdict = "cannot tell: outcome not certain"
                found.evidence["outcome"] = f"{outcome.decision}, not certain: {outcome.reason}"
            else:
                found.evidence["outcome"] = outcome.decision
                if outcome.decision != claimed:
                    found.verdict = "outcome differs"
        if quote and found.verdict == "ok":
            at = quote_in(quote, document.text)
            if at is None:
                found.verdict = "quote not found"
            else:
                found.evidence["quote_at"] = at
        checked.append(found)
    return checked


def _quote_beside(text: str, start: int, end: int) -> str:
    """The quotation nearest the citation, in its paragraph and within reach, or ""."""
    paragraph_start = text.rfind("\n\n", 0, start) + 1
    paragraph_end = text.find("\n\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    low, high = max(paragraph_start, start - QUOTE_REACH), min(paragraph_end, end + QUOTE_REACH)
    best, distance = "", None
    for match in _QUOTE.finditer(text, low, high):
        if len(match[1].split()) < 3:
            continue
        away = start - match.end() if match.end() <= start else max(0, match.start() - end)
        if distance is None or away < distance:
            best, distance = match[1], away
    return best


def _claim_beside(text: str, start: int, end: int) -> str:
    """The outcome the text claims of the citation ("de aangenomen motie", "werd verworpen"),
    in its sentence and within reach, or ""."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [at for at in (text.find(". ", end), text.find("\n", end)) if at >= 0]
    sentence_end = min(ends) if ends else len(text)
    low = max(sentence_start, start - CLAIM_REACH)
    high = min(sentence_end, end + CLAIM_REACH)
    claims = [m[1].lower() for m in _CLAIMED.finditer(text, low, high)]
    return claims[0] if len(set(claims)) == 1 else ""  # two different claims: none certain


def _words(text: str) -> str:
    """Letters and digits only, folded, one space between words: what a quotation and its
    source still share after hyphenation, quotes and whitespace differ."""
    return " ".join(
        _NOT_WORDS.sub(" ", fold(text.replace("\u00ad", "").replace("-\n", ""))).split()
    )


def quote_in(quote: str, text: str) -> int | None:
    """Where ``quote`` stands in ``text`` (its words, in order; "…" leaves words out), as
    the position of its first word in the words of ``text``; None when it does not."""
    words = _words(text)
    at, first = 0, None
    for part in _ELLIPSIS.split(quote):
        wanted = _words(part)
        if not wanted:
            continue
        found = words.find(wanted, at)
        if found < 0 or (found > 0 and words[found - 1] != " "):
            return None
        first = found if first is None else first
        at = found + len(wanted)
    return first
