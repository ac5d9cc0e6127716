"""Following a dossier, a search or a person, and what is new: the reader's own state, apart
from the library (which may be read-only and shared)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from db.library import Library
from db.loading.files import load_paths
from db.search import Searcher
from db.user_state import STATE_VARIABLE, UserState, state_path
from db.user_state.follows import follow, mark_seen, what_is_new
from tui.cli.main import main

DEMO = Path(__file__).resolve().parents[1] / "loaders" / "demo"
FIRST = ["kst-29521-455.txt", "kst-27925-974.xml", "kst-36471-16.xml"]
LATER = [
    "kst-29521-474.xml",
    "kst-29521-475.xml",
    "kst-29521-476.xml",
    "kst-29521-477.xml",
    "kst-27925-975.xml",
    "kst-36471-7.xml",
]


def _load(db: Path, names: list[str]) -> None:
    with Library.open(db) as library:
        load_paths(library, [DEMO / name for name in names])


def _cli(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(STATE_VARIABLE, str(tmp_path / "state-of-anne"))
    path = tmp_path / "library.db"
    _load(path, FIRST)
    return path


def test_what_is_loaded_after_following_a_dossier_is_new_with_why(db, capsys) -> None:
    assert _cli(capsys, db, "follow", "29 521")[1].startswith("following dossier 29 521")
    _load(db, LATER)
    code, out, _ = _cli(capsys, db, "new", "--json")
    assert code == 0
    new = [json.loads(line) for line in out.splitlines()]
    # Exactly the documents of 29 521 loaded since, newest first; not the one loaded before.
    assert [d["key"] for d in new] == [
        "kst-29521-477",
        "kst-29521-476",
        "kst-29521-475",
        "kst-29521-474",
    ]
    assert all(
        d["why"] == [{"kind": "dossier", "value": "29521", "since": d["why"][0]["since"]}]
        for d in new
    )
    assert new[0]["subject"].startswith("Motie Dobbe over het Nederlandse parlement altijd")
    code, out, _ = _cli(capsys, db, "new", "--mark-seen")
    assert code == 0 and len(out.splitlines()) == 4 and "← dossier 29 521" in out
    assert _cli(capsys, db, "new")[1] == ""  # seen now
    assert "dossier 29 521" in _cli(capsys, db, "following")[1]


def test_a_document_loaded_again_with_changes_is_new_again(db, capsys) -> None:
    _cli(capsys, db, "follow", "29521")
    _load(db, LATER[:1])
    with Library.open(db, write=False) as library, UserState.open(library) as state:
        assert mark_seen(state, library, ["kst-29521-474"]) == 1
        assert what_is_new(state, library) == []
    with Library.open(db) as library:
        changed = library.documents.get("kst-29521-474")
        assert changed is not None
        changed.text += "\n\nAangenomen."
        assert library.store(changed) == "updated"
    with Library.open(db, write=False) as library, UserState.open(library) as state:
        assert [d.key for d in what_is_new(state, library)] == ["kst-29521-474"]


def test_a_person_is_followed_by_name_as_a_word(db, capsys) -> None:
    """Omtzigt co-signed kst-36471-7 (Yesilgöz-Zegerius c.s.); "Omtzig" is not his name."""
    _cli(capsys, db, "follow", "--person", "omtzigt")
    _cli(capsys, db, "follow", "--person", "Omtzig")
    _load(db, LATER)
    out = _cli(capsys, db, "new", "--json")[1]
    new = [json.loads(line) for line in out.splitlines()]
    assert [d["key"] for d in new] == ["kst-36471-7"]
    assert new[0]["why"][0]["kind"] == "person" and new[0]["why"][0]["value"] == "omtzigt"


def test_a_followed_search_finds_what_is_new(db, capsys) -> None:
    _cli(capsys, db, "follow", "Aspides kind:motie")
    _cli(capsys, db, "follow", "Aspides kind:brief")
    _load(db, LATER)
    with Library.open(db, write=False) as library, UserState.open(library) as state:
        new = what_is_new(state, library)
    # The two moties on operation Aspides; no letter of them was loaded.
    assert [d.key for d in new] == ["kst-29521-476", "kst-29521-474"]
    assert [f.label for d in new for f in d.why] == ["search Aspides kind:motie"] * 2


def test_since_a_date_and_bad_input(db, capsys) -> None:
    _cli(capsys, db, "follow", "29521")
    _load(db, LATER)
    out = _cli(capsys, db, "new", "--since", "2024-03-26")[1]
    assert len(out.splitlines()) == 4
    assert _cli(capsys, db, "new", "--since", "2025-01-01")[1] == ""
    code, _, err = _cli(capsys, db, "new", "--since", "26-03-2024")
    assert code == 2 and "--since 26-03-2024: give a date as" in err
    code, _, err = _cli(capsys, db, "follow", "  ")
    assert code == 2 and "nothing to follow" in err
    code, _, err = _cli(capsys, db, "follow", '"unclosed')
    assert code in (0, 2) and "Traceback" not in err
    code, _, err = _cli(capsys, db, "unfollow", "12345")
    assert code == 1 and "you do not follow dossier 12345" in err


def test_a_read_only_library_gives_each_reader_their_own_state(
    tmp_path, monkeypatch, capsys
) -> None:
    path = tmp_path / "shared.db"
    _load(path, FIRST)
    _load(path, LATER)
    with Library.open(path) as library:
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    os.chmod(path, 0o444)
    try:
        for reader, followed in (("anne", "29521"), ("bram", "27925")):
            monkeypatch.setenv(STATE_VARIABLE, str(tmp_path / f"state-of-{reader}"))
            assert _cli(capsys, path, "follow", followed)[0] == 0
        # Nothing is new to either (what the library held when they followed is not);
        # each sees their own follow only.
        for reader, followed in (("anne", "dossier 29 521"), ("bram", "dossier 27 925")):
            monkeypatch.setenv(STATE_VARIABLE, str(tmp_path / f"state-of-{reader}"))
            out = _cli(capsys, path, "following")[1]
            assert out.splitlines()[0].startswith(followed) and len(out.splitlines()) == 1
            assert _cli(capsys, path, "new", "--mark-seen")[0] == 0
    finally:
        os.chmod(path, 0o644)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # the library untouched
    with Library.open(path, write=False) as library:
        assert state_path(library).parent == tmp_path / "state-of-bram"


def test_a_state_file_that_is_not_one_is_named_and_nothing_is_lost(db, capsys) -> None:
    with Library.open(db, write=False) as library:
        path = state_path(library)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database at all" * 100)
    code, _, err = _cli(capsys, db, "follow", "29521")
    assert code == 1 and str(path) in err and "Traceback" not in err
    assert path.read_bytes() == b"not a database at all" * 100  # left as it was
    with Library.open(db, write=False) as library:
        assert library.documents.get("kst-29521-455") is not None


def test_following_again_keeps_when_it_began(db) -> None:
    with Library.open(db, write=False) as library, UserState.open(library) as state:
        first = follow(state, library, "dossier", "29521")
    _load(db, LATER)
    with Library.open(db, write=False) as library, UserState.open(library) as state:
        again = follow(state, library, "dossier", "29521")
        assert again == first
        assert len(what_is_new(state, library)) == 4
        assert (
            sqlite3.connect(state.path).execute("SELECT count(*) FROM follows").fetchone()[0] == 1
        )


def test_what_was_followed_before_the_first_load_is_kept_after_it(tmp_path, capsys) -> None:
    """A library gets its own id at its first load; a follow from before is not lost."""
    path = tmp_path / "new.db"
    Library.open(path).close()
    assert _cli(capsys, path, "follow", "29521")[0] == 0
    _load(path, LATER[:2])
    out = _cli(capsys, path, "new", "--json")[1]
    assert [json.loads(line)["key"] for line in out.splitlines()] == [
        "kst-29521-475",
        "kst-29521-474",
    ]


def test_an_outcome_that_arrives_later_makes_its_document_new_again(db, capsys) -> None:
    """A decision on the zaak of a motie already seen (as the open data gives a Zaak with its
    Besluit, the one on kst-29521-474: the real record, linked to its zaak)."""
    from loaders.decisions import Decision

    _cli(capsys, db, "follow", "29521")
    _load(db, ["kst-29521-474.xml", "zaak-2024Z05122.json"])
    assert _cli(capsys, db, "new", "--mark-seen")[1].count("\n") == 1
    assert _cli(capsys, db, "new")[1] == ""
    decision = Decision(
        id="9d38d7fd-cb2c-4c8d-b1de-f8854adb10cc",
        agenda_item="230480cc-f0c1-4975-82bd-467de30de85d",
        kind="Stemmen - verworpen",
        text="Verworpen.",
        method="Met handopsteken",
        order=2,
        zaken=("2024Z05122",),
    )
    with Library.open(db) as library:
        assert library.open_data.store(decision) == "loaded"
        assert library.open_data.store(decision) == "unchanged"
    out = _cli(capsys, db, "new", "--json")[1]
    assert [json.loads(line)["key"] for line in out.splitlines()] == ["kst-29521-474"]


@pytest.mark.parametrize("use_index", [True, False])
def test_note_words_find_their_documents_in_either_engine(db, capsys, use_index) -> None:
    from db.search import SearchError
    from db.user_state.notes import notes_holding

    _load(db, LATER)
    assert _cli(capsys, db, "note", "kst-29521-476", "Rode Zee: nagaan wat VN zegt")[0] == 0
    assert _cli(capsys, db, "note", "kst-29521-455", "NMI-missie, nagaan")[0] == 0
    with Library.open(db, write=False) as library:
        searcher = Searcher(library, use_index=use_index, notes=notes_holding(library))
        assert (searcher.engine() is not None) == use_index
        only = searcher.search("note:nagaan", limit=10)
        assert [hit.key for hit in only.hits] == ["kst-29521-476", "kst-29521-455"]  # newest
        assert only.total == 2
        both = searcher.search("note:nagaan aspides", limit=10)
        assert [hit.key for hit in both.hits] == ["kst-29521-476"]
        assert both.total == 1
        assert searcher.search("note:nagaa", limit=10).total == 2  # a word's beginning
        assert searcher.search("note:agaan", limit=10).total == 0  # not its middle
        assert searcher.search("note:vn note:zee", limit=10).total == 1
        with pytest.raises(SearchError, match="needs a value"):
            searcher.search("note:", limit=10)
        with pytest.raises(SearchError, match="your own notes"):
            Searcher(library).search("note:nagaan", limit=10)
    out = _cli(capsys, db, "search", "note:nmi", "--json")[1]
    assert [hit["key"] for hit in json.loads(out)["hits"]] == ["kst-29521-455"]
