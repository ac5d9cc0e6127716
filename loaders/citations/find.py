"""Finding citations of other documents in a document's text.

A pipeline, as eyecite does it: *find* candidate spans with the grammar
(``loaders.citations.grammar``), *resolve* each to target keys (short forms against the citing
document's dossier or the last full citation), *annotate* them with the date and title the
surrounding text gives, and *merge* them with what the source marked up itself (``<extref>``),
which wins where both cover the same span. Spans are offsets into the text as given; the text
is never rewritten, so every span points at exactly what the reader sees.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from loaders.chambers import EERSTE_KAMER, TWEEDE_KAMER, is_eerste_kamer
from loaders.citations.grammar import (
    DATE_AFTER,
    DATE_BEFORE,
    GRAMMAR,
    ID_PREFIXES,
    LOOKAHEAD,
    LOOKBEHIND,
    TITLE,
    TITLE_GAP,
    TRIGGER_WORDS,
    TRIGGERS,
)
from loaders.dates import parse_dutch_date
from loaders.ids import dossier_key, kst_key, normalize_vergaderjaar, publication_id, split_kst_key
from loaders.model import Citation
from loaders.publications import GAZETTES, CitationKind

# A list "nrs. 12 t/m 14" names at most this many documents; longer ranges are typos.
MAX_RANGE = 50
_SPLIT_NUMBERS = re.compile(r"\s*(,|en|t/m|tot\s+en\s+met|[–-])\s*")
_CURRENCY = re.compile(r"[€$£]\s*$")
# "en nr. 6" and "; nr. 7" continue the citation just before them, when it is this close.
FOLLOWING = 60


@dataclass(frozen=True)
class CitingDocument:
    """What the extractor knows of the document it reads: its own key (never a citation of
    itself), its dossier (for short forms), and its date or else its vergaderjaar (for dates
    without a year: "17 juni jl.")."""

    key: str = ""
    dossier: str = ""
    date: dt.date | None = None
    vergaderjaar: str = ""  # "1995-1996"

    @classmethod
    def of(
        cls, key: str = "", dossier: str = "", date: str = "", vergaderjaar: str = ""
    ) -> CitingDocument:
        try:
            parsed = dt.date.fromisoformat(date) if date else None
        except ValueError:
            parsed = None
        return cls(key, dossier, parsed, vergaderjaar)


def find_citations(
    text: str, citing: CitingDocument | None = None, limit: int | None = None
) -> list[Citation]:
    """Every citation in ``text``, in order, each with its span; never raises on any text.
    With ``limit``, no more than that many (a load refuses a document past its limit, and
    need not read all of a hostile one to know)."""
    citing = citing or CitingDocument()
    found: list[Citation] = []
    last_dossier: tuple[str, int] | None = None  # dossier of the last full citation, where
    breaks = _ParagraphBreaks(text)
    for match in _matches(text):
        branch = match.lastgroup
        if branch == "short":
            if match["s_after"] is not None:  # "…, en nr. 6": only right after a citation
                near = last_dossier is not None and match.start() - last_dossier[1] <= FOLLOWING
                dossier = last_dossier[0] if near and last_dossier else ""
            else:
                dossier = _short_form_dossier(match.start(), last_dossier, citing, breaks)
            numbers = match["s_nrs"] or match["s_paren"] or match["s_after"]
            targets = [kst_key(dossier, n) for n in _numbers(numbers)] if dossier else []
            kind: CitationKind = "kamerstuk"
            if targets:
                last_dossier = (dossier, match.end())
        else:
            targets, kind = _resolve(match, text)
            split = split_kst_key(targets[0]) if kind == "kamerstuk" and targets else None
            if split is not None:  # the dossier as resolved, never cut out of a key string
                last_dossier = (split[0], match.end())
        citations = [c for c in _citations(text, match, targets, kind) if c.target != citing.key]
        if len(targets) == 1 and citations:  # a date or title names one document, not a list
            citations = [_annotate(citations[0], text, citing)]
        found.extend(citations)
        if limit is not None and len(found) >= limit:
            return found[:limit]
    return found


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The grammar's matches, found only in the regions around a trigger."""
    for start, end in _regions(text):
        yield from GRAMMAR.finditer(text, start, end)


