"""Documents and dossiers as lists show them (the tree, the finder, summaries): a few
columns each, never the text, so that thousands can be read at once."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from db.query_group import QueryGroup
from loaders.ids import meeting_key
from loaders.labels import format_dossier


@dataclass
class Stats:
    documents: int
    ghosts: int
    dossiers: int
    citations: int


@dataclass(frozen=True)
class DossierRow:
    key: str
    title: str

    @property
    def cited_only(self) -> bool:
        """Known only from citations: no loaded document has given it a title."""
        return not self.title


@dataclass(frozen=True)
class DocumentRow:
    """A document as a list shows it, without its text."""

    key: str
    ondernummer: str
    kind: str
    date: str
    title: str
    subject: str
    ghost: bool


ROW_COLUMNS = "d.key, d.ondernummer, d.kind, d.date, d.title, d.subject, d.ghost"


def document_row(row: sqlite3.Row) -> DocumentRow:
    key, ondernummer, kind, date, title, subject, ghost = tuple(row)
    return DocumentRow(
        key, ondernummer or "", kind or "", date or "", title or "", subject or "", bool(ghost)
    )


class RowQueries(QueryGroup):
    """The list queries of a library (``library.rows``)."""

    def get_rows(self, keys: list[str]) -> dict[str, DocumentRow]:
        """Many documents as a list shows them, in one query (a letter's citations)."""
        rows = self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM documents d WHERE key IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(keys))),),
        )
        return {row[0]: document_row(row) for row in rows}

    def newest_documents(self, limit: int) -> list[DocumentRow]:
        rows = self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM documents d WHERE ghost = 0 ORDER BY date DESC LIMIT ?",
            (limit,),
        )
        return [document_row(row) for row in rows]

    def dossier_rows(self) -> list[DossierRow]:
        """Every dossier, in number order (one row each: a tree of thousands opens at once)."""
        rows = self.conn.execute(
            "SELECT key, title FROM dossiers ORDER BY CAST(number AS INTEGER), toevoeging"
        )
        return [DossierRow(r[0], r[1] or "") for r in rows]

    def ghost_keys(self, dossier: str | None = None) -> list[str]:
        """What is cited but not loaded and the official sources publish on its own (of one
        dossier): Kamerstukken, and items of the Handelingen ("h-tk-20222023-84-12"; a whole
        meeting is published item by item, never as one)."""
        query = "SELECT key FROM documents WHERE ghost = 1 AND (key LIKE 'kst-%' OR key LIKE 'h-%')"
        if dossier:
            rows = self.conn.execute(query + " AND dossier = ? ORDER BY key", (dossier,))
        else:
            rows = self.conn.execute(query + " ORDER BY key")
        return [key for (key,) in rows if key.startswith("kst-") or meeting_key(key)]

    def is_empty(self) -> bool:
        """Nothing loaded, cited or described: a new library."""
        return self.conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None

    def dossier_title(self, dossier: str) -> str:
        row = self.conn.execute("SELECT title FROM dossiers WHERE key = ?", (dossier,)).fetchone()
        return str(row[0] or "") if row else ""

    def documents_in(self, dossier: str) -> list[DocumentRow]:
        """The documents and ghosts of a dossier, by ondernummer (Eerste Kamer letters last)."""
        rows = self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM document_dossiers dd"
            " JOIN documents d ON d.key = dd.document WHERE dd.dossier = ?"
            " ORDER BY d.ondernummer GLOB '[0-9]*' DESC,"
            " CAST(d.ondernummer AS INTEGER), d.ondernummer",
            (dossier,),
        )
        return [document_row(row) for row in rows]

    def stats(self) -> Stats:
        one = self.conn.execute
        return Stats(
            documents=one("SELECT count(*) FROM documents WHERE ghost = 0").fetchone()[0],
            ghosts=one("SELECT count(*) FROM documents WHERE ghost = 1").fetchone()[0],
            # Dossiers that hold a document; those only cited are not "in" the library.
            dossiers=one(
                "SELECT count(DISTINCT dd.dossier) FROM document_dossiers dd"
                " JOIN documents d ON d.key = dd.document WHERE d.ghost = 0"
            ).fetchone()[0],
            citations=one("SELECT count(*) FROM citations").fetchone()[0],
        )

    def largest_dossiers(self, limit: int = 5) -> list[tuple[str, str, int]]:
        """(printed number, title, documents) of the dossiers with most documents."""
        rows = self.conn.execute(
            "SELECT d.key, d.title, count(*) AS n FROM document_dossiers dd"
            " JOIN dossiers d ON d.key = dd.dossier JOIN documents doc ON doc.key = dd.document"
            " WHERE doc.ghost = 0 GROUP BY d.key ORDER BY n DESC, d.key LIMIT ?",
            (limit,),
        )
        return [(format_dossier(r[0]), r[1], r[2]) for r in rows]
