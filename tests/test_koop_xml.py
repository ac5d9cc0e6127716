from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.formats.detect import read_document_bytes
from loaders.formats.xml_text import TextBuilder
from loaders.kinds import kind_from_title
from loaders.model import Document, Signatory
from loaders.motie_subject import motie_subject
from loaders.safe_xml import parse_xml
from loaders.subject import MAX_LENGTH, subject_from_text
from tui.pages.layout import paragraph_style


def load(path: Path) -> Document:
    [document] = read_document_bytes(path.read_bytes(), str(path))
    return document


def test_a_letter_with_footnotes_and_extrefs(fixtures) -> None:
    document = load(fixtures / "kst-28844-269.xml")
    assert document.key == "kst-28844-269"
    assert document.kind == "brief"
    assert document.date == "2023-07-07"  # from "Den Haag, 7 juli 2023"
    assert document.vergaderjaar == "2022-2023"
    assert document.chamber == "Tweede Kamer"
    assert document.dossiers[0].title == "Integriteitsbeleid openbaar bestuur en politie"
    assert [(s.name, s.role) for s in document.signatories] == [
        ("H.G.J. Bruins Slot", "Minister van Binnenlandse Zaken en Koninkrijksrelaties")
    ]
    targets = [c.target for c in document.citations]
    assert targets.count("kst-28844-261") == 2
    assert {"kst-28844-266", "kst-36101-15", "h-tk-20222023-84-12"} <= set(targets)
    for citation in document.citations:
        assert document.text[citation.start : citation.end] == citation.text
    # Headings are paragraphs; footnotes are at the end as "[n] ..."; markers stay inline.
    paragraphs = document.text.split("\n\n")
    assert "Lobbyregister Ierland" in paragraphs
    assert paragraphs[-1].startswith("[15] Ga naar het archief")
    assert "op 9 mei 2023[1] heb ik" in document.text


def test_a_motie_has_its_indieners_and_what_it_asks(fixtures) -> None:
    document = load(fixtures / "kst-35786-7.xml")
    assert document.kind == "motie"
    assert [s.name for s in document.signatories] == ["Van der Graaf", "Maatoug", "Arib"]
    # Who moved it (as they signed) and what it asks, as the Kamer's own subjects say it
    assert document.subject.startswith("Motie Van der Graaf c.s. over bezien of en op welke")
    assert document.date == "2022-03-30"


def test_budget_chapters_and_several_dossiers(fixtures) -> None:
    document = load(fixtures / "kst-36410-XVI-96.xml")
    assert document.key == "kst-36410-XVI-96"
    assert [d.key for d in document.dossiers] == ["36410-XVI", "36410-VI"]


def test_council_series_and_rijkswet_numbers(fixtures) -> None:
    assert load(fixtures / "kst-21501-02-3258.xml").dossiers[0].key == "21501-02"
    rijkswet = load(fixtures / "kst-36351-9.xml").dossiers[0]
    assert rijkswet.key == "36351"
    assert rijkswet.rijkswet == "R 2184"


def test_embedded_metadata_gives_subject_and_indieners(fixtures) -> None:
    document = load(fixtures / "kst-36750-3.xml")
    assert document.key == "kst-36750-3"
    assert document.kind == "memorie van toelichting"
    assert document.date == "2025-05-21"
    assert "Klimaatfonds" in document.subject
    assert [s.name for s in document.signatories] == ["Vedder", "Grinwis", "Bromet"]


