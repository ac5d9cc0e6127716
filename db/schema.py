"""The library's tables, its schema version and the migrations between versions.

A library file written by an older kamerlezer is migrated in place when opened; one written
by a newer kamerlezer is refused rather than damaged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from db.index_words import SCHEMA as INDEX_WORDS_SCHEMA
from db.index_words import sync_from_vocabulary
from db.relations import add_relations_of_loaded
from loaders.kinds import ANSWER_KINDS, QUESTION_KINDS

if TYPE_CHECKING:  # sqlite-utils is imported only to create a library: it takes 0.2 s
    import sqlite_utils

SCHEMA_VERSION = 12
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


# What the full-text index holds of a document, one column each so that a match can be
# weighed by where it is: its printed title and subject, who signed or submitted it and as
# what, its dossier's title, its kind, its Tweede Kamer numbers and its text. The index reads
# these from this view (an external-content FTS5 table): nothing is stored twice. Whoever
# changes what the view shows of a document takes it out of the index first (db/library_file.py).
INDEX_COLUMNS = ("title", "subject", "names", "dossier_title", "kind", "numbers", "text")
# FTS5 reads its content without table-valued functions (json_each), so the JSON lists are
# indexed as they are stored: the tokenizer drops the brackets and quotes, and the keys of
# the signatories' objects (as json.dumps writes them, db/library.py) are taken out first.
_INDEX_VIEW = """CREATE VIEW document_index AS SELECT d.rowid AS rid, d.title AS title,
 d.subject AS subject,
 replace(replace(d.signatories, '"name": ', ''), '"role": ', '') AS names,
 coalesce(s.title, '') AS dossier_title, d.kind AS kind,
 d.document_number || ' ' || d.zaak_numbers AS numbers, d.text AS text
 FROM documents d LEFT JOIN dossiers s ON s.key = d.dossier"""

# The kamervragen as SQL, word for word the condition of their index by subject: SQLite uses
# a partial index only for a query that repeats its condition (db/kamervragen.py does).
KAMERVRAGEN_TERM = "kind IN ({})".format(
    ", ".join(f"'{kind}'" for kind in (*QUESTION_KINDS, *ANSWER_KINDS))
)
# A subject as questions and their answer are matched: without a closing full stop, any case
# ("… in de Voorjaarsnota." is "… in de voorjaarsnota").
SUBJECT_MATCH = "lower(rtrim(subject, ' .'))"

# Steps from version N-1 to N; each runs in one transaction. A new library is version 1 plus
# every step, so that new and migrated libraries are the same.
Step = str | Callable[[sqlite3.Connection], None]  # SQL, or Python for what SQL cannot do
MIGRATIONS: dict[int, list[Step]] = {
    2: [
        # Word and prefix index for the finder; prefixes of 1 to 3 letters make typing fast.
        "CREATE VIRTUAL TABLE finder_fts USING fts5(words,"
        " tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')",
        "CREATE VIRTUAL TABLE finder_vocabulary USING fts5vocab(finder_fts, 'row')",
        "INSERT INTO finder_fts (rowid, words) SELECT d.rowid, d.title || ' ' || d.subject"
        " || ' ' || coalesce(s.title, '') || ' ' || d.kind"
        " FROM documents d LEFT JOIN dossiers s ON s.key = d.dossier",
    ],
    # The newest documents, at once, in libraries of hundreds of thousands.
    3: [
        "CREATE INDEX IF NOT EXISTS documents_date ON documents (date)",
        "CREATE INDEX IF NOT EXISTS documents_ghost_date ON documents (ghost, date)",
    ],
    # One full-text index for search and the finder, a column for each field a reader may
    # remember (INDEX_COLUMNS); the finder's own word index is gone into it.
    4: [
        "DROP TABLE IF EXISTS finder_vocabulary",
        "DROP TABLE IF EXISTS finder_fts",
        "DROP TABLE IF EXISTS documents_fts",
        "DROP VIEW IF EXISTS document_index",
        _INDEX_VIEW,
        f"CREATE VIRTUAL TABLE documents_fts USING fts5({', '.join(INDEX_COLUMNS)},"
        " content='document_index', content_rowid='rid',"
        " tokenize='unicode61 remove_diacritics 2')",
        "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')",
    ],
    # What a document replaces or changes (db/relations.py), "replaced by" one indexed query;
    # and the zaak numbers of documents as rows, to join the open data's decisions on.
    5: [
        "CREATE TABLE relations (source TEXT NOT NULL, target TEXT NOT NULL,"
        " kind TEXT NOT NULL, basis TEXT NOT NULL, PRIMARY KEY (source, target, kind))",
        "CREATE INDEX relations_target ON relations (target, kind)",
        "CREATE TABLE document_zaken (document TEXT NOT NULL, zaak TEXT NOT NULL,"
        " PRIMARY KEY (document, zaak))",
        "CREATE INDEX document_zaken_zaak ON document_zaken (zaak)",
        "INSERT OR IGNORE INTO document_zaken SELECT d.key, z.value FROM documents d,"
        " json_each(CASE WHEN json_valid(d.zaak_numbers) THEN d.zaak_numbers ELSE '[]' END) z",
        lambda conn: add_relations_of_loaded(conn, INDEX_COLUMNS),
    ],
    # The Tweede Kamer's decisions and votes (db/open_data.py), as the open data has them,
    # joined to documents through zaak numbers when read (db/outcomes/outcome.py).
    6: [
        "CREATE TABLE decisions (id TEXT PRIMARY KEY, agenda_item TEXT NOT NULL, kind TEXT,"
        " text TEXT, method TEXT, decision_order INTEGER, changed TEXT, source_path TEXT,"
        " content_hash TEXT)",
        "CREATE INDEX decisions_agenda_item ON decisions (agenda_item)",
        "CREATE TABLE decision_zaken (decision TEXT NOT NULL, zaak TEXT NOT NULL,"
        " PRIMARY KEY (decision, zaak))",
        "CREATE INDEX decision_zaken_zaak ON decision_zaken (zaak)",
        "CREATE TABLE agenda_items (id TEXT PRIMARY KEY, activity TEXT, number TEXT,"
        " subject TEXT, source_path TEXT, content_hash TEXT)",
        "CREATE TABLE agenda_item_zaken (agenda_item TEXT NOT NULL, position INTEGER NOT NULL,"
        " zaak TEXT NOT NULL, PRIMARY KEY (agenda_item, position))",
        "CREATE INDEX agenda_item_zaken_zaak ON agenda_item_zaken (zaak)",
        "CREATE TABLE activities (id TEXT PRIMARY KEY, date TEXT, kind TEXT, number TEXT,"
        " subject TEXT, source_path TEXT, content_hash TEXT)",
        "CREATE TABLE votes (id TEXT PRIMARY KEY, decision TEXT NOT NULL, vote TEXT,"
        " seats INTEGER, actor TEXT, party TEXT, person TEXT, party_id TEXT, mistaken INTEGER,"
        " source_path TEXT, content_hash TEXT)",
        "CREATE INDEX votes_decision ON votes (decision)",
        "CREATE TABLE parties (id TEXT PRIMARY KEY, short TEXT, name TEXT, source_path TEXT,"
        " content_hash TEXT)",
        "CREATE TABLE persons (id TEXT PRIMARY KEY, name TEXT, source_path TEXT,"
        " content_hash TEXT)",
    ],
    # The index's words in a table of their own (db/index_words.py).
    # And merges of the index's segments less eager (8 of a size before they are merged, not
    # 4): large loads spend less time rewriting the index, reads hardly notice.
    7: [
        "CREATE TABLE library_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "INSERT INTO documents_fts (documents_fts, rank) VALUES ('automerge', 8)",
    ],
    # The documents of a kind by date: the debates in the tree, newest first, at once.
    8: ["CREATE INDEX IF NOT EXISTS documents_kind_date ON documents (kind, date)"],
    # The kamervragen an Aanhangsel answers: JSON spans of its text (loaders/model.Question).
    9: ["ALTER TABLE documents ADD COLUMN questions TEXT NOT NULL DEFAULT '[]'"],
    # A document's tables: JSON spans of its text, their head and spanning cells
    # (loaders/model.Table).
    # And kamervragen and their answers found by subject, where the open data names no zaak.
    10: [
        "ALTER TABLE documents ADD COLUMN tables TEXT NOT NULL DEFAULT '[]'",
        "CREATE INDEX IF NOT EXISTS documents_kamervragen_subject ON documents"
        f" ({SUBJECT_MATCH}) WHERE {KAMERVRAGEN_TERM}",
    ],
    # The generation of each document's last write, one more each transaction: the search
    # engine's index (db/search_index) indexes what is newer than it holds.
    11: [
        "ALTER TABLE documents ADD COLUMN generation INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX IF NOT EXISTS documents_generation ON documents (generation)",
    ],
    # The index's words, each also backwards: the words that begin or end with a part are two
    # ranges of an index, where the trigram index of version 7 grew with the vocabulary.
    12: [
        "DROP TABLE IF EXISTS index_word_parts",
        "DROP TABLE IF EXISTS index_words",
        *INDEX_WORDS_SCHEMA,
        sync_from_vocabulary,
    ],
}


def _run(conn: sqlite3.Connection, step: Step) -> None:
    if isinstance(step, str):
        conn.execute(step)
    else:
        step(conn)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def create_schema(db: sqlite_utils.Database) -> None:
    """Build the current schema in an empty database (the caller makes that atomic)."""
    _create_v1(db)
    for version in range(2, SCHEMA_VERSION + 1):
        for step in MIGRATIONS[version]:
            _run(db.conn, step)
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
            for step in MIGRATIONS.get(version, []):
                _run(conn, step)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
