"""Dutch dates as they are printed in Kamerstukken ("13 december 2022", "18 mei jl."): the
month names, in full and abbreviated, are written here once; the citation grammar, the finder
and the reader's charts derive theirs from them."""

from __future__ import annotations

import datetime as dt
import re

# Each month's name in full, then its abbreviations.
_MONTH_FORMS = (
    ("januari", "jan"),
    ("februari", "feb", "febr"),
    ("maart", "mrt"),
    ("april", "apr"),
    ("mei",),
    ("juni", "jun"),
    ("juli", "jul"),
    ("augustus", "aug"),
    ("september", "sep", "sept"),
    ("oktober", "okt"),
    ("november", "nov"),
    ("december", "dec"),
)
# Any form of a month's name -> its number.
MONTHS = {name: number for number, names in enumerate(_MONTH_FORMS, start=1) for name in names}
# Every month name as a pattern's alternatives, the longest first ("sept" before "sep").
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# The months by number, in full: MONTHS_FULL[0] is "januari".
MONTHS_FULL = tuple(names[0] for names in _MONTH_FORMS)
# Where and when a letter was signed, at the start of its line: "Den Haag, 7 juli 2023".
PLACE_AND_DATE = re.compile(r"^(?:Den Haag|’s-Gravenhage|'s-Gravenhage),?\s")
DUTCH_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}})[\s\u00a0]+(?P<month>{MONTH_NAMES})\.?(?:[\s\u00a0]+(?P<year>\d{{4}}))?\b",
    re.I,
)


def parse_dutch_date(text: str, default_year: int | None = None) -> dt.date | None:
    """The first Dutch date in ``text``; a date without a year takes ``default_year``."""
    for match in DUTCH_DATE.finditer(text):
        year = int(match["year"]) if match["year"] else default_year
        if year is None:
            continue
        try:
            return dt.date(year, MONTHS[match["month"].lower()], int(match["day"]))
        except ValueError:
            continue
    return None


def iso_date(value: str) -> str:
    """The ``yyyy-mm-dd`` part of an ISO date or timestamp; "" when there is none."""
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value or "")
    if not match:
        return ""
    try:
        dt.date.fromisoformat(match.group(1))
    except ValueError:
        return ""
    return match.group(1)


def format_dutch_date(iso: str) -> str:
    """``"2022-12-13"`` -> ``"13 december 2022"``; what is not a date is returned as it is."""
    try:
        date = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{date.day} {MONTHS_FULL[date.month - 1]} {date.year}"
