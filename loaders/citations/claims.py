"""What a text says of a document it cites, in the words beside the citation: the kind
("de motie", "Kamerbrief"), who signed it ("de motie-Omtzigt", "van de leden Dobbe en
Teunissen"), its date ("de brief van 17 juni"), its subject ("over de hersteloperatie",
«Voortgang …»), a quotation and a claimed outcome ("de aangenomen motie").

Only what stands between the citation and the one before it, in its sentence, belongs to it,
so "de motie-Omtzigt (…) en de brief van 17 juni (…)" gives each citation its own words. A
claim read here is what the text says, never what is true: comparing it with the document
is the checker's part.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from loaders.dates import DUTCH_DATE, MONTHS
from loaders.folding import fold
from loaders.kinds import KIND_WORDS
from loaders.model import Citation

# How far before a citation its words may stand, and after it.
LEAD_REACH = 250
TAIL_REACH = 150
# A claimed outcome belongs to a citation up to this many characters before or after it.
CLAIM_REACH = 80
# A quotation belongs to a citation up to this many characters before or after it, in the
# same paragraph.
QUOTE_REACH = 300

# The kind words, as written: "Kamerbrief", "moties", "nader gewijzigde motie".
_KIND = re.compile(
    r"\b(?P<kind>"
    + "|".join(
        r"\s+".join(phrase)
        for phrase, _ in sorted(KIND_WORDS, key=lambda entry: -len(" ".join(entry[0])))
    )
    + r")\b",
    re.IGNORECASE,
)
# A surname as people write it: "Omtzigt", "Van Baarle", "van der Plas", "Nijhof-Leeuw".
_PREFIX = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|[Ii]n\s+['’]t|[Ee]l|[Aa]l)"
_SURNAME = rf"(?:{_PREFIX}\s+)*[A-ZÀ-Þ][\w'’]+(?:-[\w'’]+)*"
# A name with its first names where two members share a surname: "Inge van Dijk".
_NAME = rf"{_SURNAME}(?:\s+{_SURNAME})*"
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+en\s+){_NAME})*"
_SIGNED = re.compile(
    rf"^-(?P<hyphen>{_NAME})|\b(?:van\s+)?(?:het\s+(?:kamer)?lid|de\s+(?:kamer)?leden)\s+"
    rf"(?P<names>{_NAMES})"
)
_SPLIT_NAMES = re.compile(r"\s*,\s*|\s+en\s+")
_OVER = re.compile(r"\bover\s")
_SUBJECT = re.compile(r"\bover\s+(?P<subject>[^()«»]{3,}?)[\s,:;(]*$", re.DOTALL)
_TAIL_SUBJECT = re.compile(r"^[\s)\]]*,?\s*over\s+(?P<subject>[^().;:«»\n]{3,})")
_TITLE = re.compile(r"«(?P<title>[^«»]{3,400})»")
_CLAIMED = re.compile(r"\b(aangenomen|verworpen|ingetrokken|aangehouden)(?:e)?\b", re.IGNORECASE)
# A quotation: at least three words between quotation marks of any kind, across a line
# break but not a paragraph's; an apostrophe inside a word ("zo'n", "regio's") is none.
_QUOTE = re.compile(
    r"(?<!\w)[“\"«‘'‚„](?P<quoted>(?:[^“”\"«»‘’'\n]|\n(?!\s*\n)|(?<=\w)['’](?=\w)){12,600}?)"
    r"[”\"»’'](?!\w)"
)
# Where a sentence ends: a stop and a capital, but not after "nr." or "c.s.".
_SENTENCE_END = re.compile(r"(?<!\bnr)(?<!\bnrs)(?<!c\.s)(?<!\bd\.d)(?<!\bjl)[.!?]\s+(?=[A-Z«“\"])")


@dataclass(frozen=True)
class ClaimedDate:
    """A date as the text gives it; a date without a year ("17 juni") fits any year."""

    day: int
    month: int
    year: int | None
    printed: str


@dataclass(frozen=True)
class Claims:
    kind: str = ""  # the kind word as written: "motie", "Kamerbrief"
    signers: tuple[str, ...] = ()  # surnames as written: "Omtzigt", "Van Baarle"
    date: ClaimedDate | None = None
    subject: str = ""  # "de hersteloperatie", or a title in «»
    quote: str = ""
    outcome: str = ""  # aangenomen, verworpen, ingetrokken, aangehouden

    def said(self) -> dict[str, object]:
        """What the text claims, for the evidence: only what it says."""
        found: dict[str, object] = {}
        if self.kind:
            found["kind"] = self.kind
        if self.signers:
            found["signers"] = list(self.signers)
        if self.date:
            found["date"] = self.date.printed
        if self.subject:
            found["subject"] = self.subject
        return found


def claims_beside(text: str, citations: list[Citation]) -> list[Claims]:
    """What the words beside each of ``citations`` (found in ``text``, in order) claim."""
    quoted = _Quoted(text)
    quotes = _quotes_of(citations, quoted)
    # A citation within quotation marks is the quoted text's: another in its sentence is
    # still alone there.
    own = [c for c in citations if not quoted.holds(c.start)]
    own_starts = [c.start for c in own]
    found = []
    for index, citation in enumerate(citations):
        previous_end = citations[index - 1].end if index else 0
        next_start = citations[index + 1].start if index + 1 < len(citations) else len(text)
        at = bisect.bisect_left(own_starts, citation.start)
        before = own[at - 1].end if at > 0 else 0
        later = bisect.bisect_right(own_starts, citation.start)
        after = own_starts[later] if later < len(own) else len(text)
        claims = _claims(
            text, citation.start, citation.end, previous_end, next_start, (before, after), quoted
        )
        if (quote := quotes.get(index, "")) and quote != claims.subject:
            claims = replace(claims, quote=quote)
        found.append(claims)
    return found


class _Quoted:
    """Where a text quotes: its spans between quotation marks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.matches = list(_QUOTE.finditer(text))
        self._starts = [m.start() for m in self.matches]
        self._ends = [m.end() for m in self.matches]

    def holds(self, at: int) -> bool:
        index = bisect.bisect_right(self._starts, at) - 1
        return index >= 0 and at < self._ends[index]


