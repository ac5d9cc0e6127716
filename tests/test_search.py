"""Full-text search: the query language, filters, hostile input, snippets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.library import Library
from db.search import Searcher, SearchError, parse_query
from db.search_orders import Sort


@pytest.fixture(scope="module")
def searcher(samples_library: Path):
    with Library.open(samples_library, write=False) as library:
        yield Searcher(library)


def keys(searcher: Searcher, query: str, sort: Sort = "rank") -> list[str]:
    return [hit.key for hit in searcher.search(query, limit=200, sort=sort).hits]


def test_every_word_must_occur(searcher) -> None:
    assert keys(searcher, "prosperity guardian")[:1] == ["kst-29521-474"]
    assert set(keys(searcher, "prosperity aspides")) < set(keys(searcher, "prosperity"))


def test_an_exact_phrase(searcher) -> None:
    found = keys(searcher, '"artikel 100-brief"')
    assert found == ["kst-29521-455"]
    assert keys(searcher, '"brief 100 artikel"') == []


def test_leaving_a_word_out(searcher) -> None:
    with_it = set(keys(searcher, "prosperity"))
    without = set(keys(searcher, "prosperity -aspides"))
    assert without and without < with_it


def test_prefixes_and_or(searcher) -> None:
    assert "kst-29521-455" in keys(searcher, "veiligheidsinst*")
    both = set(keys(searcher, "hawija OR aspides"))
    assert both == set(keys(searcher, "hawija")) | set(keys(searcher, "aspides"))


def test_a_word_is_found_inside_compounds(searcher) -> None:
    found = keys(searcher, "missie")
    assert "kst-29521-455" in found  # "NAVO-missie" and "vredesmissies"
    assert "kst-29521-501" in found  # "Altheamissie"


def test_diacritics_are_folded(searcher) -> None:
    assert keys(searcher, "financiele") == keys(searcher, "financiële")
    assert keys(searcher, "financiele")


def test_filters(searcher) -> None:
    assert set(keys(searcher, "missie dossier:29521")) <= {
        k for k in keys(searcher, "missie") if k.startswith("kst-29521-")
    }
    letters = searcher.search("missie kind:brief").hits
    assert "kst-29521-455" in [hit.key for hit in letters]
    assert {hit.kind for hit in letters} == {"brief"}
    recent = keys(searcher, "missie from:2025-01-01")
    assert recent and all(k in keys(searcher, "missie") for k in recent)
    assert "kst-29521-455" not in recent
    older = searcher.search("missie to:2022-12-31").hits
    assert "kst-29521-455" in [hit.key for hit in older]
    assert all(hit.date <= "2022-12-31" for hit in older)


def test_by_date_newest_first(searcher) -> None:
    dates = [hit.date for hit in searcher.search("missie", sort="date", limit=50).hits]
    assert dates == sorted(dates, reverse=True)


def test_oldest_first_with_the_undated_last(searcher) -> None:
    dates = [hit.date for hit in searcher.search("de", sort="oldest", limit=1000).hits]
    dated = [date for date in dates if date]
    assert dated and dates == dated + [""] * (len(dates) - len(dated))
    assert dated == sorted(dated)


def test_counts_per_dossier_and_kind(searcher) -> None:
    result = searcher.search("missie")
    assert dict(result.by_dossier)["29521"] >= 2
    assert sum(n for _, n in result.by_kind) == result.total


def test_the_snippet_marks_the_matched_words(searcher) -> None:
    [hit, *_] = searcher.search("prosperity guardian").hits
    marked = [hit.snippet[s:e].lower() for s, e in hit.highlights]
    assert marked[:2] == ["prosperity", "guardian"]
    assert "\n" not in hit.snippet


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"prosperity',
        "prosperity -",
        "-",
        "*",
        ":",
        "NEAR(",
        "(",
        ")",
        "a AND",
        "OR OR",
        "'; DROP TABLE documents; --",
        "col:value",
        "prosperity^",
        "{x}",
        "missie NOT",
    ],
)
def test_hostile_input_never_fails(searcher, query: str) -> None:
    try:
        result = searcher.search(query)
    except SearchError as exc:
        assert str(exc)  # a clear message, not an FTS5 error
    else:
        assert result.total >= 0


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("-kabinet", "at least one word"),
        ("dossier:29521", "besides its filters"),
        ("missie from:gisteren", "is not a date"),
        ("missie dossier:abc", "not a dossier number"),
        ("!!!", "nothing to search for"),
    ],
)
def test_queries_that_cannot_mean_anything_say_why(searcher, query: str, message: str) -> None:
    with pytest.raises(SearchError, match=message):
        searcher.search(query)


def test_the_query_keeps_what_to_highlight() -> None:
    assert parse_query('navo OR nato "artikel 100" -kabinet').highlight_terms() == [
        "navo",
        "nato",
        "artikel 100",
    ]


def test_the_word_typed_comes_first_and_a_compound_only_where_it_is_one(samples_library):
    """`missie` found emissies and commissies before the word itself: a part is a compound's
    part only where what is left is a word (handels·missie), never e·missie or com·missie."""
    with Library.open(samples_library, write=False) as library:
        result = Searcher(library).search("missie", limit=20)
    matched = [hit.snippet[s:e].lower() for hit in result.hits for s, e in hit.highlights[:1]]
    assert matched and matched[0] in ("missie", "missies")
    assert not [word for word in matched if "emissie" in word or "commissie" in word]
    words = [w for w in matched if w not in ("missie", "missies")]
    first_compound = next((i for i, w in enumerate(matched) if w in words), len(matched))
    assert all(w in ("missie", "missies") for w in matched[:first_compound])
    assert all(w in words for w in matched[first_compound:])  # the word itself, then the rest


def test_compounds_are_made_of_words(samples_library) -> None:
    from db.index_words import compounds_of

    with Library.open(samples_library, write=False) as library:
        forms, compounds = compounds_of(library.conn, "missie", 60)
    assert "missies" in forms
    assert not [w for w in compounds if "emissie" in w or "commissie" in w]
    assert "handelsmissies" in compounds


def test_a_snippet_from_a_table_keeps_its_cells_apart(searcher) -> None:
    """The budget's row of the Marechaussee: cells apart by a bar, rows by a dot, one line."""
    [hit] = searcher.search("marechaussee", limit=5).hits
    assert hit.key == "kst-37020-X-1"
    assert "Koninklijke Marechaussee │ 867.421 │ 901.296 │ 4.459" in hit.snippet
    assert "\t" not in hit.snippet and "\n" not in hit.snippet
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Marechaussee"]


