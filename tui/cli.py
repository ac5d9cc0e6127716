"""The ``kamerlezer`` command: load documents, show and export them, open the reader.

Textual is imported only when the reader opens, so ``kamerlezer load`` and ``show`` start fast
and work in scripts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from db.contract import document_record
from db.demo import ensure_demo_library
from db.dossier_summary import summarise_dossier
from db.library import Library, LibraryError
from db.loading import LoadReport, load_paths
from db.location import ENVIRONMENT_VARIABLE, library_path
from loaders.archives import count_sources
from loaders.citations import CitingDocument, find_citations
from loaders.detect import decode_text
from loaders.errors import LoadError
from loaders.ids import parse_dossier
from loaders.pdf_text import looks_like_pdf_text, read_pdf_text
from loaders.sanitize import terminal_safe
from tui.fetch_command import add_fetch_command, command_fetch
from tui.render import (
    print_document,
    print_dossier,
    print_hits,
    print_library_summary,
    print_results,
)

if TYPE_CHECKING:
    from loaders.official import OfficialSources

PROG = "kamerlezer"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read Dutch parliamentary dossiers in the terminal and follow their citations.",
        epilog=f"The library is --db PATH, else ${ENVIRONMENT_VARIABLE}, else the user data "
        "folder.",
    )
    parser.add_argument("--db", metavar="PATH", help="library file to use")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    parser.add_argument(
        "--theme",
        metavar="NAME",
        help="reader theme, e.g. ansi-dark or ansi-light (the terminal's own colours)",
    )
    open_ = commands.add_parser("open", help="open the reader on a document")
    open_.add_argument("key", metavar="KEY", help="kst-29521-455, '29 521 nr. 455', ...")

    load = commands.add_parser(
        "load",
        help="load documents (files, folders, .zip/.tar.gz/.tar.xz archives) into the library",
        description="Load KOOP XML, metadata.xml, PDF text, JSON Lines and Tweede Kamer open "
        "data. The same file twice changes nothing; a changed document replaces the old one.",
    )
    load.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    load.add_argument("--json", action="store_true", help="print the summary as JSON")
    load.add_argument(
        "-v", "--verbose", action="store_true", help="also name the files skipped, and why"
    )

    show = commands.add_parser(
        "show",
        help="show a document: metadata, citations (out and in) and text",
        description="KEY is any spelling of a document number: kst-29521-455, 29521-455, "
        "'29 521 nr. 455'.",
    )
    show.add_argument("key", metavar="KEY")
    show.add_argument("--json", action="store_true", help="print the document as JSON")

    find = commands.add_parser(
        "find",
        help="find documents by number or words, as the reader's finder does",
        description="QUERY is a number in any spelling (27925 919, kst-27925-919, 2025D06779) "
        "or words (navo irak; typos allowed). With --stdin, one query per line and one line of "
        "results per query, flushed at once.",
    )
    find.add_argument("query", nargs="?", metavar="QUERY")
    find.add_argument("--limit", type=int, default=10, metavar="N", help="results (default 10)")
    find.add_argument("--json", action="store_true", help="print JSON")
    find.add_argument("--stdin", action="store_true", help="read queries from standard input")

    search = commands.add_parser(
        "search",
        help="search the text of every document",
        description='Words (all must occur), "an exact phrase", -leave-out, prefix*, OR, and '
        "filters dossier:29521 kind:motie from:2023-01-01 to:2024-12-31. Words are also found "
        "inside compounds (missie finds vredesmissie).",
    )
    search.add_argument("query", metavar="QUERY", nargs="+")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="hits (default 20)")
    search.add_argument("--sort", choices=("rank", "date"), default="rank", help="order of hits")
    search.add_argument("--json", action="store_true", help="print JSON")

    add_fetch_command(commands)

    refs = commands.add_parser(
        "refs",
        help="print the citations in a text file or standard input (no library needed)",
        description="Offsets are in characters of the text as read (UTF-8, else Windows-1252).",
    )
    refs.add_argument("file", nargs="?", default="-", metavar="FILE", help="a file, or - for stdin")
    refs.add_argument("--json", action="store_true", help="one JSON object per citation")

    export = commands.add_parser(
        "export",
        help="write the library (or one dossier) as JSON Lines to standard output",
        description="Loading the output into an empty library gives the same library.",
    )
    export.add_argument("--dossier", metavar="KEY", help="only this dossier (29521, '36 410 XVI')")
    export.add_argument("--jsonl", action="store_true", required=True, help="JSON Lines (required)")
    return parser


def main(
    argv: Sequence[str] | None = None, sources: Callable[..., OfficialSources] | None = None
) -> int:
    """The command line; ``sources`` makes the official sources' client (tests pass one that
    does not back off)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "load":
            return command_load(args)
        if args.command == "show":
            return command_show(args)
        if args.command == "export":
            return command_export(args)
        if args.command == "refs":
            return command_refs(args)
        if args.command == "open":
            return command_open(args)
        if args.command == "find":
            return command_find(args, parser)
        if args.command == "search":
            return command_search(args)
        if args.command == "fetch":
            return command_fetch(args, parser, sources)
        return command_default(args)
    except LibraryError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            f"{PROG}: interrupted; the library holds every document loaded so far", file=sys.stderr
        )
        return 130
    except BrokenPipeError:
        return 0


