"""``kamerlezer fetch``: documents from the official sources into the library.

The HTTP client is imported only when a fetch runs, so other commands start without it.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from db.library import Library
from db.loading import load_paths
from db.location import library_path
from loaders.errors import LoadError
from loaders.ids import parse_dossier
from tui.render import print_records

if TYPE_CHECKING:
    from loaders.fetching import FetchReport
    from loaders.official import OfficialSources
    from loaders.sru import SruRecord


def add_fetch_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fetch = commands.add_parser(
        "fetch",
        help="get documents from the official sources (KOOP) and load them",
        description="TARGET is a dossier (29521, '36 410 XVI') or a document key "
        "(kst-29521-446). Files and answers are kept in a cache: fetching again asks "
        "nothing, unless --refresh asks for what was published since. "
        "The services are $KAMERLEZER_SRU_URL and $KAMERLEZER_ODATA_URL when set.",
    )
    fetch.add_argument("targets", nargs="*", metavar="TARGET")
    fetch.add_argument("--ghosts", action="store_true", help="every cited document not loaded")
    fetch.add_argument("--dossier", metavar="KEY", help="with --ghosts: only this dossier")
    fetch.add_argument("--dry-run", action="store_true", help="list what would be fetched")
    fetch.add_argument(
        "--refresh",
        action="store_true",
        help="ask the services again what a dossier holds (files already here stay)",
    )


def command_fetch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from loaders.fetching import fetch_dossier_metadata, parse_targets, records_for
    from loaders.official import OfficialSources

    if not args.targets and not args.ghosts:
        parser.error("fetch needs a TARGET or --ghosts")
    path = library_path(args.db)
    targets = list(args.targets)
    if args.ghosts:
        with Library.open(path) as library:
            targets += library.ghost_keys(parse_dossier(args.dossier) if args.dossier else None)
        if not targets:
            print("Nothing to fetch: every cited Kamerstuk is in the library.")
            return 0
    try:
        dossiers, identifiers = parse_targets(targets)
    except LoadError as exc:
        print(f"{parser.prog}: {exc}", file=sys.stderr)
        return 1
    with OfficialSources.from_environment(refresh=args.refresh) as sources:
        try:
            records = list(records_for(sources, dossiers, identifiers))
        except LoadError as exc:
            print(f"{parser.prog}: {exc}", file=sys.stderr)
            return 1
        found = {record.identifier for record in records}
        unlisted = [
            f"{identifier}: the official sources do not list it"
            for identifier in dict.fromkeys(identifiers)
            if identifier not in found
        ]
        if args.dry_run:
            for problem in unlisted:
                print(f"{parser.prog}: {problem}", file=sys.stderr)
            print_records(records)
            return 1 if unlisted else 0
        report = _fetch_with_progress(sources, records, show=sys.stderr.isatty())
        for dossier in dossiers:
            fetch_dossier_metadata(sources, dossier, report)
    with Library.open(path) as library:
        loaded = load_paths(library, report.files)
    problems = [*unlisted, *report.errors, *loaded.errors]
    for problem in problems:
        print(f"{parser.prog}: {problem}", file=sys.stderr)
    print(f"{len(records)} found, {len(report.files)} files; " + loaded.summary())
    return 1 if problems or loaded.failed else 0


def _fetch_with_progress(
    sources: OfficialSources, records: list[SruRecord], show: bool
) -> FetchReport:
    """Download the records' files, with a progress bar on a terminal."""
    from loaders.fetching import fetch_files

    if not show:
        return fetch_files(sources, records)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("Fetching"), BarColumn(), MofNCompleteColumn(), transient=True) as bar:
        task = bar.add_task("fetch", total=len(records))
        return fetch_files(sources, records, on_record=lambda _: bar.advance(task))
