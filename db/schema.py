"""The library's tables, its schema version and the migrations between versions.

A library file written by an older kamerlezer is migrated in place when opened; one written
by a newer kamerlezer is refused rather than damaged.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils

SCHEMA_VERSION = 1
APPLICATION_ID = 0x4B4C5A52  # "KLZR": marks the file as a kamerlezer library


class SchemaError(Exception):
    """The file is a SQLite database, but not a library this version can use."""


def _create_v1(db: sqlite_utils.Database) -> None:
    db["dossiers"].create(
        {"key": str, "number": str, "toevoeging": str, "title": str, "rijkswet": str},
        pk="key",
    )
    db["documents"].create(
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
    db["documents"].create_index(["dossier", "ondernummer"])
    db["documents"].create_index(["document_number"])
    db["document_dossiers"].create(
        {"document": str, "dossier": str, "position": int}, pk=("document", "dossier")
    )
    db["document_dossiers"].create_index(["dossier"])
    db["published_ids"].create({"published_id": str, "key": str}, pk="published_id")
    db["published_ids"].create_index(["key"])
    db["citations"].create(
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
    db["citations"].create_index(["target"])
    db["citations"].create_index(["source"])
    # Metadata-only records (metadata.xml, open data), merged into their document by key.
    db["document_metadata"].create(
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


# Steps from version N-1 to N for libraries that already hold data; each runs in one
# transaction. Version 1 is created whole (see ``create_schema``), so there is none yet.
MIGRATIONS: dict[int, list[str]] = {}


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def create_schema(db: sqlite_utils.Database) -> None:
    """Build the current schema in an empty database (the caller makes that atomic)."""
    _create_v1(db)
    db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def check_schema(conn: sqlite3.Connection) -> None:
    """Refuse files that are not a library, migrate older libraries in place."""
    version = schema_version(conn)
    application = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if application != APPLICATION_ID:
        raise SchemaError("a SQLite database, but not a kamerlezer library")
    if version > SCHEMA_VERSION:
        raise SchemaError(f"written by a newer kamerlezer (schema {version} > {SCHEMA_VERSION})")
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