def _claims(
    text: str,
    start: int,
    end: int,
    previous_end: int,
    next_start: int,
    neighbours: tuple[int, int],
    quoted: _Quoted,
) -> Claims:
    sentence_start = _sentence_start(text, start)
    lead_start = max(sentence_start, previous_end, start - LEAD_REACH)
    lead = text[lead_start:start]
    tail_end = min(_sentence_end(text, end), next_start, end + TAIL_REACH)
    tail = text[end:tail_end]
    kind, phrase = _kind_phrase(lead)
    phrase_start = start - len(phrase)
    title = _TITLE.search(phrase) if phrase else _TITLE.search(lead[-120:])
    subject, about = (title["title"], (0, 0)) if title else ("", (0, 0))
    if not subject and (over := _SUBJECT.search(phrase)):
        subject = over["subject"]
        about = (phrase_start + over.start("subject"), phrase_start + over.end("subject"))
    if not subject and (phrase or kind) and (after := _TAIL_SUBJECT.match(tail)):
        subject = after["subject"]
        about = (end + after.start("subject"), end + after.end("subject"))
    return Claims(
        kind=kind,
        signers=_signers(phrase, kind),
        date=_date(phrase, tail),
        subject=" ".join(subject.split()).strip(" ,.;:"),
        outcome=_claimed_outcome(
            text,
            (start, end),
            (sentence_start, _sentence_end(text, end)),
            neighbours,
            about,
            quoted,
        ),
    )


def _sentence_start(text: str, at: int) -> int:
    paragraph = text.rfind("\n\n", 0, at) + 1
    low = max(paragraph, at - LEAD_REACH - 50)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, at + 1) if m.end() <= at]
    return max([low, *ends])


def _sentence_end(text: str, at: int) -> int:
    paragraph = text.find("\n\n", at)
    high = len(text) if paragraph < 0 else paragraph
    found = _SENTENCE_END.search(text, at, high)
    return found.start() + 1 if found else high


def _kind_phrase(lead: str) -> tuple[str, str]:
    """The kind word the citation stands for, and the lead from it on: "motie-Omtzigt over
    …". That is the last one, but for one in what another is about: in "de motie over een
    brief over de uitrol" the motie is cited."""
    kinds = list(_KIND.finditer(lead))
    if not kinds:
        return "", ""
    named = kinds[0]
    for later in kinds[1:]:
        if _OVER.search(lead, named.end(), later.start()):
            break
        named = later
    return " ".join(named["kind"].split()), lead[named.start() :]


