"""The library: one SQLite file holding documents, dossiers, citations and ghosts.

Every document is written in one transaction, so an interrupted load (Ctrl-C, a crash, a
bad file) leaves the library as it was before that document. Storing is idempotent: the same
document twice changes nothing; a changed one replaces the old one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import sqlite_utils

from db.schema import SchemaError, check_schema, create_schema
from loaders.ids import canonical_key, format_dossier, parse_reference, split_kst_key
from loaders.jsonl import document_from_record
from loaders.merge import apply_metadata
from loaders.model import Citation, Document, Dossier, Signatory

Outcome = Literal["loaded", "updated", "unchanged"]


class LibraryError(Exception):
    """The library file cannot be used; the message names the file and the problem."""


@dataclass
class Stats:
    documents: int
    ghosts: int
    dossiers: int
    citations: int


def content_hash(document: Document) -> str:
    """What makes two loads of a document the same, wherever the file was."""
    fields = [getattr(document, name) for name in _HASHED_FIELDS]
    fields.append([(d.key, d.title, d.rijkswet) for d in document.dossiers])
    fields.append([(s.name, s.role) for s in document.signatories])
    fields.append([(c.start, c.end, c.target, c.kind, c.date, c.title) for c in document.citations])
    return hashlib.sha256(repr(fields).encode("utf-8", "surrogatepass")).hexdigest()


_HASHED_FIELDS = (
    "key",
    "published_id",
    "ondernummer",
    "kind",
    "title",
    "subject",
    "date",
    "vergaderjaar",
    "chamber",
    "text",
    "source_format",
    "document_number",
    "zaak_numbers",
    "metadata_only",
)
_DOCUMENT_COLUMNS = (
    "key",
    "published_id",
    "dossier",
    "ondernummer",
    "kind",
    "title",
    "subject",
    "date",
    "vergaderjaar",
    "chamber",
    "signatories",
    "text",
    "source_path",
    "source_format",
    "content_hash",
    "document_number",
    "zaak_numbers",
    "ghost",
)
_INSERT_DOCUMENT = (
    f"INSERT INTO documents ({', '.join(_DOCUMENT_COLUMNS)})"
    f" VALUES ({', '.join(':' + c for c in _DOCUMENT_COLUMNS)})"
)
_UPDATE_DOCUMENT = (
    "UPDATE documents SET "
    + ", ".join(f"{c} = :{c}" for c in _DOCUMENT_COLUMNS if c != "key")
    + " WHERE key = :key"
)
# A batch commits after this many documents, so readers see progress and an interrupted
# load loses at most one batch (which loading again restores).
BATCH_SIZE = 500


class Library:
    """A library file opened for reading, or for reading and writing."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.conn.row_factory = sqlite3.Row
        self._batch_pending: int | None = None  # documents written in the open batch
        self._fts_pending: set[int] = set()  # rowids written but not yet in documents_fts
        # Most libraries hold no metadata-only records; then storing skips looking for them.
        self._has_metadata = (
            conn.execute("SELECT 1 FROM document_metadata LIMIT 1").fetchone() is not None
        )
        self._dossiers_written: dict[str, Dossier] = {}  # skips rewriting the same dossier

    # -- opening ----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, write: bool = True) -> Library:
        """Open (and with ``write`` create) the library at ``path``; LibraryError otherwise."""
        path = Path(path)
        if write and not path.exists():
            _create_library_file(path)
        elif not path.exists():
            raise LibraryError(f"{path}: no library here (load documents first)")
        if path.is_dir():
            raise LibraryError(f"{path}: is a folder, not a library file")
        if write and not _writable(path):
            raise LibraryError(f"{path}: library is read-only (cannot write to it)")
        try:
            if write:
                conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            else:
                uri = f"{path.resolve().as_uri()}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            if write:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA busy_timeout = 5000")
            check_schema(conn)
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{path}: not a kamerlezer library ({exc})") from None
        except SchemaError as exc:
            raise LibraryError(f"{path}: {exc}") from None
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One document, all or nothing; a KeyboardInterrupt inside rolls back too.

        Inside ``batch()`` it is a savepoint of the batch's transaction: the document is
        still all or nothing, and FTS5 and the WAL pay for one commit per batch instead of
        one per document.
        """
        if self._batch_pending is None:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._flush_fts()
            except BaseException:
                self.conn.execute("ROLLBACK")
                self._forget_uncommitted()
                raise
            self.conn.execute("COMMIT")
            return
        self.conn.execute("SAVEPOINT document")
        unindexed = set(self._fts_pending)
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO document")
            self.conn.execute("RELEASE document")
            self._fts_pending = unindexed
            self._dossiers_written.clear()
            raise
        self.conn.execute("RELEASE document")
        self._batch_pending += 1
        if self._batch_pending >= BATCH_SIZE:
            self._flush_fts()
            self.conn.execute("COMMIT")
            self.conn.execute("BEGIN IMMEDIATE")
            self._batch_pending = 0

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Many documents in few commits; on an interruption, the open batch rolls back and
        the library is as it was after the last commit."""
        self.conn.execute("BEGIN IMMEDIATE")
        self._batch_pending = 0
        try:
            yield
            self._flush_fts()
        except BaseException:
            self._batch_pending = None
            self.conn.execute("ROLLBACK")
            self._forget_uncommitted()
            raise
        self._batch_pending = None
        self.conn.execute("COMMIT")

    def _forget_uncommitted(self) -> None:
        self._fts_pending.clear()
        self._dossiers_written.clear()

    # -- the full-text index ------------------------------------------------------------------
    def _flush_fts(self) -> None:
        """Index the rows written since the last flush, in one statement."""
        if not self._fts_pending:
            return
        rowids = json.dumps(sorted(self._fts_pending))
        self.conn.execute(
            "INSERT INTO documents_fts (rowid, title, subject, text)"
            " SELECT rowid, title, subject, text FROM documents"
            " WHERE rowid IN (SELECT value FROM json_each(?))",
            (rowids,),
        )
        self._fts_pending.clear()

    def _unindex(self, key: str) -> int | None:
        """Take a row out of the index before it changes or goes; its rowid."""
        row = self.conn.execute(
            "SELECT rowid, title, subject, text FROM documents WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        if row[0] in self._fts_pending:  # written in this batch, not indexed yet
            self._fts_pending.discard(row[0])
        else:
            self.conn.execute(
                "INSERT INTO documents_fts (documents_fts, rowid, title, subject, text)"
                " VALUES ('delete', ?, ?, ?, ?)",
                tuple(row),
            )
        return int(row[0])

    # -- storing ----------------------------------------------------------------------------
    def store(self, document: Document) -> Outcome:
        """Store one document (or metadata-only record) in its own transaction."""
        if document.metadata_only:
            return self._store_metadata(document)
        digest = content_hash(document)
        with self.transaction():
            row = self.conn.execute(
                "SELECT content_hash, ghost FROM documents WHERE key = ?", (document.key,)
            ).fetchone()
            if row is not None and not row["ghost"] and row["content_hash"] == digest:
                return "unchanged"
            if self._has_metadata:
                document = apply_metadata(document, self._metadata_records(document.key))
            self._write(document, digest, ghost=False, exists=row is not None)
        return "updated" if row is not None and not row["ghost"] else "loaded"

    def _store_metadata(self, record: Document) -> Outcome:
        digest = content_hash(record)
        with self.transaction():
            row = self.conn.execute(
                "SELECT content_hash FROM document_metadata WHERE key = ? AND source_format = ?",
                (record.key, record.source_format),
            ).fetchone()
            if row is not None and row["content_hash"] == digest:
                return "unchanged"
            self._has_metadata = True
            self.conn.execute(
                "INSERT OR REPLACE INTO document_metadata VALUES (?, ?, ?, ?, ?)",
                (
                    record.key,
                    record.source_format,
                    record.source_path,
                    json.dumps(record.to_dict()),
                    digest,
                ),
            )
            existing = self._row(record.key)
            records = self._metadata_records(record.key)
            if existing is not None and not existing["ghost"]:
                document = self._document_from_row(existing)
                self._write(apply_metadata(document, records), existing["content_hash"], False)
            else:
                base = self._ghost_base(record.key, existing)
                self._write(apply_metadata(base, records), "", ghost=True)
        return "updated" if row is not None else "loaded"

    def _metadata_records(self, key: str) -> list[Document]:
        rows = self.conn.execute(
            "SELECT record FROM document_metadata WHERE key = ?", (key,)
        ).fetchall()
        return [document_from_record(json.loads(r["record"]), "") for r in rows]

    def _ghost_base(self, key: str, row: sqlite3.Row | None) -> Document:
        if row is not None:
            return self._document_from_row(row)
        split = split_kst_key(key)
        dossiers = [Dossier(split[0])] if split else []
        return Document(
            key=key, published_id=key, dossiers=dossiers, ondernummer=split[1] if split else ""
        )

    def _write(
        self, document: Document, digest: str, ghost: bool, exists: bool | None = None
    ) -> None:
        """Write the row, its dossiers, ids and citations; the caller holds the transaction.
        ``exists`` says whether a row with this key is there, when the caller knows."""
        conn = self.conn
        if exists is None:
            exists = self._row(document.key) is not None
        for dossier in document.dossiers:
            self._ensure_dossier(dossier)
        values = {
            "key": document.key,
            "published_id": document.published_id or document.key,
            "dossier": document.dossier_key,
            "ondernummer": document.ondernummer,
            "kind": document.kind,
            "title": document.title,
            "subject": document.subject,
            "date": document.date,
            "vergaderjaar": document.vergaderjaar,
            "chamber": document.chamber,
            "signatories": json.dumps(
                [{"name": s.name, "role": s.role} for s in document.signatories],
                ensure_ascii=False,
            ),
            "text": document.text,
            "source_path": document.source_path,
            "source_format": document.source_format,
            "content_hash": digest,
            "document_number": document.document_number,
            "zaak_numbers": json.dumps(document.zaak_numbers),
            "ghost": int(ghost),
        }
        if exists:
            rowid = self._unindex(document.key)
            conn.execute(_UPDATE_DOCUMENT, values)
        else:
            rowid = conn.execute(_INSERT_DOCUMENT, values).lastrowid
        if rowid is not None:
            self._fts_pending.add(rowid)
        if exists:
            conn.execute("DELETE FROM document_dossiers WHERE document = ?", (document.key,))
        conn.executemany(
            "INSERT OR IGNORE INTO document_dossiers VALUES (?, ?, ?)",
            [(document.key, d.key, i) for i, d in enumerate(document.dossiers)],
        )
        if document.published_id and document.published_id != document.key:
            conn.execute(
                "INSERT OR REPLACE INTO published_ids VALUES (?, ?)",
                (document.published_id, document.key),
            )
        if ghost:
            return
        old_targets: set[str] = set()
        if exists:
            old_targets = {
                r[0]
                for r in conn.execute(
                    "SELECT target FROM citations WHERE source = ?", (document.key,)
                )
            }
            conn.execute("DELETE FROM citations WHERE source = ?", (document.key,))
        conn.executemany(
            "INSERT INTO citations (source, start, end, text, target, kind, date, title)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (document.key, c.start, c.end, c.text, c.target, c.kind, c.date, c.title)
                for c in document.citations
            ],
        )
        for citation in document.citations:
            if citation.kind != "dossier" and citation.target != document.key:
                self._ensure_ghost(citation)
        self._drop_orphan_ghosts(old_targets - {c.target for c in document.citations})

    def _ensure_dossier(self, dossier: Dossier) -> None:
        if self._dossiers_written.get(dossier.key) == dossier:
            return
        self._dossiers_written[dossier.key] = dossier
        number, _, toevoeging = dossier.key.partition("-")
        self.conn.execute(
            "INSERT INTO dossiers (key, number, toevoeging, title, rijkswet) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET"
            " title = CASE WHEN excluded.title != '' THEN excluded.title ELSE title END,"
            " rijkswet = CASE WHEN excluded.rijkswet != ''"
            " THEN excluded.rijkswet ELSE rijkswet END",
            (dossier.key, number, toevoeging, dossier.title, dossier.rijkswet),
        )

    def _ensure_ghost(self, citation: Citation) -> None:
        """A cited document that is not loaded: known by what citing texts say of it."""
        row = self._row(citation.target)
        if row is None:
            ghost = self._ghost_base(citation.target, None)
            ghost.title, ghost.date = citation.title, citation.date
            self._write(ghost, "", ghost=True)
        elif row["ghost"] and (
            (citation.title and not row["title"]) or (citation.date and not row["date"])
        ):
            rowid = self._unindex(citation.target)
            self.conn.execute(
                "UPDATE documents SET"
                " title = CASE WHEN title = '' THEN ? ELSE title END,"
                " date = CASE WHEN date = '' THEN ? ELSE date END WHERE key = ?",
                (citation.title, citation.date, citation.target),
            )
            if rowid is not None:
                self._fts_pending.add(rowid)

    def _drop_orphan_ghosts(self, keys: set[str]) -> None:
        for key in keys:
            orphan = self.conn.execute(
                "SELECT 1 FROM documents WHERE key = ? AND ghost = 1"
                " AND NOT EXISTS (SELECT 1 FROM citations WHERE target = ?)"
                " AND NOT EXISTS (SELECT 1 FROM document_metadata WHERE key = ?)",
                (key, key, key),
            ).fetchone()
            if orphan:
                self._unindex(key)
                self.conn.execute("DELETE FROM documents WHERE key = ?", (key,))
                self.conn.execute("DELETE FROM published_ids WHERE key = ?", (key,))
                self.conn.execute("DELETE FROM document_dossiers WHERE document = ?", (key,))

    # -- reading ----------------------------------------------------------------------------
    def _row(self, key: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM documents WHERE key = ?", (key,)).fetchone()

    def _document_from_row(self, row: sqlite3.Row) -> Document:
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
        )

    def get(self, key: str) -> Document | None:
        """The document (or ghost: ``metadata_only`` set) with this key."""
        row = self._row(key)
        return self._document_from_row(row) if row is not None else None

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
        row = self.conn.execute(
            "SELECT key FROM documents WHERE document_number = ? COLLATE NOCASE",
            (text.strip(),),
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
            yield self._document_from_row(row)

    def dossier_title(self, key: str) -> str:
        row = self.conn.execute("SELECT title FROM dossiers WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""

    def stats(self) -> Stats:
        one = self.conn.execute
        return Stats(
            documents=one("SELECT count(*) FROM documents WHERE ghost = 0").fetchone()[0],
            ghosts=one("SELECT count(*) FROM documents WHERE ghost = 1").fetchone()[0],
            dossiers=one("SELECT count(*) FROM dossiers").fetchone()[0],
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


def _writable(path: Path) -> bool:
    """Writable, and not marked read-only: a file whose write bits are all off is treated
    as read-only even by a user (root) whom the system would let write it."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def _create_library_file(path: Path) -> None:
    """Build a new, empty library next to ``path`` and move it into place in one step, so
    that a half-created library never exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not _writable(path.parent):
            raise LibraryError(f"{path}: cannot create library (folder is read-only)")
        handle, temporary = tempfile.mkstemp(prefix=".kamerlezer-", suffix=".db", dir=path.parent)
    except OSError as exc:
        raise LibraryError(f"{path}: cannot create library ({exc.strerror})") from None
    os.close(handle)
    try:
        db = sqlite_utils.Database(temporary)
        create_schema(db)
        db.conn.close()
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
