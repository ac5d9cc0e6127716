"""The library's tables, its schema version and the migrations between versions.

A library file written by an older kamerlezer is migrated in place when opened; one written
by a newer kamerlezer is refused rather than damaged.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils

SCHEMA_VERSION = 3
APPLICATION_ID = 0x4B4C5A52  # "KLZR": marks the file as a kamerlezer library


class SchemaError(Exception):
    """The file is a SQLite database, but not a library this version can use."""


def _create_v1(db: sqlite_utils.Database) -> None:
    db.table("dossiers").create(
        {"key": str, "number": str, "toevoeging": str, "title": str, "rijkswet": str},
        pk="key",
    )
    db.table("documents").create(
        {
            "key": str,
            "published_id": str,
            "dossier": str,
            "ondernummer": str,
            "kind": str,
            "title": str,
            "subject": str,
            "date": str,
            "vergaderjaar": str,
            "chamber": str,
            "signatories": str,  # JSON list of {name, role}
            "text": str,
            "source_path": str,
            "source_format": str,
            "content_hash": str,
            "document_number": str,
            "zaak_numbers": str,  # JSON list
            "ghost": int,
        },
        pk="key",
        not_null={"key"},
        defaults={"ghost": 0},
    )
    db.table("documents").create_index(["dossier", "ondernummer"])
    db.table("documents").create_index(["document_number"])
    db.table("document_dossiers").create(
        {"document": str, "dossier": str, "position": int}, pk=("document", "dossier")
    )
    db.table("document_dossiers").create_index(["dossier"])
    db.table("published_ids").create({"published_id": str, "key": str}, pk="published_id")
    db.table("published_ids").create_index(["key"])
    db.table("citations").create(
        {
            "id": int,
            "source": str,
            "start": int,
            "end": int,
            "text": str,
            "target": str,
            "kind": str,
            "date": str,
            "title": str,
        },
        pk="id",
    )
    db.table("citations").create_index(["target"])
    db.table("citations").create_index(["source"])
    # Metadata-only records (metadata.xml, open data), merged into their document by key.
    db.table("document_metadata").create(
        {"key": str, "source_format": str, "source_path": str, "record": str, "content_hash": str},
        pk=("key", "source_format"),
    )
    # External-content FTS5, kept in step by the library itself (db/library.py) rather than
    # by triggers: indexing a whole batch in one statement is several times faster.
    db.conn.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5(title, subject, text,"
        " content='documents', content_rowid='rowid',"
        " tokenize='unicode61 remove_diacritics 2')"
    )


# What the finder matches words against: a document's title and subject, its dossier's title
# and its kind, in one column (kept by db/storage.py like documents_fts).
FINDER_WORDS = "d.title || ' ' || d.subject || ' ' || coalesce(s.title, '') || ' ' || d.kind"
FINDER_SOURCE = (
    f"SELECT d.rowid, {FINDER_WORDS} FROM documents d LEFT JOIN dossiers s ON s.key = d.dossier"
)

# Steps from version N-1 to N; each runs in one transaction. A new library is version 1 plus
# every step, so that new and migrated libraries are the same.
MIGRATIONS: dict[int, list[str]] = {
    2: [
        # Word and prefix index for the finder; prefixes of 1 to 3 letters make typing fast.
        "CREATE VIRTUAL TABLE finder_fts USING fts5(words,"
        " tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')",
        "CREATE VIRTUAL TABLE finder_vocabulary USING fts5vocab(finder_fts, 'row')",
        f"INSERT INTO finder_fts (rowid, words) {FINDER_SOURCE}",
    ],
    # The newest documents, at once, in libraries of hundreds of thousands.
    3: [
        "CREATE INDEX IF NOT EXISTS documents_date ON documents (date)",
        "CREATE INDEX IF NOT EXISTS documents_ghost_date ON documents (ghost, date)",
    ],
}


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def create_schema(db: sqlite_utils.Database) -> None:
    """Build the current schema in an empty database (the caller makes that atomic)."""
    _create_v1(db)
    for version in range(2, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[version]:
            db.conn.execute(statement)
    db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.conn.commit()


def check_schema(conn: sqlite3.Connection, writable: bool = True) -> None:
    """Refuse files that are not a library, migrate older libraries in place."""
    version = schema_version(conn)
    application = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if application != APPLICATION_ID:
        raise SchemaError("a SQLite database, but not a kamerlezer library")
    if version > SCHEMA_VERSION:
        raise SchemaError(f"written by a newer kamerlezer (schema {version} > {SCHEMA_VERSION})")
    if version < SCHEMA_VERSION and not writable:
        raise SchemaError(
            f"written by an older kamerlezer (schema {version}); load into it once to upgrade it"
        )
    while version < SCHEMA_VERSION:
        version += 1
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS.get(version, []):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
