"""The search engine's index (tantivy) against the FTS5 search it is to replace: on the demo
documents and the test samples, the same totals, the same documents and the same counts per
dossier and kind, for every kind of query a reader types."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.library import Library
from db.search import Searcher, parse_query
from db.search_index.building import IndexState, build_index
from db.search_index.querying import IndexSearch
from db.search_index.schema import INDEX_VERSION

QUERIES = [
    "prosperity guardian",
    '"artikel 100-brief"',
    "navo OR nato irak",
    "prosperity -aspides",
    "missie*",
    "missie",  # inside compounds too: vredesmissie, navo-missie
    "financiële",  # diacritics ignored
    "dossier:29521 motie",
    "kind:motie vrede",
    "from:2024-01-01 to:2024-12-31 verzoekt",
    'spreker:"van baarle"',
    '"gaat over tot de orde van de dag"',
    "marechaussee",  # in a table's cell
    "koolmees tozo",  # who answered, and what about
]


@pytest.fixture(scope="module")
def engines(samples_library: Path, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("index") / "library.index"
    with Library.open(samples_library, write=False) as library:
        state = build_index(library, path)
        yield Searcher(library), IndexSearch(path), state


@pytest.mark.parametrize("text", QUERIES)
def test_the_index_finds_what_fts5_finds(engines, text: str) -> None:
    searcher, index, _ = engines
    fts5 = searcher.search(text, limit=1000)
    answer = index.answer(parse_query(text), searcher.expand, limit=1000, sort="rank")
    assert answer.total == fts5.total
    assert set(answer.keys) == {hit.key for hit in fts5.hits}
    assert sorted(answer.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))[:10] == fts5.by_kind
    # Per dossier, each of a document's dossiers counts it (as dossier: finds it there).
    for dossier, count in answer.by_dossier.items():
        assert count == searcher.search(f"{text} dossier:{dossier}", limit=1).total


def test_newest_first_is_the_newest_of_all_hits(engines) -> None:
    searcher, index, _ = engines
    answer = index.answer(parse_query("verzoekt"), searcher.expand, limit=5, sort="date")
    everything = searcher.search("verzoekt", limit=1000, sort="date")
    dates = {hit.key: hit.date for hit in everything.hits}
    newest = sorted(dates.values(), reverse=True)[:5]
    assert [dates[key] for key in answer.keys] == newest


def test_the_index_says_what_it_was_built_from(engines, samples_library: Path) -> None:
    _, _, state = engines
    with Library.open(samples_library, write=False) as library:
        loaded = library.conn.execute("SELECT count(*) FROM documents WHERE ghost = 0")
        assert state == IndexState(INDEX_VERSION, loaded.fetchone()[0])
