"""Checking the citations in a text someone wrote (a memo, an article, a model's answer):
does each cited document exist, and does a quotation beside it occur in it.

A verdict says only what the evidence shows: a document the library lacks but the shipped list
of published ids holds exists, and what it says cannot be told here; one that neither holds
is not found among the ids published up to the list's date, which the evidence names."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Literal, cast, get_args

from rapidfuzz import fuzz

from db.library import Library
from loaders.citations.claims import ClaimedDate, Claims, claims_beside
from loaders.citations.find import find_citations
from loaders.dates import format_dutch_date, parse_dutch_date
from loaders.folding import fold
from loaders.kinds import KIND_WORDS
from loaders.model import Citation, Document
from loaders.published import LIST_DATE, is_published

Verdict = Literal[
    "ok",
    "not found",
    "quote not found",
    "outcome differs",
    "mismatch: kind",
    "mismatch: signer",
    "mismatch: date",
    "mismatch: subject",
    "cannot tell: not in library",
    "cannot tell: outcome not certain",
    "cannot tell: outcome not known",
]
# What says a citation is wrong: all but ok and what cannot be told.
WRONG: tuple[Verdict, ...] = tuple(
    v for v in get_args(Verdict) if v != "ok" and not v.startswith("cannot tell")
)
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*")
_NOT_WORDS = re.compile(r"[^\w]+")
# Where a document's own text dates it: the letter's place and date, the motie's debate.
_OWN_DATE = re.compile(
    r"(?:Den Haag|['’]s-Gravenhage|Voorgesteld),?\s+(?P<date>\d{1,2}\s+\w+\.?\s+\d{4})"
)
# A name given with a citation is the signer's when it is this close (0-100) to one, as
# people misspell names ("Omtzigd") and publishers too ("JOSPEH").
SIGNER_LIKENESS = 80
# The share of a claimed subject's telling words the document must hold somewhere.
SUBJECT_SHARE = 0.5
# Words of a subject that tell nothing of it: every motie and letter has them.
_COMMON = frozenset(
    """aan alle als bij dan dat de deze die dit door een en er geen het hun in is kan
    meer met na naar niet nog of om op over per te ten ter tot uit van voor wat wel
    worden wordt zich zijn zo motie brief kamerbrief regering kabinet kamer minister
    staatssecretaris verzoekt""".split()
)


@dataclass
class CheckedCitation:
    citation: Citation  # as found in the text: its span, its target, what it says
    verdict: Verdict
    evidence: dict[str, object] = field(default_factory=dict)
    in_library: bool = False  # the cited document's text is in the library

    @property
    def text(self) -> str:
        return self.citation.text

    @property
    def start(self) -> int:
        return self.citation.start

    @property
    def end(self) -> int:
        return self.citation.end

    @property
    def target(self) -> str:
        return self.citation.target

    def reason(self) -> str:
        """Why the verdict, in a line: "the text says Omtzigt; signed by Van Baarle"."""
        evidence = self.evidence
        if self.verdict == "not found":
            return f"not among the ids published to {evidence['published_list_to']}"
        if self.verdict == "quote not found":
            return f"“{evidence['quote']}” is not in it"
        if self.verdict.startswith("mismatch: "):
            mismatches = cast(dict[str, str], evidence["mismatches"])
            return mismatches[self.verdict.removeprefix("mismatch: ")]
        if self.verdict.startswith(("outcome", "cannot tell: outcome")):
            return (
                f"the text says {evidence['claimed_outcome']}; the library: {evidence['outcome']}"
            )
        if self.verdict == "cannot tell: not in library":
            return "it is published; fetch it to check what it says"
        return ""

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
    citations = find_citations(text)
    checked = []
    documents: dict[str, Document | None] = {}  # each read once, however often it is cited
    for citation, claims in zip(citations, claims_beside(text, citations), strict=True):
        found = CheckedCitation(citation, "ok")
        if said := claims.said():
            found.evidence["claimed"] = said
        if claims.quote:
            found.evidence["quote"] = claims.quote
        if citation.target not in documents:
            documents[citation.target] = library.documents.get(citation.target)
        document = documents[citation.target]
        found.in_library = document is not None and not document.ghost
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
        _check_outcome(library, document, claims, found)
        if claims.quote and found.verdict not in WRONG:  # certain, where an outcome is not
            at = quote_in(claims.quote, document.text)
            if at is not None:
                found.evidence["quote_at"] = at
            elif quote_in(claims.quote, f"{document.title}\n\n{document.subject}") is None:
                found.verdict = "quote not found"
        mismatches = _mismatches(library, document, claims)
        if mismatches:
            found.evidence["mismatches"] = mismatches
            if found.verdict not in WRONG:  # what is certainly wrong before what is not known
                found.verdict = cast(Verdict, f"mismatch: {next(iter(mismatches))}")
        checked.append(found)
    return checked


def _check_outcome(
    library: Library, document: Document, claims: Claims, found: CheckedCitation
) -> None:
    if not claims.outcome:
        return
    found.evidence["claimed_outcome"] = claims.outcome
    outcome = library.outcomes.outcome(document.key)
    if outcome is None:
        found.verdict = "cannot tell: outcome not known"
        found.evidence["outcome"] = "not known in the library"
    elif not outcome.certain:  # a reading of the open data: never a verdict of its own
        found.verdict = "cannot tell: outcome not certain"
        found.evidence["outcome"] = f"{outcome.decision}, not certain: {outcome.reason}"
    else:
        found.evidence["outcome"] = outcome.decision
        if outcome.decision != claims.outcome:
            found.verdict = "outcome differs"


def _mismatches(library: Library, document: Document, claims: Claims) -> dict[str, str]:
    """What the words beside a citation claim that the document is not, each with what
    the document is: {"signer": "the text says Omtzigt; signed by Dobbe, Teunissen"}."""
    found: dict[str, str] = {}
    if claims.kind and document.kind:
        named = next(
            (kinds for words, kinds in KIND_WORDS if " ".join(words) == fold(claims.kind)), ()
        )
        if named and document.kind not in named:
            found["kind"] = f"the text says {claims.kind}; it is a {document.kind}"
    if claims.signers and document.signatories:
        names = [s.name for s in document.signatories]
        strangers = [n for n in claims.signers if not _signed_by(n, names, document.title)]
        if strangers:
            found["signer"] = f"the text says {', '.join(strangers)}; signed by {', '.join(names)}"
    if claims.date:
        dates = _dates_of(library, document)
        if dates and not any(_same_day(claims.date, day) for day in dates):
            printed = ", ".join(format_dutch_date(d.isoformat()) for d in sorted(dates))
            found["date"] = f"the text says {claims.date.printed}; the document's dates: {printed}"
    if claims.subject:
        share, missing = _subject_share(library, claims.subject, document)
        if share is not None and share < SUBJECT_SHARE:
            found["subject"] = (
                f"the text says “{claims.subject}”; the document does not hold "
                + ", ".join(missing)
                + f" (it is “{document.subject or document.title}”)"
            )
    return found


def _signed_by(claimed: str, names: list[str], title: str) -> bool:
    """Whether a name given with a citation is one of its signers' (or the name its title
    prints, which may be spelled otherwise)."""
    wanted = fold(claimed).strip()
    printed = [fold(n).strip() for n in [*names, *_title_names(title)] if n.strip()]
    if not wanted:
        return True
    # "Martens" for "Martens-America", "Van Dijk" for "Inge van Dijk".
    parts = [
        part for name in printed for part in (name, name.split()[-1], *re.split(r"[-\s]", name))
    ]
    return any(fuzz.ratio(wanted, part) >= SIGNER_LIKENESS for part in parts if part) or any(
        fuzz.ratio(wanted.split()[-1], part) >= SIGNER_LIKENESS for part in parts if part
    )


def _title_names(title: str) -> list[str]:
    """The names a motie's title prints: "MOTIE VAN DE LEDEN DOBBE EN TEUNISSEN"."""
    found = re.search(r"\bVAN (?:HET LID|DE LEDEN) (.+?)(?: C\.S\.)?(?: TER VERVANGING.*)?$", title)
    return re.split(r",\s*|\s+EN\s+", found[1]) if found else []