@given(
    st.lists(st.text("aeimnorst", min_size=1, max_size=8), min_size=1, max_size=12),
    st.text("aeimnorst -.", max_size=200),
)
def test_a_snippet_marks_where_any_of_its_words_begins_a_word(words: list[str], text: str) -> None:
    """The snippet's pattern (the shortest words, in a trie) marks the same places as every
    word asked for, each on its own, would."""
    import re

    from db.search import snippet_pattern

    pattern = snippet_pattern(words)
    assert pattern is not None
    marked = {(m.start(), m.end()) for m in pattern.finditer(text)}
    expected = set()
    for word in re.finditer(r"\w+", text):
        if any(word.group().startswith(w) for w in words):
            expected.add((word.start(), word.end()))
    assert marked == expected


@given(st.text())
def test_folding_is_the_translation_of_every_letter_one_for_one(text: str) -> None:
    from loaders.folding import _FOLD_TABLE, fold

    assert fold(text) == text.translate(_FOLD_TABLE)
    assert len(fold(text)) == len(text)


@given(
    st.lists(st.text("aeimnorst", min_size=1, max_size=6), min_size=1, max_size=6),
    st.text("aeimnorstëéİIAE -", max_size=300),
)
def test_a_snippet_is_found_where_the_folded_text_holds_a_word(words: list[str], text: str) -> None:
    """Looked for in the text lowered first (faster) and folded only where that finds
    nothing: found exactly where the folded text has a match, at one of its places."""
    from db.search import _first_in, snippet_pattern
    from loaders.folding import fold

    pattern = snippet_pattern(words)
    assert pattern is not None
    found = _first_in(text, pattern)
    places = {(m.start(), m.end()) for m in pattern.finditer(fold(text))}
    assert (found is None) == (not places)
    if found is not None:
        assert (found.start(), found.end()) in places
