import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli.main import main


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "library.db")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_load_prints_its_summary_and_the_index_and_json(capsys, db, fixtures) -> None:
    code, out, _ = run(capsys, "--db", db, "load", str(fixtures / "kst-29521-455.txt"))
    assert code == 0
    summary, index = out.strip().splitlines()
    assert summary == "1 loaded, 0 updated, 0 unchanged, 0 failed"
    assert (
        index
        == f"search index: {Path(db).with_suffix('.index')} (up to date; copy it with the library)"
    )
    code, out, _ = run(capsys, "--db", db, "load", "--json", str(fixtures / "kst-29521-455.txt"))
    assert json.loads(out) == {
        "loaded": 0,
        "updated": 0,
        "unchanged": 1,
        "failed": 0,
        "skipped": 0,
        "errors": [],
        "open_data": {},
        "open_data_unchanged": 0,
        "false_citations": 0,
        "metadata": 0,
        "metadata_unchanged": 0,
        "index": {"path": str(Path(db).with_suffix(".index")), "current": True},
    }


def test_load_exits_1_after_loading_the_good_files(capsys, db, fixtures, tmp_path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<officiele-publicatie>")
    code, out, err = run(capsys, "--db", db, "load", str(bad), str(fixtures / "kst-35786-7.xml"))
    assert code == 1
    assert "1 loaded" in out and "1 failed" in out
    assert err.startswith(f"kamerlezer: {bad}: malformed XML")


def test_show_json_of_the_letter_from_pdf_text(capsys, db, fixtures) -> None:
    run(capsys, "--db", db, "load", str(fixtures / "kst-29521-455.txt"))
    code, out, _ = run(capsys, "--db", db, "show", "kst-29521-455", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["dossier"] == "29521"
    assert data["dossier_title"] == "Nederlandse deelname aan vredesmissies"
    assert data["ondernummer"] == "455"
    assert data["kind"] == "brief"
    assert data["title"] == "BRIEF VAN DE MINISTERS VAN BUITENLANDSE ZAKEN EN DEFENSIE"
    assert data["date"] == "2022-12-13"
    assert data["vergaderjaar"] == "2022-2023"
    assert data["signatories"] == [
        {"name": "W.B. Hoekstra", "role": "Minister van Buitenlandse Zaken"},
        {"name": "K.H. Ollongren", "role": "Minister van Defensie"},
    ]
    assert "veiligheidsinstituties" in data["text"] and "insti-" not in data["text"]
    assert data["ghost"] is False and data["cited_by"] == []
    assert [c["target"] for c in data["citations"]][:2] == ["kst-29521-446", "kst-27925-919"]


@pytest.mark.parametrize("spelling", ["29521-455", "29 521 nr. 455"])
def test_show_takes_any_spelling_of_the_number(capsys, db, fixtures, spelling: str) -> None:
    run(capsys, "--db", db, "load", str(fixtures / "kst-29521-455.txt"))
    code, out, _ = run(capsys, "--db", db, "show", spelling)
    assert code == 0
    assert out.startswith("kst-29521-455 · brief · 2022-12-13")
    assert "Minister van Defensie" in out


def test_show_of_a_ghost_and_of_nothing(capsys, db, fixtures) -> None:
    run(capsys, "--db", db, "load", str(fixtures / "kst-29521-455.txt"))
    code, out, _ = run(capsys, "--db", db, "show", "27925-919", "--json")
    assert json.loads(out)["ghost"] is True
    assert json.loads(out)["cited_by"] == ["kst-29521-455"]
    code, _, err = run(capsys, "--db", db, "show", "12345-678")
    assert code == 1
    assert err.startswith("kamerlezer: 12345-678: no such document")


def test_export_then_load_gives_the_same_library(capsys, db, fixtures, tmp_path) -> None:
    sources = ["kst-29521-455.txt", "kst-28844-269.xml", "kst-36410-I-11.xml"]
    run(capsys, "--db", db, "load", *[str(fixtures / s) for s in sources])
    run(capsys, "--db", db, "load", str(fixtures / "zaak-2024Z00651.json"))
    code, exported, _ = run(capsys, "--db", db, "export", "--jsonl")
    assert code == 0 and len(exported.splitlines()) == 3
    dump = tmp_path / "export.jsonl"
    dump.write_text(exported)
    copy = str(tmp_path / "copy.db")
    code, out, _ = run(capsys, "--db", copy, "load", str(dump))
    assert code == 0 and out.startswith("3 loaded")
    _, again, _ = run(capsys, "--db", copy, "export", "--jsonl")
    assert again == exported
    for key in ("kst-29521-455", "kst-27925-919", "kst-36410-I-11"):
        _, first, _ = run(capsys, "--db", db, "show", key, "--json")
        _, second, _ = run(capsys, "--db", copy, "show", key, "--json")
        assert json.loads(first) == json.loads(second)


def test_export_of_one_dossier(capsys, db, fixtures) -> None:
    letter, motie = fixtures / "kst-29521-455.txt", fixtures / "kst-35786-7.xml"
    run(capsys, "--db", db, "load", str(letter), str(motie))
    _, out, _ = run(capsys, "--db", db, "export", "--dossier", "29 521", "--jsonl")
    assert [json.loads(line)["key"] for line in out.splitlines()] == ["kst-29521-455"]


def test_the_library_comes_from_the_environment(capsys, monkeypatch, tmp_path, fixtures) -> None:
    monkeypatch.setenv("KAMERLEZER_DB", str(tmp_path / "env.db"))
    run(capsys, "load", str(fixtures / "kst-35786-7.xml"))
    assert (tmp_path / "env.db").exists()


def test_a_library_that_is_not_sqlite_is_an_error_not_a_crash(capsys, tmp_path, fixtures) -> None:
    path = tmp_path / "library.db"
    path.write_text("not sqlite " * 200)
    code, _, err = run(capsys, "--db", str(path), "load", str(fixtures / "kst-35786-7.xml"))
    assert code == 1
    assert err.startswith(f"kamerlezer: {path}: not a kamerlezer library")
    assert path.read_text().startswith("not sqlite")


def test_no_command_fills_an_empty_library_with_the_demo(capsys, db) -> None:
    code, out, _ = run(capsys, "--db", db)
    assert code == 0
    assert "29 521" in out and "27 925" in out
    code, out, _ = run(capsys, "--db", db, "show", "kst-29521-455", "--json")
    assert json.loads(out)["signatories"][0]["name"] == "W.B. Hoekstra"


def test_a_library_of_metadata_alone_is_the_users_and_gets_no_demo(capsys, db) -> None:
    odata = Path(__file__).parent / "fixtures" / "kamervragen-odata"
    code, out, _ = run(capsys, "--db", db, "load", str(odata))
    assert code == 0 and "metadata: 215 records" in out
    code, out, _ = run(capsys, "--db", db)
    assert code == 0
    assert "29 521" not in out  # no demo dossier added to it
    code, _, err = run(capsys, "--db", db, "show", "kst-29521-455")
    assert code == 1 and "kst-29521-455" in err


def test_usage_errors_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "show"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "usage: kamerlezer" in result.stderr


def test_document_text_never_reaches_the_terminal_as_escapes(capsys, db, tmp_path) -> None:
    record = {
        "key": "kst-29521-999",
        "dossier": "29521",
        "title": "[bold]Titel[/bold]",
        "text": "Tekst \x1b[31mrood\x1b[0m en [link=https://x]klik[/link].",
        "citations": [],
    }
    path = tmp_path / "evil.jsonl"
    path.write_text(json.dumps(record) + "\n")
    run(capsys, "--db", db, "load", str(path))
    _, out, _ = run(capsys, "--db", db, "show", "kst-29521-999")
    assert "\x1b" not in out
    assert "[bold]Titel[/bold]" in out and "[link=https://x]klik[/link]" in out


def test_refs_prints_citations_of_a_file_without_a_library(capsys, fixtures, tmp_path) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        str(tmp_path / "none.db"),
        "refs",
        "--json",
        str(fixtures / "kst-29521-455.txt"),
    )
    assert code == 0
    assert not (tmp_path / "none.db").exists()
    records = [json.loads(line) for line in out.splitlines()]
    text = (fixtures / "kst-29521-455.txt").read_text()
    assert [r["target"] for r in records] == [
        "kst-29521-446",
        "kst-27925-919",
        "kst-27925-911",
        "kst-29521-447",
    ]
    for record in records:
        assert text[record["start"] : record["end"]] == record["text"]
    assert records[2]["date"] == "2022-05-18"
    assert "title" not in records[1]


def test_refs_reads_standard_input(capsys, monkeypatch) -> None:
    import io

    data = b"Zie Stb. 2024, 88 en (36 410A, nr. 33)."
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "refs", "-")
    assert code == 0
    assert [line.split()[1] for line in out.splitlines()] == ["stb-2024-88", "kst-36410-A-33"]


