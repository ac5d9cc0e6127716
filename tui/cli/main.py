"""The ``kamerlezer`` command: load documents, show and export them, open the reader.

Textual is imported only when the reader opens, so ``kamerlezer load`` and ``show`` start fast
and work in scripts.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from db.dossier_summary import summarise_dossier
from db.library import Library, LibraryError
from db.library_file import library_problem
from db.location import ENVIRONMENT_VARIABLE, library_path
from db.search_orders import SORTS
from loaders.ids import parse_dossier
from loaders.pipeline.sources import count_sources, shown_name
from tui.cli.checking import add_check_command, command_check
from tui.cli.citing import add_cite_command, command_cite
from tui.cli.configuring import add_config_command, command_config
from tui.cli.fetch import add_fetch_command, command_fetch
from tui.cli.following import add_following_commands, run_following
from tui.cli.library_commands import (
    command_export,
    command_find,
    command_open_questions,
    command_refs,
    command_search,
    command_show,
    open_with_demo,
    read_text_argument,
)
from tui.cli.notes import add_notes_commands, run_notes
from tui.cli.printed import print_library_summary
from tui.cli.serving import add_serve_command, command_serve
from tui.cli.versions import add_diff_command, command_diff
from tui.config import ConfigError, read_config

if TYPE_CHECKING:
    from db.loading.files import LoadReport
    from loaders.official.sources import OfficialSources
from tui.cli.terminal_output import PROG, complain, json_text, say


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
    open_ = commands.add_parser(
        "open",
        help="open the reader on a document, or on a text with its citations checked",
        description="KEY is a document or dossier; a FILE (a memo, an article: .txt, .md) "
        "opens as a page whose citations are marked by their verdict, as `check` gives them.",
    )
    open_.add_argument(
        "key", metavar="KEY|FILE", help="kst-29521-455, '29 521 nr. 455', memo.md, ..."
    )

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
    load.add_argument(
        "--other-publications",
        action="store_true",
        help="also load publications from outside parliament (Gemeenteblad, Provinciaal blad)",
    )

    show = commands.add_parser(
        "show",
        help="show a document: metadata, citations (out and in) and text",
        description="KEY is any spelling of a document number: kst-29521-455, 29521-455, "
        "'29 521 nr. 455'.",
    )
    show.add_argument("key", metavar="KEY", nargs="?")
    show.add_argument("--json", action="store_true", help="print the document as JSON")
    show.add_argument(
        "--open-questions",
        action="store_true",
        help="instead of a document: the kamervragen no answer in the library is known of",
    )

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
        "inside compounds (missie finds vredesmissie). With --stdin, one query per line and "
        "one answer per query (one JSON line with --json), flushed at once.",
    )
    search.add_argument("query", metavar="QUERY", nargs="*")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="hits (default 20)")
    search.add_argument(
        "--sort",
        choices=SORTS,
        default="rank",
        help="order of hits: best first, newest first (date) or oldest first",
    )
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--stdin", action="store_true", help="read queries from standard input")

    add_fetch_command(commands)
    add_following_commands(commands)
    add_notes_commands(commands)
    add_cite_command(commands)
    add_diff_command(commands)
    add_check_command(commands)
    add_config_command(commands)
    add_serve_command(commands)

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


# Arguments that are text a user typed (not paths, which are opened as given).
_TYPED_TEXT = (
    "key", "query", "dossier", "targets", "what", "person", "text", "keys", "old", "new"
)  # fmt: skip


def _decode_typed_text(args: argparse.Namespace) -> None:
    """Bytes that are not UTF-8 in a typed argument (``show $'kst-\\xff'``) arrive as
    surrogates, which no output can print: they are read as Windows-1252 instead."""
    for name in _TYPED_TEXT:
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, shown_name(value))
        elif isinstance(value, list):
            setattr(args, name, [shown_name(v) if isinstance(v, str) else v for v in value])


def main(
    argv: Sequence[str] | None = None, sources: Callable[..., OfficialSources] | None = None
) -> int:
    """The command line; ``sources`` makes the official sources' client (tests pass one that
    does not back off)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _decode_typed_text(args)
    problem = _usage_problem(args)
    if problem:
        complain(f"{problem}")
        return 2
    if args.command == "config":  # also, and above all, when the config cannot be used
        return command_config(args)
    try:
        args.config = read_config()
    except ConfigError as exc:
        complain(f"{exc}")
        return 2
    if args.config.library and not args.db and not os.environ.get(ENVIRONMENT_VARIABLE):
        args.db = str(args.config.library)
    try:
        if args.command == "load":
            return command_load(args)
        if args.command == "show":
            if args.open_questions:
                return command_open_questions(args)
            if args.key is None:
                parser.error("show needs a KEY (or --open-questions)")
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
            return command_search(args, parser)
        if args.command == "fetch":
            return command_fetch(args, parser, sources)
        if args.command in ("follow", "unfollow", "following", "new", "sync"):
            return run_following(args, sources)
        if args.command in ("note", "notes"):
            return run_notes(args)
        if args.command == "cite":
            return command_cite(args)
        if args.command == "diff":
            return command_diff(args)
        if args.command == "check":
            return command_check(args, sources)
        if args.command == "serve":
            return command_serve(args)
        return command_default(args)
    except LibraryError as exc:
        complain(f"{exc}")
        return 1
    except sqlite3.DatabaseError as exc:  # found while working, not when the file was opened
        complain(f"{library_path(args.db)}: {library_problem(exc)}")
        return 1
    except KeyboardInterrupt:
        complain("interrupted; the library holds every document loaded so far")
        return 130
    except BrokenPipeError:
        return 0


