"""Queries no person types and documents longer than any parliament publishes: each is
answered in seconds or refused with a line, never minutes of work."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from db.finder import Finder
from db.library import Library
from db.loading.files import load_paths
from db.search import Searcher, SearchError

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("kabinet " * 12_500, "the query is 100,000 characters long; a search takes at most 1,000"),
        (" OR ".join(["motie"] * 5_000), "characters long"),
        (
            " OR ".join(f"w{n}" for n in range(100)),
            "the query has 100 words; a search takes at most 64",
        ),
    ],
    ids=["100 KB", "5,000 ORs", "100 words"],
)
def test_a_query_longer_than_people_type_is_refused_with_a_line(samples_library, query, said):
    with Library.open(samples_library, write=False) as library, pytest.raises(SearchError) as why:
        Searcher(library).search(query)
    assert said in str(why.value)


def test_the_finder_reads_the_beginning_of_a_paste_gone_wrong(samples_library) -> None:
    with Library.open(samples_library, write=False) as library:
        finder = Finder(library)
        answer = finder.find("9" * 100_000)
        assert "its first 200 characters" in answer.read_as
        answer = finder.find("kamerstuk 29 521 nr. 455 " + "x" * 100_000)
        assert answer.results and answer.results[0].key == "kst-29521-455"


def test_a_search_on_a_document_of_megabytes_takes_seconds(tmp_path) -> None:
    """FTS5's snippet weighs every window of a hit: 45 s on this 6 MB document."""
    words = "het kabinet heeft besloten dat de regering de motie uitvoert en de kamer".split()
    chance = random.Random(7)
    text = " ".join(chance.choice(words) for _ in range(1_000_000))
    source = tmp_path / "long.jsonl"
    source.write_text(json.dumps({"key": "kst-29521-997", "text": text, "citations": []}) + "\n")
    library = tmp_path / "l.db"
    with Library.open(library) as opened:
        assert load_paths(opened, [source], parallel=False).loaded == 1
    done = subprocess.run(  # a guard against minutes, not a measure of speed
        [sys.executable, "-m", "tui.cli", "--db", str(library), "search", "kabinet", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    (hit,) = json.loads(done.stdout)["hits"]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "kabinet"
