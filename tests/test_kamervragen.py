"""Kamervragen and their answers: a real Aanhangsel (tests/fixtures/aanhangsel) loads as an
``antwoord`` whose questions and answers are paired, with who asked and who answered kept
apart, and linked both ways to the questions it answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.library import Library
from db.loading.files import load_paths
from tui.cli.main import main

AANHANGSEL = Path(__file__).parent / "fixtures" / "aanhangsel"
KEY = "ah-tk-20202021-3235"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        report = load_paths(library, [AANHANGSEL], parallel=False)
    assert (report.loaded, report.failed, report.metadata) == (1, 0, 1), report
    return str(path)


def show(capsys: pytest.CaptureFixture[str], db: str, key: str) -> dict[str, object]:
    assert main(["--db", db, "show", key, "--json"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_the_questions_are_paired_with_their_answers(capsys, db) -> None:
    data = show(capsys, db, KEY)
    assert data["kind"] == "antwoord"
    assert (data["date"], data["vergaderjaar"], data["ondernummer"]) == (
        "2021-06-21",
        "2020-2021",
        "3235",
    )
    questions = data["questions"]
    assert isinstance(questions, list) and [q["number"] for q in questions] == [
        str(n) for n in range(1, 10)
    ]
    first = questions[0]
    assert first["question"].startswith("Vraag 1\n\nKlopt het dat de Tijdelijke")
    assert first["answer"].startswith("Antwoord 1\n\nJa. Volledigheidshalve")
    assert questions[8]["answer"].endswith("als renteloze lening of als bijstand om niet.")
    assert "Antwoord" not in questions[1]["question"]  # a question holds no answer


def test_who_asked_and_who_answered_are_kept_apart(capsys, db) -> None:
    data = show(capsys, db, KEY)
    assert data["asked_by"] == ["Van Weyenberg", "Romke de Jong", "Kat"]
    assert data["answered_by"] == ["Koolmees"]
    assert data["subject"] == "de TOZO"
    assert main(["--db", db, "show", KEY]) == 0
    shown = capsys.readouterr().out
    assert "Asked by: Van Weyenberg, Romke de Jong, Kat" in shown
    assert "Answered by: Koolmees" in shown
    assert "Signed" not in shown  # the members who asked did not sign the answer


def test_the_answer_and_the_questions_it_answers_are_linked_both_ways(capsys, db) -> None:
    """The metadata's vraagnummer is the zaak of the questions, published as kv-tk-…"""
    data = show(capsys, db, KEY)
    assert data["zaak_numbers"] == ["2021Z09739"]
    with Library.open(Path(db), write=False) as library:
        assert library.relations.relations_of(KEY).answers == ["kv-tk-2021Z09739"]
        assert library.relations.relations_of("kv-tk-2021Z09739").answered_by == [KEY]


def test_a_second_load_changes_nothing_and_an_export_loads_back(tmp_path, capsys, db) -> None:
    with Library.open(Path(db)) as library:
        again = load_paths(library, [AANHANGSEL], parallel=False)
    assert (again.loaded, again.updated, again.unchanged) == (0, 0, 1)
    assert main(["--db", db, "export", "--jsonl"]) == 0
    export = tmp_path / "export.jsonl"
    export.write_text(capsys.readouterr().out)
    other = tmp_path / "other.db"
    with Library.open(other) as library:
        load_paths(library, [export], parallel=False)
        document = library.documents.get(KEY)
    assert document is not None and len(document.questions) == 9
    assert document.text[document.questions[0].start :].startswith("Vraag 1")


def test_open_questions_are_those_without_a_known_answer(tmp_path, capsys) -> None:
    """kv-tk-2020Z13248's metadata names its answer; a copy without that line is open: asked
    2 July 2020, it has waited far longer than the Kamer's three weeks."""
    owms = (Path(__file__).parent / "fixtures" / "plooi" / "metadata_owms-kv-tk.xml").read_text()
    unanswered = tmp_path / "metadata_owms-kv-tk.xml"
    unanswered.write_text(
        "\n".join(line for line in owms.splitlines() if "overheidop:aanhangsel" not in line)
    )
    db = str(tmp_path / "library.db")
    with Library.open(Path(db)) as library:
        load_paths(library, [AANHANGSEL, unanswered], parallel=False)
    assert main(["--db", db, "show", "--open-questions", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [question] = data["open_questions"]
    assert question["key"] == "kv-tk-2020Z13248" and question["asked"] == "2020-07-02"
    assert question["days_waited"] > 21 and question["overdue"] and data["norm_days"] == 21
    assert main(["--db", db, "show", "--open-questions"]) == 0
    shown = capsys.readouterr().out
    assert "kv-tk-2020Z13248" in shown and "asked 2 juli 2020" in shown
    assert "three weeks" in shown


@pytest.mark.parametrize(
    "query",
    [
        "Koolmees",  # the minister who answered
        "van weyenberg tozo",  # who asked, and the subject
        "2021Z09739",  # the zaak of the questions
        "ah-tk-20202021-3235",
        "Aanhangsel Handelingen II 2020/21, nr. 3235",  # as it is cited
    ],
)
def test_the_finder_finds_the_answer_by_what_a_reader_remembers(db, query) -> None:
    from db.finder import Finder

    with Library.open(Path(db), write=False) as library:
        results = Finder(library).find(query).results
    assert results and results[0].key == KEY, query
