"""Reading real recorded responses of the KOOP SRU services."""

from pathlib import Path

import pytest

from loaders.errors import LoadError
from loaders.official.sru import SruDiagnostic, parse_sru

API = Path(__file__).parent / "fixtures" / "samples" / "api"


def page(name: str):
    return parse_sru((API / name).read_bytes(), name)


def test_a_dossiers_kamerstukken_with_their_files() -> None:
    result = page("repository-sru2-eerstekamer-kamerstukken-36867.xml")
    assert (result.total, result.next_position) == (4, None)  # the last page
    assert [r.identifier for r in result.records] == [
        "kst-1259252",
        "kst-36867-A",
        "kst-36867-B",
        "kst-36867-C",
    ]
    letter = result.records[1]
    assert letter.fields["dossiernummer"] == "36867"
    assert letter.fields["ondernummer"] == "A"
    assert letter.files["xml"].endswith("kst-36867-A.xml")
    assert letter.files["metadata"].endswith("metadata.xml")
    assert "xml" not in result.records[0].files  # an unformatted Kamerstuk: pdf only


def test_a_first_page_says_where_the_next_starts() -> None:
    result = page("repository-sru2-staatsblad-amvb-page1.xml")
    assert (result.total, result.next_position) == (19858, 2)
    assert [r.identifier for r in result.records] == ["stb-2009-601-b1"]


def test_sru_1_2_responses_read_the_same() -> None:
    result = page("zoek-ob-sru12-type-wet.body.xml")
    assert result.total == 315 and result.next_position == 6
    assert result.records[0].identifier == "stb-2025-252"
    assert result.records[0].url == "https://zoek.officielebekendmakingen.nl/stb-2025-252.html"
    assert result.records[0].title.startswith("Wet van 29 januari 2025")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("repository-sru2-diagnostic-unknown-prefix.xml", "unknown prefix dcterms"),
        ("bwb-sru12-diagnostic-67.xml", "info:srw/diagnostic/1/67"),
    ],
)
def test_diagnostics_are_errors_that_say_what_the_service_said(name: str, message: str) -> None:
    with pytest.raises(SruDiagnostic, match=message):
        page(name)


def test_what_is_not_an_sru_response_is_refused() -> None:
    with pytest.raises(LoadError, match="not an SRU search response"):
        parse_sru(b"<html><body>Service Unavailable</body></html>", "response")
    with pytest.raises(LoadError, match="malformed XML"):
        parse_sru(b"<sru:searchRetrieveResponse xmlns:sru='x'><sru:records>", "truncated")
