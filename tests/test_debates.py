"""The debates: KOOP Handelingen items and the Tweede Kamer's VLOS reports, loaded from the
real files in tests/fixtures/debates (README there), with their speakers and the moties moved in
them."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.library import Library
from db.loading.files import load_paths
from db.search import Searcher, SearchError
from loaders.debates import SPEECH_START, full_name, mark_moved, speaker_label
from loaders.errors import LoadError
from loaders.formats.detect import read_records
from loaders.model import Citation, Document

DEBATES = Path(__file__).parent / "fixtures" / "debates"
VLOS = DEBATES / "vlos"
KOOP = DEBATES / "koop"
MOVED_TABLE = DEBATES / "vlos-ingediende-moties.tsv"


def _read(path: Path) -> Document:
    record = read_records(path.read_bytes(), str(path))[0]
    assert isinstance(record, Document)
    return record


def _vlos(prefix: str) -> Path:
    return next(VLOS.glob(f"sample_vlos_{prefix}*.xml"))


@pytest.fixture(scope="module")
def debates_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("debates") / "library.db"
    with Library.open(path) as library:
        report = load_paths(library, [VLOS, KOOP, DEBATES / "moties"])
        assert report.failed == 0, report.errors
    return path


def test_loading_the_reports_gives_four_meetings_and_six_items(debates_library: Path) -> None:
    with Library.open(debates_library, write=False) as library:
        debates = {
            row[0]: tuple(row[1:])
            for row in library.conn.execute(
                "SELECT key, kind, date, vergaderjaar, chamber, ondernummer FROM documents"
                " WHERE kind IN ('verslag', 'handelingen') AND ghost = 0"
            )
        }
    assert debates == {
        "h-tk-20242025-103": ("verslag", "2025-07-02", "2024-2025", "Tweede Kamer", "103"),
        "h-tk-20242025-104": ("verslag", "2025-07-03", "2024-2025", "Tweede Kamer", "104"),
        "h-tk-20242025-105": ("verslag", "2025-07-10", "2024-2025", "Tweede Kamer", "105"),
        "vlos-tk-20242025-vws-63": ("verslag", "2025-07-02", "2024-2025", "Tweede Kamer", "63"),
        **{
            f"h-tk-20172018-70-{item}": (
                "handelingen",
                "2018-04-05",  # printed in item 1 only: the others take it from there
                "2017-2018",
                "Tweede Kamer",
                "70",
            )
            for item in (1, 4, 6, 9, 13, 14)
        },
    }


def test_titles_say_which_meeting_and_what_was_debated() -> None:
    plenary = _read(_vlos("dc665b38"))
    assert plenary.title == "103e vergadering, woensdag 2 juli 2025"
    assert plenary.subject == "Plenaire vergadering: Passend onderwijs"
    committee = _read(_vlos("3ad601d2"))
    assert committee.title == "Jaarverslag 2024 van het ministerie van VWS"
    assert "vaste commissie voor Volksgezondheid" in committee.subject
    assert _read(KOOP / "h-tk-20172018-70-6.xml").title == (
        "Stemmingen moties Informele Milieuraad d.d. 10-11 april 2018"
    )


@pytest.mark.parametrize("load_first", ["item 1", "the other items"])
def test_every_item_of_a_meeting_gets_its_date_in_any_order(
    library: Library, tmp_path: Path, load_first: str
) -> None:
    first = tmp_path / "first"
    rest = tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    for path in KOOP.glob("*.xml"):
        is_first = path.name == "h-tk-20172018-70-1.xml"
        target = first if is_first == (load_first == "item 1") else rest
        shutil.copy(path, target / path.name)
    load_paths(library, [first])
    load_paths(library, [rest])
    dates = {r[0] for r in library.conn.execute("SELECT date FROM documents WHERE ghost = 0")}
    assert dates == {"2018-04-05"}


def test_every_speech_starts_with_its_speaker_as_the_report_names_them() -> None:
    text = _read(_vlos("dc665b38")).text
    paragraphs = text.split("\n\n")
    assert (
        "De heer Soepboer (NSC): Dank u, voorzitter. Alweer een tijdje geleden"
        in paragraphs[paragraphs.index("Termijn inbreng") + 2]
    )
    assert any(
        p.startswith("(interruptie) Mevrouw Westerveld (GroenLinks-PvdA): Deze motie moeten")
        for p in paragraphs
    )
    # A chair who speaks between two speeches is the chair, not an interruption.
    assert "De voorzitter: Dank u wel. Ik ziet dat er een interruptie" in text
    speeches = [p for p in paragraphs if SPEECH_START.match(p)]
    assert len(speeches) > 80
    koop = _read(KOOP / "h-tk-20172018-70-6.xml").text
    assert "\n\nDe heer Graus (PVV): Mevrouw de voorzitter. Als het gaat om" in koop
    assert "Minister De Jonge: " in _read(KOOP / "h-tk-20172018-70-4.xml").text


def test_the_speakers_are_the_debates_signatories() -> None:
    speakers = {s.name: s.role for s in _read(_vlos("ce0428cf")).signatories}
    assert speakers["Stephan van Baarle"] == "DENK"
    assert "voorzitter" not in {name.lower() for name in speakers}
    minister = _read(_vlos("3ad601d2")).signatories
    assert ("Daniëlle Jansen", "minister van Volksgezondheid, Welzijn en Sport") in {
        (s.name, s.role) for s in minister
    }
    assert {s.name for s in _read(KOOP / "h-tk-20172018-70-4.xml").signatories} >= {
        "Bergkamp",
        "Dijksma",
        "De Jonge",
    }


def test_the_reflowed_koop_files_read_as_the_typeset_text() -> None:
    text = _read(KOOP / "h-tk-20172018-70-6.xml").text
    assert "Zij krijgt nr. 726, was nr. 719 (21501-08)." in text
    assert "( " not in text and " ," not in text and " )" not in text


def test_the_gewijzigde_motie_cites_both_numbers_as_moved() -> None:
    document = _read(KOOP / "h-tk-20172018-70-6.xml")
    moved = {c.target: c.text for c in document.citations if c.kind == "moved"}
    assert moved == {"kst-21501-08-726": "nr. 726", "kst-21501-08-719": "719"}
    for citation in document.citations:
        assert document.text[citation.start : citation.end] == citation.text


def test_every_motie_moved_in_the_reports_is_a_moved_citation() -> None:
    with MOVED_TABLE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == 52
    expected: dict[str, set[str]] = {}
    for row in rows:
        expected.setdefault(row["vlos_file"], set()).add(row["kst_id"])
    for name, keys in expected.items():
        document = _read(VLOS / name)
        moved = {c.target for c in document.citations if c.kind == "moved"}
        assert moved == keys, name


def test_each_corpus_motie_lists_the_meeting_it_was_moved_in(debates_library: Path) -> None:
    with MOVED_TABLE.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t") if row["in_corpus"] == "true"]
    assert len(rows) == 49
    with Library.open(debates_library, write=False) as library:
        meetings = {path.name: _read(path).key for path in VLOS.glob("*.xml")}
        for row in rows:
            key, meeting = row["kst_id"], meetings[row["vlos_file"]]
            assert not library.documents.is_ghost(key), key
            assert meeting in library.documents.cited_by(key), key
            assert [m.debate for m in library.meetings.moved_in(key)] == [meeting], key
        item = library.meetings.moved_in("kst-31497-499")[0].item
        assert item == "Passend onderwijs"
        # What the motie is about stays its own: the agenda item is not its title.
        assert library.documents.get("kst-21501-08-719").title == ""


def test_a_handelingen_citation_of_a_whole_meeting_finds_its_report(library: Library) -> None:
    load_paths(library, [_vlos("dc665b38")])
    from loaders.citations.find import find_citations

    found = find_citations("zie Handelingen II 2024/25, nr. 103, en item 5 daarvan")
    assert [c.target for c in found] == ["h-tk-20242025-103"]
    assert library.meetings.meeting_in_library("h-tk-20242025-103-5") == "h-tk-20242025-103"
    assert library.meetings.meeting_in_library("h-tk-20242025-99-5") == ""


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("spreker:Soepboer", {"h-tk-20242025-103"}),
        ('spreker:"van baarle"', {"h-tk-20242025-104"}),
        ("spreker:Graus dieren", {"h-tk-20172018-70-6"}),
        ("onderwijs spreker:Westerveld", {"h-tk-20242025-103"}),
        ("spreker:Nobody", set()),
    ],
)
def test_search_finds_the_debates_someone_spoke_in(
    debates_library: Path, query: str, found: set[str]
) -> None:
    with Library.open(debates_library, write=False) as library:
        hits = Searcher(library).search(query).hits
    assert {hit.key for hit in hits} == found


def test_a_speaker_is_shown_by_name_and_party_in_the_snippet(debates_library: Path) -> None:
    """The snippet comes from the names the index holds: shown as a reader writes them, not
    as the JSON they are stored in."""
    with Library.open(debates_library, write=False) as library:
        [hit] = Searcher(library).search('spreker:"van baarle"').hits
        [graus] = Searcher(library).search("spreker:Graus").hits
    assert "Stephan van Baarle (DENK)" in hit.snippet
    assert not set('{}[]"') & set(hit.snippet + graus.snippet)
    start, end = hit.highlights[0]
    assert hit.snippet[start:end].lower() == "van baarle"
    assert graus.snippet == "Graus (PVV)"


def test_a_speaker_filter_without_a_name_says_how() -> None:
    with pytest.raises(SearchError, match="spreker:Omtzigt"):
        from db.search import parse_query

        parse_query("spreker:")


def test_the_finder_finds_a_debate_by_a_speakers_name(debates_library: Path) -> None:
    from db.finder import Finder

    with Library.open(debates_library, write=False) as library:
        keys = [result.key for result in Finder(library).find("Soepboer passend onderwijs").results]
    assert keys[0] == "h-tk-20242025-103"


# -- refusing what is not a report ----------------------------------------------------------


def test_the_prettified_mojibake_files_are_refused_and_nothing_is_lost(
    library: Library,
) -> None:
    load_paths(library, [KOOP])
    before = library.rows.stats()
    report = load_paths(library, [DEBATES / "prettified"])
    assert report.failed == 2 and report.loaded == 0
    assert all("doubly encoded" in error for error in report.errors)
    assert all(error.startswith(str(DEBATES / "prettified")) for error in report.errors)
    assert library.rows.stats() == before


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda t: t.replace("<vergadering ", "<vergaderingX ", 1).replace(
                "</vergadering>", "</vergaderingX>"
            ),
            "without <vergadering>",
        ),
        (lambda t: re.sub(r"<vergaderingnummer>\d+<", "<vergaderingnummer><", t), "number"),
        (lambda t: t[: len(t) // 2], "malformed XML"),
        (
            lambda t: '<!DOCTYPE x [<!ENTITY a "aaaa">]>' + t.split("?>", 1)[-1],
            "entities",
        ),
    ],
)
def test_a_damaged_report_is_refused_naming_the_file(change: object, problem: str) -> None:
    path = _vlos("e2903f19")
    text = path.read_bytes().decode("utf-8-sig")
    damaged = change(text)  # type: ignore[operator]
    with pytest.raises(LoadError, match=problem) as caught:
        read_records(damaged.encode(), "verslag.xml")
    assert str(caught.value).startswith("verslag.xml: ")


# -- the pieces, on any text ------------------------------------------------------------------


@given(st.text(max_size=300))
def test_marking_moved_moties_never_raises_and_keeps_spans(text: str) -> None:
    citations = [Citation(0, min(len(text), 5), text[:5], "kst-1-2", "kamerstuk")]
    for citation in mark_moved(text, citations):
        assert 0 <= citation.start <= citation.end <= len(text)


@given(st.text(max_size=40), st.text(max_size=40), st.text(max_size=20), st.text(max_size=40))
def test_speaker_labels_never_raise(prefix: str, name: str, party: str, function: str) -> None:
    label = speaker_label(prefix, name, party, function)
    assert "\n" not in label or "\n" in prefix + name + party + function
    full_name(prefix, name)


def test_names_after_a_first_name_write_their_prefix_small() -> None:
    assert full_name("Stephan", "Van Baarle") == "Stephan van Baarle"
    assert full_name("Tom", "Van der Lee") == "Tom van der Lee"
    assert full_name("", "Van der Lee") == "Van der Lee"
    assert speaker_label("De heer", "Van Baarle", "DENK") == "De heer Van Baarle (DENK)"
    assert speaker_label("", "Agema", "", "minister van VWS") == "Minister Agema"


COMMITTEES = Path(__file__).parent / "fixtures" / "debates" / "vlos-committees"


def test_committee_debates_numbered_0_each_get_a_key_of_their_own(tmp_path) -> None:
    """Every commissiedebat is meeting 0: two of one committee on one day must not share a
    key (the second replaced the first), and "J&V" must survive in it."""
    with Library.open(tmp_path / "library.db") as library:
        first = load_paths(library, [COMMITTEES], parallel=False)
        again = load_paths(library, [COMMITTEES], parallel=False)
        titles = dict(
            library.conn.execute("SELECT key, title FROM documents WHERE kind = 'verslag'")
        )
    assert (first.loaded, first.updated, again.unchanged) == (3, 0, 3)
    assert titles == {
        "vlos-tk-20242025-jenv-20250702-61715b27": "Politie",
        "vlos-tk-20242025-jenv-20250702-408e2501": "Slachtofferbeleid",
        "vlos-tk-20242025-def-20250702-ca333c74": "MIVD",
    }


def test_a_committee_reports_agenda_is_a_list_and_names_are_read_once(tmp_path) -> None:
    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [COMMITTEES], parallel=False)
        politie = library.documents.get("vlos-tk-20242025-jenv-20250702-61715b27")
        mivd = library.documents.get("vlos-tk-20242025-def-20250702-ca333c74")
    agenda = politie.text[politie.text.index("Aan de orde is de behandeling van:") :]
    lines = agenda.split("\n\n", 1)[0].split("\n")
    assert len(lines) > 3 and all(line.startswith("– ") for line in lines[1:])
    assert "Olger Olger" not in mivd.text
    assert "Olger van Dijk" in [s.name for s in mivd.signatories] or "Olger van Dijk" in mivd.text


def test_a_load_that_would_replace_a_document_with_another_refuses_naming_both(tmp_path):
    """Two reports under one key (a committee and number another meeting also has) are two
    documents: the second is refused and named with the first, never written over it."""
    committee = next(
        p for p in (DEBATES / "vlos").glob("*.xml") if b"vergaderingnummer>63<" in p.read_bytes()
    )
    data = committee.read_bytes()
    start = data.index(b"<vergadering ")
    identity = data.index(b'objectid="', start) + len(b'objectid="')
    other = tmp_path / "other-meeting.xml"
    other.write_bytes(data[:identity] + b"00000000-1111" + data[identity + 13 :])
    with Library.open(tmp_path / "library.db") as library:
        first = load_paths(library, [committee], parallel=False)
        second = load_paths(library, [other], parallel=False)
        again = load_paths(library, [committee], parallel=False)
        kept = library.documents.get("vlos-tk-20242025-vws-63")
    assert (first.loaded, second.failed, again.unchanged) == (1, 1, 1)
    assert str(other) in second.errors[0] and str(committee) in second.errors[0]
    assert "another document" in second.errors[0]
    assert kept is not None and kept.source_path == str(committee)
