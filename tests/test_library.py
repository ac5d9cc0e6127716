import json
import sqlite3
from pathlib import Path

import pytest

from db.library import Library, LibraryError
from db.loading.files import load_paths
from db.schema import SCHEMA_VERSION
from loaders.formats.detect import read_document_bytes
from tests.test_metadata_and_odata import metadata_xml_from_embedded


def read(path: Path):
    return read_document_bytes(path.read_bytes(), str(path))


def test_loading_the_same_file_twice_changes_nothing(library, fixtures) -> None:
    first = load_paths(library, [fixtures / "kst-28844-269.xml"])
    before = library.conn.execute("SELECT count(*), sum(length(text)) FROM documents").fetchone()
    second = load_paths(library, [fixtures / "kst-28844-269.xml"])
    after = library.conn.execute("SELECT count(*), sum(length(text)) FROM documents").fetchone()
    assert (first.loaded, second.unchanged, second.loaded, second.updated) == (1, 1, 0, 0)
    assert tuple(before) == tuple(after)
    assert library.rows.stats().citations == 5


def test_a_changed_document_replaces_the_old_one(library, fixtures) -> None:
    [document] = read(fixtures / "kst-28844-269.xml")
    assert library.store(document) == "loaded"
    document.title = "BRIEF (GECORRIGEERD)"
    document.citations = document.citations[:1]
    assert library.store(document) == "updated"
    stored = library.documents.get("kst-28844-269")
    assert stored.title == "BRIEF (GECORRIGEERD)"
    assert len(stored.citations) == 1
    # A ghost that nothing cites any more goes; the one still cited stays.
    assert library.documents.get("h-tk-20222023-84-12") is not None
    assert library.documents.get("kst-36101-15") is None


def test_cited_documents_that_are_not_loaded_are_ghosts(library, fixtures) -> None:
    load_paths(library, [fixtures / "kst-29521-455.txt"])
    ghost = library.documents.get("kst-27925-919")
    assert ghost is not None and ghost.metadata_only
    assert ghost.dossiers[0].key == "27925"
    assert library.documents.cited_by("kst-27925-919") == ["kst-29521-455"]
    assert library.documents.is_ghost("kst-29521-446")


def test_loading_a_ghosts_document_keeps_every_citation_pointing_at_it(library, fixtures) -> None:
    load_paths(library, [fixtures / "kst-28844-269.xml"])
    assert library.documents.is_ghost("kst-36101-15")
    from loaders.model import Document, Dossier

    real = Document("kst-36101-15", dossiers=[Dossier("36101", "Afwegingskader")], text="Tekst.")
    assert library.store(real) == "loaded"
    assert not library.documents.is_ghost("kst-36101-15")
    assert library.documents.cited_by("kst-36101-15") == ["kst-28844-269"]


def test_ghosts_loaded_in_one_batch_leave_the_index_exact_when_one_fails(
    library, fixtures, monkeypatch
) -> None:
    """A large load is mostly cited documents loaded at last: each is taken out of the index
    when the batch is flushed, not the moment it changes. One that fails halfway rolls back
    alone; the index still says what every row says, and the words of the one that failed
    are not found."""
    load_paths(library, [fixtures / "kst-29521-455.txt"])
    ghosts = [
        key
        for (key,) in library.conn.execute(
            "SELECT key FROM documents WHERE ghost = 1 AND key LIKE 'kst-%' ORDER BY key"
        )
    ][:3]
    assert len(ghosts) == 3
    from db import library as library_module
    from db import relations
    from loaders.model import Document, Dossier

    real_write = relations.write_relations

    def failing(conn: sqlite3.Connection, key: str, relations: object) -> set[str]:
        if key == ghosts[1]:
            raise OSError("disk gone")
        return real_write(conn, key, relations)  # type: ignore[arg-type]

    monkeypatch.setattr(library_module, "write_relations", failing)
    words = ["zeepbel", "luchtkasteel", "wolkenkrabber"]
    with library.batch():
        for key, word in zip(ghosts, words, strict=True):
            number = key.split("-")[1]
            loaded = Document(key, dossiers=[Dossier(number, "")], text=f"Over de {word}.")
            loaded.citations = []
            try:
                library.store(loaded)
            except OSError:
                assert key == ghosts[1]
    assert_index_holds_its_documents(library)
    found = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?"
    assert [library.conn.execute(found, (w,)).fetchone()[0] for w in words] == [1, 0, 1]
    assert library.documents.is_ghost(ghosts[1]) and not library.documents.is_ghost(ghosts[0])


