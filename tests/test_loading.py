"""Large loads: reading and parsing shared with a second process, and interruptions."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from db.library import Library
from db.loading.files import load_paths

ROOT = Path(__file__).resolve().parents[1]


def test_a_load_shared_with_a_second_process_stores_the_same(tmp_path, fixtures) -> None:
    reports, exports, loaded = [], [], []
    for parallel in (False, True):
        with Library.open(tmp_path / f"{parallel}.db") as library:
            report = load_paths(library, [fixtures], parallel=parallel)
            loaded.append(report.loaded)
            reports.append(report.as_dict())
            exports.append([d.to_dict() for d in library.documents.iter_documents()])
    assert reports[0] == reports[1]
    assert exports[0] == exports[1]
    assert loaded[0] >= 10


def many_documents(fixtures: Path, path: Path, count: int) -> Path:
    """A JSON Lines file of ``count`` documents, each a copy of a real motie under its own
    number, so that a load takes long enough to interrupt."""
    from loaders.formats.detect import read_document_bytes

    [motie] = read_document_bytes((fixtures / "kst-35786-7.xml").read_bytes(), "motie")
    record = motie.to_dict()
    with path.open("w") as out:
        for number in range(1, count + 1):
            record["key"] = record["published_id"] = f"kst-35786-{number}"
            record["ondernummer"] = str(number)
            out.write(json.dumps(record) + "\n")
    return path


def test_ctrl_c_during_a_load_leaves_a_consistent_library(tmp_path, fixtures) -> None:
    source = many_documents(fixtures, tmp_path / "many.jsonl", 20_000)
    db = tmp_path / "library.db"
    subprocess.run(
        [sys.executable, "-m", "tui.cli", "--db", str(db), "load", str(fixtures)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--db", str(db), "load", str(source)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:  # until the load is going
        with Library.open(db, write=False) as library:
            counted = library.conn.execute(
                "SELECT count(*) FROM documents WHERE key LIKE 'kst-35786-%'"
            ).fetchone()[0]
        if counted > 1:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    if process.returncode == 0:  # the machine was fast enough to finish first
        return
    assert process.returncode == 130
    assert "interrupted" in err
    with Library.open(db) as library:
        conn = library.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
        assert library.documents.get("kst-29521-455") is not None  # what was loaded before is kept
        stored = conn.execute("SELECT count(*) FROM documents WHERE key LIKE 'kst-35786-%'")
        partial = stored.fetchone()[0]
        assert partial < 20_000
        report = load_paths(library, [source])  # loading again completes the job
        assert report.loaded + report.unchanged + report.updated == 20_000
        assert report.failed == 0


def test_the_cycle_collector_is_restored_after_a_load(library, fixtures) -> None:
    import gc

    before = gc.get_threshold()
    load_paths(library, [fixtures / "kst-35786-7.xml"])
    assert gc.get_threshold() == before
