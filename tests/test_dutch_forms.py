"""The other forms of Dutch words that the finder looks for, and never an error on any word."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.finder.dutch_forms import other_forms


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("dierproeven", "dierproef"),
        ("vrouwen", "vrouw"),
        ("scholen", "school"),
        ("huizen", "huis"),
        ("kinderen", "kind"),
        ("regels", "regel"),
        ("bommen", "bom"),
        ("nieuwe", "nieuw"),
        ("grote", "groot"),
        ("steden", "stad"),
        ("dierproef", "dierproeven"),
        ("huis", "huizen"),
        ("school", "scholen"),
        ("bom", "bommen"),
        ("stad", "steden"),
    ],
)
def test_a_word_in_the_other_number(typed: str, meant: str) -> None:
    assert meant in other_forms(typed)


def test_short_words_and_numbers_have_no_other_forms() -> None:
    assert other_forms("de") == set()
    assert other_forms("2024") == set()


@given(st.text())
def test_any_text_gives_forms_other_than_itself(text: str) -> None:
    forms = other_forms(text)
    assert text not in forms