def _regions(text: str) -> list[tuple[int, int]]:
    """Disjoint spans of text around triggers, each starting at the start of a word."""
    regions: list[tuple[int, int]] = []
    found = [m.span() for pattern in TRIGGERS for m in pattern.finditer(text)]
    for word in TRIGGER_WORDS:
        at = text.find(word)
        while at != -1:
            found.append((at, at + len(word)))
            at = text.find(word, at + 1)
    at = text.find("-")
    while at != -1:
        if text[max(0, at - 5) : at].lower().endswith(ID_PREFIXES):
            found.append((at, at + 1))
        at = text.find("-", at + 1)
    at = text.find("nr")
    while at != -1:  # "nr" or "nrs" as a word (not "inrichting")
        end = at + 3 if text[at + 2 : at + 3] == "s" else at + 2
        if not text[end : end + 1].isalnum() and not text[at - 1 : at].isalpha():
            found.append((at, end))
        at = text.find("nr", at + 2)
    triggers = sorted(found)
    for trigger_start, trigger_end in triggers:
        start = max(0, trigger_start - LOOKBEHIND)
        floor = max(0, start - LOOKBEHIND)  # text without spaces: no walk back to its start
        while start > floor and not text[start - 1].isspace():
            start -= 1
        end = min(len(text), trigger_end + LOOKAHEAD)
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], end))
        else:
            regions.append((start, end))
    return regions


def _resolve(match: re.Match[str], text: str) -> tuple[list[str], CitationKind]:
    branch = match.lastgroup
    if branch == "handelingen":
        vergaderjaar = normalize_vergaderjaar(match["h_vj"]).replace("-", "")
        if not vergaderjaar:
            return [], "document"
        chamber = (EERSTE_KAMER if is_eerste_kamer(match["h_chamber"] or "") else TWEEDE_KAMER).code
        if match["h_aanhangsel"]:
            return [f"ah-{chamber}-{vergaderjaar}-{match['h_nr']}"], "aanhangsel"
        meeting = f"h-{chamber}-{vergaderjaar}-{match['h_nr']}"
        if not match["h_item"]:  # the whole meeting: its report (VLOS) has this key
            return [meeting], "handelingen"
        return [f"{meeting}-{match['h_item']}"], "handelingen"
    if branch == "gazette":
        gazette = GAZETTES[match["g_name"]]
        return [f"{gazette.prefix}-{match['g_year']}-{int(match['g_nr'])}"], gazette.kind
    if branch == "id":
        found = publication_id(match["id"])
        return ([found[0]], found[1]) if found else ([], "document")
    if branch == "zitting":
        return [kst_key(match["z_dossier"], match["z_nr"])], "kamerstuk"
    if branch == "motie":
        if match["m_bare"]:
            dossier = dossier_key(match["m_bare"])
        else:
            dossier = dossier_key(match["m_dossier"], _suffix(match["m_suffix"]))
        moved = _numbers(match["m_nrs"]) + ([match["m_was"]] if match["m_was"] else [])
        return [kst_key(dossier, n) for n in moved], "kamerstuk"
    if branch == "kamerstuk":
        if _CURRENCY.search(text, max(0, match.start("k_dossier") - 3), match.start("k_dossier")):
            return [], "document"
        dossier = dossier_key(match["k_dossier"], _suffix(match["k_suffix"]))
        if match["k_compact"]:
            return [kst_key(dossier, match["k_compact"])], "kamerstuk"
        if match["k_letter"]:  # "Kamerstukken I 2014/15, 33802, C": an Eerste Kamer letter
            labelled = match["k_prefix"] and not (match["k_chamber"] or match["k_house"])
            if not (_eerste_kamer(match) or labelled):
                return [], "document"
            return [kst_key(dossier, match["k_letter"])], "kamerstuk"
        if match["k_bare"]:  # after a label: "Kamerstukken II, 31 459 22", "33 328, AI"
            return [kst_key(dossier, match["k_bare"])], "kamerstuk"
        numbers = _numbers(match["k_nrs"]) if match["k_word"].startswith("nrs") else None
        numbers = numbers or [_numbers(match["k_nrs"])[0]]
        return [kst_key(dossier, n) for n in numbers], "kamerstuk"
    if branch == "dossier":
        return [dossier_key(match["d_dossier"], _suffix(match["d_suffix"]))], "dossier"
    return [], "document"


