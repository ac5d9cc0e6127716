"""Nothing lost under faults: entries of a folder that cannot be read, a library file that is
damaged, read-only or on a full disk, and two loads at once."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from db.library import Library
from db.loading.files import load_paths

MOTIES = Path(__file__).parent / "fixtures" / "samples" / "moties"


def _moties(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for source in sorted(MOTIES.glob("kst-*.xml"))[:count]:
        copied.append(Path(shutil.copy(source, folder / source.name)))
    return copied


def test_a_link_to_nowhere_in_a_folder_costs_only_itself(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    first, last = sorted(MOTIES.glob("kst-*.xml"))[:2]
    shutil.copy(first, folder / "b-first.xml")
    (folder / "m-dangling.xml").symlink_to(tmp_path / "gone.xml")
    (folder / "n-loop.xml").symlink_to(folder / "n-loop.xml")
    (folder / "o-folder").symlink_to(tmp_path / "no-folder", target_is_directory=True)
    shutil.copy(last, folder / "z-last.xml")
    with Library.open(tmp_path / "library.db") as library:
        report = load_paths(library, [folder], parallel=False)
        assert (report.loaded, report.failed) == (2, 3)  # the files after the links load too
        assert any("m-dangling.xml: a link that leads nowhere" in e for e in report.errors)
        assert any("n-loop.xml" in e for e in report.errors)
        assert any("o-folder" in e for e in report.errors)
        assert "failed" in report.summary() and "3 failed" in report.summary()


def test_a_file_that_vanishes_while_the_folder_is_read_is_named(tmp_path, monkeypatch) -> None:
    files = _moties(tmp_path / "in", 3)
    real_open = Path.open

    def vanishing(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path == files[1]:
            path.unlink()
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", vanishing)
    with Library.open(tmp_path / "library.db") as library:
        report = load_paths(library, [tmp_path / "in"], parallel=False)
    assert (report.loaded, report.failed) == (2, 1)
    assert f"{files[1]}: cannot read: No such file or directory" in report.errors[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not bind root")
def test_a_file_and_a_folder_without_permission_are_named(tmp_path) -> None:
    files = _moties(tmp_path / "in", 2)
    locked = tmp_path / "in" / "locked"
    locked.mkdir()
    files[0].chmod(0)
    locked.chmod(0)
    try:
        with Library.open(tmp_path / "library.db") as library:
            report = load_paths(library, [tmp_path / "in"], parallel=False)
    finally:
        locked.chmod(0o755)
    assert (report.loaded, report.failed) == (1, 2)


# -- the library file -------------------------------------------------------------------------
ROOT = Path(__file__).resolve().parents[1]


def _cli(*argv: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own (``limit``: the largest file it may write)."""
    code = "import sys; from tui.cli.main import main; sys.exit(main(sys.argv[1:]))"
    if limit is not None:
        code = (
            f"import resource; resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
            + code
        )
    return subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120, cwd=ROOT
    )


def _library(tmp_path: Path) -> Path:
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [MOTIES], parallel=False)
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def test_a_library_cut_short_is_named_damaged_in_one_line(tmp_path) -> None:
    path = _library(tmp_path)
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2 + 1000)  # mid-page
    for argv in (["show", "kst-19637-3237"], ["find", "keijzer"], ["load", str(MOTIES)]):
        done = _cli("--db", str(path), *argv)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1 and "the library is damaged" in done.stderr


def test_a_damaged_index_page_is_named_in_one_line(tmp_path) -> None:
    path = _library(tmp_path)
    with sqlite3.connect(path) as conn:  # the page of the documents' key index
        [page] = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_documents_1'"
        ).fetchone()
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek(size * (page - 1))
        handle.write(b"\xff" * size)
    for argv in (["show", "kst-19637-3237"], ["export", "--jsonl"], ["load", str(MOTIES)]):
        done = _cli("--db", str(path), *argv)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert "the library is damaged (database disk image is malformed)" in done.stderr


def test_a_read_only_library_is_read_but_not_loaded_into(tmp_path, capsys) -> None:
    path = _library(tmp_path)
    path.chmod(0o444)
    from tui.cli.library_commands import open_with_demo
    from tui.cli.main import main

    assert main(["--db", str(path), "show", "kst-19637-3237"]) == 0
    assert main(["--db", str(path), "find", "keijzer"]) == 0
    assert main(["--db", str(path), "search", "keijzer"]) == 0
    capsys.readouterr()
    assert main(["--db", str(path), "load", str(MOTIES)]) == 1
    assert "read-only" in capsys.readouterr().err
    with open_with_demo(path) as library:  # what the reader opens
        assert library.documents.get("kst-19637-3237") is not None