def test_metadata_merges_into_its_document_in_either_order(tmp_path, fixtures) -> None:
    document_path = fixtures / "kst-36750-3.xml"
    metadata = read_document_bytes(metadata_xml_from_embedded(document_path), "metadata.xml")[0]
    [document] = read(document_path)
    results: list[tuple[bool, str, str, str]] = []
    for order in ([metadata, document], [document, metadata]):
        with Library.open(tmp_path / f"{len(results)}.db") as library:
            outcomes = [library.store(record) for record in order]
            # what a load reports: a new entry, then the document or what it gained
            assert outcomes == ["loaded", "loaded" if order[0] is metadata else "updated"]
            stored = library.documents.get("kst-36750-3")
            results.append((stored.metadata_only, stored.date, stored.subject, stored.text))
    assert results[0] == results[1]
    assert results[0][0] is False and results[0][3]


def test_metadata_alone_makes_a_ghost_with_metadata(library, fixtures) -> None:
    data = metadata_xml_from_embedded(fixtures / "kst-36750-3.xml")
    library.store(read_document_bytes(data, "metadata.xml")[0])
    ghost = library.documents.get("kst-36750-3")
    assert ghost.metadata_only and ghost.date == "2025-05-21"


def test_open_data_adds_numbers_and_subject_to_the_motie(library, fixtures) -> None:
    load_paths(library, [fixtures / "zaak-2024Z00651.json", fixtures / "kst-36410-I-11.xml"])
    motie = library.documents.get("kst-36410-I-11")
    assert not motie.metadata_only
    assert motie.document_number == "2024D01507"
    assert motie.zaak_numbers == ["2024Z00651"]
    assert motie.subject.startswith("Motie Sneller c.s. over het opheffen")  # the Zaak's
    assert library.documents.resolve("2024D01507") == "kst-36410-I-11"


def test_a_document_is_found_by_any_spelling_of_its_number(library, fixtures) -> None:
    load_paths(library, [fixtures / "kst-29521-455.txt"])
    for typed in ("kst-29521-455", "29521-455", "29 521 nr. 455", "29 521, nr. 455"):
        assert library.documents.resolve(typed) == "kst-29521-455"
    assert library.documents.resolve("navo") is None


def test_an_interrupted_load_leaves_a_consistent_library(library, fixtures) -> None:
    load_paths(library, [fixtures / "kst-35786-7.xml"])
    [document] = read(fixtures / "kst-28844-269.xml")
    with pytest.raises(KeyboardInterrupt), library.transaction():
        library._write(document, "x", ghost=False)
        raise KeyboardInterrupt
    assert library.documents.get("kst-28844-269") is None
    assert library.rows.stats().documents == 1
    assert library.conn.execute("SELECT count(*) FROM citations").fetchone()[0] == 0
    count = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'lobbyregister'"
    assert library.conn.execute(count).fetchone()[0] == 0


def test_full_text_index_follows_the_documents(library, fixtures) -> None:
    load_paths(library, [fixtures / "kst-28844-269.xml"])
    query = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?"
    assert library.conn.execute(query, ("lobbyregister",)).fetchone()[0] == 1
    assert library.conn.execute(query, ("geevalueerd",)).fetchone()[0] == 1  # diacritics folded


def test_a_file_that_is_not_sqlite_is_refused_and_kept(tmp_path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my notes, not a database\n" * 100)
    with pytest.raises(LibraryError, match="not a kamerlezer library"):
        Library.open(path)
    assert path.read_text().startswith("my notes")


def test_another_sqlite_database_is_refused(tmp_path) -> None:
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(LibraryError, match="not a kamerlezer library"):
        Library.open(path)


def test_a_read_only_library_is_refused_for_writing_but_readable(tmp_path, fixtures) -> None:
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures / "kst-35786-7.xml"])
    path.chmod(0o444)
    try:
        with pytest.raises(LibraryError, match="read-only"):
            Library.open(path)
        with Library.open(path, write=False) as library:
            assert library.documents.resolve("kst-35786-7") == "kst-35786-7"
    finally:
        path.chmod(0o644)


