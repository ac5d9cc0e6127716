"""The finder as readers use it: queries drawn the way people remember documents, typed one
key at a time, on the real moties with their text and on every real parliamentary id.

    uv run python benchmarks/finder.py [PER_KIND]

Builds (once, cached in benchmarks/.cache) the library of the 7,034 real moties with their
text and the catalogue of all 720,996 real ids (see finder_library.py), draws PER_KIND queries
(default 25) of each kind in remembered.py with a fixed seed, and types each query, and the
number queries of finder_queries.tsv, character by character into one
`kamerlezer find --stdin --json` process per library. Prints, per library:
- for each kind, how often the intended document is in the top 3 (kind e: in the top N, N
  being how many documents truly match all of it), and word queries answered with nothing;
- whether each number query puts its document first;
- the median, p95 and max latency per keystroke, per kind, and the process's peak memory;
and, on the catalogue, the reader's first paint and, where fzf is installed, full queries
through `fzf --filter` over the same lines (the baseline, measured in the same run).
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
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from finder_library import SHARED, build, build_own_words, build_with_text
from remembered import DESCRIPTIONS, KINDS, SEED, Remembered, draw, with_official_subject

NUMBERS = Path(__file__).resolve().parent / "finder_queries.tsv"
CORPUS = SHARED / "corpora/moties-2023-2025.tar.xz"
ROOT = Path(__file__).resolve().parents[1]
LISTED = 50  # results a query asks for, as the reader's finder pane does


def number_queries() -> list[Remembered]:
    rows = []
    for line in NUMBERS.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            query, expected, _note = line.split("\t")
            rows.append(Remembered("number", query, expected))
    return rows


@dataclass
class Typed:
    """What typing a set of queries into one finder process measured."""

    latencies: dict[str, list[float]] = field(default_factory=dict)  # kind -> per keystroke
    found: dict[str, int] = field(default_factory=dict)  # kind -> intended one where wanted
    asked: dict[str, int] = field(default_factory=dict)
    found_in_three: dict[str, int] = field(default_factory=dict)
    empty: list[str] = field(default_factory=list)  # word queries answered with nothing
    misses: list[str] = field(default_factory=list)
    first: float = 0.0
    peak_kb: int = 0


def type_queries(library: Path, queries: list[Remembered]) -> Typed:
    """Every prefix of every query through one finder process, timed per keystroke."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "--db",
            str(library),
            "find",
            "--stdin",
            "--json",
            "--limit",
            str(LISTED),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        cwd=ROOT,
    )
    assert process.stdin is not None and process.stdout is not None
    typed = Typed()
    started_process = True
    for remembered in queries:
        kind = remembered.kind
        answer: dict[str, object] = {}
        for end in range(1, len(remembered.query) + 1):
            started = time.perf_counter()
            process.stdin.write(remembered.query[:end] + "\n")
            process.stdin.flush()
            answer = json.loads(process.stdout.readline())
            elapsed = time.perf_counter() - started
            if started_process:  # starts Python and reads the vocabulary
                typed.first, started_process = elapsed, False
            else:
                typed.latencies.setdefault(kind, []).append(elapsed)
        results = answer.get("results")
        keys = [r["key"] for r in results] if isinstance(results, list) else []
        wanted = 1 if kind == "number" else remembered.matching if kind == "e" else 3
        typed.asked[kind] = typed.asked.get(kind, 0) + 1
        if kind == "e":
            in_three = remembered.expected in keys[: max(3, wanted)]
            typed.found_in_three[kind] = typed.found_in_three.get(kind, 0) + in_three
        if remembered.expected in keys[:wanted]:
            typed.found[kind] = typed.found.get(kind, 0) + 1
        else:
            typed.misses.append(
                f"({kind}) {remembered.query!r}: wanted {remembered.expected}"
                f" in the first {wanted}, got {keys[:3]}"
            )
        if kind != "number" and not keys:
            typed.empty.append(remembered.query)
    typed.peak_kb = _peak_memory_kb(process.pid)
    process.stdin.close()
    process.wait()
    return typed


