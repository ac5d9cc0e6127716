"""Nothing the command line writes acts on a terminal: not a document's text, not its
identifiers (a library loaded before they were checked), not a name in an error line, in
plain output, piped output and JSON alike."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.library import Library
from db.loading.files import load_paths

ROOT = Path(__file__).resolve().parents[1]
MOTIE = Path(__file__).parent / "fixtures" / "samples" / "kst-33529-1329.xml"
# Raw C0 (ESC, BEL), C1 (CSI), bidi overrides, marks and zero-width characters.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
OSC_TITLE = "\x1b]0;owned\x07"
OSC_CLIPBOARD = "\x1b]52;c;b3duZWQ=\x07"


@pytest.fixture(scope="module")
def old_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library holding a document whose identifiers carry control sequences, as one
    written before they were checked at load would."""
    path = tmp_path_factory.mktemp("old") / "library.db"
    with Library.open(path) as library:
        load_paths(library, [MOTIE], parallel=False)
    conn = sqlite3.connect(path)
    conn.execute(
        "UPDATE documents SET kind = ?, date = ?, ondernummer = ?, title = ? WHERE key = ?",
        (
            "motie" + OSC_TITLE,
            "2025-09-02" + OSC_CLIPBOARD,
            "1329\u009b31m",
            "Gaswinning \u202eesrever\u202c \u200fRLM \u061cALM",
            "kst-33529-1329",
        ),
    )
    conn.execute("UPDATE citations SET target = ? WHERE source = ?", (OSC_TITLE, "kst-33529-1329"))
    conn.commit()
    conn.close()
    return path


def _run(*argv: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "--db", str(db), *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ("show", "kst-33529-1329"),
        ("show", "kst-33529-1329", "--json"),
        ("show", "33529"),
        ("show", "33529", "--json"),
        ("find", "gaswinning"),
        ("find", "gaswinning", "--json"),
        ("search", "gaswinning"),
        ("search", "gaswinning", "--json"),
        ("export", "--jsonl"),
    ],
    ids=lambda a: " ".join(a),
)
def test_no_control_character_reaches_the_output(old_library: Path, argv) -> None:
    done = _run(*argv, db=old_library)
    assert done.returncode == 0, done.stderr
    assert not RAW.search(done.stdout), RAW.findall(done.stdout)
    if "--json" in argv or "--jsonl" in argv:
        for line in done.stdout.splitlines():
            json.loads(line)  # escaped, still JSON: the same strings
    if argv[:2] == ("show", "kst-33529-1329"):
        assert "]0;owned" in done.stdout  # visible, not dropped
        if "--json" in argv:
            record = json.loads(done.stdout)
            assert record["date"] == "2025-09-02" + OSC_CLIPBOARD
            assert record["title"].startswith("Gaswinning \u202eesrever")


def test_an_error_line_quotes_a_name_with_controls_visibly(tmp_path) -> None:
    name = tmp_path / "brief\x1b]0;owned\x07.xml"
    name.write_text("niet een document")
    done = _run("load", str(name), db=tmp_path / "l.db")
    assert done.returncode == 1
    assert not RAW.search(done.stderr) and "\\u001b]0;owned\\u0007" in done.stderr
    assert done.stderr.count("\n") == 1


def test_a_document_loaded_now_keeps_no_control_character_anywhere(tmp_path) -> None:
    record = {
        "key": "kst-29521-998",
        "dossier": "29521",
        "dossier_title": "Vrede\u009b31m",
        "kind": "brief\x1b[2J",
        "title": "Titel\u202e",
        "signatories": [{"name": "Omtzigt\x07", "role": "lid\u200f"}],
        "text": "Tekst\u061c.",
        "citations": [],
    }
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n")
    with Library.open(tmp_path / "l.db") as library:
        report = load_paths(library, [path], parallel=False)
        assert report.loaded == 1, report.errors
        document = library.documents.get("kst-29521-998")
    stored = json.dumps(document.to_dict(), ensure_ascii=False)
    assert not RAW.search(stored)
    assert "Omtzigt\ufffd" in stored and "brief\ufffd[2J" in stored
