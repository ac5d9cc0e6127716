"""The commands that read the library and print what they find: ``show``, ``export``,
``find``, ``search`` and ``refs`` (which needs no library). Output is for a terminal or, piped,
whole lines for scripts (``tui/cli/printed.py``)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import asdict
from pathlib import Path

from db.contract import document_record
from db.dossier_summary import summarise_dossier
from db.kamervragen import NORM_DAYS
from db.library import Library
from db.library_file import is_writable
from db.location import library_path
from db.user_state.notes import notes_holding
from loaders.citations.find import CitingDocument, find_citations
from loaders.ids import parse_dossier
from tui.cli.printed import (
    print_document,
    print_dossier,
    print_hits,
    print_open_questions,
    print_results,
)
from tui.cli.terminal_output import SafeConsole, complain, json_text, say


def open_for_reading(db: str | None) -> Library:
    """The library, to read; where there is none yet, a new one with the demo documents, as
    the reader starts one, so that every command works on a fresh install."""
    path = library_path(db)
    if not path.exists():
        open_with_demo(path).close()
        say(f"{path}: a new library, with the demo documents (kamerlezer load adds yours)",
            file=sys.stderr)  # fmt: skip
    return Library.open(path, write=False)


def open_with_demo(path: Path) -> Library:
    """The library, filled with the demo documents when it is new or empty; a library that
    cannot be written (a shared one on a read-only mount) is read as it is."""
    if path.exists() and not is_writable(path):
        return Library.open(path, write=False)
    from db.loading.demo import ensure_demo_library

    library = Library.open(path)
    ensure_demo_library(library)
    _index_up_to_date(library)
    return library


def _index_up_to_date(library: Library) -> None:
    """Before the reader starts: the search index caught up when behind, built whole (with a
    progress bar on a terminal) when missing or not this library's, so that searches answer
    from it. Where it cannot be written now, FTS5 answers, as ever."""
    from db.search_index.schema import index_path
    from db.search_index.writing import IndexBusy, is_current, library_count, sync_index

    path = index_path(library.path)
    try:
        library.ensure_id()
        if is_current(library.conn, path):
            return
        if not sys.stderr.isatty():
            sync_index(library.conn, path, wait=0)
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(
            TextColumn("Building the search index"),
            BarColumn(),
            MofNCompleteColumn(),
            transient=True,
            console=SafeConsole(stderr=True),
        ) as progress:
            task = progress.add_task("index", total=library_count(library.conn))
            sync_index(library.conn, path, 0, lambda done: progress.update(task, completed=done))
    except (IndexBusy, OSError, ValueError):
        return


def command_open_questions(args: argparse.Namespace) -> int:
    """The kamervragen of which the library holds no answer, longest waiting first."""
    with open_for_reading(args.db) as library:
        questions = library.kamervragen.open_questions()
    if args.json:
        say(
            json_text(
                {
                    "open_questions": [q.to_dict() for q in questions],
                    "norm_days": NORM_DAYS,
                    "as_of": dt.date.today().isoformat(),
                }
            )
        )
    else:
        print_open_questions(questions)
    return 0


def command_show(args: argparse.Namespace) -> int:
    with open_for_reading(args.db) as library:
        key = library.documents.resolve(args.key)
        document = library.documents.get(key) if key else None
        if document is None:
            dossier = parse_dossier(args.key)
            summary = summarise_dossier(library, dossier) if dossier else None
            if summary is not None and summary.exists:
                if args.json:
                    say(json_text(summary.to_dict()))
                else:
                    print_dossier(summary)
                return 0
            complain(f"{args.key}: no such document in {library.path}")
            return 1
        cited_by = library.documents.cited_by(document.key)
        if args.json:
            data = document_record(library, document)
            del data["metadata_only"]  # the record's word; a reader's is "ghost"
            data["ghost"] = document.ghost
            data["cited_by"] = cited_by
            say(json_text(data))
        else:
            relations = library.relations.relations_of(document.key)
            described = document.ghost and library.documents.described(document.key)
            outcome = library.outcomes.outcome(document.key)
            print_document(document, cited_by, relations, outcome, described)
    return 0


def command_export(args: argparse.Namespace) -> int:
    with open_for_reading(args.db) as library:
        dossier = parse_dossier(args.dossier) if args.dossier else None
        if args.dossier and dossier is None:
            complain(f"{args.dossier}: not a dossier number")
            return 2
        if dossier is not None and not summarise_dossier(library, dossier).exists:
            complain(f"{args.dossier}: no such dossier in {library.path}")
            return 1
        out = sys.stdout
        for document in library.documents.iter_documents(dossier):
            out.write(json_text(document_record(library, document)) + "\n")
    return 0


def command_find(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.stdin and args.query is not None:
        parser.error("find takes a QUERY or --stdin, not both")
    if not args.stdin and args.query is None:
        parser.error("find needs a QUERY (or --stdin, one query a line)")
    from db.finder import Finder

    with open_for_reading(args.db) as library:
        finder = Finder(library)
        if args.stdin:
            finder.warm()
        queries = (line.rstrip("\n") for line in sys.stdin) if args.stdin else [args.query]
        for query in queries:
            answer = finder.find(query, limit=args.limit)
            if args.json:
                say(json_text(answer.to_dict()), flush=True)
                continue
            if args.stdin:  # one query's results after another: say where each begins
                say(f"» {query}")
            print_results(answer)
            sys.stdout.flush()
    return 0


def command_search(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """One search, or (``--stdin``) one a line, each answered at once: a query that cannot
    mean anything is an error on stderr (and, with --json, a line with its ``error``), and
    exit status 1 at the end, after the others were answered."""
    from db.search import Searcher, SearchError

    if args.stdin and args.query:
        parser.error("search takes a QUERY or --stdin, not both")
    if not args.stdin and not args.query:
        parser.error("search needs a QUERY (or --stdin, one query a line)")
    failed = False
    with open_for_reading(args.db) as library:
        searcher = Searcher(library, notes=notes_holding(library))
        queries = (
            (line.rstrip("\n") for line in sys.stdin) if args.stdin else [" ".join(args.query)]
        )
        for text in queries:
            if args.stdin and not text.strip():
                continue
            try:
                result = searcher.search(text, limit=args.limit, sort=args.sort)
            except SearchError as exc:
                shown = text if len(text) <= 60 else text[:60] + "…"  # not a pasted page again
                complain(f"{shown}: {exc}")
                if args.json and args.stdin:
                    say(json_text({"query": text, "error": str(exc)}), flush=True)
                failed = True
                continue
            if args.json:
                record = {
                    "query": text,
                    "total": result.total,
                    "by_dossier": dict(result.by_dossier),
                    "by_kind": dict(result.by_kind),
                    "hits": [hit.to_dict() for hit in result.hits],
                }
                say(json_text(record), flush=True)
                continue
            if args.stdin:  # one query's hits after another: say where each begins
                say(f"» {text}")
            print_hits(result)
            sys.stdout.flush()
    return 1 if failed else 0


def read_text_argument(file: str) -> str | None:
    """The text of FILE, or of standard input for "-" (UTF-8, else Windows-1252); None, said
    as one line, when it cannot be read."""
    from loaders.formats.detect import decode_text  # the loaders only where a file is read
    from loaders.pipeline.sources import looks_binary

    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        complain(f"{file}: cannot read: {exc.strerror}")
        return None
    if looks_binary(data):
        complain(f"{file}: not text (a binary file or an archive); give a text, or a PDF's text")
        return None
    return decode_text(data)


def command_refs(args: argparse.Namespace) -> int:
    text = read_text_argument(args.file)
    if text is None:
        return 1
    for citation in find_citations(text, _citing_context(text)):
        if args.json:
            record = {k: v for k, v in asdict(citation).items() if v != "" or k == "text"}
            say(json_text(record), flush=False)
        else:
            surface = " ".join(citation.text.split())
            say(f"{citation.start:>7}-{citation.end:<7} {citation.target:<24} {surface}")
    return 0


def _citing_context(text: str) -> CitingDocument | None:
    """When the text is a printed Kamerstuk, its own number, dossier and date: short forms
    then point into its dossier and "17 juni" gets its year."""
    from loaders.errors import LoadError
    from loaders.formats.pdf_text import looks_like_pdf_text, read_pdf_text

    if not looks_like_pdf_text(text):
        return None
    try:
        document = read_pdf_text(text, "-")
    except LoadError:
        return None
    return CitingDocument.of(
        document.key, document.dossier_key, document.date, document.vergaderjaar
    )
