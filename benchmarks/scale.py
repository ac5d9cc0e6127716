"""kamerlezer at a parliament's size: 50,000, 100,000 and 200,000 documents shaped like the
real ones and 720,000 with letter-length text (``scale_library.py``), each figure against the
7,034 real moties in the same run.

    uv run python benchmarks/scale.py [SIZES...]     (720000: parliament's size)

Prints, per library: its vocabulary, the load rate, its size on disk and its search index's,
full-text search per query (median and p95 in this process, its pages in memory and read
from disk, and side by side with the 7k library in one stretch of time; the worst query; as
a ``kamerlezer search`` process, with that process's peak memory), the compound lookup per
word, the phrase every document holds, a search in a small dossier and in one of 5,000, the
finder per keystroke (the remembered queries of ``benchmarks/finder.py``, typed key by key
into one ``kamerlezer find --stdin`` process, with its memory), the reader's first paint, and
how long a key waits while the tree opens the dossier of 5,000 documents; then how each grows
as a table.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from finder import CORPUS, ROOT, first_paint, type_queries
from finder_library import build_with_text
from remembered import draw, with_official_subject
from scale_library import (
    BIG_DOSSIER,
    EVERY_DOCUMENT_PHRASE,
    PARLIAMENT,
    SIZES,
    build,
    build_parliament,
    rate_for,
)
from search import QUERIES

if TYPE_CHECKING:
    from db.search import Searcher

PROCESS_QUERIES = QUERIES[:20]  # a process each: the 20 first are enough for a median and p95


@dataclass
class Figures:
    name: str
    documents: int = 0
    terms: int = 0
    load_rate: float = 0.0
    load_mb: float = 0.0  # peak memory of the load (as ``kamerlezer load``)
    search: tuple[float, float] = (0.0, 0.0)  # median, p95 in ms, its pages in memory
    # The same, each query asked right after the 7k library's (search_side_by_side): both.
    side_by_side: tuple[tuple[float, float], tuple[float, float]] = ((0.0, 0.0), (0.0, 0.0))
    search_cold: tuple[float, float] = (0.0, 0.0)  # the same, read from disk
    found: float = 0.0  # documents a query finds (median)
    per_found: float = 0.0  # µs of search per document found, over all the queries
    search_process: tuple[float, float] = (0.0, 0.0)
    search_mb: float = 0.0
    finder: tuple[float, float] = (0.0, 0.0)
    finder_mb: float = 0.0
    paint: float = 0.0
    key_in_big_dossier: float = 0.0  # ms a key waits while the big dossier opens
    library_mb: float = 0.0
    index_mb: float = 0.0
    worst: tuple[str, float] = ("", 0.0)  # the slowest query and its ms
    compounds: tuple[float, float] = (0.0, 0.0)  # the compound lookup per word, ms
    phrase: tuple[str, int, float] = ("", 0, 0.0)  # the every-document phrase: hits, ms
    in_dossier: list[tuple[str, int, float]] = field(default_factory=list)  # query, hits, ms


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


def drop_from_page_cache(path: Path) -> bool:
    """The library's and its index's pages out of the system's page cache (Linux), so that a
    search reads them from disk as the first one after a while does; False where it cannot."""
    from db.search_index.schema import index_path

    if not hasattr(os, "posix_fadvise"):
        return False
    files = [p for p in path.parent.glob(path.name + "*") if p.is_file()]
    files += [p for p in index_path(path).iterdir() if p.is_file()]
    for file in files:
        descriptor = os.open(file, os.O_RDONLY)
        try:
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(descriptor)
    return True


def _ask_every_query(path: Path) -> tuple[list[float], list[int]]:
    """Each query once, of a library just opened (no word's forms or compounds known yet)."""
    from db.library import Library
    from db.search import Searcher

    with Library.open(path, write=False) as library:
        searcher = Searcher(library)
        assert searcher.engine() is not None, f"{path}: its search index is not up to date"
        times, found = [], []
        for query in QUERIES:
            started = time.perf_counter()
            result = searcher.search(query, limit=50)
            times.append(time.perf_counter() - started)
            found.append(result.total)
    return times, found


SIDE_BY_SIDE_ROUNDS = 5


def search_side_by_side(base_path: Path, path: Path) -> tuple[list[float], list[float]]:
    """Every query of the 7k library, then of ``path``, and again, SIDE_BY_SIDE_ROUNDS times
    (each library opened anew each time): the growth as one stretch of this machine's time
    measures it, not two stretches minutes apart (its speed drifts by a third between them).
    A library at a time, not a query at a time: that way each would push the other's pages
    out of the processor's caches, which no reader's search meets."""
    base_times: list[float] = []
    times: list[float] = []
    for _ in range(SIDE_BY_SIDE_ROUNDS):
        base_times += _ask_every_query(base_path)[0]
        times += _ask_every_query(path)[0]
    return base_times, times


def search_in_process(path: Path, figures: Figures) -> None:
    """Median and p95 in ms, cold (the library's pages dropped from the page cache first) and
    then warm (asked again of the library opened anew: its pages in memory, but no word's
    expansion remembered), and the worst query; how many documents the median query finds;
    and µs per document found: what a query costs grows with what it finds."""
    if drop_from_page_cache(path):
        cold, _ = _ask_every_query(path)
        figures.search_cold = _median_p95(cold)
    times, found = _ask_every_query(path)
    figures.search = _median_p95(times)
    figures.found = statistics.median(found)
    figures.per_found = sum(times) * 1e6 / max(1, sum(found))
    slowest = max(range(len(QUERIES)), key=times.__getitem__)
    figures.worst = (QUERIES[slowest], times[slowest] * 1000)


def _best_of_three(searcher: Searcher, query: str) -> tuple[int, float]:
    """Hits and ms (the best of three: what the query costs, not what the machine did)."""
    times, total = [], 0
    for _ in range(3):
        started = time.perf_counter()
        total = searcher.search(query, limit=50).total
        times.append(time.perf_counter() - started)
    return total, min(times) * 1000


def search_at_the_extremes(path: Path, figures: Figures, letters: bool) -> None:
    """The phrase every (made-up) document holds; a word in a small dossier and in the one of
    5,000: a filter costs what the dossier holds, not what the library does."""
    from db.library import Library
    from db.search import Searcher

    phrase = EVERY_DOCUMENT_PHRASE["letters" if letters else "moties"]
    small = "36410-VIII" if figures.name == "7k" else "40001"
    queries = [f"regering dossier:{small}"]
    if figures.name != "7k":
        queries.append(f"regering dossier:{BIG_DOSSIER}")
    with Library.open(path, write=False) as library:
        searcher = Searcher(library)
        searcher.search("warm")
        figures.phrase = (phrase, *_best_of_three(searcher, phrase))
        figures.in_dossier = [(query, *_best_of_three(searcher, query)) for query in queries]


def compound_lookup(path: Path) -> tuple[float, float]:
    """Median and p95 ms of finding the forms and compounds of each word of the queries,
    asked afresh (no word remembered from an earlier one)."""
    from db.index_words import compounds_of
    from db.library import Library
    from db.search import MAX_EXPANSIONS

    words = sorted({w.lower() for q in QUERIES for w in q.split() if w.isalpha() and len(w) >= 4})
    with Library.open(path, write=False) as library:
        compounds_of(library.conn, "warm", MAX_EXPANSIONS)
        times = []
        for word in words:
            started = time.perf_counter()
            compounds_of(library.conn, word, MAX_EXPANSIONS)
            times.append(time.perf_counter() - started)
    return _median_p95(times)


def sizes_on_disk(path: Path) -> tuple[float, float]:
    """MB of the library (its file and journal) and of its search index."""
    from db.search_index.schema import index_path

    library = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    index = sum(p.stat().st_size for p in index_path(path).iterdir() if p.is_file())
    return library / 1e6, index / 1e6


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
    """Milliseconds from Right (open the dossier of 5,000 in the tree) and Down typed as one
    burst, as keys arrive over SSH, to the cursor moved by Down: how long a key waits while
    the dossier opens, its pages read from disk. (Not until Pilot's press returns: that waits
    for the whole process to be idle, the finder's vocabulary read in a worker included.)"""
    from textual import events

    from db.library import Library
    from tui.app import KamerlezerApp

    async def once() -> float:
        with Library.open(path, write=False) as library:
            app = KamerlezerApp(library)
            async with app.run_test(size=(120, 36)) as pilot:
                await pilot.pause(0.5)
                tree = app.reader.dossier_tree
                node = tree.dossier_node(BIG_DOSSIER)
                assert node is not None and app._driver is not None
                tree.focus()
                tree.move_cursor(node)
                await pilot.pause()
                before = tree.cursor_line
                drop_from_page_cache(path)
                started = time.perf_counter()
                for name in ("right", "down"):  # open it, and the next key at once
                    key = events.Key(name, None)
                    key.set_sender(app)
                    app._driver.send_message(key)
                while tree.cursor_line != before + 1:
                    await asyncio.sleep(0.001)
                waited = time.perf_counter() - started
                await pilot.pause(2.0)  # let it finish filling
                return waited * 1000

    return min(asyncio.run(once()) for _ in range(2))


def measure(name: str, path: Path, queries: list, load_rate: float) -> Figures:  # type: ignore[type-arg]
    figures = Figures(name, load_rate=load_rate)
    figures.documents, figures.terms = vocabulary_size(path)
    figures.library_mb, figures.index_mb = sizes_on_disk(path)
    search_in_process(path, figures)
    figures.compounds = compound_lookup(path)
    search_at_the_extremes(path, figures, letters=name == f"{PARLIAMENT // 1000}k")
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
    b, s = figures.side_by_side
    print(
        f"  side by side with the 7k library (each asked every query in turn,"
        f" {SIDE_BY_SIDE_ROUNDS} times): median {s[0]:.1f} ms against {b[0]:.1f},"
        f" p95 {s[1]:.1f} against {b[1]:.1f} ({ratio(s[0], b[0])} / {ratio(s[1], b[1])};"
        " target within 2x)"
    )
    s, b = figures.search_cold, base.search_cold
    print(
        f"  read from disk (its pages dropped from the page cache first): median {s[0]:.1f} ms,"
        f" p95 {s[1]:.1f} ms ({ratio(s[0], b[0])} / {ratio(s[1], b[1])})"
    )
    print(
        f"  a query finds {figures.found:,.0f} documents"
        f" (median; {ratio(figures.found, base.found)} of the 7k library),"
        f" {figures.per_found:.1f} µs a document found"
        f" ({ratio(figures.per_found, base.per_found)})"
    )
    print(
        f"  the slowest query: {figures.worst[0]} ({figures.worst[1]:.1f} ms);"
        f" on disk: library {figures.library_mb:,.0f} MB, search index"
        f" {figures.index_mb:,.0f} MB ({ratio(figures.index_mb, figures.library_mb)})"
    )
    c, b = figures.compounds, base.compounds
    print(
        f"compound lookup per word: median {c[0]:.2f} ms, p95 {c[1]:.2f} ms"
        f" ({ratio(c[0], b[0])} / {ratio(c[1], b[1])} of the 7k library)"
    )
    phrase, hits, ms = figures.phrase
    print(f"  {phrase}: {hits:,} documents in {ms:.0f} ms (target: under 200 ms)")
    for query, hits, ms in figures.in_dossier:
        print(f"  {query}: {hits:,} documents in {ms:.1f} ms")
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
    sizes = [int(a) for a in sys.argv[1:]] or [*SIZES, PARLIAMENT]
    base_path = build_with_text()
    official = with_official_subject(CORPUS)
    queries = draw(base_path, official, per_kind=8, kinds="abcd")
    base = measure("7k", base_path, queries, 0.0)
    print(f"\n== the 7,034 real moties: {base.documents:,} documents, {base.terms:,} index words")
    print(
        f"search in process: median {base.search[0]:.1f} ms, p95 {base.search[1]:.1f} ms"
        f" (from disk: median {base.search_cold[0]:.1f} ms, p95 {base.search_cold[1]:.1f} ms)"
        f" ({base.found:,.0f} documents found, {base.per_found:.1f} µs each);"
        f" as a process: median {base.search_process[0]:.0f} ms, peak {base.search_mb:.0f} MB;"
        f" finder per keystroke p95 {base.finder[1]:.1f} ms; first paint {base.paint:.2f} s"
    )
    print(
        f"  compound lookup per word: median {base.compounds[0]:.2f} ms;"
        f" {base.phrase[0]}: {base.phrase[2]:.0f} ms;"
        + "".join(f" {q}: {ms:.1f} ms ({n} documents)" for q, n, ms in base.in_dossier)
    )
    rows = []
    for size in sizes:
        path = build_parliament() if size == PARLIAMENT else build(size)
        rate = json.loads(rate_for(size).read_text())
        figures = measure(f"{size // 1000}k", path, queries, rate["made"] / rate["seconds"])
        figures.load_mb = rate.get("peak_mb", 0.0)
        base_times, times = search_side_by_side(base_path, path)
        figures.side_by_side = (_median_p95(base_times), _median_p95(times))
        report(base, figures)
        rows.append(figures)
    print("\nhow it grows:")
    print(
        "  size      words    load/s  index MB  search ms (p95)  growth  from disk (p95)"
        "  compounds ms  phrase ms  process ms  finder p95  paint s  big-dossier key"
    )
    for f in [base, *rows]:
        growth = f"{f.search[0] / base.search[0]:.1f}x/{f.search[1] / base.search[1]:.1f}x"
        print(
            f"  {f.name:>5} {f.terms:>10,} {f.load_rate:>9,.0f} {f.index_mb:>9,.0f}"
            f" {f.search[0]:>8.1f} ({f.search[1]:>5.1f}) {growth:>9}"
            f" {f.search_cold[0]:>8.1f} ({f.search_cold[1]:>5.1f}) {f.compounds[0]:>11.2f}"
            f" {f.phrase[2]:>10.0f} {f.search_process[0]:>11.0f} {f.finder[1]:>11.1f}"
            f" {f.paint:>8.2f} {f.key_in_big_dossier:>10.0f} ms"
        )


if __name__ == "__main__":
    main()
