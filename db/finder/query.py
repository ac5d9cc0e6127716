"""What a reader types into the finder, read once per keystroke for what it names: a
``NumberQuery`` or a ``WordQuery``, on whose type the finder dispatches.

Either a document's number, in any spelling, being typed or pasted as it is cited
("27925 919", "29 521, nr", "(Kamerstuk 29 521, nr. 455).", a link to the publication), or
words that describe a document, among which a period ("december 2022", "13-12-2022", "2024"),
a kind ("motie", "brief") and a dossier ("21 501-02") are read apart: they narrow or favour
rather than being matched as words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from loaders.citations.find import CitingDocument, find_citations
from loaders.dates import MONTH_NAMES, MONTHS
from loaders.folding import fold
from loaders.ids import canonical_key, dossier_key, kst_key, parse_dossier, parse_reference
from loaders.kinds import KIND_WORDS
from loaders.publications import KEY_START

_DOCUMENT_NUMBER = re.compile(r"\d{4}[DZ]\d{5}", re.I)
_NUMBER_TAIL = re.compile(
    r"[\s,.]*(?:(?:stuk\s+)?n(?:rs?)?\.?|l(?:e(?:t(?:t(?:e(?:r)?)?)?)?)?)?\s*$", re.I
)


# "dossier 29521", "kamerstukdossier 29 521": the dossier named as one.
_DOSSIER_WORD = re.compile(r"^\s*(?:dossier|kamerstuk(?:ken)?(?:dossier)?)\s+", re.I)


@dataclass(frozen=True)
class NumberQuery:
    """A document's number, whole or being typed, or a dossier's."""

    key: str = ""  # the key it names ("27925 919", a reference as cited or pasted)
    prefix: str = ""  # a number being typed: the keys it can become start with this
    document_number: str = ""  # a Tweede Kamer document or zaak number, "2024D01507"
    dossier: str = ""  # the dossier it also reads as ("21501-02", "dossier 29521")
    # Only "dossier …" was typed: a dossier's number, not a document's being typed.
    dossier_only: bool = False


def read_query(text: str, dossier: str = "") -> NumberQuery | WordQuery:
    """What ``text`` names, read once: a number (``dossier`` is the one open in the reader,
    where "nr. 455" is a document of it) or words."""
    typed = parse_dossier(_DOSSIER_WORD.sub("", text)) or ""
    if reference := read_reference(text, dossier):  # as cited, pasted, or typed
        return NumberQuery(key=reference, dossier=typed)
    stripped = text.strip()
    document_number = stripped.upper() if _DOCUMENT_NUMBER.fullmatch(stripped) else ""
    key = parse_reference(text) or canonical_key(text) or ""
    prefix = key_prefix(text) if not key else ""
    own = parse_dossier(text) or ""
    if document_number or key or prefix or own:
        return NumberQuery(key, prefix, document_number, typed or own)
    if typed:
        return NumberQuery(dossier=typed, dossier_only=True)
    return read_words(text)


def is_number_query(query: str) -> bool:
    """Whether a query is a document number in some spelling (or the start of one, as it is
    being typed: "29 521, nr", "2952", "ah-tk-2024"), rather than words."""
    read = read_query(query)
    return isinstance(read, NumberQuery) and not read.dossier_only


def key_prefix(query: str) -> str:
    """What keys of a number being typed start with: "29 521, nr" -> "kst-29521-",
    "2952" -> "kst-2952", "21 501-3" -> "kst-21501-3"; "" for words."""
    text = query.strip()
    if KEY_START.match(text):
        return canonical_key(text) or text.lower()
    if not text[:1].isdigit():
        return ""
    head = _NUMBER_TAIL.sub("", text)
    if head != text and (dossier := parse_dossier(head)):  # the dossier, then "nr" begun
        return f"kst-{dossier}-"
    if dossier := parse_dossier(head):
        return f"kst-{dossier}"
    compact = re.sub(r"[\s.]", "", head)
    return f"kst-{compact}" if compact.isdigit() and len(compact) <= 5 else ""


# -- a reference pasted as it is cited --------------------------------------------------------
_WRAPPING = "()[]{}.,;:!?\"'«»“”‘’ \t"
_LINK = re.compile(
    r"^(?:https?://)?[\w.-]+\.[a-z]{2,}/(?:[^\s?#]*/)?(?P<id>[\w-]+?)"
    r"(?:\.(?:html?|pdf|xml|odt))?/?(?:[?#]\S*)?$",
    re.I,
)
_FILE_NAME = re.compile(r"^(?P<id>[a-z]+-[\w-]+)\.(?:html?|pdf|xml|odt)$", re.I)
_KST_SPACED = re.compile(r"^kst\s+(?=\d)", re.I)
_SLASHED = re.compile(r"^(?P<dossier>\d{2}\s?\d{3}(?:[-\s]\w{1,4})?)\s*/\s*(?P<nr>\d+[a-z]?)$")
_BARE_NUMBER = re.compile(r"^(?:stuk\s+)?(?:nr|nummer)\.?\s*(?P<nr>\d+[a-z]?)$", re.I)


def read_reference(text: str, dossier: str = "") -> str | None:
    """The key of the one document a pasted reference names, as ``kamerlezer refs`` reads
    it: "(Kamerstuk 29 521, nr. 455).", "kst 29521 455", "29521/455", "kst-29521-455.html",
    a link to the publication; "nr. 455" in ``dossier``. None when it names none, or several.
    """
    cleaned = text.strip().strip(_WRAPPING)
    if not cleaned:
        return None
    for pattern in (_LINK, _FILE_NAME):
        if match := pattern.match(cleaned):
            cleaned = match["id"]
            break
    cleaned = _KST_SPACED.sub("", cleaned)
    if match := _SLASHED.match(cleaned):
        cleaned = f"{match['dossier']} {match['nr']}"
    if dossier and (match := _BARE_NUMBER.match(cleaned)):
        return kst_key(dossier, match["nr"])
    if key := parse_reference(cleaned):
        return key
    citations = find_citations(cleaned, CitingDocument.of(dossier=dossier))
    targets = {c.target for c in citations if c.kind != "dossier"}
    if len(targets) != 1:
        return None
    rest = cleaned
    for citation in sorted(citations, key=lambda c: -c.start):
        rest = rest[: citation.start] + rest[citation.end :]
    if re.search(r"[^\W_]", re.sub(r"(?i)\b(?:zie|vgl|kamerstukk?e?n?|ii?|tk)\b", "", rest)):
        return None  # words around it: a query that mentions a number, not a reference
    return targets.pop()


# -- words, with a period, a kind and a dossier among them ------------------------------------
@dataclass(frozen=True)
class Period:
    """The days a reader means by "december 2022" or "2024", both ends included."""

    start: str  # ISO date
    end: str
    label: str  # as typed

    def holds(self, date: str) -> bool:
        return bool(date) and self.start <= date[:10] <= self.end


@dataclass(frozen=True)
class WordQuery:
    """Words to match, and what else the query said: documents of a period, of a kind, in a
    dossier."""

    words: tuple[str, ...]  # folded, as typed, in order
    kinds: tuple[str, ...] = ()  # the kinds a kind word names, the one it names best first
    kind_label: str = ""
    period: Period | None = None
    dossier: str = ""
    dossier_label: str = ""

    @property
    def readings(self) -> list[str]:
        """What was read apart from the words, as a reader would say it."""
        said = []
        if self.kind_label:
            said.append(f"kind: {self.kind_label}")
        if self.period is not None:
            said.append(f"date: {self.period.label}")
        if self.dossier:
            said.append(f"dossier {self.dossier_label}")
        return said


_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{MONTH_NAMES})\.?\s+(?P<y>(?:19|20)\d\d)\b"
)
_MONTH_YEAR = re.compile(rf"\b(?P<m>{MONTH_NAMES})\.?\s+(?P<y>(?:19|20)\d\d)\b")
_NUMERIC_DAY = re.compile(r"\b(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>(?:19|20)\d\d)\b")
_ISO_DAY = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d{2})-(?P<d>\d{2})\b")
_VERGADERJAAR = re.compile(r"\b(?P<y>(?:19|20)\d\d)\s*[/-]\s*(?P<end>(?:19|20)?\d\d)\b")
_YEAR = re.compile(r"\b(?P<y>(?:19|20)\d\d)\b")
# A dossier number among words, its chapter in capitals or after a hyphen: "21 501-02",
# "36410 X", "36 410-XVI"; never inside a longer number or a zaak number ("2024Z00651").
_DOSSIER = re.compile(
    r"(?<![\w./-])(?P<number>\d{2}[ .\u00a0]?\d{3})(?![\d])"
    r"(?P<suffix>\s?[-–]\s?(?:\d{2,3}(?!\d)|(?i:[IVXLC]+B?|[A-Z])(?![\w-]))"
    r"|\s(?:[IVXLC]+B?|[A-Z])(?![\w-]))?"
)
_WORD = re.compile(r"[^\W_]+")
# Words that say how, not what: in a query of other words they match every document and
# are left out ("motie over dierproeven", "van der werf").
STOPWORDS = frozenset(
    "aan als bij dat de den der die dit door een en er het in is met na naar niet of om op"
    " over te ten ter tot uit van voor zijn".split()
)


def read_words(text: str) -> WordQuery:
    """The words of a query, with its period, kind and dossier read apart."""
    dossier, dossier_label = "", ""
    if match := _DOSSIER.search(text):
        dossier = dossier_key(match["number"], (match["suffix"] or "").strip(" -–"))
        dossier_label = match.group(0).strip()
        text = text[: match.start()] + " " + text[match.end() :]
    folded = fold(text)
    period, folded = _period(folded)
    words = _WORD.findall(folded)
    kinds: tuple[str, ...] = ()
    kind_label = ""
    for phrase, named in KIND_WORDS:
        at = _find_phrase(words, phrase)
        if at is not None:
            kinds, kind_label = named, " ".join(phrase)
            del words[at : at + len(phrase)]
            break
    if len(words) > 1 and len(words[-1]) == 1 and words[-1].isalpha():
        del words[-1]  # the first letter of the next word: it means nothing yet
    meaningful = [w for w in words if w not in STOPWORDS]
    return WordQuery(tuple(meaningful or words), kinds, kind_label, period, dossier, dossier_label)


def _find_phrase(words: list[str], phrase: tuple[str, ...]) -> int | None:
    for start in range(len(words) - len(phrase) + 1):
        if tuple(words[start : start + len(phrase)]) == phrase:
            return start
    return None


def _period(folded: str) -> tuple[Period | None, str]:
    """The period a query names (the span of all it names), and the query without it."""
    found: list[tuple[dt.date, dt.date, str]] = []
    for pattern, reader in _PERIODS:
        for match in list(pattern.finditer(folded)):
            span = reader(match)
            if span is not None:
                found.append((*span, match.group(0)))
                folded = folded[: match.start()] + " " * len(match.group(0)) + folded[match.end() :]
    if not found:
        return None, folded
    start = min(s for s, _, _ in found)
    end = max(e for _, e, _ in found)
    label = " ".join(text for *_, text in found)
    return Period(start.isoformat(), end.isoformat(), label), folded


def _day(match: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    month = match["m"]
    number = MONTHS[month] if month in MONTHS else int(month)
    try:
        day = dt.date(int(match["y"]), number, int(match["d"]))
    except ValueError:
        return None
    return day, day


def _month(match: re.Match[str]) -> tuple[dt.date, dt.date]:
    year, month = int(match["y"]), MONTHS[match["m"]]
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1), following - _DAY


def _vergaderjaar(match: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    start, end = int(match["y"]), match["end"]
    end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
    if end_year != start + 1:
        return None
    return _third_tuesday_of_september(start), _third_tuesday_of_september(end_year) - _DAY


def _third_tuesday_of_september(year: int) -> dt.date:
    """Where a vergaderjaar starts."""
    first = dt.date(year, 9, 1)
    return first + dt.timedelta(days=(1 - first.weekday()) % 7 + 14)


_DAY = dt.timedelta(days=1)


def _year(match: re.Match[str]) -> tuple[dt.date, dt.date]:
    year = int(match["y"])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


_PERIODS = (
    (_DAY_MONTH_YEAR, _day),
    (_NUMERIC_DAY, _day),
    (_ISO_DAY, _day),
    (_MONTH_YEAR, _month),
    (_VERGADERJAAR, _vergaderjaar),
    (_YEAR, _year),
)
