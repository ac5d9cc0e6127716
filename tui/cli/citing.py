"""``kamerlezer cite``: documents cited as a memo or a reference manager needs them
(``loaders/bibliography.py``)."""

from __future__ import annotations

import argparse

from loaders.bibliography import FORMATS, cited
from loaders.model import Document
from tui.cli.library_commands import open_for_reading
from tui.cli.terminal_output import complain, say


def add_cite_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cite = commands.add_parser(
        "cite",
        help="cite documents: as text, CSL-JSON, BibTeX or RIS",
        description="text: as the Leidraad voor juridische auteurs gives it (Kamerstukken II "
        "2022/23, 29 521, nr. 455); csl-json, bibtex and ris import into Zotero and its kin, "
        "one entry per document with its signatories as authors, date and official address.",
    )
    cite.add_argument("keys", nargs="+", metavar="KEY", help="kst-29521-455, '29 521 nr. 455'")
    cite.add_argument("--format", choices=FORMATS, default="text", help="default text")


def command_cite(args: argparse.Namespace) -> int:
    documents: list[Document] = []
    unknown: list[str] = []
    with open_for_reading(args.db) as library:
        for typed in args.keys:
            key = library.documents.resolve(typed)
            document = library.documents.get(key) if key else None
            if document is None:
                unknown.append(typed)
            else:
                documents.append(document)
    if documents:
        say(cited(documents, args.format))
    for typed in unknown:
        complain(f"{typed}: not in this library (kamerlezer fetch gets it)")
    return 1 if unknown else 0
