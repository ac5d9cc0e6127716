"""The commands of notes: ``note`` writes one from the shell, ``notes`` exports them with their
documents' citations, as text, Markdown (for a memo) or JSON. Notes are the reader's own
(``db/user_state``), never written into the library."""

from __future__ import annotations

import argparse

from db.user_state import StateError, UserState
from db.user_state.notes import CitedNote, add_note, cited_notes
from loaders.ids import parse_dossier
from loaders.labels import reference_label
from tui.cli.library_commands import open_for_reading
from tui.cli.terminal_output import complain, json_text, say


def add_notes_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    note = commands.add_parser(
        "note",
        help="write a note on a document (your own, not the library's)",
        description="The note is on line N of the document's text as stored (as 'show' "
        "prints it), or on its beginning. The reader shows it in the margin; 'notes' exports it.",
    )
    note.add_argument("key", metavar="KEY", help="kst-29521-455, '29 521 nr. 455', ...")
    note.add_argument("text", metavar="TEXT", help="the note")
    note.add_argument("--line", type=int, metavar="N", help="the line of the text it is on")
    notes = commands.add_parser(
        "notes",
        help="export your notes with their documents' citations",
        description="Each note with the citation of its document (Kamerstukken II 2022/23, "
        "29 521, nr. 455), the paragraph it is on and that paragraph's first words.",
    )
    shown = notes.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="a JSON list")
    shown.add_argument("--markdown", action="store_true", help="Markdown, for a memo")
    notes.add_argument("--dossier", metavar="N", help="only the notes of this dossier's documents")


def run_notes(args: argparse.Namespace) -> int:
    try:
        if args.command == "note":
            return _command_note(args)
        return _command_notes(args)
    except StateError as exc:
        complain(str(exc))
        return 1


def _command_note(args: argparse.Namespace) -> int:
    text = args.text.strip()
    if not text:
        complain("note needs a TEXT; an empty note says nothing")
        return 2
    with open_for_reading(args.db) as library:
        key = library.documents.resolve(args.key)
        document = library.documents.get(key) if key else None
        if document is None or document.ghost:
            complain(f"{args.key}: not in this library (a note is on a document's text)")
            return 1
        offset = 0
        if args.line is not None:
            lines = document.text.split("\n")
            if not 1 <= args.line <= len(lines):
                complain(f"--line {args.line}: the text of {document.key} has {len(lines)} lines")
                return 2
            offset = sum(len(line) + 1 for line in lines[: args.line - 1])
        with UserState.open(library) as state:
            add_note(state, document.key, offset, text)
    where = f", line {args.line}" if args.line else ""
    say(f"noted on {reference_label(document.key)}{where}")
    return 0


def _command_notes(args: argparse.Namespace) -> int:
    dossier = ""
    if args.dossier:
        dossier = parse_dossier(args.dossier) or ""
        if not dossier:
            complain(f"--dossier {args.dossier}: not a dossier number (29521, '36 410 XVI')")
            return 2
    with (
        open_for_reading(args.db) as library,
        UserState.open(library) as state,
    ):
        cited = cited_notes(state, library, dossier)
    if args.json:
        say(json_text([c.to_dict() for c in cited]))
    elif args.markdown:
        for line in _markdown(cited):
            say(line)
    elif not cited:
        say("No notes yet: a in the reader, or kamerlezer note KEY TEXT, writes one.")
    else:
        for c in cited:
            say(f"{c.citation or c.note.key} (paragraph {c.paragraph}, line {c.line})")
            if c.quote:
                say(f"  “{c.quote}”")
            for line in c.note.text.splitlines():
                say(f"    {line}")
    return 0


def _markdown(cited: list[CitedNote]) -> list[str]:
    lines: list[str] = []
    for c in cited:
        head = c.citation or c.note.key
        lines.append(f"## {head}" + (f" — {c.title}" if c.title else ""))
        lines.append("")
        if c.quote:
            lines.append(f"> {c.quote}")
            lines.append("")
        lines.extend(c.note.text.splitlines())
        lines.append("")
        lines.append(f"*({head}, paragraph {c.paragraph}; noted {c.note.made[:10]})*")
        lines.append("")
    return lines
