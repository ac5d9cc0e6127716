"""Kamervragen from the Tweede Kamer's open data (tests/fixtures/kamervragen-odata): the Zaak
is the questions (kv-tk-<Nummer>), an answer and a mededeling of delay are the Aanhangsels
their Aanhangselnummer names; stripped of their links, an answer is linked to its questions
by subject, and says that this is an inference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.library import Library
from db.loading.files import load_paths
from tui.cli.main import main

FOLDER = Path(__file__).parent / "fixtures" / "kamervragen-odata"
ZAKEN = FOLDER / "odata-zaak-schriftelijke-vragen.json"
DOCUMENTS = FOLDER / "odata-document-vragen-antwoorden.json"


def expected_links() -> set[tuple[str, str, str]]:
    """(answer, relation, questions) as the independent link table has them."""
    found = set()
    for line in (FOLDER / "kamervragen-links.jsonl").read_text().splitlines():
        chain = json.loads(line)
        for answer in chain["antwoorden"]:
            kind = "postpones" if answer["Soort"].startswith("Mededeling") else "answers"
            found.add((answer["ah_tk_id"], kind, chain["kv_tk_id"]))
    return found


def links(library: Library) -> set[tuple[str, str, str]]:
    rows = library.conn.execute(
        "SELECT source, kind, target FROM relations WHERE basis = 'subject'"
    )
    return {tuple(row) for row in rows}


@pytest.mark.parametrize("order", [(ZAKEN, DOCUMENTS), (DOCUMENTS, ZAKEN)])
def test_answers_are_linked_to_their_questions_whatever_comes_first(tmp_path, order) -> None:
    with Library.open(tmp_path / "library.db") as library:
        for path in order:  # two loads: the second finds what the first left unlinked
            report = load_paths(library, [path], parallel=False)
            assert report.failed == 0
        questions = library.conn.execute(
            "SELECT count(*) FROM documents WHERE key LIKE 'kv-tk-%'"
        ).fetchone()[0]
        made = links(library)
    assert questions == 99
    expected = expected_links()
    assert made <= expected  # never a link the independent table lacks
    assert len(made) == len(expected), sorted(expected - made)


def test_a_mededeling_of_delay_is_no_answer(tmp_path, capsys) -> None:
    db = tmp_path / "library.db"
    with Library.open(db) as library:
        load_paths(library, [ZAKEN, DOCUMENTS], parallel=False)
    assert main(["--db", str(db), "show", "ah-tk-20242025-1168", "--json"]) == 0
    late = json.loads(capsys.readouterr().out)
    assert late["kind"] == "mededeling" and late["asked_by"] == ["Kisteman", "Van Eijk"]
    assert late["links"]["postpones"] == ["kv-tk-2025Z00080"] and not late["links"]["answers"]
    assert "linked by subject" in late["inferred_links"]["kv-tk-2025Z00080"]
    assert main(["--db", str(db), "show", "--open-questions", "--json"]) == 0
    waiting = {q["key"]: q for q in json.loads(capsys.readouterr().out)["open_questions"]}
    question = waiting["kv-tk-2025Z00080"]  # postponed, and never answered in the records
    assert question["postponed_in"] == "ah-tk-20242025-1168"
    assert question["postponed_linked_by"] == "subject"
    answered = "kv-tk-2025Z00618"  # postponed on 12 February, answered a week later
    assert answered not in waiting


def test_an_answer_in_the_reader_says_its_link_is_an_inference(tmp_path) -> None:
    from db.reading import read_document
    from tui.pages.document import document_page

    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [ZAKEN, DOCUMENTS], parallel=False)
        reading = read_document(library, "kv-tk-2025Z00080")
        assert reading is not None
        page = document_page(reading)
    line = next(p for p in page.text.split("\n\n") if p.startswith("Answer postponed in"))
    assert "ah-tk-20242025-1168" in line and "linked by subject" in line


def test_records_that_name_their_zaak_are_linked_as_they_say(tmp_path) -> None:
    """The API's full form names the Zaak of each Document: that link is the record's own,
    no inference; a mededeling's stays a postponement."""
    records = json.loads(DOCUMENTS.read_text())
    by_number = {r["DocumentNummer"]: r for r in records}
    answer = dict(by_number["2025D03999"], Zaak=[{"Nummer": "2025Z00388"}])
    delay = dict(by_number["2025D03679"], Zaak=[{"Nummer": "2025Z00080"}])
    questions = dict(by_number["2025D00228"], Zaak=[{"Nummer": "2025Z00080"}])
    path = tmp_path / "documents.json"
    path.write_text(json.dumps([answer, delay, questions]))
    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [path], parallel=False)
        rows = library.conn.execute("SELECT source, kind, target, basis FROM relations")
        found = {tuple(row) for row in rows}
        kamervragen = library.documents.get("kv-tk-2025Z00080")
    assert ("ah-tk-20242025-1187", "answers", "kv-tk-2025Z00388", "metadata") in found
    assert ("ah-tk-20242025-1168", "postpones", "kv-tk-2025Z00080", "metadata") in found
    assert kamervragen is not None and kamervragen.document_number == "2025D00228"
