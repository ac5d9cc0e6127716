"""``kamerlezer diff``: what a new version of a document changed, word by word."""

from __future__ import annotations

import argparse
import sys

from rich.text import Text

from loaders.labels import reference_label
from loaders.word_diff import MARKS, marked, pieces, word_changes
from tui.cli.library_commands import open_for_reading
from tui.cli.printed import print_text
from tui.cli.terminal_output import complain, say


def add_diff_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = commands.add_parser(
        "diff",
        help="what a new version of a document changed, word by word",
        description="B's text with what changed against A marked: [-taken out-]{+put in+} "
        "(in colour on a terminal). With A alone: A against the version it replaces (a "
        "gewijzigde motie against the motie, a nader gewijzigde against the gewijzigde).",
    )
    diff.add_argument("old", metavar="A", help="the older version, or the newer one alone")
    diff.add_argument("new", metavar="B", nargs="?", help="the newer version")


def command_diff(args: argparse.Namespace) -> int:
    with open_for_reading(args.db) as library:
        keys = [library.documents.resolve(typed) for typed in (args.old, args.new) if typed]
        if not all(keys):
            typed = args.old if not keys[0] else args.new
            complain(f"{typed}: not in this library")
            return 1
        if len(keys) == 1:
            replaced = library.relations.replaces(str(keys[0]))
            if not replaced:
                complain(f"{keys[0]} replaces no document the library knows; name both: diff A B")
                return 2
            keys = [replaced[0], keys[0]]
        old, new = (library.documents.get(str(key)) for key in keys)
    if old is None or new is None or old.ghost or new.ghost:
        missing = next(d.key for d in (old, new) if d is not None and d.ghost) if old or new else ""
        complain(f"{missing or keys[0]}: not loaded, only cited (kamerlezer fetch gets it)")
        return 1
    changes = word_changes(old.text, new.text)
    noun = "change" if len(changes) == 1 else "changes"
    say(f"{reference_label(new.key)} against {reference_label(old.key)}: {len(changes)} {noun}")
    if not sys.stdout.isatty():
        say(marked(old.text, new.text, changes))
        return 0
    shown = Text()
    for text, kind in pieces(old.text, new.text, changes):
        style = _STYLES.get(kind, "")
        shown.append(f"{MARKS[kind][0]}{text}{MARKS[kind][1]}", style=style)
    print_text(shown)
    return 0


# On a terminal the marks stay too: a reader without colour still sees what changed.
_STYLES = {"taken": "red strike", "put": "green bold"}
