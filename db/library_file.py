"""The library file: opening it safely, transactions and batches, and the full-text index.

Every document is written in one transaction (a savepoint inside a batch), so an interrupted
load (Ctrl-C, a crash, a bad file) leaves the library as it was before that document or batch.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Self

from db.index_words import (
    add_words_of,
    documents_worth_reading,
    is_behind,
    mark_behind,
    sync_from_vocabulary,
)
from db.schema import INDEX_COLUMNS, SchemaError, check_schema, create_schema
from loaders.model import Dossier

# A batch commits after this many documents, so readers see progress and an interrupted
# load loses at most one batch (which loading again restores).
BATCH_SIZE = 2_000
# During a load the write-ahead log is copied into the file every this many batches, not at
# each commit: a page that several batches change (the index's, a dossier's) is copied once.
# The log holds at most that many batches' writes, and is cut back to LOG_LIMIT after.
CHECKPOINT_BATCHES = 10
# SQLite's own setting, restored after a load: copy the log after 1,000 pages.
_AUTOCHECKPOINT_PAGES = 1_000
LOG_LIMIT = 64 << 20
# A load that indexed at least this many documents, and at least one in MERGE_SHARE of the
# library's, ends by merging the index whole.
MERGE_AFTER = 2_000
MERGE_SHARE = 10


class LibraryError(Exception):
    """The library file cannot be used; the message names the file and the problem."""


def library_problem(error: sqlite3.DatabaseError) -> str:
    """What SQLite's error means for the user, in one line (after the file's name). What was
    committed before it is kept: each document and each batch is one transaction."""
    said = str(error)
    if "malformed" in said or "not a database" in said:
        return (
            f"the library is damaged ({said}); load the documents into a new one with --db, or"
            " repair it with sqlite3's .recover"
        )
    if "disk is full" in said or "disk I/O" in said:
        return f"cannot write: {said}; what was loaded before is kept"
    if "locked" in said or "busy" in said:
        return "another program is writing to the library and did not finish in time; try again"
    if "readonly" in said or "read-only" in said:
        return "the library is read-only here: it can be read, not loaded into"
    return said


class LibraryFile:
    """A library file opened for reading, or for reading and writing."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.conn.row_factory = sqlite3.Row
        self._batch_pending: int | None = None  # documents written in the open batch
        self._fts_pending: set[int] = set()  # rowids written but not yet in documents_fts
        # Rows to take out of documents_fts, with what it indexed of them (read before they
        # changed), in the order they were taken out.
        self._fts_gone: dict[int, tuple[object, ...]] = {}
        self._dossiers_written: dict[str, Dossier] = {}  # skips rewriting the same dossier
        # Rows indexed whose words are not in index_words yet; None: too many to read one by
        # one, the words come from the index's vocabulary when the batch ends.
        self._words_pending: set[int] | None = set()
        self._indexed = 0  # rows indexed since the index was last merged whole
        self._commits = 0  # of the open batch

    # -- opening ----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, write: bool = True) -> Self:
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
                conn = _connect_read_only(path)
            if write:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute(f"PRAGMA journal_size_limit = {LOG_LIMIT}")
                # The index's merges read and write much of it: a cache for them (64 MB).
                conn.execute("PRAGMA cache_size = -65536")
            # A writer waits for another load's batch to commit rather than fail at once.
            conn.execute(f"PRAGMA busy_timeout = {WRITE_WAIT_MS if write else READ_WAIT_MS}")
            check_schema(conn, writable=write)
            if write and is_behind(conn):  # a large load was interrupted before its words
                conn.execute("BEGIN IMMEDIATE")
                sync_from_vocabulary(conn)
                conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if "malformed" in str(exc):
                raise LibraryError(f"{path}: {library_problem(exc)}") from None
            raise LibraryError(f"{path}: not a kamerlezer library ({exc})") from None
        except SchemaError as exc:
            raise LibraryError(f"{path}: {exc}") from None
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def reopen(self) -> None:
        """Read the file now at this library's path (another program replaced the file): a
        new read-only connection in place of the old one; LibraryError if it is no library."""
        fresh = LibraryFile.open(self.path, write=False)
        stale, self.conn = self.conn, fresh.conn
        stale.close()

    def data_version(self) -> int:
        """Changes when another connection commits to the file (SQLite's data_version)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def __enter__(self) -> Self:
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
            self._begun()
            try:
                yield
                self._before_commit()
            except BaseException:
                self._roll_back("ROLLBACK")
                self._forget_uncommitted()
                raise
            self.conn.execute("COMMIT")
            self._committed()
            return
        self.conn.execute("SAVEPOINT document")
        unindexed = set(self._fts_pending)
        gone = len(self._fts_gone)
        try:
            yield
        except BaseException:
            self._roll_back("ROLLBACK TO document")
            self._roll_back("RELEASE document")
            self._fts_pending = unindexed
            for rowid in list(self._fts_gone)[gone:]:  # taken out by this document only
                del self._fts_gone[rowid]
            self._dossiers_written.clear()
            raise
        self.conn.execute("RELEASE document")
        self._batch_pending += 1
        if self._batch_pending >= BATCH_SIZE:
            self._before_commit(ending=False)
            self.conn.execute("COMMIT")
            self._committed(ending=False)
            self._commits += 1
            if self._commits % CHECKPOINT_BATCHES == 0:
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            self.conn.execute("BEGIN IMMEDIATE")
            self._begun()
            self._batch_pending = 0

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Many documents in few commits; on an interruption, the open batch rolls back and
        the library is as it was after the last commit."""
        self.conn.execute("PRAGMA wal_autocheckpoint = 0")
        self.conn.execute("BEGIN IMMEDIATE")
        self._begun()
        self._batch_pending = self._commits = 0
        try:
            try:
                yield
                self._before_commit()
            except BaseException:
                self._batch_pending = None
                self._roll_back("ROLLBACK")
                self._forget_uncommitted()
                raise
            self._batch_pending = None
            self.conn.execute("COMMIT")
            self._committed()
        finally:
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {_AUTOCHECKPOINT_PAGES}")
        self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def _begun(self) -> None:
        """A write transaction began (a subclass numbers its writes)."""

    def _committed(self, ending: bool = True) -> None:
        """A write transaction committed (a subclass brings derived data up to date);
        ``ending``: not one of a batch's intermediate commits."""

    def _roll_back(self, statement: str) -> None:
        """Undo what failed. SQLite has undone the whole transaction itself after some
        errors (a full disk): then there is nothing left to undo, and the error that caused
        it is the one to report."""
        try:
            self.conn.execute(statement)
        except sqlite3.OperationalError:
            if self.conn.in_transaction:
                raise

    def _forget_uncommitted(self) -> None:
        self._fts_pending.clear()
        self._fts_gone.clear()
        self._indexed = 0
        self._words_pending = set()  # the library's state says whether words are behind
        self._dossiers_written.clear()

    def _before_commit(self, ending: bool = True) -> None:
        """What waits for the end of a transaction or batch (``ending``: not one of a batch's
        intermediate commits): the index and its words, and what a subclass defers to it."""
        self._flush_fts()
        self._sync_words(ending)
        if ending:
            self._merge_index()

    # -- the full-text index ------------------------------------------------------------------
    def _flush_fts(self) -> None:
        """Take out the rows that changed or went, then index the rows written since the last
        flush, each in rowid order: FTS5 writes a segment whenever a rowid is lower than the
        one before it, so taking out a row the moment it changed (a cited document loaded at
        last: most of a large load) wrote a segment a row, 0.3 ms each and a merge after."""
        if self._fts_gone:
            values = ", ".join("?" for _ in INDEX_COLUMNS)
            self.conn.executemany(
                f"INSERT INTO documents_fts (documents_fts, rowid, {_COLUMNS})"
                f" VALUES ('delete', ?, {values})",
                [(rowid, *indexed) for rowid, indexed in sorted(self._fts_gone.items())],
            )
            self._fts_gone.clear()
        if not self._fts_pending:
            return
        self.conn.execute(
            f"INSERT INTO documents_fts (rowid, {_COLUMNS}) SELECT rid, {_COLUMNS}"
            " FROM document_index WHERE rid IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(self._fts_pending)),),
        )
        self._indexed += len(self._fts_pending)
        if self._words_pending is not None:
            self._words_pending |= self._fts_pending
            if len(self._words_pending) > documents_worth_reading(self.conn):
                self._words_pending = None
                mark_behind(self.conn, True)  # until the batch ends (or the next load)
        self._fts_pending.clear()

    def _merge_index(self) -> None:
        """After a load that indexed a large part of the library, its index merged into one
        segment: a word is then looked up in one place, not in each of the segments that
        loads leave (searches several times faster; about 4 s for 200,000 documents)."""
        if self._indexed < MERGE_AFTER:
            return
        documents = self.conn.execute("SELECT coalesce(max(rowid), 0) FROM documents")
        if self._indexed * MERGE_SHARE >= int(documents.fetchone()[0]):
            self.conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('optimize')")
            self._indexed = 0

    def _sync_words(self, ending: bool) -> None:
        """The new words into index_words: those of the documents indexed, at each commit;
        after a large load (``ending``), every word of the index's vocabulary."""
        if self._words_pending is None:
            if ending:
                sync_from_vocabulary(self.conn)
                self._words_pending = set()
            return
        add_words_of(self.conn, self._words_pending, INDEX_COLUMNS)
        self._words_pending.clear()

    def _unindex(self, key: str) -> int | None:
        """Take a row out of the index before it changes or goes (when the index is flushed);
        its rowid.

        The index forgets a row by being told what it indexed, so what it indexed is read now,
        while the row (and its dossier's title) still read as they did when it was indexed."""
        row = self.conn.execute("SELECT rowid FROM documents WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        rowid = int(row[0])
        if rowid in self._fts_pending:  # written in this batch, not indexed yet
            self._fts_pending.discard(rowid)
        elif rowid not in self._fts_gone:
            indexed = self.conn.execute(
                f"SELECT {_COLUMNS} FROM document_index WHERE rid = ?", (rowid,)
            ).fetchone()
            if indexed is not None:
                self._fts_gone[rowid] = tuple(indexed)
        return rowid

    def _unindex_dossier(self, dossier: str) -> list[int]:
        """Take a dossier's documents out of the index before its title changes; their rowids,
        to index again once it has."""
        keys = self.conn.execute("SELECT key FROM documents WHERE dossier = ?", (dossier,))
        return [rowid for (key,) in keys.fetchall() if (rowid := self._unindex(key)) is not None]


_COLUMNS = ", ".join(INDEX_COLUMNS)


# How long a writer waits for another's transaction (a batch of a load commits in well under
# a second; a large flush of the index can take several), and a reader for a writer.
WRITE_WAIT_MS = 60_000
READ_WAIT_MS = 5_000


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Read-only; on a read-only mount, where SQLite cannot make the files it shares with
    writers, as an unchanging file (no writer can be there)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            conn.close()
            raise
    except sqlite3.OperationalError:
        conn = sqlite3.connect(
            uri + "&immutable=1", uri=True, isolation_level=None, check_same_thread=False
        )
    return conn


def is_writable(path: Path) -> bool:
    """Whether ``load`` could write to the library at ``path`` (a new one: its folder)."""
    return _writable(path) if path.exists() else _writable(path.parent)


def _writable(path: Path) -> bool:
    """Writable, and not marked read-only: a file whose write bits are all off is treated
    as read-only even by a user (root) whom the system would let write it."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def _create_library_file(path: Path) -> None:
    """Build a new, empty library next to ``path`` and link it into place in one step, so
    that a half-created library never exists; when another load created it meanwhile, that
    library is kept (never replaced) and this one loads into it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not _writable(path.parent):
            raise LibraryError(f"{path}: cannot create library (folder is read-only)")
        _remove_abandoned_drafts(path.parent)
        handle, temporary = tempfile.mkstemp(
            prefix=f"{_DRAFT_PREFIX}{os.getpid()}-", suffix=".db", dir=path.parent
        )
    except OSError as exc:
        raise LibraryError(f"{path}: cannot create library ({exc.strerror})") from None
    os.close(handle)
    try:
        import sqlite_utils  # only here: importing it costs a command 0.2 s to start

        db = sqlite_utils.Database(temporary)
        create_schema(db)
        db.conn.close()
        _link_unless_there(Path(temporary), path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


# A library being created is a draft beside it until it is linked into place.
_DRAFT_PREFIX = ".kamerlezer-"


def _link_unless_there(draft: Path, path: Path) -> None:
    """Put ``draft`` at ``path`` only if nothing is there: a hard link fails rather than
    replace, where a rename would silently drop a library another load just made."""
    try:
        os.link(draft, path)
    except FileExistsError:
        return
    except OSError:  # a file system without hard links: the nearest to once is a check
        if not path.exists():
            os.replace(draft, path)


def _remove_abandoned_drafts(folder: Path) -> None:
    """Drafts left by a process killed while creating a library (its pid no longer runs)."""
    for draft in folder.glob(f"{_DRAFT_PREFIX}*.db"):
        pid = draft.name[len(_DRAFT_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _is_running(int(pid)):
            with contextlib.suppress(OSError):
                draft.unlink()


def _is_running(pid: int) -> bool:
    if os.name != "posix":  # os.kill would end the process there; keep the draft
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # running, as another user
        return True
    return True
