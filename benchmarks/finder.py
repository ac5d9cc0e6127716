"""The finder at parliament scale: 720,996 real ids, queries typed one key at a time.

    uv run python benchmarks/finder.py

Builds (once, cached in benchmarks/.cache) the library of every real parliamentary id with
real titles (see finder_library.py), then types each query of finder_queries.tsv character by
character into one `kamerlezer find --stdin --json` process and prints:
- the median and p95 latency per keystroke (targets: 30 ms and 100 ms), and the first
  keystroke apart (it reads the index's vocabulary);
- whether each query puts its document first (numbers) or in the top 3 (words);
- the finder process's peak memory;
- the same full queries through `fzf --filter` over the same lines, and the ratio.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from finder_library import build

QUERIES = Path(__file__).resolve().parent / "finder_queries.tsv"


def read_queries() -> list[tuple[str, str, str]]:
    rows = []
    for line in QUERIES.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            query, expected, note = line.split("\t")
            rows.append((query, expected, note))
    return rows


def type_queries(library: Path, queries: list[tuple[str, str, str]]) -> dict[str, object]:
    """Every prefix of every query through one finder process, timed per keystroke."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--db", str(library), "find", "--stdin", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert process.stdin is not None and process.stdout is not None
    latencies: list[float] = []
    full_query: list[float] = []
    misses: list[str] = []
    first = None
    for query, expected, note in queries:
        for end in range(1, len(query) + 1):
            started = time.perf_counter()
            process.stdin.write(query[:end] + "\n")
            process.stdin.flush()
            answer = json.loads(process.stdout.readline())
            elapsed = time.perf_counter() - started
            if first is None:
                first = elapsed
            else:
                latencies.append(elapsed)
        full_query.append(elapsed)
        keys = [r["key"] for r in answer["results"]]
        wanted = keys[:1] if note.startswith("number") else keys[:3]
        if expected not in wanted:
            misses.append(f"{query!r}: wanted {expected}, got {keys[:3]}")
    peak = _peak_memory_kb(process.pid)
    process.stdin.close()
    process.wait()
    latencies.sort()
    return {
        "keystrokes": len(latencies) + 1,
        "first": first or 0.0,
        "median": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95)],
        "max": latencies[-1],
        "full_query_median": statistics.median(full_query),
        "misses": misses,
        "peak_kb": peak,
    }


def _peak_memory_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def fzf_times(library: Path, queries: list[tuple[str, str, str]]) -> list[float] | None:
    """Each full query through `fzf --filter` over the same documents, one line each."""
    if shutil.which("fzf") is None:
        print("fzf is not installed (apt-get install fzf): no comparison")
        return None
    import sqlite3

    lines = Path(tempfile.mkdtemp()) / "documents.txt"
    conn = sqlite3.connect(f"{library.resolve().as_uri()}?mode=ro", uri=True)
    with lines.open("w") as out:
        for key, title, subject, kind, dossier_title in conn.execute(
            "SELECT d.key, d.title, d.subject, d.kind, coalesce(s.title, '') FROM documents d"
            " LEFT JOIN dossiers s ON s.key = d.dossier"
        ):
            out.write(f"{key} {subject} {title} {dossier_title} {kind}\n".replace("\n ", " "))
    conn.close()
    times = []
    environment = {**os.environ, "LC_ALL": "C.UTF-8"}
    for query, _expected, _note in queries:
        with lines.open("rb") as source:
            started = time.perf_counter()
            subprocess.run(
                ["fzf", "--filter", query],
                stdin=source,
                stdout=subprocess.DEVNULL,
                env=environment,
                check=False,
            )
            times.append(time.perf_counter() - started)
    lines.unlink()
    return times


def first_paint(library: Path) -> float:
    """Seconds from opening the library to the reader's first drawn screen (best of 3)."""
    import asyncio

    from db.library import Library
    from tui.app import KamerlezerApp

    class TimedReader(KamerlezerApp):
        painted = 0.0

        def on_mount(self) -> None:
            super().on_mount()
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            self.painted = time.perf_counter()

    async def once() -> float:
        started = time.perf_counter()
        with Library.open(library, write=False) as opened:
            app = TimedReader(opened)
            async with app.run_test(size=(120, 36)) as pilot:
                while not app.painted:
                    await pilot.pause(0.01)
        return app.painted - started

    return min(asyncio.run(once()) for _ in range(3))


def main() -> None:
    started = time.perf_counter()
    library = build()
    print(f"library: {library} ({time.perf_counter() - started:.1f} s to build or find)")
    queries = read_queries()
    numbers = sum(1 for *_, note in queries if note.startswith("number"))
    print(f"queries: {len(queries)} ({numbers} numbers, {len(queries) - numbers} word queries)")
    typed = type_queries(library, queries)
    median, p95, longest = (float(typed[name]) for name in ("median", "p95", "max"))  # type: ignore[arg-type]
    print(
        f"per keystroke ({typed['keystrokes']} keystrokes): median {median * 1000:.1f} ms,"
        f" p95 {p95 * 1000:.1f} ms, max {longest * 1000:.1f} ms"
        " (targets: median 30 ms, p95 100 ms)"
    )
    print(f"first answer (starts the process, reads the vocabulary): {typed['first']:.2f} s")
    print(f"finder process peak memory: {float(typed['peak_kb']) / 1024:.0f} MB")  # type: ignore[arg-type]
    misses = typed["misses"]
    assert isinstance(misses, list)
    print(
        f"intended document first (numbers) or in the top 3 (words): {len(queries) - len(misses)}"
        f"/{len(queries)}"
    )
    for miss in misses:
        print(f"  missed {miss}")
    demo = Path(tempfile.mkdtemp()) / "demo.db"
    from db.demo import ensure_demo_library
    from db.library import Library

    with Library.open(demo) as opened:
        ensure_demo_library(opened)
    print(
        f"reader's first paint: {first_paint(library):.2f} s on this library,"
        f" {first_paint(demo):.2f} s on the demo library (target: under 1 s)"
    )
    fzf = fzf_times(library, queries)
    if fzf:
        ours = typed["full_query_median"]
        assert isinstance(ours, float)
        theirs = statistics.median(fzf)
        print(
            f"full query: kamerlezer median {ours * 1000:.1f} ms, fzf --filter median"
            f" {theirs * 1000:.0f} ms: {theirs / ours:.0f}x faster (target: 10x)"
        )


if __name__ == "__main__":
    main()
