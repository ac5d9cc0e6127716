"""The finder on a library of real documents: what a reader remembers of a document finds it.

The library holds the demo documents and the test samples, among them real moties of the
shared corpus (tests/fixtures/moties): the tankbataljon moties of 36 410 X and 36 600 X, the
dierproeven moties of February 2025, every gewijzigde motie of 21 501-02 and some of its moties.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.finder import Answer, Finder
from db.finder.query import is_number_query, read_words
from db.library import Library
from db.loading.files import load_paths

SAMPLES = Path(__file__).parent / "fixtures" / "samples"


@pytest.fixture(scope="module")
def finder(samples_library: Path):
    with Library.open(samples_library, write=False) as library:
        yield Finder(library)


def keys(answer: Answer) -> list[str]:
    return [r.key for r in answer.results]


# -- numbers ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    ["29521 455", "29 521, nr. 455", "29 521 nr 455", "kst-29521-455", "KST-29521-455"],
)
def test_a_number_in_any_spelling_puts_its_document_first(finder, query: str) -> None:
    assert keys(finder.find(query))[0] == "kst-29521-455"


@pytest.mark.parametrize(
    "pasted",
    [
        "(Kamerstuk 29 521, nr. 455)",
        "Kamerstuk 29 521, nr. 455).",
        "kst 29521 455",
        "29521/455",
        "kst-29521-455.html",
        "https://zoek.officielebekendmakingen.nl/kst-29521-455.html",
        "zie Kamerstukken II 2022/23, 29 521, nr. 455",
    ],
)
def test_a_reference_pasted_as_it_is_cited_opens_its_document(finder, pasted: str) -> None:
    assert keys(finder.find(pasted))[:1] == ["kst-29521-455"]


def test_nr_alone_is_a_document_of_the_open_dossier(finder) -> None:
    assert keys(finder.find("nr. 455", dossier="29521"))[:1] == ["kst-29521-455"]
    assert keys(finder.find("nr. 919", dossier="27925"))[:1] == ["kst-27925-919"]  # a ghost


def test_a_well_formed_number_not_in_the_library_is_listed_as_what_it_names(finder) -> None:
    [named] = finder.find("21501-02 3001").results
    assert (named.key, named.absent, named.ghost) == ("kst-21501-02-3001", True, True)
    assert "F fetches it" in named.shown.text


def test_ghosts_are_found_by_number(finder) -> None:
    [first, *_] = finder.find("27925 919").results
    assert (first.key, first.ghost) == ("kst-27925-919", True)


def test_a_number_being_typed_lists_what_it_can_become(finder) -> None:
    assert keys(finder.find("29521 44"))[:2] == ["kst-29521-446", "kst-29521-447"]
    assert keys(finder.find("29 521, nr"))[:1] == ["kst-29521-446"]


def test_tweede_kamer_document_and_zaak_numbers_find_their_document(finder) -> None:
    assert keys(finder.find("2024d01507"))[0] == "kst-36410-I-11"
    assert keys(finder.find("2024Z00651"))[0] == "kst-36410-I-11"


def test_number_queries_are_told_from_words() -> None:
    for query in ("27925 919", "kst-1-2", "2025D06779", "29 521, nr", "h-tk-2022"):
        assert is_number_query(query), query
    for query in ("navo irak", "vredesmissies", "motie"):
        assert not is_number_query(query), query


# -- what a reader remembers ------------------------------------------------------------------
def test_a_co_signers_name_with_words_of_the_subject(finder) -> None:
    """Erkens signed kst-36410-X-56 third; its title names only Ceder."""
    answer = finder.find("erkens tankbataljon oprichting")
    first = answer.results[0]
    assert first.key == "kst-36410-X-56"
    assert first.matched[:2] == ("subject", "name")
    names = first.shown.names
    assert [names[s:e] for s, e in first.shown.name_highlights] == ["Erkens"]


def test_the_signatories_of_a_letter_and_a_word_of_its_body(finder) -> None:
    for query in ("ollongren irak", "hoekstra navo missie irak"):
        assert keys(finder.find(query))[0] == "kst-29521-455", query


def test_words_of_the_body_find_a_document_and_show_where(finder) -> None:
    first = finder.find("houthihuurlingen munitietekorten begrote").results[0]
    assert first.key == "kst-36600-X-42"
    assert "body" in first.matched
    snippet = first.shown.snippet
    marked = {snippet[s:e].lower() for s, e in first.shown.snippet_highlights}
    assert {"munitietekorten", "houthihuurlingen"} <= marked


@pytest.mark.parametrize(
    "typo",
    [
        "houthihuurlingen munitietekorten begorte",  # two letters swapped
        "houthihuurlingen munitietekortn begrote",  # a letter left out
        "houthihurlingen munitietekorten begrote",
        "houthihuurlingen munitietekorten begrote xyzzy",  # a word no document has
    ],
)
def test_a_typo_in_any_word_still_finds_it(finder, typo: str) -> None:
    assert keys(finder.find(typo))[0] == "kst-36600-X-42", typo


def test_typos_in_names(finder) -> None:
    assert keys(finder.find("erkns tankbataljon oprichting"))[0] == "kst-36410-X-56"
    assert keys(finder.find("ollongen irak"))[0] == "kst-29521-455"


def test_words_cut_short_as_they_are_typed(finder) -> None:
    assert keys(finder.find("tankbat oprich erk"))[0] == "kst-36410-X-56"
    assert keys(finder.find("scherfv vrouwel"))[0] == "kst-29521-501"


def test_a_word_in_the_other_number(finder) -> None:
    """kst-32336-159's subject says "dierproef"; a reader types the plural."""
    answer = finder.find("kostic graus dierproeven stoffen")
    assert keys(answer)[0] == "kst-32336-159"
    assert keys(finder.find("tankbataljons oprichting erkens"))[0] == "kst-36410-X-56"


