"""The finder's ranking, on a real library: numbers in any spelling, words with typos."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.finder import Finder, is_number_query
from db.library import Library

SAMPLES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def finder(samples_library: Path):
    with Library.open(samples_library, write=False) as library:
        yield Finder(library)


@pytest.mark.parametrize(
    "query",
    ["29521 455", "29 521, nr. 455", "29 521 nr 455", "kst-29521-455", "KST-29521-455"],
)
def test_a_number_in_any_spelling_puts_its_document_first(finder, query: str) -> None:
    assert finder.find(query)[0].key == "kst-29521-455"


def test_ghosts_are_found_by_number(finder) -> None:
    [first, *_] = finder.find("27925 919")
    assert (first.key, first.ghost) == ("kst-27925-919", True)


def test_a_number_being_typed_lists_what_it_can_become(finder) -> None:
    keys = [r.key for r in finder.find("29521 44")]
    assert keys[:2] == ["kst-29521-446", "kst-29521-447"]
    assert [r.key for r in finder.find("29 521, nr")][:1] == ["kst-29521-446"]


def test_a_tweede_kamer_document_number_finds_its_document(finder) -> None:
    assert finder.find("2024d01507")[0].key == "kst-36410-I-11"


def test_words_with_typos_diacritics_and_any_order(finder) -> None:
    for query in ("prosperity", "vredesmisies", "vredesmissies nederlandse", "deelname vredes"):
        keys = [r.key for r in finder.find(query)]
        assert any(key.startswith("kst-29521-") for key in keys[:3]), query
    folded = finder.find("financiele")
    assert folded and all(
        "financi" in (r.title + r.subject + r.dossier_title).lower() for r in folded
    )


def test_matched_characters_are_returned_for_highlighting(finder) -> None:
    [first, *_] = finder.find("koninklijk huis")
    shown = first.shown.lower()
    assert [shown[s:e] for s, e in first.highlights] == ["koninklijk", "huis"]


def test_a_query_that_extends_the_last_one_reuses_its_candidates(finder, monkeypatch) -> None:
    finder.find("koninkl")
    asked = []
    original = finder._narrow

    def narrow(words):
        asked.append(words)
        return original(words)

    monkeypatch.setattr(finder, "_narrow", narrow)
    results = finder.find("koninklijk hu")
    assert asked == []  # answered from the previous candidates
    assert results and results[0].key == "kst-36410-I-11"


def test_nothing_found_is_an_empty_list_not_an_error(finder) -> None:
    for query in ("", "   ", "zzzzqqq", '"', "NEAR(", "'; DROP TABLE documents; --", "*", "-"):
        assert isinstance(finder.find(query), list)


def test_number_queries_are_told_from_words() -> None:
    for query in ("27925 919", "kst-1-2", "2025D06779", "29 521, nr", "h-tk-2022"):
        assert is_number_query(query), query
    for query in ("navo irak", "vredesmissies", "motie"):
        assert not is_number_query(query), query


def test_find_on_the_command_line(capsys, tmp_path) -> None:
    from tui.cli import main

    db = str(tmp_path / "library.db")
    main(["--db", db, "load", str(SAMPLES / "kst-29521-455.txt")])
    capsys.readouterr()
    assert main(["--db", db, "find", "29521 455", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["query"] == "29521 455"
    assert record["results"][0]["key"] == "kst-29521-455"
    assert set(record["results"][0]) >= {"key", "title", "kind", "date", "ghost", "score"}
