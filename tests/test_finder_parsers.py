"""The finder's readers of what is typed, and what it shows: no text makes them fail, and
every highlight is a span of what is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.finder import Finder
from db.finder.query import read_reference, read_words
from db.finder.shown import body_snippet, marked
from db.library import Library
from loaders.folding import fold

typed = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]) | st.sampled_from(list("()/.,- nr")),
    max_size=60,
)


@given(typed)
def test_any_query_is_read_without_fail(text: str) -> None:
    read = read_words(text)
    folded = fold(text)
    assert all(word in folded for word in read.words)
    if read.period is not None:
        assert read.period.start <= read.period.end


@given(typed, st.sampled_from(["", "29521", "36410-X"]))
def test_any_text_is_a_reference_or_not_without_fail(text: str, dossier: str) -> None:
    key = read_reference(text, dossier)
    assert key is None or (key and " " not in key)


@given(st.text(max_size=300), st.frozensets(st.text(alphabet="abcdeé", min_size=1, max_size=6)))
def test_highlights_are_spans_of_what_is_shown(text: str, terms: frozenset[str]) -> None:
    for start, end in marked(text, terms):
        assert 0 <= start < end <= len(text)
    snippet, spans = body_snippet(text, terms)
    for start, end in spans:
        assert 0 <= start < end <= len(snippet)
        assert fold(snippet[start:end]) in terms


@pytest.fixture(scope="module")
def finder(samples_library: Path):
    with Library.open(samples_library, write=False) as library:
        yield Finder(library)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=typed)
def test_the_finder_answers_any_query(finder, query: str) -> None:
    answer = finder.find(query, limit=5)
    for result in answer.results:
        shown = result.shown
        for text, spans in (
            (shown.text, shown.highlights),
            (shown.names, shown.name_highlights),
            (shown.snippet, shown.snippet_highlights),
        ):
            assert all(0 <= s < e <= len(text) for s, e in spans)