def _peak_memory_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def report(name: str, typed: Typed) -> None:
    print(f"\n== {name}")
    for kind in [*KINDS, "number"]:
        asked = typed.asked.get(kind, 0)
        if not asked:
            continue
        found = typed.found.get(kind, 0)
        what = DESCRIPTIONS.get(kind, "number in any spelling, first")
        where = "top N" if kind == "e" else "first" if kind == "number" else "top 3"
        what = what if len(what) < 60 else what[:57] + "..."
        line = f"  ({kind}) {what}: {found}/{asked} = {100 * found / asked:.0f}% in the {where}"
        if kind == "e":
            in_three = typed.found_in_three.get(kind, 0)
            line += f" ({in_three}/{asked} in the top max(N, 3))"
        print(line)
    print(f"  word queries answered with nothing: {len(typed.empty)}")
    print("  per keystroke, ms (median / p95 / max):")
    everything: list[float] = []
    for kind, latencies in typed.latencies.items():
        everything += latencies
        print(f"    ({kind}) {_figures(latencies)}  [{len(latencies)} keystrokes]")
    print(f"    all  {_figures(everything)}  [{len(everything)} keystrokes]")
    print(f"  first answer (starts the process, reads the vocabulary): {typed.first:.2f} s")
    print(f"  finder process peak memory: {typed.peak_kb / 1024:.0f} MB")
    for miss in typed.misses:
        print(f"  missed {miss}")


def _figures(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    median = statistics.median(ordered) * 1000
    p95 = ordered[int(len(ordered) * 0.95)] * 1000
    return f"{median:5.1f} / {p95:5.1f} / {ordered[-1] * 1000:6.1f}"


def _show(library: str, remembered: list[Remembered], numbers: list[Remembered]) -> None:
    print(
        f"\nqueries for {library}: {len(remembered)} remembered (seed {SEED}),"
        f" {len(numbers)} numbers"
    )
    for kind in KINDS:
        examples = [r.query for r in remembered if r.kind == kind][:3]
        if examples:
            print(f"  ({kind}) e.g. " + "; ".join(repr(e) for e in examples))


def fzf_times(library: Path, queries: list[Remembered]) -> list[float] | None:
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
    for remembered in queries:
        with lines.open("rb") as source:
            started = time.perf_counter()
            subprocess.run(
                ["fzf", "--filter", remembered.query],
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
    per_kind = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    started = time.perf_counter()
    with_text, catalogue = build_with_text(), build()
    print(
        f"libraries: {with_text.name}, {catalogue.name}"
        f" ({time.perf_counter() - started:.1f} s to build or find)"
    )
    numbers = number_queries()
    official = with_official_subject(CORPUS)
    remembered = draw(with_text, official, per_kind)
    _show("the moties with their text", remembered, numbers)
    report("the 7,034 real moties with their text", type_queries(with_text, remembered + numbers))
    # A reader may have read the Kamer's subject on its site while the library knows the
    # motie only by its own words (no open data loaded): the same queries, that library.
    own_words = build_own_words(official)
    subject_queries = [r for r in remembered if r.kind in "abchi"]
    report(
        "the same moties known by subjects made from their own words (kinds a, b, c, h, i)",
        type_queries(own_words, subject_queries),
    )
    # The catalogue holds the real moties its id list knew of (to 2024), without their text,
    # so its queries are drawn from those, by the subjects the library gave them.
    listed = draw(catalogue, None, per_kind, kinds="abcef")
    _show("the catalogue", listed, numbers)
    typed = type_queries(catalogue, listed + numbers)
    report("all 720,996 real ids, without text", typed)
    print(f"\nreader's first paint on the catalogue: {first_paint(catalogue):.2f} s (target: 1 s)")
    fzf = fzf_times(catalogue, listed + numbers)
    if fzf:
        ours = statistics.median(t for kind in typed.latencies for t in typed.latencies[kind])
        theirs = statistics.median(fzf)
        print(
            f"full query through fzf --filter: median {theirs * 1000:.0f} ms, against"
            f" {ours * 1000:.1f} ms a keystroke here: {theirs / ours:.0f}x"
        )


if __name__ == "__main__":
    main()
