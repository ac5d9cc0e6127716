"""How moties ended: the Tweede Kamer's real decisions and votes (open data), loaded in every
shape the samples have, linked to the moties through their zaak numbers."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest

from db.contract import document_record
from db.library import Library
from db.loading.files import load_paths
from loaders.decisions import Decision, normalise_decision
from loaders.errors import LoadError, UnknownFormat
from loaders.formats.detect import read_records

OPEN_DATA = Path(__file__).parent / "fixtures" / "open_data" / "tk-odata-stemmingen.tar.xz"


def _member(name: str) -> bytes:
    with tarfile.open(OPEN_DATA) as archive:
        handle = archive.extractfile(f"tk-odata-stemmingen/{name}")
        assert handle is not None
        return handle.read()


def _lines(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in _member(name).decode().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def voted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("votes") / "library.db"
    with Library.open(path) as library:
        report = load_paths(library, [OPEN_DATA])
    assert report.failed == 0
    return path


@pytest.fixture
def library(voted: Path):
    with Library.open(voted, write=False) as opened:
        yield opened


def test_an_adopted_motie_with_its_seats_and_the_day_of_the_vote(library) -> None:
    outcome = library.outcomes.outcome("kst-36471-16")  # Yeşilgöz-Zegerius c.s., spreidingswet
    assert (outcome.decision, outcome.text, outcome.date) == (
        "aangenomen",
        "Aangenomen.",
        "2023-12-14",
    )
    assert (outcome.method, outcome.seats("voor"), outcome.seats("tegen")) == (
        "handopsteken",
        95,
        55,
    )
    assert outcome.link == "agendapunt"
    parties = {v.party: (v.seats, v.vote) for v in outcome.votes}
    assert parties["VVD"] == (24, "voor") and parties["GroenLinks-PvdA"] == (25, "tegen")


def test_every_unambiguous_complete_decision_shows_with_its_seats(library) -> None:
    """Against the link table: the agenda item holds one zaak, the vote set is whole."""
    besluiten = {b["Id"]: b for b in _lines("besluiten.jsonl")}
    votes: dict[str, list[dict[str, Any]]] = {}
    for vote in _lines("stemmingen.jsonl"):
        votes.setdefault(vote["Besluit_Id"], []).append(vote)
    checked = 0
    for link in _lines("besluit-motie-links.jsonl"):
        if not (link["unambiguous"] and link["complete"] and link["zaken"][0]["kst"]):
            continue
        besluit = besluiten[link["Besluit_Id"]]
        outcome = library.outcomes.outcome(link["zaken"][0]["kst"][0])
        assert outcome.text == besluit["BesluitTekst"].strip()
        assert outcome.decision == normalise_decision(besluit["BesluitSoort"], outcome.text)
        assert outcome.complete
        cast = votes[besluit["Id"]]
        assert outcome.seats("voor") == sum(
            v["FractieGrootte"] for v in cast if v["Soort"] == "Voor"
        )
        assert outcome.seats("tegen") == sum(
            v["FractieGrootte"] for v in cast if v["Soort"] == "Tegen"
        )
        assert outcome.seats("voor") + outcome.seats("tegen") <= 150
        checked += 1
    assert checked == 124


def test_the_complete_roll_call_counts_members(library) -> None:
    """The one complete hoofdelijke stemming: "Verworpen. (72-74)", 150 members."""
    outcome = library.outcomes.outcome("kst-21501-20-2273")
    assert (outcome.decision, outcome.method, outcome.link) == (
        "verworpen",
        "hoofdelijk",
        "volgorde",
    )
    assert (outcome.seats("voor"), outcome.seats("tegen")) == (72, 74)  # as its text says
    assert len(outcome.votes) == 150 and all(v.member and v.seats == 1 for v in outcome.votes)


def test_an_incomplete_vote_set_gives_the_decision_and_parties_but_no_totals(library) -> None:
    outcome = library.outcomes.outcome("kst-29521-474")
    assert outcome.decision == "verworpen"
    assert not outcome.complete and outcome.seats_known < 150
    assert outcome.seats("voor") is None and outcome.seats("tegen") is None
    data = outcome.to_dict()
    assert (data["for"], data["against"], data["complete"]) == (None, None, False)
    assert data["votes"] and all({"party", "seats", "vote"} <= set(v) for v in data["votes"])


def test_loading_the_same_records_again_changes_nothing(voted, tmp_path) -> None:
    with Library.open(voted) as library:
        before = library.outcomes.outcome("kst-36471-16")
        report = load_paths(library, [OPEN_DATA])
        assert (report.loaded, report.updated, report.failed, report.open_data) == (0, 0, 0, {})
        assert report.open_data_unchanged > 4_000
        assert library.outcomes.outcome("kst-36471-16") == before


def test_a_record_without_its_agenda_link_does_not_unlink_the_decision(tmp_path) -> None:
    """The harvest without ``…_Id`` keys holds Besluiten that besluiten.jsonl also has."""
    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [OPEN_DATA])
        decision = "205c4b48-240d-40a0-99d6-5362b4be6cec"
        [bare] = [
            r
            for r in read_records(_member("besluiten-zonder-zaaklink-sample.json"), "sample")
            if isinstance(r, Decision) and r.id == decision
        ]
        assert bare.agenda_item == ""
        assert library.store(bare) == "unchanged"
        row = library.conn.execute("SELECT agenda_item FROM decisions WHERE id = ?", (decision,))
        assert row.fetchone()[0]


def test_a_raw_odata_page_gives_the_nested_records() -> None:
    """As the service answers ``$expand=Besluit($expand=Agendapunt($expand=Zaak)),…``."""
    data = _member("raw-pages/stemming_page_0145_enriched_20251004T193007Z.json")
    records = read_records(data, "page.json")
    kinds = {type(r).__name__ for r in records}
    assert kinds == {"Vote", "Decision", "AgendaItem", "Party"}  # no roll call on it
    assert sum(type(r).__name__ == "Vote" for r in records) == 100
    items = [r for r in records if type(r).__name__ == "AgendaItem"]
    assert all(item.zaken for item in items)


def test_a_zaak_with_its_decisions_links_them_to_that_zaak() -> None:
    """What ``fetch`` asks for: a Zaak with its Besluiten, their votes and agenda item."""
    zaak = json.loads(_member("zaken/zaak-2023Z20221.json"))
    besluit = next(b for b in _lines("besluiten.jsonl") if b["Id"].startswith("a3cbfa73"))
    besluit["Stemming"] = [
        v for v in _lines("stemmingen.jsonl") if v["Besluit_Id"] == besluit["Id"]
    ]
    zaak["Besluit"] = [besluit]
    records = read_records(json.dumps({"value": [zaak]}).encode(), "zaak.json")
    [decision] = [r for r in records if isinstance(r, Decision)]
    assert decision.zaken == ("2023Z20221",)
    assert sum(type(r).__name__ == "Vote" for r in records) == 15
    assert any(getattr(r, "key", "") == "kst-36471-16" for r in records)  # and the motie's data


def test_normalised_decisions_from_the_free_texts_seen() -> None:
    seen = {
        ("Stemmen - aangenomen", "Aangenomen. (72-71)"): "aangenomen",
        ("Stemmen - verworpen", "Verworpen. "): "verworpen",
        ("Stemmen - niet aangenomen", "Niet aangenomen."): "verworpen",
        ("Stemmen - gestaakt", "Gestaakt. (74-74)"): "gestaakt",
        ("Stemmen - uitstellen", "Stemming uitgesteld (71-71)"): "uitgesteld",
        ("Stemmen - aangehouden", "Aanhouden (75-75)."): "aangehouden",
        ("Stemmen - ingetrokken (al tijdens debat)", "Eerder ingetrokken (tijdens debat)."): (
            "ingetrokken"
        ),
        ("Overgenomen", "Overgenomen."): "overgenomen",
        ("[Vrij tekstveld / geen Parlisproces]", "Verworpen (hoofdelijke stemming: 51-87)."): (
            "verworpen"
        ),
        ("Stemmen - vastgesteld", "Vastgesteld."): "Vastgesteld.",
    }
    for (kind, text), decision in seen.items():
        assert normalise_decision(kind, text) == decision


def test_a_malformed_record_fails_its_file_naming_the_record_and_loses_nothing(
    voted, tmp_path
) -> None:
    bad = tmp_path / "stemmingen.jsonl"
    good = _lines("stemmingen.jsonl")[0]
    broken = dict(good, Id="0000-bad", FractieGrootte="vijf")
    bad.write_text(json.dumps(good) + "\n" + json.dumps(broken) + "\n")
    with pytest.raises(LoadError, match=r"stemmingen\.jsonl: record 2 \(Stemming 0000-bad\)"):
        read_records(bad.read_bytes(), str(bad))
    with Library.open(voted) as library:
        before = library.outcomes.outcome("kst-36471-16")
        report = load_paths(library, [bad])
        assert report.failed == 1 and "FractieGrootte is not a number" in report.errors[0]
        assert library.outcomes.outcome("kst-36471-16") == before


def test_an_unknown_record_among_open_data_names_its_line(tmp_path) -> None:
    lines = [*_member("fracties.jsonl").decode().splitlines()[:2], '{"Id": "x", "Wat": 1}']
    with pytest.raises(LoadError, match="line 3: not a Tweede Kamer open-data record"):
        read_records("\n".join(lines).encode(), "fracties.jsonl")
    with pytest.raises(UnknownFormat):
        read_records(_member("besluit-motie-links.jsonl")[:2000].rsplit(b"\n", 1)[0], "links")


def test_a_tombstone_removes_its_record(tmp_path) -> None:
    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [OPEN_DATA])
        assert library.outcomes.outcome("kst-36471-16") is not None
        besluit = next(b for b in _lines("besluiten.jsonl") if b["Id"].startswith("a3cbfa73"))
        gone = io.BytesIO(json.dumps(dict(besluit, Verwijderd=True)).encode())
        [record] = read_records(gone.getvalue(), "tombstone.json")
        assert library.store(record) == "updated"
        assert library.outcomes.outcome("kst-36471-16") is None


DEBATES = Path(__file__).parent / "fixtures" / "debates"


@pytest.fixture(scope="module")
def moved_moties(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The moties moved in the July 2025 debates, the reports of those debates (which name
    each speaker's party) and the open data's decisions and votes."""
    path = tmp_path_factory.mktemp("moved") / "library.db"
    with Library.open(path) as library:
        load_paths(library, [DEBATES / "moties", DEBATES / "vlos", OPEN_DATA])
    return path