def command_load(args: argparse.Namespace) -> int:
    with Library.open(library_path(args.db)) as library:
        report = _load_with_progress(
            library, args.paths, show=not args.json and sys.stderr.isatty()
        )
    for error in report.errors:
        print(f"{PROG}: {error}", file=sys.stderr)
    if args.verbose:
        for skipped in report.skipped_files:
            print(f"{PROG}: skipped {skipped}", file=sys.stderr)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print(report.summary())
    return 1 if report.failed else 0


def _load_with_progress(library: Library, paths: list[Path], show: bool) -> LoadReport:
    if not show:
        return load_paths(library, paths)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("Loading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
    ) as progress:
        task = progress.add_task("load", total=count_sources(paths))
        return load_paths(library, paths, on_file=lambda _: progress.advance(task))


def _open_for_reading(db: str | None) -> Library:
    path = library_path(db)
    return Library.open(path, write=False)


def command_show(args: argparse.Namespace) -> int:
    with _open_for_reading(args.db) as library:
        key = library.resolve(args.key)
        document = library.get(key) if key else None
        if document is None:
            dossier = parse_dossier(args.key)
            summary = summarise_dossier(library, dossier) if dossier else None
            if summary is not None and summary.exists:
                if args.json:
                    print(json.dumps(summary.to_dict(), ensure_ascii=False))
                else:
                    print_dossier(summary)
                return 0
            print(f"{PROG}: {args.key}: no such document in {library.path}", file=sys.stderr)
            return 1
        cited_by = library.cited_by(document.key)
        if args.json:
            data = document_record(library, document)
            data["ghost"] = data.pop("metadata_only")
            data["cited_by"] = cited_by
            print(json.dumps(data, ensure_ascii=False))
        else:
            relations = library.relations_of(document.key)
            print_document(document, cited_by, relations, library.outcome(document.key))
    return 0


def command_export(args: argparse.Namespace) -> int:
    with _open_for_reading(args.db) as library:
        dossier = parse_dossier(args.dossier) if args.dossier else None
        if args.dossier and dossier is None:
            print(f"{PROG}: {args.dossier}: not a dossier number", file=sys.stderr)
            return 2
        out = sys.stdout
        for document in library.iter_documents(dossier):
            out.write(json.dumps(document_record(library, document), ensure_ascii=False) + "\n")
    return 0


def command_find(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if bool(args.stdin) == bool(args.query):
        parser.error("find takes a QUERY or --stdin, not both")
    from db.finder import Finder

    with _open_for_reading(args.db) as library:
        finder = Finder(library)
        if args.stdin:
            finder.warm()
        queries = (line.rstrip("\n") for line in sys.stdin) if args.stdin else [args.query]
        for query in queries:
            answer = finder.find(query, limit=args.limit)
            if args.json:
                print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
            else:
                print_results(answer)
    return 0


def command_search(args: argparse.Namespace) -> int:
    from db.search import Searcher, SearchError

    text = " ".join(args.query)
    with _open_for_reading(args.db) as library:
        try:
            result = Searcher(library).search(text, limit=args.limit, sort=args.sort)
        except SearchError as exc:
            print(f"{PROG}: {text}: {exc}", file=sys.stderr)
            return 1
    if args.json:
        record = {
            "query": text,
            "total": result.total,
            "by_dossier": dict(result.by_dossier),
            "by_kind": dict(result.by_kind),
            "hits": [hit.to_dict() for hit in result.hits],
        }
        print(json.dumps(record, ensure_ascii=False))
    else:
        print_hits(result)
    return 0


def command_refs(args: argparse.Namespace) -> int:
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        print(f"{PROG}: {args.file}: cannot read: {exc.strerror}", file=sys.stderr)
        return 1
    text = decode_text(data)
    for citation in find_citations(text, _citing_context(text)):
        if args.json:
            record = {k: v for k, v in asdict(citation).items() if v != "" or k == "text"}
            print(json.dumps(record, ensure_ascii=False), flush=False)
        else:
            surface = " ".join(terminal_safe(citation.text).split())
            print(f"{citation.start:>7}-{citation.end:<7} {citation.target:<24} {surface}")
    return 0


def _citing_context(text: str) -> CitingDocument | None:
    """When the text is a printed Kamerstuk, its own number, dossier and date: short forms
    then point into its dossier and "17 juni" gets its year."""
    if not looks_like_pdf_text(text):
        return None
    try:
        document = read_pdf_text(text, "-")
    except LoadError:
        return None
    return CitingDocument.of(document.key, document.dossier_key, document.date)


def command_default(args: argparse.Namespace) -> int:
    """The reader on the library (the demo library when the user's is empty); a summary
    when there is no terminal to draw on."""
    path = library_path(args.db)
    with Library.open(path) as library:
        ensure_demo_library(library)
        if not sys.stdout.isatty():
            print_library_summary(library)
            return 0
    from tui.app import run_reader

    run_reader(path, theme=args.theme)
    return 0


def command_open(args: argparse.Namespace) -> int:
    path = library_path(args.db)
    with Library.open(path) as library:
        ensure_demo_library(library)
        key = library.resolve(args.key)
        if key is None and (dossier := parse_dossier(args.key)):  # a dossier: its page
            key = dossier if summarise_dossier(library, dossier).exists else None
    if key is None:
        print(f"{PROG}: {args.key}: no such document or dossier in {path}", file=sys.stderr)
        return 1
    from tui.app import run_reader

    run_reader(path, start=key, theme=args.theme)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
