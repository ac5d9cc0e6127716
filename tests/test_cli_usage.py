"""The command line on bad input and in pipes: one clear line and the right exit status;
whole lines when the output is not a terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli.main import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path, fixtures, capsys) -> str:
    path = str(tmp_path / "library.db")
    assert main(["--db", path, "load", str(fixtures / "kst-29521-455.txt")]) == 0
    assert main(["--db", path, "load", str(fixtures / "moties")]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["show", ""], "show needs a KEY"),
        (["show", "  "], "show needs a KEY"),
        (["open", ""], "open needs a KEY"),
        (["find", ""], "find needs a QUERY"),
        (["search", " "], "search needs a QUERY"),
        (["find", "navo", "--limit", "0"], "--limit 0: give at least 1"),
        (["search", "navo", "--limit", "-1"], "--limit -1: give at least 1"),
        (["--theme", "nonsense"], "--theme nonsense: no such theme; there are: ansi-dark"),
        (["--theme", "nonsense", "open", "kst-29521-455"], "no such theme"),
    ],
)
def test_a_usage_error_is_one_line_and_status_2(capsys, db, argv, says) -> None:
    code, out, err = run(capsys, "--db", db, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and says in err


def test_a_dossier_the_library_does_not_hold_is_not_found(capsys, db) -> None:
    code, out, err = run(capsys, "--db", db, "export", "--jsonl", "--dossier", "99999")
    assert (code, out) == (1, "")
    assert err.strip().endswith("99999: no such dossier in " + db)


def test_piped_output_is_whole_lines(capsys, db) -> None:
    """capsys is not a terminal: nothing is cut at 80 columns and no line ends in spaces."""
    code, out, _ = run(capsys, "--db", db, "show", "kst-29521-455")
    assert code == 0
    assert all(line == line.rstrip() for line in out.splitlines())
    assert "Signed: W.B. Hoekstra (Minister van Buitenlandse Zaken); K.H. Ollongren" in out
    code, out, _ = run(capsys, "--db", db, "find", "tankbataljon oprichting")
    first = out.splitlines()[0]
    assert len(first) > 100 and "…" not in first  # the whole subject


def test_search_says_how_many_it_shows_of_how_many(capsys, db) -> None:
    _, out, _ = run(capsys, "--db", db, "search", "motie", "--limit", "2")
    head = out.splitlines()[0]
    assert head.endswith("documents · showing 2") and int(head.split()[0]) > 2
    _, out, _ = run(capsys, "--db", db, "search", "Hoekstra", "Ollongren")
    assert out.splitlines()[0] == "1 document"


def test_find_from_standard_input_says_where_each_query_begins(capsys, db, monkeypatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("29521 455\nscherfvesten\n"))
    _, out, _ = run(capsys, "--db", db, "find", "--stdin")
    heads = [line for line in out.splitlines() if line.startswith("» ")]
    assert heads == ["» 29521 455", "» scherfvesten"]


def test_the_reader_without_a_terminal_refuses_at_once(db) -> None:
    """Started from a script, with no terminal on either side, it says so and exits 2."""
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--db", db, "open", "kst-29521-455"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "kamerlezer: kamerlezer needs a terminal; use `kamerlezer show` or `search` in scripts"
    )


def test_the_reader_with_its_input_not_a_terminal_refuses_at_once(db) -> None:
    """Its output on a terminal, its input from a file: no reader can read keys."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "--db", db],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
            cwd=ROOT,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2 and "needs a terminal" in done.stderr


def test_a_publication_from_outside_parliament_is_skipped_unless_asked(capsys, tmp_path) -> None:
    permit = Path(__file__).parent / "fixtures" / "samples" / "opmeta1.xml"  # WetSuite's, a permit
    db = str(tmp_path / "l.db")
    code, out, err = run(capsys, "--db", db, "load", "-v", str(permit))
    assert code == 0 and out.startswith("0 loaded") and "1 other file skipped" in out
    assert "gmb-2024-216934 is a Gemeenteblad, not a parliamentary document" in err
    code, out, _ = run(capsys, "--db", db, "load", "--other-publications", str(permit))
    assert out.startswith("0 loaded") and "metadata: 1 record" in out  # known, not its text
    code, out, _ = run(capsys, "--db", db, "show", "gmb-2024-216934", "--json")
    assert json.loads(out)["key"] == "gmb-2024-216934"
