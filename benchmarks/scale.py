"""kamerlezer at a parliament's size: 50,000, 100,000 and 200,000 documents shaped like the
real ones (``scale_library.py``), each figure against the 7,034 real moties in the same run.

    uv run python benchmarks/scale.py [SIZES...]

Prints, per library: its vocabulary, the load rate, full-text search per query (median and
p95, in this process and as a ``kamerlezer search`` process, with that process's peak
memory), the finder per keystroke (the remembered queries of ``benchmarks/finder.py``, typed
key by key into one ``kamerlezer find --stdin`` process, with its memory), the reader's first
paint, and how long a key waits while the tree opens the dossier of 5,000 documents; then
how each grows from 50k to 200k as a table.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from finder import CORPUS, ROOT, first_paint, type_queries
from finder_library import build_with_text
from remembered import draw, with_official_subject
from scale_library import BIG_DOSSIER, SIZES, build, rate_for
from search import QUERIES

PROCESS_QUERIES = QUERIES[:20]  # a process each: the 20 first are enough for a median and p95


@dataclass
class Figures:
    name: str
    documents: int = 0
    terms: int = 0
    load_rate: float = 0.0
    load_mb: float = 0.0  # peak memory of the load (as ``kamerlezer load``)
    search: tuple[float, float] = (0.0, 0.0)  # median, p95 in ms
    found: float = 0.0  # documents a query finds (median)
    per_found: float = 0.0  # µs of search per document found, over all the queries
    search_process: tuple[float, float] = (0.0, 0.0)
    search_mb: float = 0.0
    finder: tuple[float, float] = (0.0, 0.0)
    finder_mb: float = 0.0
    paint: float = 0.0
    key_in_big_dossier: float = 0.0  # ms a key waits while the big dossier opens


def _median_p95(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95)] * 1000


def vocabulary_size(path: Path) -> tuple[int, int]:
    from db.library import Library

    with Library.open(path, write=False) as library:
        conn = library.conn
        documents = conn.execute("SELECT count(*) FROM documents WHERE ghost = 0").fetchone()[0]
        terms = conn.execute("SELECT count(*) FROM index_words").fetchone()[0]
    return int(documents), int(terms)


def search_in_process(path: Path) -> tuple[tuple[float, float], float, float]:
    """Median and p95 in ms; how many documents the median query finds; and µs per document
    found, over all the queries: what a query costs grows with what it finds."""
    from db.library import Library
    from db.search import Searcher

    with Library.open(path, write=False) as library:
        searcher = Searcher(library)
        searcher.search("warm")
        times, found = [], []
        for query in QUERIES:
            started = time.perf_counter()
            result = searcher.search(query, limit=50)
            times.append(time.perf_counter() - started)
            found.append(result.total)
    per_found = sum(times) * 1e6 / max(1, sum(found))
    return _median_p95(times), statistics.median(found), per_found


def search_processes(path: Path) -> tuple[tuple[float, float], float]:
    """Each query as a user's `kamerlezer search` (a process: start, open, vocabulary)."""
    times = []
    peak = 0
    for query in PROCESS_QUERIES:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "--db", str(path), "search", query, "--json"],
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
        )
        _, status, usage = os.wait4(process.pid, 0)  # this process's own peak memory
        process.returncode = os.waitstatus_to_exitcode(status)
        times.append(time.perf_counter() - started)
        assert process.returncode == 0, query
        peak = max(peak, usage.ru_maxrss)
    return _median_p95(times), peak / 1024


def key_during_big_dossier(path: Path) -> float:
    """Milliseconds from a key pressed right after the dossier of 5,000 is opened in the tree
    to the key handled (the cursor moved)."""
    from db.library import Library
    from tui.app import KamerlezerApp

    async def once() -> float:
        with Library.open(path, write=False) as library:
            app = KamerlezerApp(library)
            async with app.run_test(size=(120, 36)) as pilot:
                await pilot.pause(0.5)
                tree = app.reader.dossier_tree
                node = tree.dossier_node(BIG_DOSSIER)
                assert node is not None
                tree.focus()
                tree.move_cursor(node)
                await pilot.pause()
                before = tree.cursor_line
                await pilot.press("right")  # open it
                started = time.perf_counter()
                await pilot.press("down")
                waited = time.perf_counter() - started
                assert tree.cursor_line == before + 1
                await pilot.pause(2.0)  # let it finish filling
                return waited * 1000

    return min(asyncio.run(once()) for _ in range(2))