def test_no_outcome_is_certain_in_which_a_movers_party_voted_against(moved_moties) -> None:
    from db.outcomes.checks import member_parties, surname_key

    with Library.open(moved_moties, write=False) as library:
        parties = member_parties(library.conn)
        keys = [
            r[0]
            for r in library.conn.execute(
                "SELECT key FROM documents WHERE kind LIKE '%motie%' AND ghost = 0"
            )
        ]
        checked = 0
        for key in keys:
            outcome = library.outcomes.outcome(key)
            document = library.documents.get(key)
            if outcome is None or document is None or not document.signatories:
                continue
            known = parties.get(surname_key(document.signatories[0].name), frozenset())
            if len(known) != 1:
                continue
            (party,) = known
            votes = {v.party: v.vote for v in outcome.votes if not v.member}
            checked += 1
            assert votes.get(party) != "tegen", (key, party, outcome.link, outcome.reason)
            if outcome.link == "volgorde":
                assert not outcome.certain and outcome.reason
        assert checked >= 10


def test_a_decision_read_from_the_agendas_order_that_makes_the_mover_vote_against_is_not_shown(
    moved_moties,
) -> None:
    """Eerdmans (JA21) moved kst-36284-57; the decision at its place in the agenda item was
    adopted with JA21 against, and so is the one at its zaak's number: no outcome is known."""
    with Library.open(moved_moties, write=False) as library:
        assert library.outcomes.outcome("kst-36284-57") is None
        motie = library.documents.get("kst-36284-57")
        assert motie is not None
        record = document_record(library, motie)
        assert record["outcome"] is None