def test_open_refuses_a_key_that_is_not_there(capsys, db, fixtures) -> None:
    run(capsys, "--db", db, "load", str(fixtures / "kst-35786-7.xml"))
    code, _, err = run(capsys, "--db", db, "open", "12345-678")
    assert code == 1
    assert err.startswith("kamerlezer: 12345-678: no such document")


def test_load_verbose_names_the_skipped_files(capsys, db, fixtures, tmp_path) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "README.md").write_text("# notes\n")
    (folder / "kst-35786-7.xml").write_bytes((fixtures / "kst-35786-7.xml").read_bytes())
    code, out, err = run(capsys, "--db", db, "load", "-v", str(folder))
    assert code == 0 and "(1 other file skipped; -v names them)" in out
    assert f"skipped {folder / 'README.md'}: unknown format" in err


def test_a_command_on_a_library_not_yet_made_reads_the_demo_library(tmp_path, capsys) -> None:
    """As the reader does: on a fresh install every command of the README works."""
    db = str(tmp_path / "new" / "library.db")
    assert main(["--db", db, "show", "kst-29521-455", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["title"].startswith("BRIEF VAN DE MINISTERS")
    assert err == f"{db}: a new library, with the demo documents (kamerlezer load adds yours)\n"
    assert main(["--db", db, "show", "kst-29521-455"]) == 0
    assert capsys.readouterr().err == ""  # made once
