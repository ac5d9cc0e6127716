"""The library: documents, dossiers, citations and ghosts, stored and read back.

Storing is idempotent: the same document twice changes nothing; a changed one replaces the old
one. A document that is cited but not loaded is a ghost, known by what citing texts say of it,
until its own text is loaded.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from dataclasses import asdict, astuple
from pathlib import Path
from typing import Literal

from db.documents import DocumentQueries
from db.kamervragen import KAMERVRAGEN_KINDS, KamervragenQueries, link_by_subject
from db.library_file import LibraryError, LibraryFile
from db.meetings import MeetingQueries, share_meeting_date
from db.outcomes.open_data import OpenDataStore
from db.outcomes.outcome import OutcomeQueries
from db.relations import RelationQueries, relations_in, write_relations
from db.rows import DocumentRow, DossierRow, RowQueries, Stats
from db.search_index.schema import index_path
from db.search_index.writing import IndexBusy, library_generation, library_id, sync_index
from loaders.formats.jsonl import document_from_record
from loaders.ids import key_from_published_id
from loaders.merge import apply_metadata
from loaders.model import Document, Dossier, Record, ghost_of

__all__ = [
    "AnotherDocument",
    "DocumentRow",
    "DossierRow",
    "Library",
    "LibraryError",
    "Outcome",
    "Stats",
    "content_hash",
]

Outcome = Literal["loaded", "updated", "unchanged"]


def content_hash(document: Document) -> str:
    """What makes two loads of a document the same, wherever the file was."""
    fields = [getattr(document, name) for name in _HASHED_FIELDS]
    fields.append([(d.key, d.title, d.rijkswet) for d in document.dossiers])
    fields.append([(s.name, s.role) for s in document.signatories])
    fields.append([(c.start, c.end, c.target, c.kind, c.date, c.title) for c in document.citations])
    if document.questions:  # only then: the hashes of every other document stay as they were
        fields.append([astuple(q) for q in document.questions])
    if document.tables:  # the same
        fields.append([astuple(t) for t in document.tables])
    if document.attached_to or document.answered_in:  # the same
        fields.append((document.attached_to, document.answered_in))
    if document.answers_kamervragen:  # the same
        fields.append(document.answers_kamervragen)
    return hashlib.sha256(repr(fields).encode("utf-8", "surrogatepass")).hexdigest()


_HASHED_FIELDS = (
    "key published_id ondernummer kind title subject date vergaderjaar chamber text"
    " source_format document_number zaak_numbers metadata_only"
).split()
_DOCUMENT_COLUMNS = (
    "key published_id dossier ondernummer kind title subject date vergaderjaar chamber"
    " signatories text source_path source_format content_hash document_number zaak_numbers"
    " ghost questions tables generation"
).split()
_INSERT_DOCUMENT = (
    f"INSERT INTO documents ({', '.join(_DOCUMENT_COLUMNS)})"
    f" VALUES ({', '.join(':' + c for c in _DOCUMENT_COLUMNS)})"
)
_UPDATE_DOCUMENT = (
    "UPDATE documents SET "
    + ", ".join(f"{c} = :{c}" for c in _DOCUMENT_COLUMNS if c != "key")
    + " WHERE key = :key"
)


class AnotherDocument(Exception):
    """A document that would replace a different one loaded under the same key; the
    message names the file of the one kept and both publication ids."""


def _refuse_another(document: Document, stored: str, source: str) -> None:
    """The same id in another spelling (kst-20022003-23490-8w), or none of its own stored (a
    report loaded before its meeting's id was kept), is the same document; another id is not."""
    given = document.published_id
    if not stored or not given or document.key in (stored, given):
        return
    if key_from_published_id(stored) == key_from_published_id(given):
        return
    raise AnotherDocument(
        f"{document.key} is already {source}, another document"
        f" (published as {stored}, this one as {given})"
    )


class Library(LibraryFile):
    """A library file with the documents in it: stored here, read through its query groups
    (``library.documents.get(key)``, ``library.rows.stats()``, ``library.outcomes``, ...)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        super().__init__(conn, path)
        self.documents = DocumentQueries(self)
        self.rows = RowQueries(self)
        self.relations = RelationQueries(self)
        self.meetings = MeetingQueries(self)
        self.outcomes = OutcomeQueries(self)
        self.open_data = OpenDataStore(self, self._outcome_changed)
        self.kamervragen = KamervragenQueries(self)
        # The targets of relations, made ghosts (where still missing) when the batch commits:
        # the replaced motie is usually loaded in the same batch, and a ghost made first and
        # replaced after costs several statements.
        self._ghosts_pending: set[str] = set()
        self._kamervragen_pending: set[str] = set()  # to link by subject at the load's end
        self._generation = 0  # of the open write transaction (db/search_index/writing.py)
        self._written = False  # whether it wrote a document the search index may lack
        # Most libraries hold no metadata-only records; then storing skips looking for them.
        self._has_metadata = (
            conn.execute("SELECT 1 FROM document_metadata LIMIT 1").fetchone() is not None
        )

    # -- storing ----------------------------------------------------------------------------
    def store(self, document: Record) -> Outcome:
        """Store one document (or metadata-only record, or open-data record) in its own
        transaction."""
        if not isinstance(document, Document):
            return self.open_data.store(document)
        if document.metadata_only:
            return self._store_metadata(document)
        digest = content_hash(document)
        with self.transaction():
            row = self.conn.execute(
                "SELECT content_hash, ghost, published_id, source_path FROM documents"
                " WHERE key = ?",
                (document.key,),
            ).fetchone()
            if row is not None and not row["ghost"] and row["content_hash"] == digest:
                return "unchanged"
            if row is not None and not row["ghost"]:
                _refuse_another(document, row["published_id"] or "", row["source_path"] or "")
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
            existing = self.documents.row(record.key)
            records = self._metadata_records(record.key)
            if existing is not None and not existing["ghost"]:
                document = self.documents.from_row(existing)
                self._write(apply_metadata(document, records), existing["content_hash"], False)
                return "updated"  # a loaded document gained what the record says
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
            return self.documents.from_row(row)
        return ghost_of(key)

    def _write(
        self, document: Document, digest: str, ghost: bool, exists: bool | None = None
    ) -> None:
        """Write the row, its dossiers, ids and citations; the caller holds the transaction.
        ``exists`` says whether a row with this key is there, when the caller knows."""
        conn = self.conn
        if exists is None:
            exists = self.documents.row(document.key) is not None
        self._written = True
        if document.kind in KAMERVRAGEN_KINDS:
            self._kamervragen_pending.add(document.key)
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
            # The index reads these as words, knowing the keys as written here (db/schema.py).
            "signatories": json.dumps(
                [{"name": s.name, "role": s.role} for s in document.signatories],
                ensure_ascii=False,
                separators=(", ", ": "),
            ),
            "text": document.text,
            "source_path": document.source_path,
            "source_format": document.source_format,
            "content_hash": digest,
            "document_number": document.document_number,
            "zaak_numbers": json.dumps(document.zaak_numbers) if document.zaak_numbers else "[]",
            "ghost": int(ghost),
            "questions": json.dumps([asdict(q) for q in document.questions])
            if document.questions
            else "[]",
            "tables": json.dumps([asdict(t) for t in document.tables]) if document.tables else "[]",
            "generation": self._generation,
        }
        if exists:
            rowid = self._unindex(document.key)
            conn.execute(_UPDATE_DOCUMENT, values)
        else:
            rowid = conn.execute(_INSERT_DOCUMENT, values).lastrowid
        if rowid is not None:
            self._fts_pending.add(rowid)
        if document.key.startswith("h-"):  # an item of a meeting: the meeting's date
            share_meeting_date(conn, document.key, document.date)
        if exists:
            conn.execute("DELETE FROM document_dossiers WHERE document = ?", (document.key,))
        rows = [(document.key, d.key, i) for i, d in enumerate(document.dossiers)]
        if len(rows) == 1:  # nearly always: a statement costs less than a batch of one
            conn.execute("INSERT OR IGNORE INTO document_dossiers VALUES (?, ?, ?)", rows[0])
        elif rows:
            conn.executemany("INSERT OR IGNORE INTO document_dossiers VALUES (?, ?, ?)", rows)
        if exists:
            conn.execute("DELETE FROM document_zaken WHERE document = ?", (document.key,))
        if document.zaak_numbers:
            conn.executemany(
                "INSERT OR IGNORE INTO document_zaken VALUES (?, ?)",
                [(document.key, zaak) for zaak in document.zaak_numbers],
            )
        if document.published_id and document.published_id != document.key:
            conn.execute(
                "INSERT OR REPLACE INTO published_ids VALUES (?, ?)",
                (document.published_id, document.key),
            )
        if ghost:  # what metadata says it belongs to; no citations
            relations = relations_in(document)
            if exists or relations:
                write_relations(conn, document.key, relations)
            self._ghosts_pending.update(relation.target for relation in relations)
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
                self._ensure_ghost(citation.target, citation.title, citation.date)
        relations = relations_in(document)
        no_longer_related = (
            write_relations(conn, document.key, relations) if exists or relations else set()
        )
        self._ghosts_pending.update(relation.target for relation in relations)
        targets = {c.target for c in document.citations} | {r.target for r in relations}
        self._drop_orphan_ghosts((old_targets | no_longer_related) - targets)

    def _ensure_dossier(self, dossier: Dossier) -> None:
        """The dossier row. Its first title stays (the documents of a dossier print it with
        small differences); a dossier known only from citations gets the first title a
        loaded document gives it, and its documents are indexed with it."""
        if self._dossiers_written.get(dossier.key) == dossier:
            return
        self._dossiers_written[dossier.key] = dossier
        number, _, toevoeging = dossier.key.partition("-")
        old = self.conn.execute(
            "SELECT title FROM dossiers WHERE key = ?", (dossier.key,)
        ).fetchone()
        titled = old is not None and not old[0] and dossier.title
        reindex = self._unindex_dossier(dossier.key) if titled else []
        self.conn.execute(
            "INSERT INTO dossiers (key, number, toevoeging, title, rijkswet) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET"
            " title = CASE WHEN title = '' THEN excluded.title ELSE title END,"
            " rijkswet = CASE WHEN excluded.rijkswet != ''"
            " THEN excluded.rijkswet ELSE rijkswet END",
            (dossier.key, number, toevoeging, dossier.title, dossier.rijkswet),
        )
        self._fts_pending.update(reindex)

    def _before_commit(self, ending: bool = True) -> None:
        pending, self._ghosts_pending = self._ghosts_pending, set()
        for target in sorted(pending):
            named = self.conn.execute("SELECT 1 FROM relations WHERE target = ?", (target,))
            if named.fetchone() is not None:  # not from a document that was rolled back
                self._ensure_ghost(target)
        if ending and self._kamervragen_pending:
            link_by_subject(self.conn, self._kamervragen_pending)
            self._kamervragen_pending = set()
        super()._before_commit(ending)

    def _outcome_changed(self, zaken: list[str]) -> None:
        """The documents of ``zaken`` gained or changed a decision or vote: they are of this
        write's generation now, new again to a reader who follows them (and indexed again,
        which costs a little and changes nothing)."""
        if not zaken:
            return
        changed = self.conn.execute(
            "UPDATE documents SET generation = ? WHERE ghost = 0 AND generation < ? AND key IN"
            " (SELECT document FROM document_zaken WHERE zaak IN (SELECT value FROM json_each(?)))",
            (self._generation, self._generation, json.dumps(sorted(set(zaken)))),
        )
        if changed.rowcount:
            self._written = True

    def _begun(self) -> None:
        self._generation = library_generation(self.conn) + 1
        self.ensure_id()

    def ensure_id(self) -> str:
        """The id its search index knows it by, given at its first write."""
        known = library_id(self.conn)
        if not known:
            known = uuid.uuid4().hex
            self.conn.execute(
                "INSERT OR REPLACE INTO library_state VALUES ('library_id', ?)", (known,)
            )
        return known

    def _committed(self, ending: bool = True) -> None:
        """At the end of a load (or of one document stored on its own), the search engine's
        index brought up to what was committed, built whole if it is missing: one commit of
        the index a load. A crash before it leaves the index behind, never ahead; a search
        finds it behind and answers from FTS5 until it has caught up."""
        path = index_path(self.path)
        if ending and (self._written or not path.exists()):
            self._written = False
            try:
                sync_index(self.conn, path)
            except (IndexBusy, OSError, ValueError):
                # What was loaded is committed: the index stays behind (or missing), search
                # answers from FTS5 until a search or load can bring it up to date.
                return

    def _forget_uncommitted(self) -> None:
        self._ghosts_pending.clear()
        self._kamervragen_pending.clear()
        super()._forget_uncommitted()

    def _ensure_ghost(self, target: str, title: str = "", date: str = "") -> None:
        """A cited (or replaced) document that is not loaded: known by what citing texts
        say of it."""
        row = self.documents.row(target)
        if row is None:
            ghost = self._ghost_base(target, None)
            ghost.title, ghost.date = title, date
            self._write(ghost, "", ghost=True)
        elif row["ghost"] and ((title and not row["title"]) or (date and not row["date"])):
            rowid = self._unindex(target)
            self.conn.execute(
                "UPDATE documents SET"
                " title = CASE WHEN title = '' THEN ? ELSE title END,"
                " date = CASE WHEN date = '' THEN ? ELSE date END WHERE key = ?",
                (title, date, target),
            )
            if rowid is not None:
                self._fts_pending.add(rowid)

    def _drop_orphan_ghosts(self, keys: set[str]) -> None:
        for key in keys:
            orphan = self.conn.execute(
                "SELECT 1 FROM documents WHERE key = ? AND ghost = 1"
                " AND NOT EXISTS (SELECT 1 FROM citations WHERE target = ?)"
                " AND NOT EXISTS (SELECT 1 FROM relations WHERE target = ?)"
                " AND NOT EXISTS (SELECT 1 FROM document_metadata WHERE key = ?)",
                (key, key, key, key),
            ).fetchone()
            if orphan:
                self._unindex(key)
                self.conn.execute("DELETE FROM documents WHERE key = ?", (key,))
                self.conn.execute("DELETE FROM published_ids WHERE key = ?", (key,))
                self.conn.execute("DELETE FROM document_dossiers WHERE document = ?", (key,))
                self.conn.execute("DELETE FROM document_zaken WHERE document = ?", (key,))
