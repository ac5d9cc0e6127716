"""The commands of following: ``follow``, ``unfollow``, ``following`` and ``new``. What you
follow and have seen is yours (``db/user_state``), never written into the library, which may
be read-only and shared."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from db.library import Library
from db.location import library_path
from db.search_index.writing import library_generation
from db.user_state import StateError, UserState, now
from db.user_state.follows import (
    FollowError,
    FollowKind,
    NewDocument,
    follow,
    follows,
    mark_seen,
    mark_synced,
    read_follow,
    unfollow,
    what_is_new,
)
from loaders.errors import LoadError
from loaders.labels import format_dossier, reference_label
from tui.cli.library_commands import open_for_reading
from tui.cli.terminal_output import complain, json_text, say

if TYPE_CHECKING:
    from loaders.official.sources import OfficialSources


def add_following_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, verb in (("follow", "follow"), ("unfollow", "stop following")):
        command = commands.add_parser(
            name,
            help=f"{verb} a dossier, a search or a person",
            description="WHAT is a dossier's number (29521, '36 410 XVI') or a search as "
            "'kamerlezer search' reads it ('stikstof kind:motie'); --person NAME a person who "
            "signed, asked or spoke. What is loaded from now on shows in 'kamerlezer new' and "
            "at the top of the reader's tree.",
        )
        command.add_argument("what", nargs="*", metavar="WHAT")
        command.add_argument("--person", metavar="NAME", help="a person, by name")
        command.add_argument(
            "--search",
            action="store_true",
            help="WHAT is a search, even where it reads as a number",
        )
    following = commands.add_parser("following", help="list what you follow, with what is new")
    following.add_argument("--json", action="store_true", help="print JSON")
    new = commands.add_parser(
        "new",
        help="list the documents you have not seen of what you follow",
        description="One line (one JSON object with --json) per document loaded since you "
        "followed what it belongs to and not opened since, newest first, with why. For a "
        "script: kamerlezer new --json --mark-seen | your-notifier.",
    )
    new.add_argument("--json", action="store_true", help="one JSON object a line")
    new.add_argument("--since", metavar="DATE", help="only documents dated on or after DATE")
    new.add_argument("--mark-seen", action="store_true", help="then mark them seen")
    sync = commands.add_parser(
        "sync",
        help="get what is new in the dossiers you follow from the official sources",
        description="For each dossier you follow, asks the official sources (KOOP) what was "
        "published or changed since the last sync (the first time: since you began to follow "
        "it), downloads it with the cache as 'fetch' does, with the dossier's decisions and "
        "votes, loads it, and prints what arrived as 'new' does. Searches and persons you "
        "follow are matched against what arrives. Exit 0 also when nothing is new; 1 when "
        "something could not be fetched (named).",
    )
    sync.add_argument("--json", action="store_true", help="one JSON object a line")


def _wanted(args: argparse.Namespace) -> tuple[FollowKind, str]:
    if args.person is not None:
        if args.what:
            raise FollowError("give either WHAT or --person NAME, not both")
        return read_follow(args.person, "person")
    return read_follow(" ".join(args.what), "search" if args.search else None)


def command_follow(args: argparse.Namespace) -> int:
    try:
        kind, value = _wanted(args)
    except FollowError as exc:
        complain(str(exc))
        return 2
    with (
        open_for_reading(args.db) as library,
        UserState.open(library) as state,
    ):
        if args.command == "unfollow":
            if not unfollow(state, kind, value):
                complain(f"you do not follow {kind} {value}")
                return 1
            say(f"no longer following {_shown(kind, value)}")
            return 0
        started = follow(state, library, kind, value)
        say(f"following {_shown(kind, value)} since {started.since[:10]}")
        if kind == "dossier" and not _holds_dossier(library, value):
            say(f"  the library holds nothing of it yet: kamerlezer fetch {value} gets it")
    return 0


def command_following(args: argparse.Namespace) -> int:
    with (
        open_for_reading(args.db) as library,
        UserState.open(library) as state,
    ):
        followed = follows(state)
        new = what_is_new(state, library)
    counts = {(f.kind, f.value): 0 for f in followed}
    for document in new:
        for f in document.why:
            counts[(f.kind, f.value)] += 1
    if args.json:
        say(json_text([{**f.to_dict(), "new": counts[(f.kind, f.value)]} for f in followed]))
        return 0
    if not followed:
        say("You follow nothing yet: kamerlezer follow 29521, follow 'stikstof kind:motie',")
        say("follow --person Omtzigt.")
        return 0
    for f in followed:
        say(f"{f.label:<40} {counts[(f.kind, f.value)]:>4} new  (since {f.since[:10]})")
    return 0


def command_new(args: argparse.Namespace) -> int:
    since = args.since or ""
    if since:
        try:
            since = dt.date.fromisoformat(since).isoformat()
        except ValueError:
            complain(f"--since {args.since}: give a date as 2025-01-31")
            return 2
    with (
        open_for_reading(args.db) as library,
        UserState.open(library) as state,
    ):
        new = what_is_new(state, library, since_date=since)
        _print_new(new, as_json=args.json)
        if args.mark_seen:
            mark_seen(state, library, [d.key for d in new])
    return 0


def command_sync(
    args: argparse.Namespace, sources: Callable[..., OfficialSources] | None = None
) -> int:
    from db.loading.fetch import fetch_and_load
    from loaders.official.sources import OfficialSources

    path = library_path(args.db)
    with Library.open(path) as library, UserState.open(library) as state:
        dossiers = [f for f in follows(state) if f.kind == "dossier"]
        before = library_generation(library.conn)
    if not dossiers:
        say("You follow no dossier to sync: kamerlezer follow 29521 first.")
        return 0
    problems: list[str] = []
    make = sources or OfficialSources.from_environment
    with make() as client:
        for f in dossiers:
            since = (f.synced or f.since)[:10]
            asked = now()
            try:
                fetched = fetch_and_load(path, client, [f.value], [], since=since)
            except LoadError as exc:
                problems.append(str(exc))
                continue
            problems += fetched.problems
            if not fetched.problems:  # else the next sync asks from the same day again
                with Library.open(path, write=False) as library, UserState.open(library) as state:
                    mark_synced(state, f, asked)
            count = len(fetched.records)
            say(
                f"dossier {format_dossier(f.value)}: {count} published or changed since {since}",
                file=sys.stderr,
            )
    with Library.open(path, write=False) as library, UserState.open(library) as state:
        arrived = [d for d in what_is_new(state, library) if d.generation > before]
    _print_new(arrived, as_json=args.json)
    if not arrived and not args.json:
        say("Nothing new in what you follow.")
    for problem in problems:
        complain(problem)
    return 1 if problems else 0


def run_following(
    args: argparse.Namespace, sources: Callable[..., OfficialSources] | None = None
) -> int:
    """The command ``args`` names; StateError is one line naming the state file."""
    try:
        if args.command in ("follow", "unfollow"):
            return command_follow(args)
        if args.command == "following":
            return command_following(args)
        if args.command == "sync":
            return command_sync(args, sources)
        return command_new(args)
    except StateError as exc:
        complain(str(exc))
        return 1


def _print_new(new: list[NewDocument], *, as_json: bool) -> None:
    """One line a document (one JSON object with ``as_json``), with why it is new."""
    for document in new:
        if as_json:
            say(json_text(document.to_dict()), flush=True)
            continue
        about = document.subject or document.title
        why = ", ".join(f.label for f in document.why)
        say(
            f"{document.date or '          '}  {reference_label(document.key)}"
            f"  {document.kind}  {about}  ← {why}",
            flush=True,
        )


def _shown(kind: FollowKind, value: str) -> str:
    return f"dossier {format_dossier(value)}" if kind == "dossier" else f"{kind} {value}"


def _holds_dossier(library: Library, dossier: str) -> bool:
    row = library.conn.execute(
        "SELECT 1 FROM document_dossiers WHERE dossier = ? LIMIT 1", (dossier,)
    ).fetchone()
    return row is not None
