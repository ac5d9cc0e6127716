"""Plain terminal output of the command line (``show``, the library summary).

Document text is data: it is printed as ``rich.text.Text`` (never parsed as markup) after
control characters are made visible, so no document can drive the terminal.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from db.dossier_summary import MISSING_FROM
from loaders.dates import format_dutch_date
from loaders.labels import format_dossier, no_official_page, official_url
from loaders.model import ANSWERED, ASKED
from loaders.sanitize import terminal_safe
from tui.cli.terminal_output import SafeConsole
from tui.pages.tables import table_lines
from tui.text.dossier import dossier_facts, month_chart
from tui.text.labels import finder_notes, number_ranges
from tui.text.outcome import legend, outcome_counts, outcome_summary, seat_bar

if TYPE_CHECKING:  # for the signatures only: each command imports what it runs
    from db.dossier_summary import DossierSummary
    from db.finder import Answer
    from db.kamervragen import OpenQuestion
    from db.library import Library
    from db.outcomes.outcome import Outcome
    from db.relations import Relations
    from db.rows import DocumentRow
    from db.search import SearchResult
    from loaders.model import Document
    from loaders.official.sru import SruRecord


def _console() -> Console:
    """The terminal's width on a terminal; piped, whole lines (no width, no padding), so
    that scripts get every character."""
    if sys.stdout.isatty():
        return SafeConsole(soft_wrap=False)
    return SafeConsole(soft_wrap=True, width=PIPED_WIDTH)


# Wide enough for any line a document holds; nothing is cut or wrapped when piped.
PIPED_WIDTH = 1_000_000


def counted(number: int, one: str, many: str = "") -> str:
    """ "1 document", "22 documents"."""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def print_text(text: Text) -> None:
    """Styled text as it is (a document's changes), to the terminal or a pipe."""
    _console().print(text)


def print_document(
    document: Document,
    cited_by: list[str],
    relations: Relations,
    outcome: Outcome | None,
    described: bool = False,
) -> None:
    """A document's fields, links and text; a ghost ``described`` by metadata says so."""
    console = _console()
    ghost = document.ghost
    head = Text(terminal_safe(document.key), style="bold")
    for part in (document.kind, document.date):
        if part:
            head.append(" · " + terminal_safe(part))
    if ghost and described:
        head.append(" · metadata only: its text is not in the library", style="dim")
    elif ghost:
        known = " (cited only)" if cited_by else " (a related document names it)"
        head.append(" · not in the library" + known, style="dim")
    console.print(head)
    for dossier in document.dossiers:
        line = Text(format_dossier(dossier.key), style="bold")
        line.append(" " + terminal_safe(dossier.title))
        if dossier.rijkswet:
            line.append(f" ({terminal_safe(dossier.rijkswet)})")
        console.print(line)
    fields = [
        ("Title", document.title),
        ("Subject", document.subject),
        ("Vergaderjaar", document.vergaderjaar),
        ("Chamber", document.chamber),
        ("Document nr", document.document_number),
        ("Zaak", ", ".join(document.zaak_numbers)),
        ("Asked by", ", ".join(s.name for s in document.signatories if s.role == ASKED)),
        ("Answered by", ", ".join(s.name for s in document.signatories if s.role == ANSWERED)),
        (
            "Signed",
            "; ".join(
                f"{s.name} ({s.role})" if s.role else s.name
                for s in document.signatories
                if s.role not in (ASKED, ANSWERED)
            ),
        ),
        ("Outcome", outcome_summary(outcome) if outcome is not None else ""),
        ("Decision", outcome.text if outcome is not None else ""),
        ("Replaces", ", ".join(relations.replaces)),
        ("Replaced by", ", ".join(relations.replaced_by)),
        ("Changes", ", ".join(relations.changes)),
        ("Changed by", ", ".join(relations.changed_by)),
        ("Answers", ", ".join(relations.answers)),
        ("Answered in", ", ".join(relations.answered_by)),
        ("Bijlage van", ", ".join(relations.attached_to)),
        ("Bijlagen", ", ".join(relations.attachments)),
        ("Postpones", ", ".join(relations.postpones)),
        ("Postponed in", ", ".join(relations.postponed_by)),
        (
            "Inferred",
            "; ".join(f"{key}: {why}" for key, why in relations.inferred.items()),
        ),
        ("Source", document.source_path),
        ("Official", official_url(document.key) or f"none: {no_official_page(document.key)}"),
    ]
    _print_fields(console, [(label, value) for label, value in fields if value])
    if outcome is not None and outcome.votes:
        console.print()
        console.print(seat_bar(outcome, console.width))
        for line in legend(outcome):
            console.print(line)
    if document.citations:
        console.print(Text(f"\nCites ({len(document.citations)})", style="bold"))
        for citation in document.citations:
            line = Text(f"  {citation.target:<24} ")
            line.append(terminal_safe(citation.text), style="dim")
            console.print(line)
    console.print(Text(f"\nCited by ({len(cited_by)})", style="bold"))
    for key in cited_by:
        console.print(Text(f"  {key}"))
    if document.text:
        console.print()
        _print_text(console, document)


def _print_text(console: Console, document: Document) -> None:
    """The text, its tables drawn as columns: at the terminal's width, or piped as wide as
    they are."""
    text = terminal_safe(document.text)
    done = 0
    for table in sorted(document.tables, key=lambda t: t.start):
        before = text[done : table.start].strip("\n")
        if before:
            console.print(Text(before))
            console.print()
        for line in table_lines(text, table, console.width):
            style = "bold" if line.style == "table-head" else ""
            console.print(Text(line.text.rstrip(), style=style), no_wrap=True, overflow="fold")
        done = table.end
        if text[done:].strip():
            console.print()
    rest = text[done:].strip("\n")
    if rest:
        console.print(Text(rest))


def _print_fields(console: Console, fields: list[tuple[str, str]]) -> None:
    """Labelled values: aligned and wrapped on a terminal, one whole line each when piped."""
    if console.soft_wrap:
        width = max((len(label) for label, _ in fields), default=0)
        for label, value in fields:
            line = Text(f"{label + ':':>{width + 1}} ", style="dim")
            console.print(line.append(terminal_safe(value), style=""))
        return
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", justify="right", no_wrap=True)
    grid.add_column()
    for label, value in fields:
        grid.add_row(f"{label}:", Text(terminal_safe(value)))
    console.print(grid)


def print_dossier(summary: DossierSummary) -> None:
    """A dossier's page on the command line: what ``show DOSSIER --json`` says, in words."""
    console = _console()
    head = Text(format_dossier(summary.dossier), style="bold")
    head.append(" " + terminal_safe(summary.title or "(known only from citations)"))
    console.print(head)
    console.print(dossier_facts(summary))
    if summary.by_kind:
        console.print("Kinds: " + ", ".join(f"{k} {n}" for k, n in summary.by_kind.items()))
    if summary.voted_on:
        console.print(outcome_counts(summary))
    if summary.months:
        console.print(Text("\nDocuments per month", style="bold"))
        for line in month_chart(summary.months):
            console.print(line)
    if summary.missing:
        console.print(Text(f"\nMissing ({len(summary.missing)})", style="bold"))
        console.print(number_ranges(summary.missing, most=40))
        console.print(
            Text(
                f"kamerlezer fetch {summary.dossier} --missing gets them"
                f" (numbers from {MISSING_FROM})",
                style="dim",
            )
        )
    for label, rows in (
        ("Most cited", summary.most_cited),
        ("Cites", summary.cites),
        ("Cited by", summary.cited_by),
    ):
        if rows:
            console.print(Text(f"\n{label}", style="bold"))
            for row in rows:
                name = row.key if row.key.startswith("kst-") else format_dossier(row.key)
                line = Text(f"  {row.count:>4}  {name}")
                if row.title:
                    line.append("  " + terminal_safe(row.title), style="dim")
                console.print(line)


def print_library_summary(library: Library) -> None:
    console = _console()
    stats = library.rows.stats()
    console.print(Text(f"kamerlezer library: {library.path}", style="bold"))
    console.print(
        Text(
            f"{counted(stats.documents, 'document')}, {stats.ghosts} cited but not loaded, "
            f"{counted(stats.dossiers, 'dossier')}, {counted(stats.citations, 'citation')}"
        )
    )
    for number, title, count in library.rows.largest_dossiers():
        line = Text(f"  {number:<12} {count:>5}  {terminal_safe(title)}")
        console.print(line, no_wrap=True, overflow="ellipsis")
    console.print(
        Text(
            "\nLoad documents:  kamerlezer load PATH...   (files, folders, .zip, .tar.xz)\n"
            "Show one:        kamerlezer show 'kst-29521-455'\n"
            "More:            kamerlezer --help"
        )
    )


def print_results(answer: Answer) -> None:
    """Finder results, one a line: number, kind, date, ghost mark, what it is about; then,
    indented, the names or the words of the body that matched."""
    console = _console()
    for note in finder_notes(answer):
        console.print(Text(note, style="dim"))
    if not answer.results:
        console.print(Text(f"Nothing found for «{terminal_safe(answer.query)}»", style="dim"))
        return
    for result in answer.results:
        line = Text(f"{result.key:<22} ", style="bold")
        line.append(f"{result.kind or '-':<12} {result.date or '-':<10} ")
        line.append("ghost " if result.ghost else "      ", style="dim")
        line.append(f"{result.score:5.1f}  ", style="dim")
        line.append_text(highlighted(result.shown.text, result.shown.highlights))
        console.print(line, no_wrap=True, overflow="ellipsis")
        for text, spans in (
            (result.shown.names, result.shown.name_highlights),
            (result.shown.snippet, result.shown.snippet_highlights),
        ):
            if text:
                extra = Text(" " * 24, style="dim").append_text(highlighted(text, spans))
                console.print(extra, no_wrap=True, overflow="ellipsis")


def highlighted(text: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """``text`` made safe for the terminal, the ``spans`` that matched in bold reverse."""
    shown = Text(terminal_safe(text))
    for start, end in spans:
        shown.stylize("bold reverse", start, end)
    return shown


def print_hits(result: SearchResult) -> None:
    """Search hits: where they are (counts), then each with its snippet, matches in bold."""
    console = _console()
    shown = f" · showing {len(result.hits)}" if len(result.hits) < result.total else ""
    console.print(Text(counted(result.total, "document") + shown, style="bold"))
    if result.by_dossier:
        where = ", ".join(f"{format_dossier(d)} ({n})" for d, n in result.by_dossier[:5])
        console.print(Text(f"  dossiers: {where}", style="dim"))
    if result.by_kind:
        kinds = ", ".join(f"{kind or '?'} ({n})" for kind, n in result.by_kind[:5])
        console.print(Text(f"  kinds: {kinds}", style="dim"))
    for hit in result.hits:
        head = Text(f"\n{hit.key}", style="bold")
        head.append(f"  {hit.kind}  {hit.date}  {terminal_safe(hit.title)}", style="dim")
        console.print(head, no_wrap=True, overflow="ellipsis")
        snippet = Text("  " + terminal_safe(hit.snippet))
        for start, end in hit.highlights:
            snippet.stylize("bold reverse", start + 2, end + 2)
        console.print(snippet)


def print_ghosts(rows: dict[str, DocumentRow], keys: list[str]) -> None:
    """What ``fetch --ghosts`` would get: each cited document the library lacks, with what
    the citing texts say of it."""
    console = _console()
    for key in keys:
        row = rows.get(key)
        line = Text(f"{key:<24} ", style="bold")
        if row is not None:
            line.append(f"{row.date or '-':<10} ", style="dim")
            line.append(terminal_safe(row.title or row.subject))
        line.rstrip()
        console.print(line, no_wrap=True, overflow="ellipsis")
    console.print(Text(counted(len(keys), "document") + " to fetch", style="dim"))


def print_records(records: list[SruRecord]) -> None:
    """What a fetch would get: id and title, one a line, cut to the terminal's width."""
    console = _console()
    for record in records:
        line = Text(f"{record.identifier:<24} ", style="bold")
        line.append(terminal_safe(record.title))
        console.print(line, no_wrap=True, overflow="ellipsis")
    console.print(f"{len(records)} to fetch")


def print_open_questions(questions: list[OpenQuestion]) -> None:
    """One line a question: its key, when it was asked and how long ago, what it is about."""
    console = _console()
    if not questions:
        console.print("No open kamervragen: every set in the library has an answer it knows of.")
        return
    for question in questions:
        line = Text(f"{question.key:<22}", style="bold")
        if question.waited is None:
            line.append(" asked on a date not known")
        else:
            waited = f"{question.waited:,} days"
            style = "red" if question.overdue else ""
            line.append(f" asked {format_dutch_date(question.asked)}, {waited} ago", style=style)
        if question.postponed_in:
            when = format_dutch_date(question.postponed_on) or "on a date not known"
            how = ", linked by subject" if question.postponed_by_subject else ""
            line.append(f" · answer postponed {when} ({question.postponed_in}{how})")
        line.append("  " + terminal_safe(question.title), style="dim")
        console.print(line, no_wrap=True, overflow="ellipsis")
    overdue = sum(q.overdue for q in questions)
    console.print(
        Text(
            f"{counted(len(questions), 'question')} without an answer in this library;"
            f" {overdue} waited longer than the Kamer's norm of three weeks"
            " (an answer published but not loaded counts as none: fetch it to be sure)",
            style="dim",
        )
    )