def _eerste_kamer(match: re.Match[str]) -> bool:
    chamber = match["k_chamber"] or match["k_house"] or ""
    return is_eerste_kamer(chamber)


def _suffix(raw: str | None) -> str:
    """ " XV", "-VII", ".VIII", " hoofdstuk XV", "-32" -> the suffix alone."""
    return re.sub(r"[\s\-–,.]|hoofdstuk", "", raw or "")


def _numbers(raw: str) -> list[str]:
    """ "383, 348 en 309" -> three; "12 t/m 14" -> 12, 13, 14."""
    parts = _SPLIT_NUMBERS.split(raw.strip())
    numbers: list[str] = [parts[0]]
    for separator, number in zip(parts[1::2], parts[2::2], strict=False):
        if separator in ("t/m", "-", "–") or separator.startswith("tot"):
            first, last = numbers[-1], number
            if first.isdigit() and last.isdigit() and 0 < int(last) - int(first) <= MAX_RANGE:
                numbers.extend(str(n) for n in range(int(first) + 1, int(last) + 1))
                continue
        numbers.append(number)
    return numbers


def _short_form_dossier(
    start: int, last: tuple[str, int] | None, citing: CitingDocument, breaks: _ParagraphBreaks
) -> str:
    """A short form points into the dossier last cited in the same paragraph, else into the
    citing document's own dossier."""
    if last is not None and breaks.first_from(last[1]) + 2 > start:
        return last[0]
    return citing.dossier


class _ParagraphBreaks:
    """Where the next blank line is, asked at positions that only move forward: the text is
    read once, however many short forms a long paragraph holds."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._from = -1
        self._next = -1

    def first_from(self, position: int) -> int:
        """The first blank line at or after ``position``; the text's length if none."""
        if position > self._next or self._from < 0 or position < self._from:
            found = self.text.find("\n\n", position)
            self._next = len(self.text) if found == -1 else found
            self._from = position
        return self._next


def _citations(
    text: str, match: re.Match[str], targets: list[str], kind: CitationKind
) -> list[Citation]:
    """One citation per target. With several numbers, the first target spans the citation up
    to its first number and every further target spans its own number, so that a reader can
    step to each; the number a gewijzigde motie "was" is a citation of its own."""
    if not targets:
        return []
    if match.groupdict().get("m_was"):  # "nr. 726, was nr. 719 (21501-08)"
        start, end = match.span("m_was")
        was = Citation(start, end, text[start:end], targets[-1], kind)
        return [*_numbers_cited(text, match, targets[:-1], kind, match.end("m_nrs")), was]
    return _numbers_cited(text, match, targets, kind, match.end())


def _numbers_cited(
    text: str, match: re.Match[str], targets: list[str], kind: CitationKind, end: int
) -> list[Citation]:
    start = match.start()
    if len(targets) == 1:
        return [Citation(start, end, text[start:end], targets[0], kind)]
    group = next(
        name
        for name in ("k_nrs", "m_nrs", "s_nrs", "s_paren", "s_after")
        if match.groupdict().get(name)
    )
    number_spans = [
        (match.start(group) + m.start(), match.start(group) + m.end())
        for m in re.finditer(r"\d+[a-z]?", match[group])
    ]
    citations = []
    for index, target in enumerate(targets):
        if index < len(number_spans):
            s, e = number_spans[index]
            s = start if index == 0 else s
        else:  # expanded from a range: the range's last number stands for it
            s, e = number_spans[-1]
        citations.append(Citation(s, e, text[s:e], target, kind))
    return citations