def _signers(phrase: str, kind: str) -> tuple[str, ...]:
    """The surnames a phrase gives: "motie-Van Baarle", "van de leden Dobbe en Teunissen"."""
    if not phrase:
        return ()
    rest = phrase[len(kind) :] if phrase.lower().startswith(kind.lower()) else phrase
    found = _SIGNED.search(rest)
    if not found:
        return ()
    if found["hyphen"]:
        return (found["hyphen"],)
    return tuple(name for name in _SPLIT_NAMES.split(found["names"]) if name)


def _date(phrase: str, tail: str) -> ClaimedDate | None:
    """The date in the phrase before the citation, or one right after it ("…, nr. 455 van
    17 juni 2023")."""
    if over := _OVER.search(phrase):  # a date in what it is about is not its date
        phrase = phrase[: over.start()]
    dates = list(DUTCH_DATE.finditer(phrase))
    if not dates:
        after = re.match(r"^[\s)\]]*,?\s*(?:van|d\.\s?d\.|dd\.?)\s+", tail)
        dates = list(DUTCH_DATE.finditer(tail, after.end(), after.end() + 20)) if after else []
        dates = dates[:1]
    if not dates:
        return None
    date = dates[-1]
    return ClaimedDate(
        int(date["day"]),
        MONTHS[date["month"].lower()],
        int(date["year"]) if date["year"] else None,
        " ".join(date.group(0).split()),
    )


def _quotes_of(citations: list[Citation], quoted: _Quoted) -> dict[int, str]:
    """Each citation's quotation: the nearest one to it, in its paragraph and within reach;
    one before a citation stands in its sentence, one after it in its sentence or the next.
    A quotation between two citations is the nearer one's."""
    text = quoted.text
    starts = [c.start for c in citations]
    best: dict[int, tuple[int, str]] = {}
    for match in quoted.matches:
        words = match["quoted"]
        if len(words.split()) < 3:
            continue
        # The citations before and after it; one within it is the quoted text's own.
        before = bisect.bisect_left(starts, match.start()) - 1
        after = bisect.bisect_left(starts, match.end())
        candidates = []
        if before >= 0:
            cited = citations[before]
            if cited.end <= match.start() and _near_after(text, cited.end, match.start()):
                candidates.append((match.start() - cited.end, before))
        if after < len(citations):
            cited = citations[after]
            if _near_before(text, match.end(), cited.start):
                candidates.append((cited.start - match.end(), after))
        if not candidates:
            continue
        distance, index = min(candidates)
        if index not in best or distance < best[index][0]:
            best[index] = (distance, words)
    return {index: words for index, (_, words) in best.items()}


def _near_after(text: str, end: int, at: int) -> bool:
    """A quotation at ``at`` after a citation ending at ``end``: in its sentence or the next."""
    between = text[end:at]
    return (
        len(between) <= QUOTE_REACH
        and "\n\n" not in between
        and (len(_SENTENCE_END.findall(between + "X")) <= 1)
    )


def _near_before(text: str, at: int, start: int) -> bool:
    """A quotation ending at ``at`` before a citation at ``start``: in its sentence."""
    between = text[at:start]
    return (
        len(between) <= QUOTE_REACH
        and "\n\n" not in between
        and (not _SENTENCE_END.search(between + "X"))
    )


def _claimed_outcome(
    text: str,
    cited: tuple[int, int],
    sentence: tuple[int, int],
    neighbours: tuple[int, int],
    about: tuple[int, int],
    quoted: _Quoted,
) -> str:
    """The outcome the text claims of the citation ("de aangenomen motie", "werd
    verworpen"), in its sentence: anywhere in it where the citation is its only one, else
    within reach ("de moties 1 en 2 werden aangenomen" claims it of both); or "". A word of
    what it is about is no claim ("de motie over de uitvoering van aangenomen moties"), nor
    one it quotes."""
    (start, end), (sentence_start, sentence_end) = cited, sentence
    alone = neighbours[0] <= sentence_start and neighbours[1] >= sentence_end
    low = sentence_start if alone else max(sentence_start, start - CLAIM_REACH)
    high = sentence_end if alone else min(sentence_end, end + CLAIM_REACH)
    claims = [
        fold(m[1])
        for m in _CLAIMED.finditer(text, low, high)
        if not about[0] <= m.start() < about[1] and not quoted.holds(m.start())
    ]
    return claims[0] if len(set(claims)) == 1 else ""  # two different claims: none certain
