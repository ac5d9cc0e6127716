"""Dutch dates as they are printed in Kamerstukken ("13 december 2022", "18 mei jl.")."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
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
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DUTCH_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}})[\s\u00a0]+(?P<month>{_MONTH_NAMES})\.?(?:[\s\u00a0]+(?P<year>\d{{4}}))?\b",
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


_MONTH_NAMES_FULL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def format_dutch_date(iso: str) -> str:
    """``"2022-12-13"`` -> ``"13 december 2022"``; what is not a date is returned as it is."""
    try:
        date = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{date.day} {_MONTH_NAMES_FULL[date.month - 1]} {date.year}"
