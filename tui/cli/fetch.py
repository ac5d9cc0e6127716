"""``kamerlezer fetch``: documents from the official sources into the library.

The HTTP client is imported only when a fetch runs, so other commands start without it.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from db.library import Library
from db.location import library_path
from loaders.errors import LoadError
from loaders.ids import parse_dossier
from tui.cli.printed import counted, print_ghosts, print_records

if TYPE_CHECKING:
    from rich.progress import Progress

    from loaders.official.sources import OfficialSources
    from loaders.official.sru import SruRecord
from tui.cli.terminal_output import complain, say


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
    fetch.add_argument(
        "--missing",
        action="store_true",
        help="of each dossier TARGET, only the numbers that exist and the library lacks",
    )
    fetch.add_argument("--dry-run", action="store_true", help="list what would be fetched")
    fetch.add_argument(
        "--refresh",
        action="store_true",
        help="ask the services again what a dossier holds (files already here stay)",
    )


def command_fetch(
    args: argparse.Namespace,
    parser: argparse.ArgumentParser,
    sources: Callable[..., OfficialSources] | None = None,
) -> int:
    """``sources`` makes the client (``OfficialSources.from_environment`` by default)."""
    from db.loading.fetch import fetch_and_load
    from loaders.official.downloads import parse_targets
    from loaders.official.sources import OfficialSources

    if not args.targets and not args.ghosts:
        parser.error("fetch needs a TARGET or --ghosts")
    path = library_path(args.db)
    targets = list(args.targets)
    if args.missing:
        lacking = _missing_of(path, targets)
        if isinstance(lacking, str):
            complain(lacking)
            return 2
        if not lacking:
            say(
                "Nothing to fetch: the library holds every number these dossiers are known to have."
            )
            return 0
        targets = lacking
    if args.ghosts:
        ghosts: list[str] = []
        if path.exists():
            with Library.open(path, write=False) as library:
                dossier = parse_dossier(args.dossier) if args.dossier else None
                ghosts = library.rows.ghost_keys(dossier)
                if args.dry_run and not targets and ghosts:  # from the library: nothing to ask
                    print_ghosts(library.rows.get_rows(ghosts), ghosts)
                    return 0
        targets += ghosts
        if not targets:
            say("Nothing to fetch: every cited Kamerstuk and Handelingen item is in the library.")
            return 0
    try:
        dossiers, identifiers = parse_targets(targets)
    except LoadError as exc:
        complain(f"{exc}")
        return 1
    make = sources or OfficialSources.from_environment
    with make(refresh=args.refresh) as client, _progress(sys.stderr.isatty()) as bar:
        try:
            fetched = fetch_and_load(
                path,
                client,
                dossiers,
                identifiers,
                dry_run=args.dry_run,
                on_found=bar.found if bar else None,
                on_record=bar.advance if bar else None,
            )
        except LoadError as exc:
            complain(f"{exc}")
            return 1
    for problem in fetched.problems:
        complain(f"{problem}")
    if args.dry_run:
        print_records(fetched.records)
        return 1 if fetched.unlisted else 0
    summary = fetched.loaded.summary() if fetched.loaded else "nothing loaded"
    found = f"{counted(len(fetched.records), 'found', 'found')}, "
    files = counted(len(fetched.report.files), "file")
    missing = len(fetched.report.failed) + len(fetched.unlisted)
    failing = f"; {missing} could not be fetched (named above)" if missing else ""
    say(f"{found}{files}; {summary}{failing}")
    failed = fetched.loaded is not None and fetched.loaded.failed
    return 1 if fetched.problems or failed else 0


def _missing_of(path: Path, targets: list[str]) -> list[str] | str:
    """The keys of the numbers the dossiers ``targets`` lack; a line saying why not."""
    from db.dossier_summary import missing_numbers
    from loaders.ids import kst_key

    dossiers = [parse_dossier(target) for target in targets]
    if not targets or None in dossiers:
        return "fetch --missing takes dossiers (29521, '36 410 XVI'), not documents"
    if not path.exists():
        return f"{path}: no library here (load documents first)"
    with Library.open(path, write=False) as library:
        return [
            kst_key(dossier, number)
            for dossier in dossiers
            if dossier is not None
            for number in missing_numbers(library.conn, dossier)
        ]


class _Bar:
    """A progress bar, once a fetch knows how many documents it gets."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("fetch", total=None)

    def found(self, count: int) -> None:
        self.progress.update(self.task, total=count)

    def advance(self, _record: SruRecord) -> None:
        self.progress.advance(self.task)


@contextlib.contextmanager
def _progress(show: bool) -> Iterator[_Bar | None]:
    """A progress bar on a terminal."""
    if not show:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("Fetching"), BarColumn(), MofNCompleteColumn(), transient=True) as bar:
        yield _Bar(bar)
