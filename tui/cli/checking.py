"""``kamerlezer check``: the citations in a text, each with a verdict and its evidence."""

from __future__ import annotations

import argparse

from db.citation_check import WRONG, check_text
from db.library import Library
from db.location import library_path
from tui.cli.library_commands import read_text_argument
from tui.cli.terminal_output import json_text, say


def add_check_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help="check the citations in a text: do they exist, do quotations beside them occur",
        description="FILE (or - for standard input) is plain text, Markdown or a document's "
        "PDF text. Each citation gets a verdict: ok, not found, quote not found, outcome "
        "differs, or cannot tell (not in library: it exists, fetch it to check what it says; "
        "outcome not certain or not known). Exit 1 when one is wrong.",
    )
    check.add_argument("file", metavar="FILE", help="a file, or - for standard input")
    check.add_argument("--json", action="store_true", help="one JSON object per citation")


def command_check(args: argparse.Namespace) -> int:
    text = read_text_argument(args.file)
    if text is None:
        return 1
    with Library.open(library_path(args.db), write=False) as library:
        checked = check_text(library, text)
    for citation in checked:
        if args.json:
            say(json_text(citation.to_dict()))
            continue
        surface = " ".join(citation.text.split())
        why = ""
        if citation.verdict == "not found":
            why = f" (not among the ids published to {citation.evidence['published_list_to']})"
        elif citation.verdict == "quote not found":
            why = f": “{citation.evidence['quote']}”"
        elif citation.verdict.startswith(("outcome", "cannot tell: outcome")):
            claimed, decided = citation.evidence["claimed_outcome"], citation.evidence["outcome"]
            why = f": the text says {claimed}; the library: {decided}"
        say(f"{citation.verdict:<32} {surface} → {citation.target}{why}")
    if not args.json:
        wrong = sum(c.verdict in WRONG for c in checked)
        say(f"{len(checked)} citations, {wrong} wrong")
    return 1 if any(c.verdict in WRONG for c in checked) else 0
