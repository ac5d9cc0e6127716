"""Full-text search on the 7,034 real moties plus the samples: query time and index size.

    uv run python benchmarks/search.py

Loads the corpus into a fresh library, then runs 50 queries a reader would type (words,
compounds, phrases, exclusions, prefixes, OR, filters) and prints the median and p95 time per
query (target: median under 20 ms) and the size of the full-text index against the text.
It builds the search engine's index (tantivy, db/search_index) from the same library and runs
the same queries through it, interleaved with FTS5, and prints its times, its build time and
size, and every query whose total differs between the two.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from db.library import Library
from db.loading.files import load_paths
from db.search import Searcher, parse_query
from db.search_index.querying import IndexSearch
from db.search_index.writing import build_index

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SOURCES = [SHARED / "corpora/moties-2023-2025.tar.xz", SHARED / "kamerstukken-samples"]

QUERIES = [
    "Prosperity Guardian",
    "stikstof",
    "missie",
    "vredesmissie",
    "woningmarkt huurders",
    '"artikel 100"',
    '"gaat over tot de orde van de dag"',
    "navo OR nato",
    "oekraïne wapens",
    "oekraine",
    "gaza -israël",
    "klimaat* kind:motie",
    "onderwijs dossier:36410-VIII",
    "jeugdzorg from:2024-01-01",
    "defensie to:2023-12-31",
    "asiel*",
    "zorgverzekering eigen risico",
    "boeren natuur",
    "energie armoede",
    "toeslagen ouders",
    "groningen gaswinning",
    "schiphol geluid",
    "studiefinanciering",
    "huurtoeslag",
    "dierenwelzijn",
    "wolf",
    "drugs criminaliteit",
    "AI algoritmes",
    "privacy",
    "Europese Commissie",
    "vluchtelingen opvang gemeenten",
    "sancties rusland",
    "mensenhandel",
    "pensioen*",
    "minimumloon",
    "kernenergie",
    "windparken zee",
    "waterstof",
    "fietsen",
    "openbaar vervoer regio",
    "Caribisch Nederland",
    "Bonaire",
    "veteranen",
    "discriminatie arbeidsmarkt",
    "desinformatie",
    "cybersecurity",
    "brandweer vrijwilligers",
    "gevangenis* personeel",
    "belasting* vermogen",
    "lobby transparantie",
]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.db"
        with Library.open(path) as library:
            report = load_paths(library, SOURCES)
        print(f"library: {report.loaded} documents")
        with Library.open(path, write=False) as library:
            started = time.perf_counter()
            build_index(library.conn, Path(folder) / "library.index")
            built = time.perf_counter() - started
            engine = IndexSearch(Path(folder) / "library.index")
            searcher = Searcher(library, use_index=False)
            searcher.search("warm")  # reads the index's vocabulary once
            times, engine_times, totals, differ = [], [], [], []
            for query in QUERIES:  # interleaved: both see the same cache
                started = time.perf_counter()
                result = searcher.search(query, limit=50)
                times.append(time.perf_counter() - started)
                totals.append(result.total)
                started = time.perf_counter()
                answer = engine.answer(parse_query(query), searcher.expand, limit=50, sort="rank")
                engine_times.append(time.perf_counter() - started)
                if answer.total != result.total:
                    differ.append(f"{query}: FTS5 {result.total}, index {answer.total}")
            conn = library.conn
            index = conn.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'documents_fts%'"
            ).fetchone()[0]
            text = conn.execute(
                "SELECT sum(length(CAST(text AS BLOB)) + length(CAST(title AS BLOB))"
                " + length(CAST(subject AS BLOB))) FROM documents"
            ).fetchone()[0]
            engine_size = sum(f.stat().st_size for f in (Path(folder) / "library.index").iterdir())
    print(f"queries: {len(QUERIES)}, {sum(1 for t in totals if t)} with hits")
    for name, measured in (("FTS5", times), ("index", engine_times)):
        measured.sort()
        print(
            f"{name:>5} per query: median {statistics.median(measured) * 1000:.1f} ms,"
            f" p95 {measured[int(len(measured) * 0.95)] * 1000:.1f} ms,"
            f" max {measured[-1] * 1000:.1f} ms (target: median under 20 ms)"
        )
    print(
        f"full-text index {index / 1e6:.1f} MB for {text / 1e6:.1f} MB of text: {index / text:.2f}x"
    )
    print(
        f"search engine's index: built in {built:.1f} s, {engine_size / 1e6:.1f} MB"
        f" ({engine_size / text:.2f}x the text)"
    )
    print(f"totals that differ: {len(differ)}")
    for line in differ:
        print("  " + line)


if __name__ == "__main__":
    main()