def test_the_first_letter_of_the_next_word_changes_nothing_yet(finder) -> None:
    assert (
        finder.find("erkens tankbataljon o").results == finder.find("erkens tankbataljon").results
    )


def test_a_word_inside_a_compound(finder) -> None:
    """ "missie" is in "vredesmissies" (the dossier) and "NAVO-missie" (the letter)."""
    assert "kst-29521-455" in keys(finder.find("missie irak"))[:3]
    assert keys(finder.find("scherfvest"))[0] == "kst-29521-501"  # "scherfvesten"


def test_a_date_and_a_kind_in_the_query(finder) -> None:
    answer = finder.find("brief vredesmissies irak december 2022")
    assert keys(answer)[0] == "kst-29521-455"
    assert set(answer.results[0].matched) >= {"kind", "date"}
    assert answer.read_as == ("kind: brief", "date: december 2022")


def test_kind_name_month_and_year(finder) -> None:
    """Graus moved four dierproeven moties in February 2025; the one he co-signed is 159."""
    answer = finder.find("motie dierproeven graus februari 2025")
    graus_in_february = {"kst-32336-159", "kst-32336-160", "kst-32336-161", "kst-32336-163"}
    top = keys(answer)[: len(graus_in_february)]
    assert "kst-32336-159" in top
    assert all(r.date.startswith("2025-02") and r.kind == "motie" for r in answer.results[:4])


@pytest.mark.parametrize("dossier", ["21501-02", "21 501-02"])
def test_a_dossier_number_among_words_keeps_to_that_dossier(finder, dossier: str) -> None:
    answer = finder.find(f"gewijzigde motie {dossier}")
    assert all(r.dossier == "21501-02" for r in answer.results)
    first = answer.results[:15]
    assert len(first) == 15 and all(r.kind == "gewijzigde motie" for r in first)


def test_a_dossier_number_with_words_no_document_has_lists_the_dossier(finder) -> None:
    answer = finder.find("xyzzy 36410 X")
    assert answer.unmatched == ("xyzzy",)
    assert answer.results and all(r.dossier == "36410-X" for r in answer.results)


def test_no_document_with_every_word_still_lists_the_closest(finder) -> None:
    answer = finder.find("tankbataljon dierproeven")  # no document has both
    assert {"kst-36410-X-56", "kst-32336-159"} <= set(keys(answer))


def test_a_word_no_document_has_is_named_and_the_others_still_find(finder) -> None:
    answer = finder.find("xyzzy tankbataljon")
    assert answer.unmatched == ("xyzzy",)
    assert "kst-36410-X-56" in keys(answer)


def test_the_answer_does_not_depend_on_what_was_typed_before(samples_library) -> None:
    """The reader asks after every keystroke, the command line once: one answer."""
    with Library.open(samples_library, write=False) as library:
        typed, fresh = Finder(library), Finder(library)
        query = "navo irak"
        for end in range(1, len(query) + 1):
            typed.find(query[:end])
        assert typed.find(query) == fresh.find(query)


def test_words_with_typos_diacritics_and_any_order(finder) -> None:
    for query in ("prosperity", "vredesmisies", "vredesmissies nederlandse", "deelname vredes"):
        assert any(key.startswith("kst-29521-") for key in keys(finder.find(query))[:3]), query
    folded = finder.find("financiele").results
    assert folded and all(
        "financi" in (r.title + r.subject + r.dossier_title).lower() or "body" in r.matched
        for r in folded
    )