def measure(name: str, path: Path, queries: list, load_rate: float) -> Figures:  # type: ignore[type-arg]
    figures = Figures(name, load_rate=load_rate)
    figures.documents, figures.terms = vocabulary_size(path)
    figures.search, figures.found, figures.per_found = search_in_process(path)
    figures.search_process, figures.search_mb = search_processes(path)
    typed = type_queries(path, queries)
    keystrokes = [t for kind in typed.latencies for t in typed.latencies[kind]]
    figures.finder = _median_p95(keystrokes)
    figures.finder_mb = typed.peak_kb / 1024
    figures.paint = first_paint(path)
    if name != "7k":
        figures.key_in_big_dossier = key_during_big_dossier(path)
    return figures


def report(base: Figures, figures: Figures) -> None:
    def ratio(ours: float, theirs: float) -> str:
        return f"{ours / theirs:.2f}x" if theirs else "-"

    print(f"\n== {figures.name}: {figures.documents:,} documents, {figures.terms:,} index words")
    if figures.load_rate:
        print(
            f"load: {figures.load_rate:,.0f} documents/s (target: at least 2,000),"
            f" peak {figures.load_mb:.0f} MB"
        )
    s, b = figures.search, base.search
    print(
        f"search in process: median {s[0]:.1f} ms, p95 {s[1]:.1f} ms"
        f" ({ratio(s[0], b[0])} / {ratio(s[1], b[1])} of the 7k library; target within 2x)"
    )
    print(
        f"  a query finds {figures.found:,.0f} documents"
        f" (median; {ratio(figures.found, base.found)} of the 7k library),"
        f" {figures.per_found:.1f} µs a document found"
        f" ({ratio(figures.per_found, base.per_found)})"
    )
    s, b = figures.search_process, base.search_process
    print(
        f"search as a process: median {s[0]:.0f} ms, p95 {s[1]:.0f} ms"
        f" ({ratio(s[0], b[0])} / {ratio(s[1], b[1])}), peak {figures.search_mb:.0f} MB"
        " (target: under 300 MB)"
    )
    f, b = figures.finder, base.finder
    print(
        f"finder per keystroke: median {f[0]:.1f} ms, p95 {f[1]:.1f} ms"
        f" ({ratio(f[1], b[1])} of the 7k p95; target: p95 under 30 ms),"
        f" peak {figures.finder_mb:.0f} MB"
    )
    print(f"first paint: {figures.paint:.2f} s ({ratio(figures.paint, base.paint)}; target 1.3x)")
    if figures.key_in_big_dossier:
        print(
            f"a key while the {BIG_DOSSIER} dossier of 5,000 opens: handled in"
            f" {figures.key_in_big_dossier:.0f} ms (target: under 100 ms)"
        )


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or list(SIZES)
    base_path = build_with_text()
    official = with_official_subject(CORPUS)
    queries = draw(base_path, official, per_kind=8, kinds="abcd")
    base = measure("7k", base_path, queries, 0.0)
    print(f"\n== the 7,034 real moties: {base.documents:,} documents, {base.terms:,} index words")
    print(
        f"search in process: median {base.search[0]:.1f} ms, p95 {base.search[1]:.1f} ms"
        f" ({base.found:,.0f} documents found, {base.per_found:.1f} µs each);"
        f" as a process: median {base.search_process[0]:.0f} ms, peak {base.search_mb:.0f} MB;"
        f" finder per keystroke p95 {base.finder[1]:.1f} ms; first paint {base.paint:.2f} s"
    )
    rows = []
    for size in sizes:
        path = build(size)
        rate = json.loads(rate_for(size).read_text())
        figures = measure(f"{size // 1000}k", path, queries, rate["made"] / rate["seconds"])
        figures.load_mb = rate.get("peak_mb", 0.0)
        report(base, figures)
        rows.append(figures)
    print("\nhow it grows:")
    print("  size   words      load/s  search ms  process ms  finder p95  paint s  big-dossier key")
    for f in [base, *rows]:
        print(
            f"  {f.name:>5} {f.terms:>9,} {f.load_rate:>9,.0f} {f.search[0]:>9.1f}"
            f" {f.search_process[0]:>11.0f} {f.finder[1]:>11.1f} {f.paint:>8.2f}"
            f" {f.key_in_big_dossier:>10.0f} ms"
        )


if __name__ == "__main__":
    main()
