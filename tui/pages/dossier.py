"""A dossier's page in the letter pane: what it holds, how its moties ended, when it was
busy, what in it is cited most, the dossiers it cites and is cited by, and its documents,
each a link."""

from __future__ import annotations

from db.dossier_summary import MISSING_FROM, summarise_dossier
from db.library import Library
from loaders.labels import format_dossier, reference_label
from tui.pages.document import Paragraphs
from tui.pages.layout import Page
from tui.text.dossier import dossier_facts, month_chart
from tui.text.labels import number_ranges, row_label
from tui.text.outcome import list_mark, outcome_counts


def dossier_page(library: Library, dossier: str) -> Page:
    summary = summarise_dossier(library, dossier)
    page = Paragraphs()
    if not summary.documents:
        page.add("None of this dossier's documents is in the library.")
    page.add(dossier_facts(summary), style="outcome")
    if summary.by_kind:
        page.add("Kinds: " + ", ".join(f"{k} {n}" for k, n in summary.by_kind.items()))
    if summary.voted_on:
        page.add(outcome_counts(summary))
    if summary.months:
        page.add("Documents per month:", style="heading")
        chart = "\n".join(line.plain for line in month_chart(summary.months))
        page.add(chart, style="pre")
    if summary.most_cited:
        page.add("Most cited:", style="heading")
        for cited in summary.most_cited:
            page.add(f"{cited.count}× {row_label(cited.key, None)} · {cited.title}", cited.key)
    for heading, dossiers in (("Cites:", summary.cites), ("Cited by:", summary.cited_by)):
        if dossiers:
            page.add(heading, style="heading")
            for other in dossiers:
                label = f"{format_dossier(other.key)} {other.title}".strip()
                page.add(f"{label} · {other.count}×", other.key)
    rows = library.rows.documents_in(dossier)
    decisions = library.outcomes.decisions_in(dossier)
    page.add(f"Documents ({len(rows)}):", style="heading")
    for row in rows:
        ended = decisions.get(row.key)
        mark = list_mark(ended) if ended else ""
        page.add(f"{mark} {row_label(row.key, row)}".strip(), target=row.key)
    if summary.missing:
        page.add(f"Missing ({len(summary.missing)}):", style="heading")
        page.add(
            f"{number_ranges(summary.missing)} · kamerlezer fetch {dossier} --missing gets them"
            f" (numbers from {MISSING_FROM})"
        )
    page.add(f"kamerlezer fetch {dossier} gets the whole dossier from the official sources.")
    head = f"{reference_label(dossier)} · {summary.title or 'not loaded'}"
    return Page(dossier, [], page.text, page.links, head=head, styles=page.styles)
