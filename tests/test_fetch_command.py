"""`kamerlezer fetch` against a real HTTP server on 127.0.0.1 serving recorded responses."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from db.library import Library
from loaders.official.sources import OfficialSources
from tests.conftest import MOTIE_FILE, MOTIE_METADATA
from tui.cli.main import main

API = Path(__file__).parent / "fixtures" / "samples" / "api"
RECORDED = (API / "repository-sru2-eerstekamer-kamerstukken-36867.xml").read_bytes()
MOTIE = (Path(__file__).parent / "fixtures" / "samples" / "kst-35786-7.xml").read_bytes()


@pytest.fixture
def server(httpserver, monkeypatch, tmp_path):
    """The recorded search answer for dossier 36 867, its file addresses moved to this server."""
    page = RECORDED.replace(
        b"https://repository.overheid.nl", httpserver.url_for("").rstrip("/").encode()
    )
    httpserver.expect_request("/sru").respond_with_data(page, content_type="text/xml")
    httpserver.expect_request("/odata/Zaak").respond_with_json({"value": []})
    monkeypatch.setenv("KAMERLEZER_SRU_URL", httpserver.url_for("/sru"))
    monkeypatch.setenv("KAMERLEZER_ODATA_URL", httpserver.url_for("/odata"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return httpserver


def patient_once(**options: object) -> OfficialSources:
    """The official sources' client as the command makes it, but without backoff waits."""
    return OfficialSources.from_environment(**options, sleep=lambda seconds: None)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), sources=patient_once)
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_lists_exactly_the_recorded_records(server, capsys, tmp_path) -> None:
    code, out, _ = run(capsys, "--db", str(tmp_path / "l.db"), "fetch", "36867", "--dry-run")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()[:-1]]
    assert listed == ["kst-1259252", "kst-36867-A", "kst-36867-B", "kst-36867-C"]
    assert out.splitlines()[-1] == "4 to fetch"


def test_a_fetch_loads_what_arrived_and_names_what_did_not(server, capsys, tmp_path) -> None:
    base = "/frbr/officielepublicaties/kst/36867"
    server.expect_request(f"{base}/kst-36867-A/1/xml/kst-36867-A.xml").respond_with_data(MOTIE)
    server.expect_request(f"{base}/kst-36867-B/1/xml/kst-36867-B.xml").respond_with_data(
        "Service Unavailable", status=503
    )
    server.expect_request(f"{base}/kst-36867-C/1/xml/kst-36867-C.xml").respond_with_data(
        "<html>not a document</html>"
    )
    db = str(tmp_path / "l.db")
    code, out, err = run(capsys, "--db", db, "fetch", "36867")
    assert code == 1
    assert "1 loaded" in out
    assert "kst-36867-B (document.xml): HTTP 503, also after 3 retries" in err
    # the HTML page (a service that is down, answering 200) named, and never cached
    assert "kst-36867-C (document.xml): the service sent a web page, not the document" in err
    assert "2 could not be fetched (named above)" in out
    before = len(server.log)
    code, out, _ = run(capsys, "--db", db, "fetch", "36867")
    asked = [request.path for request, _ in server.log[before:]]
    assert f"{base}/kst-36867-A/1/xml/kst-36867-A.xml" not in asked  # the cache answered
    assert f"{base}/kst-36867-C/1/xml/kst-36867-C.xml" in asked  # asked again, not cached
    assert "unchanged" in out


