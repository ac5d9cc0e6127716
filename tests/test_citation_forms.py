"""Every form of citation that real documents and other projects' test suites use
(tests/fixtures/tables/citation-forms.tsv), and the year of a date in an old document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.citations.find import find_citations
from loaders.citations.stage import with_citations
from loaders.formats.kamerwrk_xml import read_kamerwrk_xml
from loaders.safe_xml import parse_xml

TABLE = Path(__file__).parent / "fixtures" / "tables" / "citation-forms.tsv"


def rows() -> list[tuple[str, list[str], list[str], str, str]]:
    found = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, targets, kinds, form, source = line.split("\t")
        text = text.replace("\\n", "\n").replace("\\u00a0", "\u00a0")
        found.append(
            (
                text,
                [] if targets == "-" else targets.split(),
                [] if kinds == "-" else kinds.split(),
                form,
                source,
            )
        )
    return found


def test_the_table_covers_every_form_with_a_named_source() -> None:
    table = rows()
    assert len(table) >= 80
    forms = {form for *_, form, _source in table}
    assert {"1", "2", "3", "4", "5", "6", "7", "neg"} <= forms
    assert all(source.strip() for *_, source in table)


@pytest.mark.parametrize(("text", "targets", "kinds", "form", "source"), rows())
def test_each_form(text: str, targets: list[str], kinds: list[str], form: str, source: str):
    found = find_citations(text)
    assert [c.target for c in found] == targets, source
    if kinds:
        assert [c.kind for c in found] == kinds, source
    for citation in found:
        assert text[citation.start : citation.end] == citation.text


def test_a_year_less_date_in_an_old_document_takes_its_vergaderjaar(fixtures) -> None:
    """A <kamerwrk> memorie van toelichting of 1994-1995 has no date of its own; "de brief
    van 17 juni jl." before a citation lies in its vergaderjaar."""
    data = (fixtures / "kst-24138-3.xml").read_bytes()
    added = (
        b"<al>In de brief van 17 juni jl. (Kamerstukken II 1994/95, 23 778, nr. 4) en die "
        b"van 3 oktober jl. (Kamerstukken II 1994/95, 23 778, nr. 2) staat het.</al>"
    )
    data = data.replace(b"</stuk>", added + b"</stuk>", 1)
    document = with_citations(
        read_kamerwrk_xml(parse_xml(data, "kst-24138-3.xml"), "kst-24138-3.xml")
    )
    dated = {c.target: c.date for c in document.citations}
    assert dated["kst-23778-4"] == "1995-06-17"
    assert dated["kst-23778-2"] == "1994-10-03"


ID_KINDS = {
    "kst-36200-IV-58": "kamerstuk",
    "blg-1093410": "bijlage",
    "stb-2024-88": "staatsblad",
    "stcrt-2022-12345": "staatscourant",
    "trb-2015-196": "tractatenblad",
    "ah-tk-20242025-1028": "aanhangsel",
    "h-tk-20222023-84-12-15": "handelingen",
    "kv-tk-2011Z17364": "kamervragen",
}


def test_refs_gives_each_publication_id_itself_with_its_kind(tmp_path, capsys) -> None:
    """As a script would use it: ``kamerlezer refs FILE --json``, one line per target."""
    from tui.cli.main import main

    text = tmp_path / "brief.txt"
    text.write_text(
        "Zie " + ", ".join(ID_KINDS) + " en https://zoek.officielebekendmakingen.nl/"
        "stcrt-2022-12345.pdf.\n",
        encoding="utf-8",
    )
    assert main(["refs", str(text), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["target"], line["kind"]) for line in lines] == [
        *ID_KINDS.items(),
        ("stcrt-2022-12345", "staatscourant"),
    ]
