"""Identifiers of parliamentary documents: keys, dossier numbers, vergaderjaren.

Every document gets a key in the modern KOOP form (``kst-29521-455``, ``kst-36200-X-5``,
``h-tk-20222023-84-12``) whatever spelling it was published or typed in, so that a citation,
a file and a user's query all meet on the same key.
"""

from __future__ import annotations

import datetime as dt
import re

from loaders.publications import KEY_PREFIXES, CitationKind, publication_of

# A dossier number as printed: "29 521", "29521", "29.521", with a non-breaking space too.
DOSSIER_NUMBER = r"\d{1,2}[ .\u00a0\u202f]?\d{3}"
# Budget chapters (Roman numerals, "IXB"), funds (letters) and council series ("-32").
DOSSIER_SUFFIX = r"(?:[IVXLC]+B?|[A-Z]|\d{1,3})"

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_VERGADERJAAR_PREFIX = re.compile(r"^(\d{4})(\d{4})$")
_MODERN_KST = re.compile(r"kst-[1-9]\d{4}(?:-(?:[IVXLC]+|[A-Z]|\d{2}))?-\d+")
_ROMAN_OR_LETTERS = re.compile(r"^(?:[IVXLC]+B?|[A-Z]{1,2})$")

_NUMBER_QUERY = re.compile(
    r"""^\s*
    (?:(?i:kamerstuk(?:ken)?)\s+)?
    (?:(?:I{1,2}|(?i:ek|tk))\s+)?
    (?:\d{4}\s*[/–-]\s*\d{2,4}\s*,?\s*)?
    (?P<dossier>\d{1,2}[ .\u00a0\u202f]?\d{3})(?!\d)
    (?:(?:[\s\-–]+|(?<=\d)(?=[A-Za-z]))(?P<suffix>(?i:[IVXLC]+B?|[A-Z]|\d{1,3}))\b)?
    [\s,\-–]*
    (?:(?i:(?:stuk\s+)?nrs?\.?|letter)\s*)?
    # A letter (Eerste Kamer), but not the start of "nr" or "letter" being typed.
    (?P<nr>\d+[a-z]?|(?!(?i:nrs?|n|l|le|let|lett|lette|letter)\s*$)(?i:[A-Z]{1,2}))
    \s*$""",
    re.X,
)


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (non-breaking included) to one space."""
    return _SPACES.sub(" ", text).strip()


def dossier_key(number: str, suffix: str = "") -> str:
    """``("36 410", "XVI")`` -> ``"36410-XVI"``; ``("21 501", "02")`` -> ``"21501-02"``."""
    digits = re.sub(r"\D", "", number)
    suffix = re.sub(r"[\s\-–]", "", suffix or "")
    if not digits:
        return ""
    if not suffix:
        return digits
    return f"{digits}-{suffix.upper() if not suffix.isdigit() else suffix}"


def normalize_ondernummer(nr: str) -> str:
    """Letters of the Eerste Kamer are upper case; an older "188B" is "188b"."""
    nr = nr.strip()
    if nr.isalpha():
        return nr.upper()
    return nr.lower()


def kst_key(dossier: str, ondernummer: str) -> str:
    """The key of a Kamerstuk from its dossier key and ondernummer."""
    return f"kst-{dossier}-{normalize_ondernummer(ondernummer)}"


def split_kst_key(key: str) -> tuple[str, str] | None:
    """``"kst-36200-X-5"`` -> ``("36200-X", "5")``; None for keys that are not Kamerstukken."""
    parts = key.split("-")
    if len(parts) < 3 or parts[0] != "kst" or not parts[1].isdigit():
        return None
    if len(parts) == 3:
        return parts[1], parts[2]
    if len(parts) == 4 and re.fullmatch(r"[bhn]\d+", parts[3]):  # an annex: kst-17050-339-b2
        return parts[1], f"{parts[2]}-{parts[3]}"
    return f"{parts[1]}-{parts[2]}", "-".join(parts[3:])


def key_from_published_id(published_id: str) -> str:
    """The modern key of a KOOP id: older ids embed the vergaderjaar
    (``kst-20022003-23490-8w`` is ``kst-23490-8w``)."""
    pid = published_id.strip()
    if _MODERN_KST.fullmatch(pid):  # already canonical, as nearly every current id is
        return pid
    parts = pid.split("-")
    if len(parts) >= 4 and parts[0].lower() == "kst":
        year = _VERGADERJAAR_PREFIX.match(parts[1])
        if year and int(year.group(2)) == int(year.group(1)) + 1:
            pid = "-".join([parts[0], *parts[2:]])
    return canonical_key(pid) or pid


def canonical_key(text: str) -> str | None:
    """The canonical spelling of something that is already a key (any case), else None."""
    text = text.strip()
    prefix = text.split("-", 1)[0].lower()
    if prefix not in KEY_PREFIXES or "-" not in text or " " in text:
        return None
    if prefix != "kst":
        return text.lower() if prefix != "kv" and prefix != "nds" else _upper_letters_kv(text)
    parts = text.split("-")
    glued = re.fullmatch(r"(\d+)([A-Za-z]+)", parts[1]) if len(parts) > 2 else None
    if glued:  # "kst-28000F-210": the suffix glued to the dossier number
        parts[1:2] = [glued.group(1), glued.group(2)]
    if len(parts) < 3 or not parts[1].isdigit():
        return None
    fixed = ["kst", parts[1]]
    for part in parts[2:-1]:
        fixed.append(part.upper() if not part.isdigit() else part)
    fixed.append(normalize_ondernummer(parts[-1]))
    if re.fullmatch(r"[bhn]\d+", parts[-1], re.I) and len(parts) >= 4:
        fixed[-1] = parts[-1].lower()
    return "-".join(fixed)


def _upper_letters_kv(text: str) -> str:
    # kv-tk-2011Z17364, nds-tk-2011D25464: the Z and D of Tweede Kamer numbers stay upper case.
    head, _, tail = text.rpartition("-")
    return f"{head.lower()}-{tail.upper()}"


def parse_reference(text: str) -> str | None:
    """Read what a user typed as a document number, in any spelling a reader uses.

    ``"kst-29521-455"``, ``"29521-455"``, ``"29 521 nr. 455"``, ``"27 925, nr. 919"``,
    ``"21501-32-1740"``, ``"36 200 X 5"``, ``"h-tk-20222023-84-12"``. None when it is not one.
    """
    text = normalize_space(text)
    if not text:
        return None
    key = canonical_key(text)
    if key is not None:
        return key_from_published_id(key)
    match = _NUMBER_QUERY.match(text)
    if match is None:
        return None
    dossier = dossier_key(match["dossier"], match["suffix"] or "")
    return kst_key(dossier, match["nr"])


def publication_id(text: str) -> tuple[str, CitationKind] | None:
    """``(key, kind)`` of a KOOP publication id as written in running text or an address
    ("KST-36200-x-5", "stcrt-2022-12345", "h-tk-20222023-84-12-15"); None when it is not one."""
    publication = publication_of(text)
    if publication is None or publication.published_id is None:
        return None
    if not publication.published_id.fullmatch(text):
        return None
    kst = publication.prefix == "kst"
    key = key_from_published_id(text) if kst else canonical_key(text)
    return (key, publication.kind) if key else None


def vergaderjaar_of(date: dt.date) -> str:
    """The parliamentary year of a date: it starts on the third Tuesday of September."""
    first = dt.date(date.year, 9, 1)
    third_tuesday = first + dt.timedelta(days=(1 - first.weekday()) % 7 + 14)
    start = date.year if date >= third_tuesday else date.year - 1
    return f"{start}-{start + 1}"


def normalize_vergaderjaar(text: str) -> str:
    """``"2019–2020"``, ``"2022/23"``, ``"20222023"`` -> ``"2022-2023"``; "" when unreadable."""
    match = re.search(r"(\d{4})\s*[-–‒/]?\s*(\d{2,4})", text or "")
    if not match:
        return ""
    start, end = int(match.group(1)), match.group(2)
    end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
    if end_year != start + 1:
        return ""
    return f"{start}-{end_year}"


_DOSSIER_QUERY = re.compile(
    rf"^\s*(?P<number>{DOSSIER_NUMBER})(?!\d)(?:[\s\-–]*(?P<suffix>(?i:{DOSSIER_SUFFIX})))?\s*$"
)


def parse_dossier(text: str) -> str | None:
    """A dossier key from what a user typed: "29521", "36 410 XVI", "21501-32"."""
    match = _DOSSIER_QUERY.match(text)
    return dossier_key(match["number"], match["suffix"] or "") if match else None


def meeting_key(key: str) -> str:
    """The meeting an item of the Handelingen belongs to ("h-tk-20172018-70-6" ->
    "h-tk-20172018-70"); "" for any other key."""
    parts = key.split("-")
    if len(parts) == 5 and parts[0] == "h" and len(parts[2]) == 8:
        return "-".join(parts[:4])
    return ""