def test_matched_words_are_marked_in_what_is_shown(finder) -> None:
    first = finder.find("koninklijk huis").results[0]
    shown = first.shown.text.lower()
    assert [shown[s:e] for s, e in first.shown.highlights] == ["koninklijk", "huis"]


def test_hostile_input_is_only_ever_a_query(finder) -> None:
    for query in (
        "",
        "   ",
        "zzzzqqq",
        '"',
        "NEAR(",
        "'; DROP TABLE documents; --",
        "*",
        "-",
        "{x}:",
    ):
        assert isinstance(finder.find(query).results, list)


def test_a_query_of_only_a_period_lists_that_period(finder) -> None:
    answer = finder.find("februari 2025")
    assert answer.results and all(r.date.startswith("2025-02") for r in answer.results)


def test_periods_kinds_and_dossiers_are_read_apart_from_the_words() -> None:
    read = read_words("motie dierproeven graus februari 2025")
    assert read.words == ("dierproeven", "graus")
    assert read.kinds[0] == "motie"
    assert (read.period.start, read.period.end) == ("2025-02-01", "2025-02-28")
    assert read_words("13-12-2022 irak").period.start == "2022-12-13"
    assert read_words("13 december 2022").period.end == "2022-12-13"
    assert read_words("dec 2022").period.start == "2022-12-01"
    assert read_words("2024").period.end == "2024-12-31"
    vergaderjaar = read_words("2022/23 navo").period
    assert (vergaderjaar.start, vergaderjaar.end) == ("2022-09-20", "2023-09-18")
    assert read_words("gewijzigde motie 21 501-02").dossier == "21501-02"
    assert read_words("motie 36410 X tankbataljon").dossier == "36410-X"
    assert read_words("2024Z00651 motie").words == ("2024z00651",)  # a zaak number, a word


def test_find_on_the_command_line(capsys, tmp_path) -> None:
    from tui.cli.main import main

    db = str(tmp_path / "library.db")
    main(["--db", db, "load", str(SAMPLES / "kst-29521-455.txt")])
    capsys.readouterr()
    assert main(["--db", db, "find", "29521 455", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["query"] == "29521 455"
    assert record["results"][0]["key"] == "kst-29521-455"
    assert set(record["results"][0]) >= {"key", "title", "kind", "date", "ghost", "score"}
    assert main(["--db", db, "find", "ollongren irak", "--json"]) == 0
    [first, *_] = json.loads(capsys.readouterr().out)["results"]
    assert first["matched"] == ["name", "body"]
    assert "Irak" in first["snippet"]


@pytest.mark.parametrize(
    ("query", "dossier"),
    [
        ("21501-02", "21501-02"),
        ("21 501-02", "21501-02"),
        ("36600 X", "36600-X"),
        ("dossier 29521", "29521"),
        ("29 521", "29521"),
    ],
)
def test_a_dossiers_number_offers_its_page_first(samples_library, query, dossier) -> None:
    """ "21501-02" also reads as nr. 2 of 21 501, "36600 X" as the start of 36 600 XIV's
    numbers: the dossier itself comes first, then its own documents."""
    with Library.open(samples_library, write=False) as library:
        answer = Finder(library).find(query, limit=5)
    assert answer.results, query
    assert (answer.results[0].key, answer.results[0].kind) == (dossier, "dossier")
    assert all(r.dossier == dossier for r in answer.results[1:]), [r.key for r in answer.results]


def test_a_word_the_library_holds_comes_before_its_typos_and_false_compounds(tmp_path) -> None:
    """ "irak" listed moties about Iran, and one about a Palmhoutwrak, before the one that
    names Irak: a typo stands in for a word only below every document holding the word."""
    moties = Path(__file__).parent / "fixtures" / "finder-words"
    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [moties], parallel=False)
        holding = {
            r[0]
            for r in library.conn.execute(
                "SELECT d.key FROM documents_fts f JOIN documents d ON d.rowid = f.rowid"
                " WHERE documents_fts MATCH 'irak'"
            )
        }
        typos = {
            r[0]
            for r in library.conn.execute(
                "SELECT d.key FROM documents_fts f JOIN documents d ON d.rowid = f.rowid"
                " WHERE documents_fts MATCH 'iran'"
            )
        }
        answer = Finder(library).find("irak", limit=20)
    assert holding and typos - holding, "the fixtures hold both words"
    keys = [r.key for r in answer.results]
    first_typo = min((keys.index(k) for k in typos - holding if k in keys), default=len(keys))
    assert all(keys.index(k) < first_typo for k in holding if k in keys)
    assert holding <= set(keys)
