from hypothesis import given
from hypothesis import strategies as st

from loaders.citations.stage import with_citations
from loaders.errors import LoadError
from loaders.formats.pdf_text import looks_like_pdf_text, read_pdf_text, reflow


def test_the_letter_from_its_pdf_text_has_its_printed_metadata(fixtures) -> None:
    path = fixtures / "kst-29521-455.txt"
    document = read_pdf_text(path.read_text(), str(path))
    assert document.key == "kst-29521-455"
    assert document.dossiers[0].key == "29521"
    assert document.dossiers[0].title == "Nederlandse deelname aan vredesmissies"
    assert document.ondernummer == "455"
    assert document.kind == "brief"
    assert document.title == "BRIEF VAN DE MINISTERS VAN BUITENLANDSE ZAKEN EN DEFENSIE"
    assert document.date == "2022-12-13"
    assert document.vergaderjaar == "2022-2023"
    assert [(s.name, s.role) for s in document.signatories] == [
        ("W.B. Hoekstra", "Minister van Buitenlandse Zaken"),
        ("K.H. Ollongren", "Minister van Defensie"),
    ]


def test_line_break_hyphens_go_and_real_hyphens_stay(fixtures) -> None:
    text = read_pdf_text((fixtures / "kst-29521-455.txt").read_text(), "455").text
    assert "veiligheidsinstituties" in text
    assert "doelstellingen" in text
    assert "insti-" not in text and "doelstel-" not in text
    for real in ("anti-ISIS-coalitie", "NAVO-missie", "artikel 100-brief"):
        assert real in text
    assert "\n" not in text.split("\n\n")[2]  # a paragraph is one line: reflowed


def test_reflow_keeps_hyphens_that_are_not_hyphenation() -> None:
    assert reflow(["de NAVO-", "missie"]) == "de NAVO-missie"
    assert reflow(["de artikel 100-", "brief"]) == "de artikel 100-brief"
    assert reflow(["zorg- ", "en welzijn"]) == "zorg- en welzijn"
    assert reflow(["veiligheidsinsti-", "tuties"]) == "veiligheidsinstituties"


def test_page_headers_and_page_numbers_are_dropped(fixtures) -> None:
    original = (fixtures / "kst-29521-455.txt").read_text()
    first, _, rest = original.partition("Advisering")
    paged = (
        "Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2022–2023\n\n"
        + first
        + "\f\nTweede Kamer, vergaderjaar 2022–2023, 29 521, nr. 455 2\n\nAdvisering"
        + rest
        + "\n3\n"
    )
    document = read_pdf_text(paged, "paged")
    assert "vergaderjaar 2022" not in document.text
    assert document.text == read_pdf_text(original, "455").text
    assert document.vergaderjaar == "2022-2023"


def test_the_letters_citations_are_found_in_the_reflowed_text(fixtures) -> None:
    document = with_citations(read_pdf_text((fixtures / "kst-29521-455.txt").read_text(), "455"))
    assert [c.target for c in document.citations] == [
        "kst-29521-446",
        "kst-27925-919",
        "kst-27925-911",
        "kst-29521-447",
    ]
    for citation in document.citations:
        assert document.text[citation.start : citation.end] == citation.text


def test_text_without_a_kamerstuk_header_is_not_pdf_text() -> None:
    assert not looks_like_pdf_text("Dit is een gewone tekst.\nMet twee regels.")
    try:
        read_pdf_text("", "empty")
    except LoadError as exc:
        assert "empty" in str(exc)


@given(st.text())
def test_reading_any_text_raises_nothing_but_load_errors(text: str) -> None:
    try:
        document = read_pdf_text(text, "any")
    except LoadError:
        return
    for citation in document.citations:
        assert document.text[citation.start : citation.end] == citation.text
