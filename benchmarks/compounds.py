"""What the compound lookup leaves out: the words that hold a word in their middle.

    uv run python benchmarks/compounds.py [N]

A word's compounds are looked up among the index words that begin or end with it (two ranges
of an index, db/index_words.py). For N words (default 300) drawn with a fixed seed from the
vocabulary of the 7,034 real moties (held by 5 to 400 documents, letters only, five or more),
it finds every true compound by a pass over every index word, as the lookup did before, and
prints how many of those the lookup finds, with examples of those it does not.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from finder_library import build_with_text

from db.compounds import part_of
from db.index_words import compounds_of
from db.library import Library

SEED = 20261207


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with Library.open(build_with_text(), write=False) as library:
        conn = library.conn
        vocabulary = [str(row[0]) for row in conn.execute("SELECT word FROM index_words")]
        known = set(vocabulary).__contains__
        drawn = [
            str(row[0])
            for row in conn.execute(
                "SELECT word FROM index_words WHERE documents BETWEEN 5 AND 400"
                " AND length(word) >= 5 AND word NOT GLOB '*[^a-z]*' ORDER BY word"
            )
        ]
        words = random.Random(SEED).sample(drawn, min(count, len(drawn)))
        every = found = 0
        missed: list[tuple[str, str]] = []
        for word in words:
            _, compounds = compounds_of(conn, word, 10_000)
            true = {
                w
                for w in vocabulary
                if word in w and w != word and part_of(word, w, known) == "compound"
            }
            every += len(true)
            found += len(true & set(compounds))
            missed += [(word, w) for w in sorted(true - set(compounds))]
    print(f"{len(words)} words: {every} true compounds, the lookup finds {found}")
    print(f"  left out (the word in the middle): {every - found} ({(every - found) / every:.1%})")
    for word, compound in missed[:8]:
        print(f"  {word}: {compound}")


if __name__ == "__main__":
    main()
