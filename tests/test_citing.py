"""Citing documents for a memo or a reference manager: the Leidraad's text, CSL-JSON (checked
against what the CSL data schema requires), BibTeX (read back by a BibTeX parser) and RIS."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest

from db.library import Library
from loaders.bibliography import bibtex, csl_json, ris
from loaders.model import Document, Signatory
from tui.cli.main import main

# csl-data.json (citation-style-language/schema, v1.0.2): every item must have these, and
# its type must be one of these.
CSL_REQUIRED = ("id", "type")
CSL_TYPES = {
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
}  # fmt: skip


def _cite(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "cite", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_text_a_memo_cites(samples_library, capsys) -> None:
    code, out, _ = _cite(
        capsys, samples_library, "29 521 nr. 455", "h-tk-20242025-103", "ah-tk-20202021-3235"
    )
    assert code == 0
    assert out.splitlines() == [
        "Kamerstukken II 2022/23, 29 521, nr. 455",
        "Handelingen II 2024/25, nr. 103",
        "Aanhangsel Handelingen II 2020/21, nr. 3235",
    ]
    code, out, err = _cite(capsys, samples_library, "kst-29521-455", "kst-1-1")
    assert code == 1 and out.strip() == "Kamerstukken II 2022/23, 29 521, nr. 455"
    assert "kst-1-1: not in this library" in err


def test_csl_json_has_what_the_schema_requires(samples_library, capsys) -> None:
    code, out, _ = _cite(
        capsys, samples_library, "kst-29521-455", "kst-29521-474", "--format", "csl-json"
    )
    assert code == 0
    items = json.loads(out)
    assert [item["id"] for item in items] == ["kst-29521-455", "kst-29521-474"]
    for item in items:
        assert all(field in item for field in CSL_REQUIRED)
        assert item["type"] in CSL_TYPES
        [parts] = item["issued"]["date-parts"]
        assert all(isinstance(part, int) for part in parts)
    letter, motie = items
    assert letter["number"] == "Kamerstukken II 2022/23, 29 521, nr. 455"
    assert letter["author"] == [{"literal": "W.B. Hoekstra"}, {"literal": "K.H. Ollongren"}]
    assert letter["issued"] == {"date-parts": [[2022, 12, 13]]}
    assert letter["URL"] == "https://zoek.officielebekendmakingen.nl/kst-29521-455.html"
    assert motie["genre"] == "motie" and motie["title"].startswith("Motie Van Baarle over")


def test_bibtex_reads_back_whole(samples_library, capsys) -> None:
    code, out, _ = _cite(
        capsys, samples_library, "kst-29521-455", "kst-29521-474", "--format", "bibtex"
    )
    assert code == 0
    entries = bibtexparser.loads(out).entries
    assert [e["ID"] for e in entries] == ["kst-29521-455", "kst-29521-474"]
    assert entries[0]["author"] == "{W.B. Hoekstra} and {K.H. Ollongren}"
    assert entries[0]["howpublished"] == "Kamerstukken II 2022/23, 29 521, nr. 455"
    assert entries[0]["year"] == "2022" and entries[0]["ENTRYTYPE"] == "misc"


def test_a_title_with_bibtex_s_own_characters_stays_one_field() -> None:
    document = Document(
        "kst-36410-XVI-5",
        title="Zorg {voor} 100% & meer: #1 kosten_post \\ ~ ^ $",
        date="2023-11-02",
        signatories=[Signatory("Stephan van Baarle", "DENK")],
    )
    [entry] = bibtexparser.loads(bibtex([document])).entries
    assert (
        entry["title"]
        == r"Zorg \{voor\} 100\% \& meer: \#1 kosten\_post \textbackslash{} \~{} \^{} \$"
    )
    assert entry["author"] == "{Stephan van Baarle}"  # not "van Baarle, Stephan"
    csl = json.loads(csl_json([document]))[0]
    assert csl["title"] == document.title  # JSON needs no escapes of its own
    assert csl["author"] == [{"literal": "Stephan van Baarle"}]


def test_ris_records_begin_and_end_as_ris_does(samples_library, capsys) -> None:
    code, out, _ = _cite(capsys, samples_library, "kst-29521-455", "--format", "ris")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0] == "TY  - GOVDOC" and lines[-1] == "ER  -"
    assert "AU  - W.B. Hoekstra" in lines and "DA  - 2022/12/13" in lines
    assert "M1  - Kamerstukken II 2022/23, 29 521, nr. 455" in lines


def test_a_document_known_only_from_citations_says_so(samples_library) -> None:
    with Library.open(samples_library, write=False) as library:
        ghost = library.documents.get("kst-27925-919")
    assert ghost is not None and ghost.ghost
    assert "known only from the documents that cite it" in ris([ghost])


async def test_capital_y_offers_the_formats_and_copies_the_one_chosen(library) -> None:
    from tests.tui.typed_keys import settle
    from tui.app import KamerlezerApp
    from tui.screens.cite_as import CiteAs

    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("Y")
        await settle(pilot)
        assert isinstance(app.screen, CiteAs)
        await pilot.press("down", "down", "enter")  # text, CSL-JSON, BibTeX
        await settle(pilot)
        assert not isinstance(app.screen, CiteAs)
        [entry] = bibtexparser.loads(app.clipboard).entries
        assert entry["ID"] == "kst-29521-455"
        await pilot.press("Y")
        await settle(pilot)
        await pilot.press("escape")  # nothing copied
        await settle(pilot)
        assert app.clipboard.startswith("@misc{kst-29521-455,")
        app.reader.action_welcome()
        await settle(pilot)
        await pilot.press("Y")  # nothing open: says why
        await settle(pilot)
        assert "nothing here to cite" in app.reader.status.shown
