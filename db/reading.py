"""A document as the reader shows it, read once: the document, what it cites and what cites
it, what it replaces and what replaces it (each of those as a list shows it), and how it
ended. The page, the finder's list of citations, the status bar, the vote picture and
copying a citation all read from this one reading."""

from __future__ import annotations

from dataclasses import dataclass, field

from db.library import Library
from db.meetings import MovedIn
from db.outcomes.outcome import Outcome
from db.relations import Relations
from db.rows import DocumentRow
from loaders.ids import split_kst_key
from loaders.model import Document, ghost_of


@dataclass(frozen=True)
class Reading:
    document: Document
    cited_by: list[str] = field(default_factory=list)  # keys of the documents that cite it
    rows: dict[str, DocumentRow] = field(default_factory=dict)  # of those, targets, relations
    relations: Relations = field(default_factory=Relations)
    outcome: Outcome | None = None
    moved_in: list[MovedIn] = field(default_factory=list)  # the debates a motie was moved in
    # A ghost the publisher's metadata describes (its title, date, kind are the metadata's),
    # not only known from the documents that cite it.
    described: bool = False

    @property
    def key(self) -> str:
        return self.document.key

    @property
    def is_ghost(self) -> bool:
        return self.document.ghost

    @property
    def ghost_targets(self) -> frozenset[str]:
        """What it cites that the library has not loaded."""
        return frozenset(
            c.target
            for c in self.document.citations
            if c.target not in self.rows or self.rows[c.target].ghost
        )


def read_document(library: Library, text: str) -> Reading | None:
    """The reading of the document ``text`` names (any spelling of its number); a page for
    a Kamerstuk number the library does not hold; None for anything else."""
    key = library.documents.resolve(text) or text.strip()
    document = library.documents.get(key)
    if document is None:
        if split_kst_key(key) is None:
            return None
        return Reading(ghost_of(key))
    cited_by = library.documents.cited_by(document.key)
    targets = [] if document.ghost else [c.target for c in document.citations]
    relations = library.relations.relations_of(document.key)
    moved_in = library.meetings.moved_in(document.key)
    rows = library.rows.get_rows(targets + cited_by + relations.keys + [m.debate for m in moved_in])
    outcome = library.outcomes.outcome(document.key)
    described = document.ghost and library.documents.described(document.key)
    return Reading(document, cited_by, rows, relations, outcome, moved_in, described)
