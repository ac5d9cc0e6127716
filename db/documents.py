"""Documents read back whole: with their dossiers, signatories and citations, found by any
spelling of their number, and who cites them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from db.query_group import QueryGroup
from loaders.ids import canonical_key, parse_reference
from loaders.model import Citation, Document, Dossier, Question, Signatory, Table


class DocumentQueries(QueryGroup):
    """The library's reading of whole documents (``library.documents``)."""

    def row(self, key: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(
            "SELECT * FROM documents WHERE key = ?", (key,)
        ).fetchone()
        return row

    def from_row(self, row: sqlite3.Row) -> Document:
        key = row["key"]
        dossiers = [
            Dossier(r["key"], r["title"] or "", r["rijkswet"] or "")
            for r in self.conn.execute(
                "SELECT d.* FROM document_dossiers dd JOIN dossiers d ON d.key = dd.dossier"
                " WHERE dd.document = ? ORDER BY dd.position",
                (key,),
            )
        ]
        return Document(
            key=key,
            published_id=row["published_id"] or key,
            dossiers=dossiers,
            ondernummer=row["ondernummer"] or "",
            kind=row["kind"] or "",
            title=row["title"] or "",
            subject=row["subject"] or "",
            date=row["date"] or "",
            vergaderjaar=row["vergaderjaar"] or "",
            chamber=row["chamber"] or "",
            signatories=[Signatory(**s) for s in json.loads(row["signatories"] or "[]")],
            text=row["text"] or "",
            citations=self.citations(key),
            source_path=row["source_path"] or "",
            source_format=row["source_format"] or "",
            document_number=row["document_number"] or "",
            zaak_numbers=json.loads(row["zaak_numbers"] or "[]"),
            metadata_only=bool(row["ghost"]),
            ghost=bool(row["ghost"]),
            questions=[Question(**q) for q in json.loads(row["questions"] or "[]")],
            tables=[Table.from_dict(t) for t in json.loads(row["tables"] or "[]")],
        )

    def get(self, key: str) -> Document | None:
        """The document (or ghost: ``ghost`` set) with this key."""
        row = self.row(key)
        return self.from_row(row) if row is not None else None

    def described(self, key: str) -> bool:
        """Whether metadata (metadata.xml, metadata_owms.xml, open data) describes ``key``."""
        row = self.conn.execute("SELECT 1 FROM document_metadata WHERE key = ?", (key,))
        return row.fetchone() is not None

    def is_ghost(self, key: str) -> bool:
        row = self.conn.execute("SELECT ghost FROM documents WHERE key = ?", (key,)).fetchone()
        return bool(row and row[0])

    def resolve(self, text: str) -> str | None:
        """The key of the document a user means by ``text``: any spelling of its number,
        a published id, or a Tweede Kamer document number ("2025D06779")."""
        candidates = [k for k in (parse_reference(text), canonical_key(text.strip())) if k]
        candidates.append(text.strip())
        for candidate in candidates:
            row = self.conn.execute(
                "SELECT key FROM documents WHERE key = ?"
                " UNION ALL SELECT key FROM published_ids WHERE published_id = ?",
                (candidate, candidate),
            ).fetchone()
            if row is not None:
                return str(row[0])
        row = self.conn.execute(  # "2024D01507": upper case, as loaders store it
            "SELECT key FROM documents WHERE document_number = ?", (text.strip().upper(),)
        ).fetchone()
        return str(row[0]) if row is not None else None

    def citations(self, key: str) -> list[Citation]:
        return [
            Citation(r["start"], r["end"], r["text"], r["target"], r["kind"], r["date"], r["title"])
            for r in self.conn.execute(
                "SELECT * FROM citations WHERE source = ? ORDER BY start, id", (key,)
            )
        ]

    def cited_by(self, key: str) -> list[str]:
        """Keys of the documents that cite ``key``: one indexed query."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT source FROM citations WHERE target = ? ORDER BY source", (key,)
            )
        ]

    def iter_documents(self, dossier: str | None = None) -> Iterator[Document]:
        """Every stored document and every ghost that carries metadata, in key order.

        Ghosts known only from citations are left out: loading the citing documents makes
        them again.
        """
        query = (
            "SELECT * FROM documents d WHERE (ghost = 0 OR EXISTS"
            " (SELECT 1 FROM document_metadata m WHERE m.key = d.key))"
        )
        parameters: tuple[str, ...] = ()
        if dossier:
            query += " AND key IN (SELECT document FROM document_dossiers WHERE dossier = ?)"
            parameters = (dossier,)
        for row in self.conn.execute(query + " ORDER BY key", parameters).fetchall():
            yield self.from_row(row)
