"""What a key says where its command cannot act (``v`` on a letter, ``F`` on a document the
library holds), rather than nothing."""

from __future__ import annotations

from db.reading import Reading
from loaders.kinds import is_voted_on
from tui.commands import READER, command_named, key_display, key_for

# The commands that say why, each with what it would do to a document.
_VERB = {
    "fetch": "fetch",
    "votes": "show the votes of",
    "copy_citation": "copy a citation of",
    "cite_as": "cite",
    "official_url": "give the official address of",
}


def refused_by(key: str) -> str:
    """The command, of those that say why they cannot act, that ``key`` runs (as bound)."""
    return next(
        (name for name in _VERB if key in command_named(READER, name).bound_keys.split(",")),
        "",
    )


def why_not(action: str, reading: Reading | None, on_dossier_page: bool) -> str:
    """Why ``action`` cannot act on what is open (``reading``: the open document)."""
    if reading is None:
        where = "on a dossier's page" if on_dossier_page else "here"
        keys = key_display(command_named(READER, action).bound_keys)
        return f"{keys}: nothing {where} to {_VERB[action]}; open a document first"
    document = reading.document
    if action == "fetch":
        return (
            f"{document.key} is in the library already;"
            f" {key_for('fetch')} fetches a document known only from citations"
        )
    if not is_voted_on(document.kind):
        kind = document.kind or "document"
        return f"No vote: this is a {kind}; the Kamer votes on moties and amendementen"
    dossier = document.dossier_key or "DOSSIER"
    return (
        f"No vote known in this library · kamerlezer fetch {dossier} gets the dossier's decisions"
    )
