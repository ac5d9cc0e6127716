from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.citations.find import CitingDocument, find_citations, merge_citations
from loaders.model import Citation

TABLE = Path(__file__).parent / "fixtures" / "tables" / "citations.tsv"


def table_rows() -> list[tuple[str, list[str], str]]:
    rows = []
    for line in TABLE.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, expected, *note = line.split("\t")
        text = text.replace("\\n", "\n").replace("\\u00a0", "\u00a0")
        rows.append((text, [] if expected == "-" else expected.split(), note[0] if note else ""))
    return rows


@pytest.mark.parametrize(("text", "expected", "note"), table_rows())
def test_every_row_of_the_citation_table(text: str, expected: list[str], note: str) -> None:
    assert [c.target for c in find_citations(text)] == expected, note


def test_the_letter_455_cites_four_documents_with_dates_and_titles(fixtures) -> None:
    from loaders.citations.stage import with_citations
    from loaders.formats.pdf_text import read_pdf_text

    letter = with_citations(read_pdf_text((fixtures / "kst-29521-455.txt").read_text(), "455"))
    found = [(c.target, c.date, c.title[:30]) for c in letter.citations]
    assert found == [
        ("kst-29521-446", "2022-06-17", "Samenhangende Nederlandse inze"),
        ("kst-27925-919", "2022-10-28", ""),
        ("kst-27925-911", "2022-05-18", "Kamerbrief voortgang Nederland"),
        ("kst-29521-447", "2022-06-17", "Kennisgeving onderzoek naar mo"),
    ]
    assert letter.citations[2].title.endswith("brede veiligheidsinzet Irak")


def test_spans_cover_the_whole_citation_across_line_breaks() -> None:
    text = "zie Kamerstuk\n29\u00a0521, nr.\n447 en verder"
    [citation] = find_citations(text)
    assert citation.text == "Kamerstuk\n29\u00a0521, nr.\n447"
    assert text[citation.start : citation.end] == citation.text


def test_several_numbers_each_get_a_span_to_step_to() -> None:
    text = "(35 334, nrs. 383, 348 en 309)"
    spans = [(c.text, c.target) for c in find_citations(text)]
    assert spans == [
        ("35 334, nrs. 383", "kst-35334-383"),
        ("348", "kst-35334-348"),
        ("309", "kst-35334-309"),
    ]


def test_ranges_expand() -> None:
    found = find_citations("Kamerstukken II 2019/20, 35 300, nrs. 12 t/m 14.")
    assert [c.target for c in found] == ["kst-35300-12", "kst-35300-13", "kst-35300-14"]


def test_short_forms_point_into_the_citing_dossier() -> None:
    citing = CitingDocument("kst-36410-XIV-77", "36410-XIV")
    text = "Ter vervanging van die gedrukt onder nr. 12."
    assert [c.target for c in find_citations(text, citing)] == ["kst-36410-XIV-12"]
    assert find_citations(text) == []  # without a dossier to point into, nothing


def test_a_short_form_after_a_full_citation_points_into_that_dossier() -> None:
    citing = CitingDocument("kst-29521-455", "29521")
    text = "de brief (Kamerstuk 27 925, nr. 911) en de motie (nr. 912).\n\nLater (nr. 13)."
    assert [c.target for c in find_citations(text, citing)] == [
        "kst-27925-911",
        "kst-27925-912",
        "kst-29521-13",
    ]


def test_compact_ids_and_dossiers_as_a_whole() -> None:
    assert [c.target for c in find_citations("zie kst-36200-IV-58.")] == ["kst-36200-IV-58"]
    [whole] = find_citations("Kamerstukken II 1999/2000, 26 855.")
    assert (whole.target, whole.kind) == ("26855", "dossier")


def test_a_document_never_cites_itself() -> None:
    citing = CitingDocument("kst-29521-455", "29521")
    assert find_citations("Kamerstuk 29 521, nr. 455", citing) == []


@pytest.mark.parametrize(
    "text",
    [
        "Nr. 455 BRIEF VAN DE MINISTERS",
        "bel 070 - 345 67 89 of 06-12345678",
        "postcode 2511 CV Den Haag",
        "zie p. 3 en blz. 12-14",
        "in 2022-2023 en 2024",
        "€ 29 521, nr. 5 van de rekening",
        "een bedrag van 29.521,50 euro, nr. 3 op de lijst",
    ],
)
def test_no_false_citations(text: str) -> None:
    assert find_citations(text) == []


def test_a_marked_citation_widens_to_the_whole_citation_around_it() -> None:
    marked = [Citation(10, 25, "28 844, nr. 266", "kst-28844-266", "kamerstuk")]
    found = [Citation(0, 25, "Kamerstuk 28 844, nr. 266", "kst-28844-266", "kamerstuk")]
    assert merge_citations(marked, found) == found


def test_the_marked_target_wins_where_the_text_reads_another() -> None:
    marked = [Citation(10, 25, "28 844, nr. 266", "kst-28844-266", "kamerstuk")]
    found = [Citation(0, 25, "Kamerstuk 28 844, nr. 265", "kst-28844-265", "kamerstuk")]
    assert merge_citations(marked, found) == marked


PIECES = st.sampled_from(
    [
        *("Kamerstuk ", "29 521", ", nr. ", "446", "\n", "\u00a0", "21 501-32", "-", "XVI "),
        *("nrs. ", "(", ")", "t/m ", " en ", "«Titel»", "d.d. 17 juni ", "Stb. "),
        "Handelingen II 2022/23, ",
    ]
)


@given(st.text())
def test_any_text_gives_spans_inside_it(text: str) -> None:
    citing = CitingDocument("kst-1-1", "29521", None)
    for citation in find_citations(text, citing):
        assert 0 <= citation.start < citation.end <= len(text)
        assert text[citation.start : citation.end] == citation.text


@given(st.lists(PIECES, max_size=14).map("".join))
def test_citation_like_text_gives_spans_inside_it(text: str) -> None:
    import datetime as dt

    citing = CitingDocument("kst-29521-455", "29521", dt.date(2022, 12, 13))
    for citation in find_citations(text, citing):
        assert text[citation.start : citation.end] == citation.text
        assert citation.target


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("(Kamerstukken II 1988/89, 20 691, nrs. 2–3, blz. 5)", ["kst-20691-2", "kst-20691-3"]),
        ("(Kamerstuk 35300, XIV, nr. 67).", ["kst-35300-XIV-67"]),
        ("[5] Kamerstukken I, 2013/14, 33 797, nr. C, p. 12", ["kst-33797-C"]),
        ("moties (35 228, nr. 8 en 32 824, nr. 432) stellen", ["kst-35228-8", "kst-32824-432"]),
    ],
)
def test_forms_seen_in_older_and_other_real_documents(text: str, targets: list[str]) -> None:
    assert [c.target for c in find_citations(text)] == targets


def test_the_eerste_kamer_by_its_name_is_the_eerste_kamer() -> None:
    """ "Handelingen Eerste Kamer" named the Tweede Kamer's meeting (only "I" and "EK" were read
    as the Eerste Kamer); the chambers are now one table read both ways."""
    found = find_citations("Handelingen Eerste Kamer 2022/23, nr. 5, item 3")
    assert [c.target for c in found] == ["h-ek-20222023-5-3"]
