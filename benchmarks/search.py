"""Full-text search on the 7,034 real moties plus the samples: query time and index size.

    uv run python benchmarks/search.py

Loads the corpus into a fresh library, then runs 50 queries a reader would type (words,
compounds, phrases, exclusions, prefixes, OR, filters) and prints the median and p95 time per
query (target: median under 20 ms) and the size of the full-text index against the text.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from db.library import Library
from db.loading.files import load_paths
from db.search import Searcher

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
            searcher = Searcher(library)
            searcher.search("warm")  # reads the index's vocabulary once
            times, totals = [], []
            for query in QUERIES:
                started = time.perf_counter()
                result = searcher.search(query, limit=50)
                times.append(time.perf_counter() - started)
                totals.append(result.total)
            conn = library.conn
            index = conn.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'documents_fts%'"
            ).fetchone()[0]
            text = conn.execute(
                "SELECT sum(length(CAST(text AS BLOB)) + length(CAST(title AS BLOB))"
                " + length(CAST(subject AS BLOB))) FROM documents"
            ).fetchone()[0]
    times.sort()
    print(f"queries: {len(QUERIES)}, {sum(1 for t in totals if t)} with hits")
    print(
        f"per query: median {statistics.median(times) * 1000:.1f} ms,"
        f" p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms,"
        f" max {times[-1] * 1000:.1f} ms (target: median under 20 ms)"
    )
    print(
        f"full-text index {index / 1e6:.1f} MB for {text / 1e6:.1f} MB of text: {index / text:.2f}x"
    )


if __name__ == "__main__":
    main()
