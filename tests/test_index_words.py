"""The index's words in a table of their own: found by a part at either end without reading
the whole vocabulary, and kept in step with the index by small loads, large loads and
interrupted ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import db.index_words
import db.library_file
from db.index_words import holding_at_either_end, is_behind
from db.library import Library
from db.loading.files import load_paths


def _words(library: Library) -> set[str]:
    return {r[0] for r in library.conn.execute("SELECT word FROM index_words")}


def _vocabulary(library: Library) -> set[str]:
    library.conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, 'documents_fts', 'row')"
    )
    return {r[0] for r in library.conn.execute("SELECT term FROM temp.v")}


def _check(library: Library) -> None:
    """Every word is also written backwards, as the lookup of a word's end reads it."""
    wrong = library.conn.execute("SELECT word, backwards FROM index_words").fetchall()
    assert all(backwards == word[::-1] for word, backwards in wrong)


def test_a_small_load_adds_the_words_of_its_documents(library, fixtures) -> None:
    load_paths(library, [fixtures / "kst-29521-455.txt"], parallel=False)
    assert _words(library) == _vocabulary(library)  # read from the documents themselves
    assert "vredesmissies" in _words(library)
    assert set(holding_at_either_end(library.conn, "missie", 10)) == {"missies", "vredesmissies"}
    _check(library)


def test_a_large_load_takes_the_words_and_counts_from_the_vocabulary(
    library, fixtures, monkeypatch
) -> None:
    monkeypatch.setattr(db.index_words, "FROM_DOCUMENTS", 5)
    monkeypatch.setattr(db.index_words, "WORDS_PER_DOCUMENT", 10**9)
    load_paths(library, [fixtures / "moties"], parallel=False)
    assert _words(library) == _vocabulary(library)
    assert not is_behind(library.conn)
    counts = dict(library.conn.execute("SELECT word, documents FROM index_words"))
    assert counts["motie"] > 20  # counted, not 1 each
    _check(library)


def test_words_that_begin_or_end_with_a_part_most_frequent_first(library, fixtures) -> None:
    load_paths(library, [fixtures / "moties", fixtures / "kst-29521-455.txt"], parallel=False)
    found = holding_at_either_end(library.conn, "missie", 60)
    assert "vredesmissies" in found and "missie" not in found
    assert all(w.startswith("missie") or w.rstrip("sn").endswith("missie") for w in found)
    counts = dict(library.conn.execute("SELECT word, documents FROM index_words"))
    assert [counts[w] for w in found] == sorted((counts[w] for w in found), reverse=True)
    assert holding_at_either_end(library.conn, "mi", 10) == []  # too short to mean anything


def test_a_part_is_found_at_either_end_and_with_an_inflection_after_it(library) -> None:
    library.conn.executemany(
        "INSERT INTO index_words (word, backwards, documents) VALUES (?, ?, 1)",
        [(w, w[::-1]) for w in ("missiegebied", "vredesmissietje", "vredesmissiegebied")],
    )
    found = set(holding_at_either_end(library.conn, "missie", 10))
    assert found == {"missiegebied", "vredesmissietje"}  # the middle of three: not found


def test_an_interrupted_large_load_is_caught_up_when_the_library_is_next_opened(
    tmp_path, fixtures, monkeypatch
) -> None:
    monkeypatch.setattr(db.index_words, "FROM_DOCUMENTS", 5)
    monkeypatch.setattr(db.index_words, "WORDS_PER_DOCUMENT", 10**9)
    monkeypatch.setattr(db.library_file, "BATCH_SIZE", 10)
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        original = library._sync_words

        def stop_at_the_end(ending: bool) -> None:
            if ending:
                raise KeyboardInterrupt  # Ctrl-C as the load ends
            original(ending)

        monkeypatch.setattr(library, "_sync_words", stop_at_the_end)
        with pytest.raises(KeyboardInterrupt):
            load_paths(library, [fixtures / "moties"], parallel=False)
        assert library.rows.stats().documents >= 10  # the batches committed before it stay
        assert is_behind(library.conn)
    with Library.open(path) as library:
        assert not is_behind(library.conn)
        assert _words(library) == _vocabulary(library)


