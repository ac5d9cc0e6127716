"""The records every loader produces and the library stores.

Plain dataclasses: the loaders know nothing about SQLite and the library knows nothing about
file formats; these records are the only thing that passes between them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from loaders.decisions import OpenDataRecord
from loaders.ids import split_kst_key
from loaders.publications import CitationKind


@dataclass(frozen=True)
class Dossier:
    """A dossier a document belongs to: key "36410-XVI", printed "36 410 XVI"."""

    key: str
    title: str = ""
    rijkswet: str = ""  # "R 2184": metadata, never part of the key


@dataclass(frozen=True)
class Signatory:
    """Who signed (ondertekening) or submitted (indiener) a document."""

    name: str
    role: str = ""


# The roles of a kamervraag's people: the members who asked, the minister who answered.
ASKED = "vragensteller"
ANSWERED = "beantwoord door"


@dataclass(frozen=True)
class Question:
    """One of the kamervragen an Aanhangsel answers: spans of the document's text, the
    question ("Vraag 1" and what follows) and its answer (``answer_start == answer_end`` when
    the Aanhangsel gives none)."""

    number: str
    start: int
    end: int
    answer_start: int = 0
    answer_end: int = 0


# How a table is written in a document's text: one paragraph, a row a line, cells apart by a
# tab (cell text never holds either: its whitespace is collapsed).
TABLE_ROW = "\n"
TABLE_CELL = "\t"


@dataclass(frozen=True)
class Table:
    """A table of a document's text: the paragraph from ``start`` to ``end``, written with
    TABLE_ROW and TABLE_CELL. Its first ``header_rows`` rows are its head; ``spans`` are the
    cells that cover more than one column, as (row, column, columns), the columns they cover
    written as empty cells after them."""

    start: int
    end: int
    header_rows: int = 0
    spans: tuple[tuple[int, int, int], ...] = ()

    def rows(self, text: str) -> list[list[tuple[int, int]]]:
        """The (start, end) of every cell, row by row, as offsets into ``text``."""
        rows: list[list[tuple[int, int]]] = []
        offset = self.start
        for row in text[self.start : self.end].split(TABLE_ROW):
            cells = []
            for cell in row.split(TABLE_CELL):
                cells.append((offset, offset + len(cell)))
                offset += len(cell) + 1
            rows.append(cells)
        return rows

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Table:
        spans = tuple((int(r), int(c), int(n)) for r, c, n in data.get("spans") or ())
        return cls(int(data["start"]), int(data["end"]), int(data.get("header_rows", 0)), spans)


@dataclass(frozen=True)
class Citation:
    """A span of a document's text that names another document.

    ``start``/``end`` are offsets into the citing document's stored text; the text at that
    span is ``text``. ``date`` and ``title`` are what the citing text says about the target.
    """

    start: int
    end: int
    text: str
    target: str
    kind: CitationKind
    date: str = ""
    title: str = ""


@dataclass
class Document:
    """One Kamerstuk (or what is known of one).

    A record with ``metadata_only`` set carries metadata without text (metadata.xml, open
    data): it is merged into the document with the same key, or kept as a ghost. ``ghost`` is
    the library's word, set on what it reads back: a document it knows of (cited, or
    described by metadata) but whose text it has not loaded.
    """

    key: str
    published_id: str = ""
    dossiers: list[Dossier] = field(default_factory=list)
    ondernummer: str = ""
    kind: str = ""
    title: str = ""
    subject: str = ""
    date: str = ""  # ISO yyyy-mm-dd
    vergaderjaar: str = ""  # "2022-2023"
    chamber: str = ""  # "Tweede Kamer", "Eerste Kamer", "Staten-Generaal"
    signatories: list[Signatory] = field(default_factory=list)
    text: str = ""
    citations: list[Citation] = field(default_factory=list)
    source_path: str = ""
    source_format: str = ""
    document_number: str = ""  # Tweede Kamer "2025D06779"
    zaak_numbers: list[str] = field(default_factory=list)  # "2025Z02986"
    metadata_only: bool = False
    ghost: bool = False
    questions: list[Question] = field(default_factory=list)  # of an Aanhangsel (kamervragen)
    tables: list[Table] = field(default_factory=list)
    # What the publisher's metadata says it belongs to: a bijlage's letter (hoofddocument),
    # and the Aanhangsel that answers kamervragen.
    attached_to: str = ""
    answered_in: str = ""
    answers_kamervragen: str = ""  # the kamervragen an Aanhangsel's metadata names (Eerste Kamer)

    @property
    def dossier_key(self) -> str:
        return self.dossiers[0].key if self.dossiers else ""

    def to_dict(self) -> dict[str, Any]:
        """The interchange form (DESIGN 4a); ``loaders.formats.jsonl`` reads it back."""
        data = asdict(self)
        del data["ghost"]  # the library's state, not part of a record
        data["dossier"] = self.dossier_key
        data["dossier_title"] = self.dossiers[0].title if self.dossiers else ""
        return data


def ghost_of(key: str) -> Document:
    """What a key alone tells of a document the library has not loaded: its dossier and
    number, for a Kamerstuk."""
    split = split_kst_key(key)
    return Document(
        key=key,
        published_id=key,
        dossiers=[Dossier(split[0])] if split else [],
        ondernummer=split[1] if split else "",
        metadata_only=True,
        ghost=True,
    )


# Everything a loader can hand to the library: documents (or what is known of one) and the
# open data's decisions and votes on them.
Record = Document | OpenDataRecord
