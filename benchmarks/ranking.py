"""Does a search put the word typed first? For words drawn from the corpus's vocabulary with a
fixed seed, the share of the first 10 hits that hold the word itself (or an inflected form:
missie, missies), with the compound expansion as it was (every index word that begins or
ends with the letters, one ranking) and as it is (true compounds only, the word's own
documents first).

    uv run python benchmarks/ranking.py [N]

Builds (once, cached under the system's temporary folder) a library of the moties corpus.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

from db.compounds import INFLECTIONS
from db.index_words import holding_at_either_end
from db.library import Library
from db.library_file import LibraryError
from db.loading.files import load_paths
from db.search import MAX_EXPANSIONS, Searcher, parse_query
from db.search_index.schema import index_path
from db.search_index.writing import is_current
from loaders.folding import fold

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "moties-2023-2025.tar.xz"
SEED = 20261207


class _AsBefore(Searcher):
    """The search's expansion as it was: every index word holding the letters at an end."""

    def _compounds(self, word: str) -> tuple[list[str], list[str]]:
        if len(word) < 4:
            return [], []
        return [], holding_at_either_end(self.library.conn, word, MAX_EXPANSIONS)


def _texts_before(searcher: _AsBefore, word: str, limit: int) -> list[str]:
    """The texts of the first hits as the search ranked them: all matches in one ranking."""
    match = searcher.match_expression(parse_query(word))
    rows = searcher.library.conn.execute(
        "SELECT d.text FROM documents_fts CROSS JOIN documents d"
        " ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? AND d.ghost = 0"
        " ORDER BY rank LIMIT ?",
        (match, limit),
    ).fetchall()
    return [str(row[0]) for row in rows]


def _library() -> Path:
    """The moties' library, built again when it is missing, of an older schema or without
    its search index (the search this measures answers from it)."""
    path = Path(tempfile.gettempdir()) / "kamerlezer-ranking-benchmark.db"
    try:
        with Library.open(path, write=False) as library:
            current = is_current(library.conn, index_path(path))
    except LibraryError:
        current = False
    if not current:
        for old in path.parent.glob(path.name + "*"):
            old.unlink()
        shutil.rmtree(index_path(path), ignore_errors=True)
        with Library.open(path) as library:
            print(f"built {path}: {load_paths(library, [CORPUS]).summary()}")
    return path


def _holds(text: str, word: str) -> bool:
    endings = "|".join(re.escape(e) for e in INFLECTIONS if e)
    return re.search(rf"\b{re.escape(word)}(?:{endings})?\b", fold(text)) is not None


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    with Library.open(_library(), write=False) as library:
        conn = library.conn
        words = [
            r[0]
            for r in conn.execute(
                "SELECT word FROM index_words WHERE documents BETWEEN 5 AND 400"
                " AND length(word) BETWEEN 5 AND 9 AND word GLOB '[a-z]*' ORDER BY word"
            )
        ]
        chosen = random.Random(SEED).sample(words, min(count, len(words)))
        before_searcher, after_searcher = _AsBefore(library), Searcher(library)
        before = after = hits_before = hits_after = 0
        worst: list[tuple[int, str]] = []
        for word in chosen:
            texts = _texts_before(before_searcher, word, 10)
            held = sum(_holds(t, word) for t in texts)
            before += held
            hits_before += len(texts)
            result = after_searcher.search(word, limit=10)
            keys = [hit.key for hit in result.hits]
            texts_after = [
                conn.execute("SELECT text FROM documents WHERE key = ?", (k,)).fetchone()[0]
                for k in keys
            ]
            held_after = sum(_holds(t, word) for t in texts_after)
            after += held_after
            hits_after += len(texts_after)
            worst.append((held_after - len(texts_after), word))
    print(f"words: {len(chosen)} (seed {SEED}), from index words in 5 to 400 documents")
    print(
        f"first 10 hits holding the word itself: before {before}/{hits_before}"
        f" = {before / max(1, hits_before):.1%}, after {after}/{hits_after}"
        f" = {after / max(1, hits_after):.1%}"
    )
    print("fewest:", ", ".join(f"{w} ({-n} not)" for n, w in sorted(worst)[:5] if n))


if __name__ == "__main__":
    main()