@pytest.mark.parametrize("name", ["kst-24138-3.xml"])
def test_the_older_kamerwrk_format(fixtures, name: str) -> None:
    document = load(fixtures / name)
    assert document.source_format == "kamerwrk-xml"
    assert document.key == "kst-24138-3"
    assert document.kind == "memorie van toelichting"
    assert document.vergaderjaar == "1994-1995"
    assert document.dossiers[0].key == "24138"
    assert document.dossiers[0].title.startswith("Wijziging van de Wet op het basisonderwijs")
    assert [s.name for s in document.signatories] == ["T. Netelenbos", "J. J. van Aartsen"]
    [table] = document.tables  # the contents: one table, a row a line, cells apart
    rows = [[document.text[s:e] for s, e in row] for row in table.rows(document.text)]
    assert rows[0] == ["I.", "ALGEMEEN", "1"]
    assert rows[-1] == ["II.", "ARTIKELSGEWIJZE TOELICHTING", "12"]
    footnote = "[1] Ter inzage gelegd bij de afdeling Parlementaire Documentatie."
    assert document.text.endswith(footnote)
    assert "Kamerstukken II 1992/93, 22 827, nr. 2" in [c.text for c in document.citations]


def test_lists_keep_their_bullets_and_marked_citations(fixtures) -> None:
    document = load(fixtures / "kst-33529-1329.xml")
    items = [p for p in document.text.split("\n\n") if p.startswith("– ")]
    assert len(items) == 5
    assert items[0].startswith("– de motie op stuk nr. 1181 (33 529) om te komen")
    first = document.citations[0]
    assert (first.text, first.target) == ("op stuk nr. 1181 (33 529)", "kst-33529-1181")


def test_tables_are_rows_of_cells_and_the_minister_signs(fixtures) -> None:
    document = load(fixtures / "kst-35470-XIV-4.xml")
    assert document.dossiers[0].key == "35470-XIV"
    assert document.vergaderjaar == "2019-2020"  # printed with an en dash
    first = document.tables[0]
    rows = [[document.text[s:e] for s, e in row] for row in first.rows(document.text)]
    assert first.header_rows == 1  # its <thead>
    assert rows[0][1] == "Beleidsmatige mutaties (ondergrens in € miljoen)"
    assert rows[2] == ["=> 50 en < 200", "2", "4"]
    assert len(document.tables) == 3
    assert [(s.name, s.role) for s in document.signatories] == [
        ("C.J. Schouten", "Minister van Landbouw, Natuur en Voedselkwaliteit")
    ]


@given(st.text(max_size=200), st.text(max_size=80))
def test_subjects_and_kinds_are_made_of_any_text(text: str, title: str) -> None:
    """Titles and dicta are typeset by hand: no text makes reading them fail."""
    kind = kind_from_title(title)
    subject = subject_from_text(text, kind, "", title, [Signatory(title[:10], "indiener")])
    assert len(subject) <= MAX_LENGTH
    assert isinstance(motie_subject(kind, title, text, []), str)


def test_lists_keep_their_numbering(fixtures) -> None:
    """Numbers as the items give them ("1.", KOOP's explicit "i", "ii"), each drawn as a list
    item with its number hanging; a list that numbers itself gets the numbers it prints."""
    memorie = load(Path(__file__).parents[1] / "loaders" / "demo" / "kst-34468-3.xml")
    paragraphs = memorie.text.split("\n\n")
    items = [p for p in paragraphs if p.startswith(("i ", "ii "))]
    assert items == [
        "i worden verricht ten behoeve van andere toegelaten instellingen, en",
        "ii noodzakelijkerwijs voortvloeien uit andere daeb-werkzaamheden.",
    ]
    assert all(paragraph_style(item, False) == "list" for item in items)
    builder = TextBuilder()
    builder.block(
        parse_xml(
            b'<lijst type="a" nr-sluiting=")"><li><al>een</al></li><li><al>twee</al></li>'
            b"<li><li.nr>x.</li.nr><al>zoals gegeven</al></li></lijst>",
            "list.xml",
        )
    )
    builder.block(parse_xml(b'<lijst type="1" start="3"><li><al>drie</al></li></lijst>', "l.xml"))
    text, _ = builder.finish()
    assert text.split("\n\n") == ["a) een", "b) twee", "x. zoals gegeven", "3. drie"]
