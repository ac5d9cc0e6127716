"""Should the finder answer from the search engine's index (tantivy) rather than FTS5? What
the finder asks an index, per keystroke, timed on both.

    uv run python benchmarks/finder_engines.py [SIZE]      (default 200000)

Types the remembered queries of ``benchmarks/finder.py`` key by key into the finder, on a
scale library (``scale_library.py``), and records every question it asks FTS5: the newest
documents that hold any of a word's index words ("... ORDER BY rowid DESC LIMIT n"), and of
those, which hold several words. Each is then asked again of FTS5 and of the search engine's
index (the same words, newest first by a fast field), and the two are timed side by side: per
question, and summed per keystroke (median and p95), with the questions where each is slower.

The index here has one field of words for what FTS5 holds in columns of its own, so it
answers for every column at once (more documents, never fewer): its figures are, if anything,
better than one with the finder's columns apart would give.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tantivy
from finder import CORPUS
from remembered import draw, with_official_subject
from scale_library import build

from db.finder import Finder
from db.library import Library
from db.search_index.querying import IndexSearch
from db.search_index.schema import WORDS, index_path

_TOKEN = re.compile(r'\{[^}]*\}\s*:|"[^"]*"|\(|\)|\bAND\b|\bOR\b|\bNOT\b')


class _Rows(list[Any]):
    """Rows already read, answering as the cursor they came from."""

    def fetchall(self) -> list[Any]:
        return list(self)


class Recording:
    """The library's connection, noting each full-text question and how long it took."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.asked: list[tuple[str, int, float]] = []  # expression, limit, seconds

    def execute(self, sql: str, parameters: Any = ()) -> Any:
        if "documents_fts MATCH" in sql and "ORDER BY rowid DESC LIMIT" in sql:
            started = time.perf_counter()
            rows = self.conn.execute(sql, parameters).fetchall()
            self.asked.append((parameters[0], int(parameters[1]), time.perf_counter() - started))
            return _Rows(rows)
        return self.conn.execute(sql, parameters)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


def engine_query(expression: str, schema: tantivy.Schema) -> tantivy.Query:
    """An FTS5 expression as the finder writes them ({columns} : ("a" OR "b"), AND, OR,
    parentheses) as the index's query over its field of words."""
    tokens = [t for t in _TOKEN.findall(expression) if not t.startswith("{")]
    at = 0

    def joined(word: str, occur: tantivy.Occur, part: Callable[[], tantivy.Query]) -> tantivy.Query:
        nonlocal at
        parts = [part()]
        while at < len(tokens) and tokens[at] == word:
            at += 1
            parts.append(part())
        if len(parts) == 1:
            return parts[0]
        return tantivy.Query.boolean_query([(occur, p) for p in parts])

    def either() -> tantivy.Query:
        return joined("OR", tantivy.Occur.Should, both)  # AND binds first, as in FTS5

    def both() -> tantivy.Query:
        return joined("AND", tantivy.Occur.Must, single)

    def single() -> tantivy.Query:
        nonlocal at
        token = tokens[at]
        at += 1
        if token == "(":
            inner = either()
            at += 1  # ")"
            return inner
        return tantivy.Query.term_query(schema, WORDS, token.strip('"'))

    return either()


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    path = build(size)
    official = with_official_subject(CORPUS)
    queries = draw(path, official, per_kind=8, kinds="abcd")
    with Library.open(path, write=False) as library:
        recording = Recording(library.conn)
        library.conn = recording  # type: ignore[assignment]
        finder = Finder(library)
        finder.warm()
        keystrokes: list[list[tuple[str, int, float]]] = []
        for remembered in queries:
            for end in range(1, len(remembered.query) + 1):
                recording.asked = []
                finder.find(remembered.query[:end], limit=20)
                keystrokes.append(recording.asked)
        library.conn = recording.conn
        engine = IndexSearch(index_path(path))
        searcher = engine.index.searcher()
        fts5_each, index_each = [], []
        fts5_keys, index_keys = [], []
        for asked in keystrokes:
            fts5_sum = index_sum = 0.0
            for expression, limit, _ in asked:
                started = time.perf_counter()
                library.conn.execute(
                    "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
                    " ORDER BY rowid DESC LIMIT ?",
                    (expression, limit),
                ).fetchall()
                fts5 = time.perf_counter() - started
                query = engine_query(expression, engine.schema)
                started = time.perf_counter()
                searcher.search(query, limit, count=False, order_by_field="date")
                index = time.perf_counter() - started
                fts5_each.append(fts5)
                index_each.append(index)
                fts5_sum += fts5
                index_sum += index
            fts5_keys.append(fts5_sum)
            index_keys.append(index_sum)

    def figures(seconds: list[float]) -> str:
        ordered = sorted(seconds)
        p95 = ordered[int(len(ordered) * 0.95)]
        return f"median {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"

    print(f"{size:,} documents; {len(keystrokes):,} keystrokes, {len(fts5_each):,} questions")
    print(f"per keystroke, FTS5:        {figures(fts5_keys)}")
    print(f"per keystroke, the index:   {figures(index_keys)}")
    print(f"per question, FTS5:         {figures(fts5_each)}")
    print(f"per question, the index:    {figures(index_each)}")
    slower = sum(i > f for f, i in zip(fts5_keys, index_keys, strict=True))
    print(f"keystrokes where the index is slower: {slower:,} of {len(keystrokes):,}")


if __name__ == "__main__":
    main()