def _usage_problem(args: argparse.Namespace) -> str:
    """What is wrong with the command as typed, before anything is opened; "" when fine."""
    for name in ("key", "query"):
        value = getattr(args, name, None)
        if isinstance(value, list):
            value = " ".join(value)
        if value is not None and not value.strip():
            if name == "query" and args.command in ("find", "search") and args.stdin:
                continue
            return f"{args.command} needs a {name.upper()}; an empty one means nothing"
    limit = getattr(args, "limit", None)
    if limit is not None and limit < 1:
        return f"--limit {limit}: give at least 1"
    if args.theme is not None and args.command in (None, "open", "serve"):
        from tui.themes import theme_problem

        return theme_problem(args.theme)
    return ""


def command_load(args: argparse.Namespace) -> int:
    from db.search_index.schema import index_path
    from db.search_index.writing import is_current

    with Library.open(library_path(args.db)) as library:
        report = _load_with_progress(
            library,
            args.paths,
            show=not args.json and sys.stderr.isatty(),
            other_publications=args.other_publications,
        )
        index = index_path(library.path)
        current = index.exists() and is_current(library.conn, index)
    for error in report.errors:
        complain(f"{error}")
    if args.verbose:
        for skipped in report.skipped_files:
            complain(f"skipped {skipped}")
    if args.json:
        say(json_text({**report.as_dict(), "index": {"path": str(index), "current": current}}))
    else:
        say(report.summary())
        state = "up to date" if current else "not up to date: FTS5 answers until it is"
        say(f"search index: {index} ({state}; copy it with the library)")
    return 1 if report.failed else 0


def _load_with_progress(
    library: Library, paths: list[Path], show: bool, other_publications: bool = False
) -> LoadReport:
    from db.loading.files import load_paths  # the loaders only when loading: searches start faster

    if not show:
        return load_paths(library, paths, other_publications=other_publications)
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
        total = count_sources(paths)
        task = progress.add_task("load", total=total)
        return load_paths(
            library,
            paths,
            on_file=lambda _: progress.advance(task),
            other_publications=other_publications,
            counted=total,
        )


# Set by textual-serve for the reader it runs for a browser tab: its terminal is the tab.
SERVED = "TEXTUAL_DRIVER"
NEEDS_A_TERMINAL = "kamerlezer needs a terminal; use `kamerlezer show` or `search` in scripts"


def command_default(args: argparse.Namespace) -> int:
    """The reader on the library (the demo library when the user's is empty); a summary
    when its output goes to a file or pipe."""
    path = library_path(args.db)
    served = bool(os.environ.get(SERVED))  # in a browser tab, by kamerlezer serve
    with open_with_demo(path) as library:
        if not sys.stdout.isatty() and not served:
            print_library_summary(library)
            return 0
    if not sys.stdin.isatty() and not served:
        complain(f"{NEEDS_A_TERMINAL}")
        return 2
    from tui.app import run_reader

    return run_reader(path, theme=args.theme, config=args.config)


def command_open(args: argparse.Namespace) -> int:
    path = library_path(args.db)
    text = Path(args.key)
    if text.is_file():  # a text to check, read in the reader
        if read_text_argument(str(text)) is None:  # unreadable or no text: said as one line
            return 1
        from tui.pages.checked_text import TEXT_KEY

        start, hint = f"{TEXT_KEY}{text.resolve()}", f"; `kamerlezer check {text}` prints it"
        open_with_demo(path).close()
    else:
        with open_with_demo(path) as library:
            key = library.documents.resolve(args.key)
            if key is None and (dossier := parse_dossier(args.key)):  # a dossier: its page
                key = dossier if summarise_dossier(library, dossier).exists else None
        if key is None:
            complain(f"{args.key}: no such document or dossier in {path}")
            return 1
        start, hint = key, ""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        complain(f"{NEEDS_A_TERMINAL}{hint}")
        return 2
    from tui.app import run_reader

    return run_reader(path, start=start, theme=args.theme, config=args.config)


if __name__ == "__main__":
    raise SystemExit(main())