def test_a_load_of_a_large_part_of_the_library_ends_by_merging_its_index(
    tmp_path, fixtures, monkeypatch
) -> None:
    monkeypatch.setattr(db.library_file, "MERGE_AFTER", 10)
    with Library.open(tmp_path / "library.db") as library:
        said: list[str] = []
        library.conn.set_trace_callback(said.append)
        load_paths(library, [fixtures / "moties"], parallel=False)  # all of it: merged
        assert sum("'optimize'" in s for s in said) == 1
        said.clear()
        load_paths(library, [fixtures / "kst-29521-455.txt"], parallel=False)  # one: not
        assert not any("'optimize'" in s for s in said)
        library.conn.set_trace_callback(None)
        assert (
            library.conn.execute(
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'motie'"
            ).fetchone()[0]
            > 20
        )


@given(
    st.text("abeimnorst", min_size=2, max_size=6),
    st.text("abeimnorst", max_size=6),
    st.text("abeimnorst", max_size=6),
    st.sets(st.text("abeimnorst", min_size=1, max_size=12), max_size=30),
)
def test_a_words_candidates_are_asked_about_all_at_once(
    word: str, before: str, after: str, words: set[str]
) -> None:
    """compounds_of asks the index once for every string part_of might ask about: the
    answers are the same as asking each, whatever the index holds."""
    from db.compounds import part_of, strings_asked

    candidate = before + word + after
    asked: set[str] = set()

    def known(string: str) -> bool:
        asked.add(string)
        return string in words

    how = part_of(word, candidate, known)
    assert asked <= strings_asked(word, candidate)
    assert how == part_of(word, candidate, (words & strings_asked(word, candidate)).__contains__)


def test_a_library_of_schema_11_gets_its_words_backwards_when_opened(tmp_path, fixtures) -> None:
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures / "kst-29521-455.txt"], parallel=False)
        conn = library.conn
        # As version 11 left it: the words without their backwards, in a trigram index.
        conn.execute("DROP TABLE index_words")
        conn.execute(
            "CREATE TABLE index_words (id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE,"
            " documents INTEGER NOT NULL DEFAULT 0)"
        )
        conn.execute(
            "CREATE VIRTUAL TABLE index_word_parts USING fts5(word, content='index_words',"
            " content_rowid='id', tokenize='trigram')"
        )
        conn.execute("INSERT INTO index_words (word) VALUES ('vredesmissies')")
        conn.execute("PRAGMA user_version = 11")
    with Library.open(path) as library:
        assert _words(library) == _vocabulary(library)
        assert "vredesmissies" in holding_at_either_end(library.conn, "missie", 10)
        tables = {r[0] for r in library.conn.execute("SELECT name FROM sqlite_master")}
        assert "index_word_parts" not in tables
        _check(library)


@given(
    st.sampled_from(["missie", "regel", "kabinet"]),
    st.sets(st.text("abeimnorst", max_size=4), max_size=40),
)
def test_compounds_are_judged_as_with_every_word_known(word: str, affixes: set[str]) -> None:
    """Whether a longer word ends in the word is answered from the words read at its ends,
    the rest asked of the table: the same compounds as a judge who knows every word."""
    import sqlite3

    from db.compounds import is_form, part_of
    from db.index_words import SCHEMA, compounds_of

    conn = sqlite3.connect(":memory:")
    for statement in SCHEMA:
        conn.execute(statement)
    words = {word, "vrede", "vredes", "stikstof", "emissie", "gebied", *affixes}
    words |= {a + word for a in affixes} | {word + a for a in affixes}
    words |= {a + word + "s" for a in affixes} | {a + "e" + word for a in affixes}
    words.discard("")
    conn.executemany(
        "INSERT INTO index_words (word, backwards, documents) VALUES (?, ?, 1)",
        [(w, w[::-1]) for w in sorted(words)],
    )
    _, compounds = compounds_of(conn, word, 10_000)
    candidates = holding_at_either_end(conn, word, 10_000)
    expected = [
        c
        for c in candidates
        if not is_form(word, c) and part_of(word, c, words.__contains__) == "compound"
    ]
    assert compounds == expected
