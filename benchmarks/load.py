"""Load the 7,034 real moties into a fresh library and compare with lxml parsing alone.

    uv run python benchmarks/load.py [ARCHIVE]

Prints documents per second for both, and the ratio (target: at most 3x). Both runs read the
same archive the same way, so decompression costs the same on both sides. Each is run
``ROUNDS`` times, alternating, and the fastest round counts: timings on a shared machine only
ever get slower than the code is.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from db.library import Library
from db.loading.files import load_paths
from loaders.pipeline.sources import iter_sources

ROUNDS = 3
DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/corpora/moties-2023-2025.tar.xz"


def parse_only(archive: Path) -> tuple[int, float]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    started = time.perf_counter()
    count = 0
    for source in iter_sources(archive):
        etree.fromstring(source.read(), parser)
        count += 1
    return count, time.perf_counter() - started


def full_load(archive: Path) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "library.db")
        started = time.perf_counter()
        report = load_paths(library, [archive])
        elapsed = time.perf_counter() - started
        library.close()
    if report.failed:
        print(f"{report.failed} files failed: {report.errors[:3]}", file=sys.stderr)
    return report.loaded, elapsed


def main() -> None:
    archive = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    parses, loads = [], []
    for _ in range(ROUNDS):
        parses.append(parse_only(archive))
        loads.append(full_load(archive))
    parsed, parse_seconds = min(parses, key=lambda r: r[1])
    loaded, load_seconds = min(loads, key=lambda r: r[1])
    print(f"rounds: {ROUNDS}; load times " + ", ".join(f"{s:.2f}" for _, s in loads) + " s")
    print(f"archive: {archive.name}")
    for label, count, seconds in (
        ("lxml parse only", parsed, parse_seconds),
        ("kamerlezer load", loaded, load_seconds),
    ):
        print(f"{label}: {count:6d} files in {seconds:6.2f} s = {count / seconds:8.0f} per s")
    print(f"ratio load/parse: {load_seconds / parse_seconds:.2f}x (target: at most 3x)")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    reading = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {own:.0f} MB (this process), {reading:.0f} MB (its reading process)")


if __name__ == "__main__":
    main()
