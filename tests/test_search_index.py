"""The search engine's index (tantivy) against the FTS5 search it is to replace: on the demo
documents and the test samples, the same totals, the same documents and the same counts per
dossier and kind, for every kind of query a reader types."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from db.library import Library
from db.search import Searcher, parse_query
from db.search_index.querying import IndexSearch
from db.search_index.schema import INDEX_VERSION
from db.search_index.writing import (
    WRITER_HEAP,
    IndexState,
    build_index,
    is_current,
    library_generation,
    library_id,
    open_index,
)

QUERIES = [
    "prosperity guardian",
    '"artikel 100-brief"',
    "navo OR nato irak",
    "prosperity -aspides",
    "missie*",
    "missie",  # inside compounds too: vredesmissie, navo-missie
    "financiële",  # diacritics ignored
    "dossier:29521 motie",
    "kind:motie vrede",
    "from:2024-01-01 to:2024-12-31 verzoekt",
    'spreker:"van baarle"',
    '"gaat over tot de orde van de dag"',
    "marechaussee",  # in a table's cell
    "koolmees tozo",  # who answered, and what about
]


@pytest.fixture(scope="module")
def engines(samples_library: Path, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("index") / "library.index"
    with Library.open(samples_library, write=False) as library:
        state = build_index(library.conn, path)
        yield Searcher(library, use_index=False), IndexSearch(path), state


@pytest.mark.parametrize("text", QUERIES)
def test_the_index_finds_what_fts5_finds(engines, text: str) -> None:
    searcher, index, _ = engines
    fts5 = searcher.search(text, limit=1000)
    answer = index.answer(parse_query(text), searcher.expand, limit=1000, sort="rank")
    assert answer.total == fts5.total
    assert set(answer.keys) == {hit.key for hit in fts5.hits}
    assert sorted(answer.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))[:10] == fts5.by_kind
    # Per dossier, each of a document's dossiers counts it (as dossier: finds it there).
    for dossier, count in answer.by_dossier.items():
        assert count == searcher.search(f"{text} dossier:{dossier}", limit=1).total


def test_newest_first_is_the_newest_of_all_hits(engines) -> None:
    searcher, index, _ = engines
    answer = index.answer(parse_query("verzoekt"), searcher.expand, limit=5, sort="date")
    everything = searcher.search("verzoekt", limit=1000, sort="date")
    dates = {hit.key: hit.date for hit in everything.hits}
    newest = sorted(dates.values(), reverse=True)[:5]
    assert [dates[key] for key in answer.keys] == newest


@pytest.mark.parametrize("limit", [5, 1000])
def test_oldest_first_is_the_oldest_of_all_hits_the_undated_after(engines, limit: int) -> None:
    searcher, index, _ = engines
    answer = index.answer(parse_query("de"), searcher.expand, limit=limit, sort="oldest")
    everything = searcher.search("de", limit=10_000, sort="oldest")
    dates = {hit.key: hit.date for hit in everything.hits}
    assert "" in dates.values()  # some hits have no known date
    expected = [hit.date for hit in everything.hits][:limit]
    assert [dates[key] for key in answer.keys] == expected


def test_the_index_says_what_it_was_built_from(engines, samples_library: Path) -> None:
    _, _, state = engines
    with Library.open(samples_library, write=False) as library:
        assert state == IndexState(
            INDEX_VERSION, library_id(library.conn), library_generation(library.conn)
        )


def test_a_load_keeps_the_index_and_search_answers_from_it(tmp_path, fixtures) -> None:
    from db.loading.files import load_paths

    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures / "kst-29521-455.txt"], parallel=False)
    index = tmp_path / "library.index"
    with Library.open(path, write=False) as library:
        searcher = Searcher(library)
        assert searcher.engine() is not None  # built by the load, and current
        assert [h.key for h in searcher.search("zwaartepunt irak").hits] == ["kst-29521-455"]
    with Library.open(path) as library:
        load_paths(library, [fixtures / "kst-28844-269.xml"], parallel=False)
        searcher = Searcher(library)
        assert searcher.engine() is not None  # the second load indexed its document
        assert [h.key for h in searcher.search("lobbyisten").hits] == ["kst-28844-269"]
    assert (index / "kamerlezer-index.json").exists()


def test_an_index_left_behind_is_caught_up_when_next_opened(tmp_path, fixtures) -> None:
    """As after a kill between the library's commit and the index's: the library has a
    document the index lacks. The next search indexes it (once) before it answers; where
    the index cannot be written now, FTS5 answers instead."""
    from db.loading.files import load_paths

    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures / "kst-29521-455.txt"], parallel=False)
    index = tmp_path / "library.index"
    behind = IndexState.read(index)
    with Library.open(path) as library:
        load_paths(library, [fixtures / "kst-28844-269.xml"], parallel=False)
    assert behind is not None
    behind.write(index)  # the index as it was before the second load's commit
    with Library.open(path, write=False) as library:
        held = open_index(index).writer(heap_size=WRITER_HEAP, num_threads=1)
        assert Searcher(library).engine() is None  # another writer: not now
        del held
        searcher = Searcher(library)
        assert searcher.engine() is not None  # caught up
        assert [h.key for h in searcher.search("lobbyisten").hits] == ["kst-28844-269"]
        assert searcher.search("lobbyisten").total == 1  # indexed once, not twice
        assert searcher.search("zwaartepunt irak").total == 1


def _made_up_moties(library_path: Path, folder: Path, count: int, first: int) -> None:
    """``count`` moties as JSON Lines (a file of 500 each), their texts the real ones of the
    library at ``library_path`` over again, each of a key and dossier of its own."""
    with Library.open(library_path, write=False) as library:
        real = library.conn.execute(
            "SELECT title, text FROM documents WHERE kind LIKE '%motie%' AND text != ''"
        ).fetchall()
    folder.mkdir()
    for start in range(first, first + count, 500):
        lines = []
        for number in range(start, min(start + 500, first + count)):
            title, text = real[number % len(real)]
            record = {"key": f"kst-90{number % 50:03d}-{number}", "kind": "motie"}
            record |= {"dossier": f"90{number % 50:03d}", "ondernummer": str(number)}
            record |= {"title": title, "text": f"{text}\n\nvolgnummer{number}", "date": ""}
            lines.append(json.dumps(record))
        (folder / f"{start:06d}.jsonl").write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("when", ["library", "index"])
def test_a_load_killed_at_any_point_leaves_an_index_the_next_search_repairs(
    tmp_path, fixtures, when: str
) -> None:
    """A load killed (SIGKILL, no chance to clean up) after it committed a batch to the
    library, or while it wrote the index: the next search indexes what is newer, once, and
    answers as FTS5 does."""
    import signal
    import time

    from db.loading.files import load_paths

    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures / "moties"], parallel=False)
    index = tmp_path / "library.index"
    _made_up_moties(path, tmp_path / "first", 2_000, 0)
    _made_up_moties(path, tmp_path / "second", 6_000, 2_000)
    with Library.open(path) as library:
        load_paths(library, [tmp_path / "first"], parallel=False)
        before = library.rows.stats().documents
    files = {p.name for p in index.iterdir()}
    load = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--db", str(path), "load", str(tmp_path / "second")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parents[1],
    )
    deadline = time.monotonic() + 120
    while load.poll() is None and time.monotonic() < deadline:
        if when == "library":
            with Library.open(path, write=False) as library:
                if library.rows.stats().documents > before:
                    break
        elif {p.name for p in index.iterdir()} != files:
            break
        time.sleep(0.005)
    killed = load.poll() is None
    load.send_signal(signal.SIGKILL)
    load.wait()
    assert killed, "the load ended before it could be killed"
    with Library.open(path, write=False) as library:
        loaded = library.rows.stats().documents
        assert loaded > before
        behind = IndexState.read(index)
        assert behind is not None and behind.generation < library_generation(library.conn)
        searcher = Searcher(library)
        assert searcher.engine() is not None  # caught up
        fts5 = Searcher(library, use_index=False)
        for query in ("motie", "volgnummer2001", "verzoekt regering"):
            assert searcher.search(query).total == fts5.search(query).total, query
        assert searcher.search("verzoekt", limit=1).total <= loaded  # each indexed once


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """The files of ``folder`` where nothing can be written: on a read-only mount (where
    the system lets this user mount one), else with every write bit off (which the system
    holds to for anyone but root)."""
    if os.geteuid() != 0:
        for file in [folder, *folder.rglob("*")]:
            file.chmod(file.stat().st_mode & ~0o222)
        try:
            yield folder
        finally:
            for file in [folder, *folder.rglob("*")]:
                file.chmod(file.stat().st_mode | 0o200)
        return
    mount = folder.with_name(folder.name + "-mount")
    mount.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("root here cannot mount a file system: no read-only mount to try")
    try:
        shutil.copytree(folder, mount, dirs_exist_ok=True)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_an_index_on_a_read_only_mount_is_read_where_it_lies(tmp_path, fixtures) -> None:
    """tantivy takes a lock file even to read: a library a team shares on a read-only mount
    is searched from its index all the same (read through a folder of links to its files)."""
    from db.loading.files import load_paths

    shared = tmp_path / "shared"
    shared.mkdir()
    with Library.open(shared / "library.db") as library:
        load_paths(library, [fixtures / "kst-29521-455.txt", fixtures / "moties"], parallel=False)
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with read_only(shared) as folder:
        with Library.open(folder / "library.db", write=False) as library:
            searcher = Searcher(library)
            engine = searcher.engine()
            assert engine is not None and engine.view is not None
            assert [h.key for h in searcher.search("zwaartepunt irak").hits] == ["kst-29521-455"]
            fts5 = Searcher(library, use_index=False).search("missie")
            assert searcher.search("missie").total == fts5.total > 1
        command = ["search", "--json", "zwaartepunt irak"]
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "--db", str(folder / "library.db"), *command],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[1],
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["total"] == 1
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            p.name for p in shared.iterdir()
        )  # nothing written beside the library


def test_an_index_that_cannot_be_opened_leaves_search_to_fts5(tmp_path, fixtures, monkeypatch):
    """An index that cannot be opened, not even through a folder of links to its files:
    the search answers from FTS5, the same."""
    from db.loading.files import load_paths
    from db.search_index import querying

    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures / "kst-29521-455.txt"], parallel=False)

    def read_only(_: Path) -> None:
        raise ValueError("Failed to acquire Lockfile: ReadOnlyFilesystem")

    monkeypatch.setattr(querying, "open_index", read_only)
    with Library.open(path, write=False) as library:
        searcher = Searcher(library)
        assert searcher.engine() is None
        assert [h.key for h in searcher.search("zwaartepunt irak").hits] == ["kst-29521-455"]


def test_a_load_waits_for_another_writer_of_the_index(tmp_path, fixtures) -> None:
    """tantivy refuses a second writer at once; a load waits for the first, as loads wait
    for each other on the library."""
    import threading
    import time

    from db.loading.files import load_paths

    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures / "kst-29521-455.txt"], parallel=False)
    other = open_index(tmp_path / "library.index").writer(heap_size=WRITER_HEAP, num_threads=1)
    released = threading.Event()

    def finish_later() -> None:
        nonlocal other
        time.sleep(0.5)
        del other
        released.set()

    threading.Thread(target=finish_later).start()
    with Library.open(path) as library:
        load_paths(library, [fixtures / "kst-28844-269.xml"], parallel=False)
        assert released.is_set()  # it waited
        assert Searcher(library).engine() is not None


def test_the_index_of_another_library_is_never_read(tmp_path, fixtures) -> None:
    """A library file copied over another keeps the other's index folder beside it: the
    index knows which library it is of, and is built again for this one."""
    import shutil

    from db.loading.files import load_paths

    for name, source in (("a", "kst-29521-455.txt"), ("b", "kst-28844-269.xml")):
        (tmp_path / name).mkdir()
        with Library.open(tmp_path / name / "library.db") as library:
            load_paths(library, [fixtures / source], parallel=False)
    shutil.rmtree(tmp_path / "b" / "library.index")
    shutil.copytree(tmp_path / "a" / "library.index", tmp_path / "b" / "library.index")
    with Library.open(tmp_path / "b" / "library.db", write=False) as library:
        searcher = Searcher(library)
        assert searcher.search("zwaartepunt irak").total == 0  # a's document: not here
        assert [h.key for h in searcher.search("lobbyisten").hits] == ["kst-28844-269"]
        assert searcher.engine() is not None  # built again, for b


def test_an_index_that_cannot_be_written_loses_nothing_loaded(tmp_path, fixtures) -> None:
    """A file where the index's folder would be: the load commits all the same, names the
    index as behind, and search answers from FTS5."""
    from db.loading.files import load_paths

    path = tmp_path / "library.db"
    (tmp_path / "library.index").write_text("not a folder")
    with Library.open(path) as library:
        report = load_paths(library, [fixtures / "kst-29521-455.txt"], parallel=False)
        assert report.loaded == 1
    with Library.open(path, write=False) as library:
        searcher = Searcher(library)
        assert searcher.engine() is None
        assert [h.key for h in searcher.search("zwaartepunt irak").hits] == ["kst-29521-455"]


def test_search_reads_queries_a_line_each(tmp_path, fixtures, capsys) -> None:
    import io
    import json

    from db.loading.files import load_paths
    from tui.cli.main import main

    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures], parallel=False)
    stdin = io.StringIO("zwaartepunt irak\n\n-kabinet\nlobbyisten\n")
    import sys

    real, sys.stdin = sys.stdin, stdin
    try:
        code = main(["--db", str(path), "search", "--stdin", "--json"])
    finally:
        sys.stdin = real
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1  # one query could not mean anything; the others were answered
    assert [line["query"] for line in lines] == ["zwaartepunt irak", "-kabinet", "lobbyisten"]
    assert lines[0]["hits"][0]["key"] == "kst-29521-455"
    assert "error" in lines[1] and "-kabinet" in err
    assert lines[2]["hits"][0]["key"] == "kst-28844-269"


def test_the_reader_starts_with_the_index_built(tmp_path, fixtures, capsys) -> None:
    """A library whose index is missing (loaded before there was one): opening it builds
    the index before the reader starts (a summary, as when output is no terminal)."""
    import shutil

    from db.loading.files import load_paths
    from tui.cli.main import main

    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures / "kst-29521-455.txt"], parallel=False)
    shutil.rmtree(tmp_path / "library.index")
    assert main(["--db", str(path)]) == 0  # not a terminal: the library's summary
    capsys.readouterr()
    with Library.open(path, write=False) as library:
        assert Searcher(library).engine() is not None
        assert IndexState.read(tmp_path / "library.index") is not None


def test_a_load_whose_last_batch_changes_nothing_indexes_the_earlier_ones(
    tmp_path, fixtures, monkeypatch
) -> None:
    import db.library_file
    from db.loading.files import load_paths

    monkeypatch.setattr(db.library_file, "BATCH_SIZE", 1)  # a commit after each document
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures / "kst-29521-455.txt"], parallel=False)
        # New first, then one already loaded: the last batch writes nothing.
        load_paths(
            library,
            [fixtures / "kst-28844-269.xml", fixtures / "kst-29521-455.txt"],
            parallel=False,
        )
    with Library.open(path, write=False) as library:
        assert is_current(library.conn, tmp_path / "library.index")
