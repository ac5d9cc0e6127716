"""A dossier's page in words and a small chart, for the reader and ``kamerlezer show``."""

from __future__ import annotations

from rich.text import Text

from db.dossier_summary import DossierSummary
from loaders.dates import MONTHS_FULL, format_dutch_date

_BLOCKS = " ▁▂▃▄▅▆▇█"
MONTHS = " ".join(name[0].upper() for name in MONTHS_FULL)


def dossier_facts(summary: DossierSummary) -> str:
    """ "34 documents, 12 cited but not loaded · 5 maart 2024 to 3 juli 2025"."""
    held = f"{summary.documents} document{'s' if summary.documents != 1 else ''}"
    if summary.ghosts:
        held += f", {summary.ghosts} more cited or named but not loaded"
    if summary.first_date and summary.last_date:
        first, last = format_dutch_date(summary.first_date), format_dutch_date(summary.last_date)
        held += f" · {first}" if first == last else f" · {first} to {last}"
    return held


def month_chart(months: dict[str, int]) -> list[Text]:
    """Documents per month: a row a year, a column a month, a bar as high as its count
    (the busiest month full), the year's total at the end."""
    if not months:
        return []
    busiest = max(months.values())
    years = sorted({month[:4] for month in months})
    lines = [Text("      " + MONTHS, style="dim")]
    for year in years:
        line = Text(f"{year}  ")
        total = 0
        for month in range(1, 13):
            count = months.get(f"{year}-{month:02d}", 0)
            total += count
            level = 0 if not count else max(1, round(count * (len(_BLOCKS) - 1) / busiest))
            line.append(_BLOCKS[level] + " ", style="bold" if count else "")
        line.append(f" {total}", style="dim")
        lines.append(line)
    return lines
