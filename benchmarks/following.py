"""What following costs a reader, on the library of 200,000 documents (``scale_library.py``).

    uv run python benchmarks/following.py [SIZE]

Prints how long "what is new" takes (as ``kamerlezer new``, and the reader's tree at each
start and after each load) for a dossier, a person and a search followed since the library
was empty, the worst case: everything loaded since is new, and the answer is the thousands
of documents each holds. Then what the reader writes to your own state as you read: the
place kept at each document opened, and a note's draft at each key typed. The state is made
in a temporary folder; the library is only read.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_library import build

from db.library import Library
from db.user_state import STATE_VARIABLE, UserState
from db.user_state.follows import FollowKind, follow, what_is_new
from db.user_state.notes import keep_draft
from db.user_state.places import Place, save_places

FOLLOWED: list[tuple[FollowKind, str]] = [
    ("dossier", "40001"),
    ("person", "Dobbe"),
    ("search", "stikstof kind:motie"),
]
TIMES = 100


def _ms(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    median = statistics.median(ordered) * 1000
    return f"median {median:.2f} ms, p95 {ordered[int(len(ordered) * 0.95)] * 1000:.2f} ms"


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    path = build(size)
    os.environ[STATE_VARIABLE] = tempfile.mkdtemp()
    with Library.open(path, write=False) as library:
        print(f"== {size:,} documents; what is new, followed since the library was empty")
        for kind, value in FOLLOWED:
            with UserState.open(library) as state:
                follow(state, library, kind, value)
                state.conn.execute("UPDATE follows SET since_generation = 0")
                started = time.perf_counter()
                new = what_is_new(state, library)
                spent = time.perf_counter() - started
            print(f"  + {kind} {value}: {len(new):,} new documents in all, {spent * 1000:.0f} ms")
        places = [Place("document", f"kst-40001-{n}", 10.0, None) for n in range(50)]

        def keep_place(state: UserState) -> None:
            save_places(state, places, 49)

        def keep_a_draft(state: UserState) -> None:
            keep_draft(state, "kst-40001-1", 0, "een notitie " * 20)

        writes: dict[str, Callable[[UserState], None]] = {
            "the place kept at a document opened (50 pages of history)": keep_place,
            "a note's draft kept at a key typed": keep_a_draft,
        }
        for name, write in writes.items():
            seconds = []
            for _ in range(TIMES):
                started = time.perf_counter()
                with UserState.open(library) as state:
                    write(state)
                seconds.append(time.perf_counter() - started)
            print(f"{name}: {_ms(seconds)}")


if __name__ == "__main__":
    main()