def _annotate(citation: Citation, text: str, citing: CitingDocument) -> Citation:
    """The cited document's date and title, where the text next to the citation gives them:
    "(«Titel», d.d. 17 juni 2022, Kamerstuk 29 521, nr. 447)"."""
    nearest = max(0, citation.start - 400)  # never a search back to the paragraph's start
    paragraph_start = text.rfind("\n\n", nearest, citation.start) + 1
    before = text[max(paragraph_start, nearest) : citation.start]
    after = text[citation.end : citation.end + 80]
    date = ""
    for pattern, window in ((DATE_BEFORE, before[-80:]), (DATE_AFTER, after)):
        found = pattern.search(window)
        if found:
            date = _resolve_date(found["date"], citing)
            break
    title = ""
    for found in reversed(list(TITLE.finditer(before))):
        if TITLE_GAP.match(before[found.end() :]):
            title = " ".join(found["title"].split())
        break
    if not date and not title:
        return citation
    return replace(citation, date=date, title=title)


def _resolve_date(printed: str, citing: CitingDocument) -> str:
    """A printed date; without a year ("17 juni", "18 mei jl."), the last such day on or
    before the citing document's date, or, where only its vergaderjaar is known, that day
    within the vergaderjaar (September to December in its first year, the rest in its
    second)."""
    date = parse_dutch_date(printed, default_year=citing.date.year if citing.date else None)
    if date is None and citing.date is None and (years := _years(citing.vergaderjaar)):
        date = parse_dutch_date(printed, default_year=years[1])
        if date is not None and date.month >= 9 and not re.search(r"\d{4}", printed):
            date = dt.date(years[0], date.month, date.day)  # September to December: no 29-2
    if date is None:
        return ""
    if citing.date is not None and date > citing.date and not re.search(r"\d{4}", printed):
        try:
            date = date.replace(year=date.year - 1)
        except ValueError:  # 29 February
            return ""
    return date.isoformat()


def _years(vergaderjaar: str) -> tuple[int, int] | None:
    found = re.fullmatch(r"(\d{4})-(\d{4})", vergaderjaar.strip())
    return (int(found[1]), int(found[2])) if found else None


def merge_citations(marked: Iterable[Citation], found: Iterable[Citation]) -> list[Citation]:
    """Marked-up citations plus the found ones that do not overlap them, in text order.

    The source's target always wins. Where the text around a marked span holds the whole
    citation of the same target ("Kamerstuk " + marked "28 844, nr. 266"), the citation spans
    the whole of it, with the date and title found in the text; a found citation that overlaps
    a marked one for another target is dropped.

    Each found citation is compared only with those that start close enough to overlap it
    (a sorted list and the longest span so far), so a document of 40,000 citations merges
    in a fraction of a second.
    """
    result = sorted(marked, key=lambda c: (c.start, c.end))
    starts = [c.start for c in result]
    longest = max((c.end - c.start for c in result), default=0)
    for citation in found:
        low = bisect.bisect_left(starts, citation.start - longest)
        high = bisect.bisect_left(starts, citation.end)
        overlapping = [
            i
            for i in range(low, high)
            if result[i].end > citation.start and citation.end > starts[i]
        ]
        if not overlapping:
            at = bisect.bisect_right(starts, citation.start)
            starts.insert(at, citation.start)
            result.insert(at, citation)
            longest = max(longest, citation.end - citation.start)
            continue
        for index in overlapping:
            existing = result[index]
            if existing.target == citation.target and len(overlapping) == 1:
                wider = citation.start <= existing.start and existing.end <= citation.end
                merged = replace(
                    citation if wider else existing,
                    kind=existing.kind,
                    date=existing.date or citation.date,
                    title=existing.title or citation.title,
                )
                result[index] = merged
                longest = max(longest, merged.end - merged.start)
                if merged.start != starts[index]:  # widened to the left: keep the list sorted
                    del result[index], starts[index]
                    at = bisect.bisect_right(starts, merged.start)
                    starts.insert(at, merged.start)
                    result.insert(at, merged)
    result.sort(key=lambda c: (c.start, c.end))
    return result