def test_on_a_read_only_mount_the_library_is_read_as_unchanging(tmp_path, monkeypatch) -> None:
    """Where SQLite cannot make its shared-memory file, it reads the file as immutable."""
    path = _library(tmp_path)
    real = sqlite3.connect

    def mount(database: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if "mode=ro" in str(database) and "immutable=1" not in str(database):
            raise sqlite3.OperationalError("unable to open database file")
        connection: sqlite3.Connection = real(database, *args, **kwargs)
        return connection

    monkeypatch.setattr(sqlite3, "connect", mount)
    with Library.open(path, write=False) as library:
        assert library.documents.get("kst-19637-3237") is not None


def test_a_full_disk_during_a_load_keeps_what_was_loaded_before(tmp_path) -> None:
    path = _library(tmp_path)
    before = path.stat().st_size
    done = _cli("--db", str(path), "load", str(ROOT / "loaders" / "demo"), limit=before + 20_000)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "cannot write" in done.stderr and "what was loaded before is kept" in done.stderr
    with Library.open(path) as library:
        assert library.rows.stats().documents >= 43  # every motie loaded before, whole
        assert library.documents.get("kst-19637-3237").text.startswith("De Kamer,")
        library.conn.execute(
            "INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)"
        )
        assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_loads_at_once_both_finish_and_readers_keep_reading(tmp_path) -> None:
    path = tmp_path / "library.db"
    Library.open(path).close()
    demo = ROOT / "loaders" / "demo"
    loads = [
        subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "--db", str(path), "load", *sources],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for sources in ([str(MOTIES), str(demo)], [str(demo), str(MOTIES)])
    ]
    reads = 0
    while any(load.poll() is None for load in loads):  # a reader meanwhile
        done = _cli("--db", str(path), "find", "motie")
        assert done.returncode == 0, done.stderr
        reads += 1
    results = [load.communicate() for load in loads]
    assert [load.returncode for load in loads] == [0, 0], results
    assert all("locked" not in err and "Traceback" not in err for _, err in results)
    assert reads >= 1
    with Library.open(path) as library:
        keys = [r[0] for r in library.conn.execute("SELECT key FROM documents WHERE ghost = 0")]
        assert len(keys) == len(set(keys)) == library.rows.stats().documents
        expected = {p.stem for p in MOTIES.glob("kst-*.xml")} | {"kst-29521-455"}
        assert expected <= set(keys)


def test_two_first_loads_into_a_library_not_yet_made_both_land(tmp_path, monkeypatch) -> None:
    """Both loads find no library and make one; the second, finishing after the first has
    loaded, must not replace the first's library with its own empty one."""
    import threading

    from db.schema import create_schema as real_create
    from loaders.formats.koop_xml import read_koop_xml
    from loaders.safe_xml import parse_xml

    path = tmp_path / "library.db"
    second_creating, first_loaded = threading.Event(), threading.Event()

    def create(database: Any) -> None:
        if threading.current_thread().name == "first":
            assert second_creating.wait(10)
        else:
            second_creating.set()
            assert first_loaded.wait(10)
        real_create(database)

    monkeypatch.setattr("db.library_file.create_schema", create)
    first, second = sorted(MOTIES.glob("kst-*.xml"))[:2]

    def load(source: Path, done: threading.Event | None) -> None:
        with Library.open(path) as library:
            library.store(read_koop_xml(parse_xml(source.read_bytes(), str(source)), str(source)))
        if done is not None:
            done.set()

    threads = [
        threading.Thread(target=load, args=(first, first_loaded), name="first"),
        threading.Thread(target=load, args=(second, None), name="second"),
    ]
    threads[0].start()
    threads[1].start()
    for thread in threads:
        thread.join(30)
    with Library.open(path) as library:
        keys = {r[0] for r in library.conn.execute("SELECT key FROM documents WHERE ghost = 0")}
    assert keys == {first.stem, second.stem}
    assert not list(tmp_path.glob(".kamerlezer-*")), "a draft library was left behind"


def test_a_draft_left_by_a_killed_creation_is_cleared_by_the_next(tmp_path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    draft = tmp_path / f".kamerlezer-{dead.stdout.strip()}-abcd.db"
    draft.write_bytes(b"")
    mine = tmp_path / f".kamerlezer-{os.getpid()}-efgh.db"
    mine.write_bytes(b"")
    Library.open(tmp_path / "library.db").close()
    assert not draft.exists()
    assert mine.exists()  # a draft of a process still running is its own business