def test_a_library_in_a_read_only_folder_is_not_created(tmp_path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(LibraryError, match="read-only"):
            Library.open(folder / "library.db")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_signatories_are_stored_as_json(library, fixtures) -> None:
    load_paths(library, [fixtures / "kst-29521-455.txt"])
    raw = library.conn.execute("SELECT signatories FROM documents WHERE key = 'kst-29521-455'")
    assert json.loads(raw.fetchone()[0])[0]["name"] == "W.B. Hoekstra"


def test_ghosts_carry_the_title_and_date_the_citing_text_gives(library, fixtures) -> None:
    load_paths(library, [fixtures / "kst-29521-455.txt"])
    ghost = library.documents.get("kst-29521-447")
    assert ghost.metadata_only
    assert ghost.date == "2022-06-17"
    assert ghost.title.startswith("Kennisgeving onderzoek naar mogelijkheid")
    assert library.documents.get("kst-27925-919").title == ""  # the letter gives it no title


def test_an_older_library_is_migrated_when_opened(tmp_path, fixtures) -> None:
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures / "kst-29521-455.txt"])
        conn = library.conn
        for statement in (  # back to version 1: text-only index, no date index
            "DROP TABLE documents_fts",
            "DROP VIEW document_index",
            "CREATE VIRTUAL TABLE documents_fts USING fts5(title, subject, text,"
            " content='documents', content_rowid='rowid',"
            " tokenize='unicode61 remove_diacritics 2')",
            "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')",
            "DROP INDEX documents_date",
            "DROP INDEX documents_ghost_date",
            *DROP_SINCE_5,
            "PRAGMA user_version = 1",
        ):
            conn.execute(statement)
    with pytest.raises(LibraryError, match="older kamerlezer"):
        Library.open(path, write=False)
    with Library.open(path) as library:
        version = library.conn.execute("PRAGMA user_version").fetchone()[0]
        signed = library.conn.execute(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'names : ollongren'"
        ).fetchone()[0]
        assert_index_holds_its_documents(library)
    assert version == SCHEMA_VERSION
    assert signed == 1  # the letter, by who signed it: a column version 1 did not have


# The tables versions 5 to 7 added, to take a library back to before them.
DROP_SINCE_5 = [
    *(
        f"DROP TABLE {table}"
        for table in (
            "relations document_zaken decisions decision_zaken agenda_items agenda_item_zaken"
            " activities votes parties persons index_words library_state"
        ).split()
    ),
    "ALTER TABLE documents DROP COLUMN questions",  # version 9's
    "ALTER TABLE documents DROP COLUMN tables",  # version 10's
    "DROP INDEX documents_kamervragen_subject",
    "DROP INDEX documents_generation",  # version 11's
    "ALTER TABLE documents DROP COLUMN generation",
]


def test_a_library_from_before_relations_gets_them_when_opened(tmp_path, fixtures) -> None:
    """Loading again changes nothing (the same content), so the migration finds them."""
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures / "moties" / "kst-19637-3237.xml"])
        with library.transaction():  # as version 4 left it: no relation, no ghost for it
            library._unindex("kst-19637-3219")
            for statement in (
                "DELETE FROM documents WHERE key = 'kst-19637-3219'",
                "DELETE FROM document_dossiers WHERE document = 'kst-19637-3219'",
                *DROP_SINCE_5,
            ):
                library.conn.execute(statement)
        library.conn.execute("PRAGMA user_version = 4")  # as version 4 left it
    with Library.open(path) as library:
        assert library.relations.replaced_by("kst-19637-3219") == ["kst-19637-3237"]
        assert library.documents.is_ghost("kst-19637-3219")
        assert_index_holds_its_documents(library)
        assert load_paths(library, [fixtures / "moties" / "kst-19637-3237.xml"]).unchanged == 1


def test_who_signed_is_indexed_by_name_and_role_only(library, fixtures) -> None:
    load_paths(library, [fixtures / "kst-29521-455.txt"])
    count = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?"
    assert library.conn.execute(count, ("names : (ollongren defensie)",)).fetchone()[0] == 1
    assert library.conn.execute(count, ("names : (name OR role)",)).fetchone()[0] == 0


def test_the_index_follows_a_dossier_title_that_arrives_later(library, fixtures) -> None:
    load_paths(library, [fixtures / "kst-29521-455.txt"])  # cites 27 925 nr. 919: a ghost
    query = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'terrorisme'"
    assert library.conn.execute(query).fetchone()[0] == 0
    from loaders.model import Document, Dossier

    library.store(
        Document(
            "kst-27925-1", dossiers=[Dossier("27925", "Bestrijding internationaal terrorisme")]
        )
    )
    assert library.conn.execute(query).fetchone()[0] == 3  # the document and the two ghosts
    assert_index_holds_its_documents(library)


def test_the_index_holds_what_every_change_leaves(library, fixtures) -> None:
    """Loads, a changed document, ghosts that gain a title, a dossier that gains one, a ghost
    that goes: after each the index says exactly what the documents say."""
    load_paths(library, [fixtures / "kst-29521-455.txt"])
    assert_index_holds_its_documents(library)
    load_paths(library, [fixtures])
    assert_index_holds_its_documents(library)
    [changed] = read(fixtures / "kst-35786-7.xml")
    changed.text = changed.text.replace("Grondwet", "Grondwet (gewijzigd)")
    changed.citations = []
    library.store(changed)
    assert_index_holds_its_documents(library)


def assert_index_holds_its_documents(library: Library) -> None:
    """FTS5's own check that the index matches what the view shows, row for row."""
    library.conn.execute(
        "INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)"
    )