def _dates_of(library: Library, document: Document) -> set[dt.date]:
    """Every date a document may be cited by: its own, the one its text prints (a letter's
    signing, a motie's debate), and the day it was voted on."""
    days = [document.date]
    days += [
        parsed.isoformat()
        for m in _OWN_DATE.finditer(document.text[:3000] + document.text[-3000:])
        if (parsed := parse_dutch_date(m["date"]))
    ]
    if (outcome := library.outcomes.outcome(document.key)) is not None and outcome.certain:
        days.append(outcome.date)
    found = set()
    for day in days:
        try:
            found.add(dt.date.fromisoformat(day[:10]))
        except ValueError:
            continue
    return found


def _same_day(claimed: ClaimedDate, day: dt.date) -> bool:
    return (claimed.day, claimed.month) == (day.day, day.month) and claimed.year in (None, day.year)


def _subject_share(
    library: Library, subject: str, document: Document
) -> tuple[float | None, list[str]]:
    """How much of a claimed subject the document holds (in its title, subject or text,
    also inside a longer word: "stikstof" in "stikstofuitstoot"), each word weighed by how
    rare it is in the library ("ravijnjaar" tells more than "gevolgen"), and the words it
    lacks; None when the subject has no telling word."""
    telling = [w for w in dict.fromkeys(_words(subject).split()) if w not in _COMMON and len(w) > 3]
    if not telling:
        return None, []
    held = _words(f"{document.title} {document.subject} {document.text}")
    # Inflections differ at the end: "onderzoeken" is held where "onderzoek" is.
    missing = [w for w in telling if w[: max(5, len(w) - 2)] not in held]
    weights = _rarity(library, telling)
    total = sum(weights.values())
    return 1 - sum(weights[w] for w in missing) / total, missing


def _rarity(library: Library, words: list[str]) -> dict[str, float]:
    """Each word's weight: the log of how few of the library's documents hold it; a word no
    document holds weighs as one that one document holds."""
    marks = ",".join("?" * len(words))
    held = dict(
        library.conn.execute(
            f"SELECT word, documents FROM index_words WHERE word IN ({marks})", words
        ).fetchall()
    )
    size = max(
        library.conn.execute("SELECT count(*) FROM documents WHERE ghost = 0").fetchone()[0], 2
    )
    return {w: math.log((size + 1) / (max(held.get(w, 1), 1) + 0.5)) for w in words}


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