def test_no_network_is_one_clear_line(capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("KAMERLEZER_SRU_URL", "http://127.0.0.1:9/sru")  # nothing listens
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code, _, err = run(capsys, "--db", str(tmp_path / "l.db"), "fetch", "29521", "--dry-run")
    assert code == 1
    # what was being looked up, not the query it took
    assert err.startswith("kamerlezer: 29521: looking it up: cannot reach the source")
    assert len(err.splitlines()) == 1


def test_a_second_fetch_asks_nothing(motie_service, capsys, tmp_path) -> None:
    motie_service.expect_request(MOTIE_FILE).respond_with_data(MOTIE)
    motie_service.expect_request(
        MOTIE_FILE.replace("xml/kst-35786-7.xml", "metadata/metadata.xml")
    ).respond_with_data("not found", status=404)
    db = str(tmp_path / "l.db")
    code, out, err = run(capsys, "--db", db, "fetch", "kst-35786-7")
    assert code == 1  # something did not arrive
    assert "1 loaded" in out
    assert "HTTP 404" in err  # its metadata.xml is not there: named, the document still loads
    asked = len(motie_service.log)
    run(capsys, "--db", db, "fetch", "kst-35786-7")
    again = [request.path for request, _ in motie_service.log[asked:]]
    assert again == [MOTIE_METADATA]


def test_a_target_that_means_nothing_is_named_before_anything_is_asked(
    server, capsys, tmp_path
) -> None:
    db = str(tmp_path / "l.db")
    code, out, err = run(capsys, "--db", db, "fetch", "36867", 'kst-1" OR dt.type==x', "--dry-run")
    assert code == 1
    assert err == (
        'kamerlezer: kst-1" OR dt.type==x: neither a dossier (29521) nor a document '
        "(kst-29521-446)\n"
    )
    assert out == "" and server.log == []


def test_documents_in_any_spelling_are_looked_up_in_one_question(server, capsys, tmp_path) -> None:
    db = str(tmp_path / "l.db")
    code, out, _ = run(
        capsys, "--db", db, "fetch", "kst-36867-B", "Kamerstuk 36 867, nr. C", "--dry-run"
    )
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["kst-36867-B", "kst-36867-C", "2"]
    ((request, _),) = server.log
    assert request.args["query"] == 'dt.identifier=="kst-36867-B" OR dt.identifier=="kst-36867-C"'


DEMO = Path(__file__).parents[1] / "loaders" / "demo"
MOTIES_29521 = {"kst-29521-474": "A", "kst-29521-475": "B", "kst-29521-476": "C"}


def decisions_on(zaak: str) -> list[dict[str, Any]]:
    """The demo's real Besluit records on ``zaak`` as the service expands them under a Zaak
    (Besluit($expand=Stemming,Agendapunt($expand=Activiteit))). The records come from a
    harvest of Stemming pages, where a Besluit names its agenda item, not its zaak: the one it
    is about is picked by the item's order (as db/outcomes/outcome.py reads it)."""

    def lines(name: str) -> list[dict[str, Any]]:
        text = (DEMO / "open-data" / name).read_text()
        return [json.loads(line) for line in text.splitlines()]

    items = {item["Id"]: item for item in lines("agendapunten.jsonl")}
    activities = {activity["Id"]: activity for activity in lines("activiteiten.jsonl")}
    votes = lines("stemmingen.jsonl")
    found = []
    for besluit in lines("besluiten.jsonl"):
        item = dict(items[besluit["Agendapunt_Id"]])
        numbers = [z["Nummer"] for z in item.pop("Zaak")]
        if numbers[besluit["AgendapuntZaakBesluitVolgorde"] - 1] != zaak:
            continue
        item["Activiteit"] = activities[item["Activiteit_Id"]]
        cast = [v for v in votes if v["Besluit_Id"] == besluit["Id"]]
        found.append(dict(besluit, Stemming=cast, Agendapunt=item))
    return found


@pytest.fixture
def dossier_29521(httpserver, monkeypatch, tmp_path):
    """A service for dossier 29 521: the recorded search answer with its records rewritten to
    three real moties (the envelope and each record's shape as recorded; the unnumbered record
    and the metadata.xml addresses left out), their real files, and their real Zaak records."""
    local = httpserver.url_for("").rstrip("/").encode()
    head, _onopgemaakt, *records = RECORDED.split(b"<sru:record>")
    page = b"<sru:record>".join([head, *records])
    page = re.sub(rb'<gzd:itemUrl manifestation="metadata">[^<]*</gzd:itemUrl>', b"", page)
    for key, letter in MOTIES_29521.items():
        page = page.replace(f"36867-{letter}".encode(), key.removeprefix("kst-").encode())
    page = page.replace(b"36867", b"29521").replace(b"https://repository.overheid.nl", local)
    httpserver.expect_request("/sru").respond_with_data(page, content_type="text/xml")
    for key in MOTIES_29521:
        httpserver.expect_request(
            f"/frbr/officielepublicaties/kst/29521/{key}/1/xml/{key}.xml"
        ).respond_with_data((DEMO / f"{key}.xml").read_bytes(), content_type="text/xml")
    zaken = [json.loads((DEMO / f"zaak-2024Z0512{n}.json").read_text()) for n in (2, 3, 4)]
    for zaak in zaken:
        zaak["Besluit"] = decisions_on(zaak["Nummer"])
    httpserver.expect_request("/odata/Zaak").respond_with_json({"value": zaken})
    monkeypatch.setenv("KAMERLEZER_SRU_URL", httpserver.url_for("/sru"))
    monkeypatch.setenv("KAMERLEZER_ODATA_URL", httpserver.url_for("/odata"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return httpserver


def test_a_dossier_is_fetched_whole_with_its_open_data_and_then_asks_nothing(
    dossier_29521, capsys, tmp_path
) -> None:
    db = str(tmp_path / "l.db")
    code, out, _ = run(capsys, "--db", db, "fetch", "29521", "--dry-run")
    assert [line.split()[0] for line in out.splitlines()] == [*MOTIES_29521, "3"]

    code, out, err = run(capsys, "--db", db, "fetch", "29521")
    assert (code, err) == (0, "")
    # three moties loaded, then given their Zaak's subject, number and document number
    # the documents, once each; what their metadata.xml adds is counted apart
    assert out.startswith(
        "3 found, 4 files; 3 loaded, 0 updated, 0 unchanged, 0 failed; metadata: 3 records"
    )
    zaak_request = next(r for r, _ in dossier_29521.log if r.path == "/odata/Zaak")
    assert zaak_request.args["$filter"].startswith("Kamerstukdossier/any(d:d/Nummer eq 29521)")
    code, out, _ = run(capsys, "--db", db, "show", "kst-29521-474", "--json")
    shown = json.loads(out)
    assert shown["document_number"] == "2024D11909"  # from the Zaak record, not the XML
    assert shown["zaak_numbers"] == ["2024Z05122"]
    assert shown["subject"].startswith("Motie Van Baarle over geen militaire")
    outcome = shown["outcome"]  # the decision the service gives under the zaak itself
    assert (outcome["decision"], outcome["link"], outcome["date"]) == (
        "verworpen",
        "zaak",
        "2024-03-27",  # moved on the 26th, voted on the 27th
    )
    assert {"party": "SP", "seats": 5, "vote": "voor"} in outcome["votes"]

    asked = len(dossier_29521.log)
    code, out, _ = run(capsys, "--db", db, "fetch", "29521")
    assert code == 0 and "0 loaded, 0 updated, 3 unchanged" in out
    assert len(dossier_29521.log) == asked  # the second fetch made no request

    code, out, _ = run(capsys, "--db", db, "fetch", "29521", "--refresh")
    again = sorted(request.path for request, _ in dossier_29521.log[asked:])
    # asked what the dossier holds, and its files again: a refresh trusts no cached answer
    assert again[-2:] == ["/odata/Zaak", "/sru"]
    assert len([path for path in again if path.endswith(".xml")]) == 3


def test_the_ghosts_are_looked_up_together(server, capsys, tmp_path) -> None:
    db = str(tmp_path / "l.db")
    code, out, _ = run(capsys, "--db", db, "fetch", "--ghosts")
    assert (code, out) == (
        0,
        "Nothing to fetch: every cited Kamerstuk and Handelingen item is in the library.\n",
    )
    assert server.log == []
    run(
        capsys,
        "--db",
        db,
        "load",
        str(Path(__file__).parent / "fixtures" / "samples" / "kst-28844-269.xml"),
    )
    code, out, err = run(capsys, "--db", db, "fetch", "--ghosts", "--dry-run")
    assert code == 0 and server.log == []  # what the library lacks, from the library alone
    cited = ["h-tk-20222023-84-12", "kst-28844-261", "kst-28844-266", "kst-36101-15"]
    assert [line.split()[0] for line in out.splitlines()] == [*cited, "4"]
    assert out.splitlines()[-1] == "4 documents to fetch"
    code, out, err = run(capsys, "--db", db, "fetch", "--ghosts")
    assert code == 1
    [(request, _)] = server.log
    assert request.args["query"] == " OR ".join(f'dt.identifier=="{key}"' for key in cited)
    assert out.startswith("0 found")  # the recorded answer lists none of them, and says so:
    assert out.strip().endswith("4 could not be fetched (named above)")
    assert err.splitlines() == [
        f"kamerlezer: {key}: the official sources do not list it" for key in cited
    ]


def test_an_item_of_the_handelingen_is_fetched_and_read_as_a_debate(
    httpserver, monkeypatch, capsys, tmp_path
) -> None:
    """The recorded answer with one record standing for the Handelingen item h-tk-20172018-70-6,
    whose real file the server gives; its metadata.xml is not there."""
    key = "h-tk-20172018-70-6"
    local = httpserver.url_for("").rstrip("/").encode()
    page = RECORDED.replace(b"kst-36867-A", key.encode())
    page = page.replace(b"https://repository.overheid.nl", local)
    httpserver.expect_request("/sru").respond_with_data(page, content_type="text/xml")
    item = Path(__file__).parent / "fixtures" / "debates" / "koop" / f"{key}.xml"
    folder = f"/frbr/officielepublicaties/kst/36867/{key}/1"
    httpserver.expect_request(f"{folder}/xml/{key}.xml").respond_with_data(item.read_bytes())
    httpserver.expect_request(f"{folder}/metadata/metadata.xml").respond_with_data(
        "not found", status=404
    )
    monkeypatch.setenv("KAMERLEZER_SRU_URL", httpserver.url_for("/sru"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    db = str(tmp_path / "l.db")
    code, out, err = run(capsys, "--db", db, "fetch", "Handelingen II 2017/18, nr. 70, item 6")
    assert "1 loaded" in out, err
    assert code == 1 and "HTTP 404" in err  # its metadata.xml is not there: named
    assert httpserver.log[0][0].args["query"] == f'dt.identifier=="{key}"'
    _, out, _ = run(capsys, "--db", db, "show", key)
    assert "handelingen" in out and "Stemmingen moties Informele Milieuraad" in out
    assert "kst-21501-08-726" in out and "kst-21501-08-719" in out


def test_check_fetch_gets_what_the_text_cites_and_then_checks_it(
    motie_service, capsys, tmp_path
) -> None:
    """The real motie 35 786, nr. 7 (Van der Graaf c.s., 30 March 2022) is not in the
    library: without --fetch nothing can be told of it; with it, the wrong mover is found."""
    motie_service.expect_request(MOTIE_FILE).respond_with_data(MOTIE)
    motie_service.expect_request(MOTIE_METADATA).respond_with_data("not found", status=404)
    memo = tmp_path / "memo.txt"
    memo.write_text(
        "De motie-Van der Graaf van 30 maart 2022 (Kamerstuk 35 786, nr. 7) en de"
        " motie-Omtzigt (Kamerstuk 35 786, nr. 7)."
    )
    db = str(tmp_path / "l.db")
    Library.open(tmp_path / "l.db").close()  # a library, empty
    code, out, _ = run(capsys, "--db", db, "check", str(memo))
    assert code == 0
    assert out.count("cannot tell: not in library") == 2
    code, out, err = run(capsys, "--db", db, "check", str(memo), "--fetch")
    assert code == 1
    first, second, summary = out.splitlines()
    assert first.startswith("ok ")
    assert second.startswith("mismatch: signer")
    assert "the text says Omtzigt; signed by Van der Graaf" in second
    assert summary == "2 citations, 1 wrong"
    assert "fetched for checking: 1 lacking; 1 loaded" in err
