"""``kamerlezer check``: the citations in a text, each with a verdict and its evidence."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from db.citation_check import WRONG, check_text
from db.library import Library
from db.location import library_path
from loaders.citations.find import find_citations
from loaders.errors import LoadError
from tui.cli.library_commands import open_for_reading, read_text_argument
from tui.cli.terminal_output import complain, json_text, say

if TYPE_CHECKING:
    from loaders.official.sources import OfficialSources


def add_check_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help="check the citations in a text: do they exist, do quotations beside them occur",
        description="FILE (or - for standard input) is plain text, Markdown or a document's "
        "PDF text. Each citation gets a verdict: ok, not found, quote not found, outcome "
        "differs, mismatch (signer, date, kind or subject: what the words beside it say is "
        "not so of the document), or cannot tell (not in library: it exists, fetch it to "
        "check what it says; outcome not certain or not known). Exit 1 when one is wrong.",
    )
    check.add_argument("file", metavar="FILE", help="a file, or - for standard input")
    check.add_argument("--json", action="store_true", help="one JSON object per citation")
    check.add_argument(
        "--fetch",
        action="store_true",
        help="first fetch the cited documents the library lacks from the official sources",
    )


def command_check(
    args: argparse.Namespace, sources: Callable[..., OfficialSources] | None = None
) -> int:
    """``sources`` makes the client for ``--fetch`` (``OfficialSources.from_environment``)."""
    text = read_text_argument(args.file)
    if text is None:
        return 1
    if args.fetch:
        _fetch_lacking(library_path(args.db), text, sources)
    with open_for_reading(args.db) as library:
        checked = check_text(library, text)
    for citation in checked:
        if args.json:
            say(json_text(citation.to_dict()))
            continue
        surface = " ".join(citation.text.split())
        why = citation.reason()
        say(f"{citation.verdict:<32} {surface} → {citation.target}{': ' + why if why else ''}")
    if not args.json:
        wrong = sum(c.verdict in WRONG for c in checked)
        say(f"{len(checked)} citations, {wrong} wrong")
    return 1 if any(c.verdict in WRONG for c in checked) else 0


def _fetch_lacking(path: Path, text: str, sources: Callable[..., OfficialSources] | None) -> None:
    """Fetch and load what the text cites and the library lacks, saying on standard error
    what arrived and what could not be fetched; what fails stays "cannot tell" (or "not
    found", where the official sources do not list it either)."""
    from db.loading.fetch import fetch_and_load
    from loaders.official.downloads import parse_targets
    from loaders.official.sources import OfficialSources

    targets = list(dict.fromkeys(c.target for c in find_citations(text)))
    with Library.open(path) as library:  # made where there is none yet, to load into
        rows = library.rows.get_rows(targets)  # one query, not a document read for each
    lacking = [key for key in targets if (row := rows.get(key)) is None or row.ghost]
    if not lacking:
        return
    try:
        _, identifiers = parse_targets(lacking)
        make = sources or OfficialSources.from_environment
        with make() as client:
            fetched = fetch_and_load(path, client, [], identifiers)
    except LoadError as exc:
        complain(f"--fetch: {exc}")
        return
    for problem in fetched.problems:
        complain(f"--fetch: {problem}")
    loaded = fetched.loaded.summary() if fetched.loaded else "nothing loaded"
    say(f"fetched for checking: {len(lacking)} lacking; {loaded}", file=sys.stderr)
