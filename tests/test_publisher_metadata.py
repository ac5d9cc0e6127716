"""KOOP's metadata, in both its forms (metadata.xml and metadata_owms.xml), for every kind of
parliamentary publication: each record gets its own id, kind, dossier, number, date and title;
a bijlage belongs to its letter and never takes its number; kamervragen name the Aanhangsel
that answers them; what is known from metadata alone says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.library import Library
from db.loading.files import load_paths
from db.reading import read_document
from tui.pages.document import document_page

PLOOI = Path(__file__).parent / "fixtures" / "plooi"


@pytest.fixture
def library(tmp_path: Path):
    with Library.open(tmp_path / "library.db") as opened:
        report = load_paths(opened, [PLOOI], parallel=False)
        assert (report.failed, report.loaded, report.metadata) == (0, 1, 14), report.errors
        yield opened


@pytest.mark.parametrize(
    ("key", "kind", "dossier", "number", "date", "title"),
    [
        ("blg-936562", "bijlage", "35300-X", "", "2020-06-16", "Eindnotitie verkenning"),
        ("blg-1007826", "bijlage", "33037", "", "2021-12-03", "Beslisnota inzake aangenomen"),
        ("kv-tk-2020Z13248", "schriftelijke vragen", "", "", "2020-07-02", "Huisbazen die"),
        ("ah-ek-20192020-10", "antwoord", "", "", "2020-06-10", "Vragen van het lid Van Rooijen"),
        ("h-ek-20202021-1-1", "handelingen", "", "", "2020-09-22", "Presentie en opening"),
        ("ag-tk-2021-05-21", "agenda", "", "", "2021-05-21", "Langetermijnagenda"),
        ("kst-35842-4", "", "35842", "4", "2021-05-25", "Wijziging van het voorstel"),
        ("nds-tk-2015D00006", "niet-dossierstuk", "", "", "", ""),
    ],
)
def test_each_record_gets_its_own_identity(library, key, kind, dossier, number, date, title):
    document = library.documents.get(key)
    assert document is not None, key
    assert (document.kind, document.dossier_key, document.ondernummer) == (kind, dossier, number)
    assert document.date == date or not date
    assert document.title.startswith(title)


def test_a_bijlage_belongs_to_its_letter_both_ways(library) -> None:
    assert library.relations.relations_of("blg-1007826").attached_to == ["kst-33037-430"]
    assert library.relations.relations_of("kst-33037-430").attachments == ["blg-1007826"]
    letter = library.documents.get("kst-33037-430")
    assert letter is not None and letter.ondernummer == "430"  # the letter keeps its number


def test_kamervragen_name_the_aanhangsel_that_answers_them(library) -> None:
    assert library.relations.relations_of("kv-tk-2020Z13248").answered_by == ["ah-tk-20192020-3799"]
    assert library.relations.relations_of("ah-tk-20192020-3799").answers == ["kv-tk-2020Z13248"]
    kamervragen = library.documents.get("kv-tk-2020Z13248")
    assert kamervragen is not None and kamervragen.zaak_numbers == ["2020Z13248"]
    assert [(s.name, s.role) for s in kamervragen.signatories] == [("H. Nijboer", "vragensteller")]


def test_what_metadata_alone_describes_says_metadata_only(library) -> None:
    reading = read_document(library, "blg-1007826")
    assert reading is not None and reading.described
    page = document_page(reading)
    assert page.head.endswith("· metadata only")
    assert "Metadata only" in page.text and "cited" not in page.text.split("\n")[0]
    cited = read_document(library, "kst-33037-430")  # named by the bijlage, described by none
    assert cited is not None and not cited.described


def test_a_second_load_changes_nothing(library) -> None:
    before = library.conn.execute("SELECT key, content_hash FROM documents ORDER BY key").fetchall()
    relations = library.conn.execute("SELECT count(*) FROM relations").fetchone()[0]
    report = load_paths(library, [PLOOI], parallel=False)
    assert (report.loaded, report.updated, report.failed) == (0, 0, 0), report
    assert report.unchanged == 1 and report.metadata_unchanged == 14
    after = library.conn.execute("SELECT key, content_hash FROM documents ORDER BY key").fetchall()
    assert [tuple(row) for row in after] == [tuple(row) for row in before]
    assert library.conn.execute("SELECT count(*) FROM relations").fetchone()[0] == relations


def test_the_eerste_kamer_questions_and_their_answer_are_linked(library) -> None:
    """kv-ek-215160000's metadata gives vraagnummer 215160000: the Eerste Kamer publishes
    its questions under their vraagnummer, so an Aanhangsel's vraagnummer names them."""
    assert library.relations.relations_of("ah-ek-20192020-10").answers == ["kv-ek-219200007"]
    assert library.relations.relations_of("kv-ek-219200007").answered_by == ["ah-ek-20192020-10"]
    asked = library.relations.relations_of("kv-ek-215160000")
    assert asked.answered_by == ["ah-ek-20152016-3"]  # its own metadata's aanhangsel
