"""The commands of following: ``follow``, ``unfollow``, ``following`` and ``new``. What you
follow and have seen is yours (``db/user_state``), never written into the library, which may
be read-only and shared."""

from __future__ import annotations

import argparse
import datetime as dt

from db.library import Library
from db.location import library_path
from db.user_state import StateError, UserState
from db.user_state.follows import (
    FollowError,
    FollowKind,
    follow,
    follows,
    mark_seen,
    read_follow,
    unfollow,
    what_is_new,
)
from loaders.labels import format_dossier, reference_label
from tui.cli.terminal_output import complain, json_text, say


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
        Library.open(library_path(args.db), write=False) as library,
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
        Library.open(library_path(args.db), write=False) as library,
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
        Library.open(library_path(args.db), write=False) as library,
        UserState.open(library) as state,
    ):
        new = what_is_new(state, library, since_date=since)
        for document in new:
            if args.json:
                say(json_text(document.to_dict()), flush=True)
                continue
            about = document.subject or document.title
            why = ", ".join(f.label for f in document.why)
            say(
                f"{document.date or '          '}  {reference_label(document.key)}"
                f"  {document.kind}  {about}  ← {why}",
                flush=True,
            )
        if args.mark_seen:
            mark_seen(state, library, [d.key for d in new])
    return 0


def run_following(args: argparse.Namespace) -> int:
    """The command ``args`` names; StateError is one line naming the state file."""
    try:
        if args.command in ("follow", "unfollow"):
            return command_follow(args)
        if args.command == "following":
            return command_following(args)
        return command_new(args)
    except StateError as exc:
        complain(str(exc))
        return 1


def _shown(kind: FollowKind, value: str) -> str:
    return f"dossier {format_dossier(value)}" if kind == "dossier" else f"{kind} {value}"


def _holds_dossier(library: Library, dossier: str) -> bool:
    row = library.conn.execute(
        "SELECT 1 FROM document_dossiers WHERE dossier = ? LIMIT 1", (dossier,)
    ).fetchone()
    return row is not None
