"""The finder's vocabulary: in a large one, a typo is looked for among the words that begin
as it does (or with its first two letters swapped), and a part among the compounds it ends."""

from __future__ import annotations

import db.finder.vocabulary
from db.finder.vocabulary import Vocabulary

WORDS = [
    ("vredesmissie", "text", 5),
    ("vredesmissies", "text", 9),
    ("missiegebied", "text", 2),
    ("commissie", "text", 40),
    ("missie", "title", 30),
    ("defensie", "text", 50),
    ("deffensie", "text", 1),
    ("efdensie", "text", 1),
    ("edfensie", "text", 1),
    ("missietje", "text", 1),
]


def test_a_small_vocabulary_looks_everywhere() -> None:
    vocabulary = Vocabulary(WORDS)
    inside = [t.text for t in vocabulary.containing("missie", 10)]
    assert inside == ["commissie", "vredesmissies", "vredesmissie"]  # most frequent first
    near = {t.text for t, _ in vocabulary.within_edits("defensie", 1, 10)}
    assert near == {"deffensie", "edfensie"}  # a swap of the first two letters too


def test_a_large_vocabulary_looks_where_typos_and_compounds_are(monkeypatch) -> None:
    monkeypatch.setattr(db.finder.vocabulary, "EVERY_WORD_UP_TO", 5)
    vocabulary = Vocabulary(WORDS)
    inside = [t.text for t in vocabulary.containing("missie", 10)]
    assert inside == ["commissie", "vredesmissies", "vredesmissie"]  # the compounds it ends
    near = {t.text for t, _ in vocabulary.within_edits("defensie", 1, 10)}
    assert near == {"deffensie", "edfensie"}
    assert {t.text for t, _ in vocabulary.within_edits("dfensie", 1, 10)} >= {"defensie"}
