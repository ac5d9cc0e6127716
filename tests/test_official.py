"""The client of the official sources, against a real HTTP server on 127.0.0.1 that serves
recorded responses; nothing here touches the internet."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from lxml import etree
from werkzeug import Response

from loaders.errors import LoadError
from loaders.official.sources import OfficialSources
from loaders.official.sru import SruDiagnostic

API = Path(__file__).parent / "fixtures" / "samples" / "api"
FIRST_PAGE = (API / "repository-sru2-staatsblad-amvb-page1.xml").read_bytes()  # next: 2
DOSSIER_QUERY = (
    "w.publicatienaam==Kamerstuk AND w.dossiernummer==36867 sortBy dt.identifier/sort.ascending"
)
LAST_PAGE = (API / "repository-sru2-eerstekamer-kamerstukken-36867.xml").read_bytes()


@pytest.fixture
def sources(httpserver, tmp_path):
    client = OfficialSources(
        sru_url=httpserver.url_for("/sru"),
        cache=tmp_path / "cache",
        timeout=0.5,
        retries=2,
        sleep=lambda seconds: None,
    )
    yield client
    client.close()


def test_a_dossier_is_read_page_after_page(httpserver, sources) -> None:
    for start, page in ((1, FIRST_PAGE), (2, LAST_PAGE)):
        httpserver.expect_request(
            "/sru",
            query_string={
                "operation": "searchRetrieve",
                "version": "2.0",
                "query": DOSSIER_QUERY,
                "startRecord": str(start),
                "maximumRecords": "100",
            },
        ).respond_with_data(page, content_type="text/xml")
    records = list(sources.dossier_records("36867"))
    assert [r.identifier for r in records] == [
        "stb-2009-601-b1",
        "kst-1259252",
        "kst-36867-A",
        "kst-36867-B",
        "kst-36867-C",
    ]
    assert sources.requests == 2


def test_busy_then_served(httpserver, sources) -> None:
    httpserver.expect_ordered_request("/sru").respond_with_response(
        Response("busy", status=429, headers={"Retry-After": "0"})
    )
    httpserver.expect_ordered_request("/sru").respond_with_data(LAST_PAGE)
    page = sources.search("w.dossiernummer==36867")
    assert len(page.records) == 4 and sources.requests == 2


def test_a_server_error_that_stays_is_one_clear_error(httpserver, sources) -> None:
    httpserver.expect_request("/sru").respond_with_data("oops", status=500)
    with pytest.raises(LoadError, match="HTTP 500, also after 2 retries"):
        sources.search("w.dossiernummer==36867")
    assert sources.requests == 3


def test_no_answer_in_time(httpserver, tmp_path) -> None:
    def slow(request):
        time.sleep(0.8)
        return Response(LAST_PAGE)

    httpserver.expect_request("/sru").respond_with_handler(slow)
    sources = OfficialSources(httpserver.url_for("/sru"), cache=tmp_path, timeout=0.3, retries=0)
    with sources, pytest.raises(LoadError, match="no answer in time"):
        sources.search("w.dossiernummer==36867")
    time.sleep(1.0)  # the test server answers one request at a time: let it finish


def test_a_truncated_answer_and_a_diagnostic(httpserver, sources) -> None:
    httpserver.expect_ordered_request("/sru").respond_with_data(LAST_PAGE[: len(LAST_PAGE) // 2])
    httpserver.expect_ordered_request("/sru").respond_with_data(
        (API / "repository-sru2-diagnostic-unknown-prefix.xml").read_bytes()
    )
    with pytest.raises(LoadError, match="malformed XML"):
        sources.search("w.dossiernummer==36867")
    with pytest.raises(SruDiagnostic, match="unknown prefix dcterms"):
        sources.search("dcterms.identifier==x")


def test_a_downloaded_file_comes_from_the_cache_the_second_time(httpserver, sources) -> None:
    motie = (Path(__file__).parent / "fixtures" / "samples" / "kst-35786-7.xml").read_bytes()
    httpserver.expect_request("/files/kst-35786-7.xml").respond_with_data(motie)
    url = httpserver.url_for("/files/kst-35786-7.xml")
    first = sources.download("kst-35786-7", url, "document.xml")
    second = sources.download("kst-35786-7", url, "document.xml")
    assert first == second and first.read_bytes() == motie
    assert sources.requests == 1


def test_an_empty_file_is_not_kept(httpserver, sources) -> None:
    httpserver.expect_request("/files/empty.xml").respond_with_data(b"")
    with pytest.raises(LoadError, match="empty response"):
        sources.download("kst-1-1", httpserver.url_for("/files/empty.xml"), "document.xml")
    assert not (sources.cache / "kst-1-1" / "document.xml").exists()


def test_a_search_page_comes_from_the_cache_the_second_time(httpserver, sources) -> None:
    httpserver.expect_request("/sru").respond_with_data(LAST_PAGE)
    first = sources.search("w.dossiernummer==36867")
    second = sources.search("w.dossiernummer==36867")
    assert [r.identifier for r in first.records] == [r.identifier for r in second.records]
    assert sources.requests == 1


ODATA = API / "stemming-page1-with-nextlink.json"


def test_open_data_listings_follow_the_next_link(httpserver, sources) -> None:
    import json as json_

    first = json_.loads(ODATA.read_text())
    first["@odata.nextLink"] = httpserver.url_for("/odata/Stemming/page2")
    httpserver.expect_request("/odata/Stemming").respond_with_json(first)
    httpserver.expect_request("/odata/Stemming/page2").respond_with_data(
        (API / "document-top3-orderby-id-desc.body.json").read_bytes(),
        content_type="application/json",
    )
    records = list(sources.odata_records(httpserver.url_for("/odata/Stemming")))
    second = json_.loads((API / "document-top3-orderby-id-desc.body.json").read_text())
    live = [r for r in first["value"] + second["value"] if not r.get("Verwijderd")]
    assert len(records) == len(live) > 250
    assert sources.requests == 2


def test_deleted_open_data_records_are_left_out(httpserver, sources) -> None:
    import json as json_

    slice_ = json_.loads((API / "odata-document-page-100-slice.json").read_text())
    httpserver.expect_request("/odata/Document").respond_with_json({"value": slice_})
    records = list(sources.odata_records(httpserver.url_for("/odata/Document")))
    assert len(slice_) == 62 and len(records) == 60
    assert not any(r.get("Verwijderd") for r in records)


def test_a_cut_short_open_data_answer_is_named(httpserver, sources) -> None:
    httpserver.expect_request("/odata/Zaak").respond_with_data(ODATA.read_bytes()[:500])
    with pytest.raises(LoadError, match="not JSON"):
        list(sources.odata_records(httpserver.url_for("/odata/Zaak")))


def test_documents_are_looked_up_twenty_at_a_time(httpserver, sources) -> None:
    queries: list[str] = []

    def answer(request):
        queries.append(request.args["query"])
        return Response(LAST_PAGE, content_type="text/xml")

    httpserver.expect_request("/sru").respond_with_handler(answer)
    wanted = ["kst-36867-C", "kst-36867-A", *(f"kst-36000-{n}" for n in range(1, 44))]
    found = [record.identifier for record in sources.publications(wanted)]
    assert found == ["kst-36867-A", "kst-36867-C"]  # only what was asked, once each
    assert len(queries) == 3  # 45 ids: 20 + 20 + 5
    assert queries[0].startswith('dt.identifier=="kst-36867-C" OR dt.identifier=="kst-36867-A"')
    assert [query.count(" OR ") + 1 for query in queries] == [20, 20, 5]


@pytest.mark.parametrize("hostile", ['kst-1" OR dt.type==x', "kst-1 sortBy x", "", "kst-"])
def test_an_id_that_is_not_one_never_reaches_a_query(httpserver, sources, hostile) -> None:
    with pytest.raises(LoadError, match="not a publication id"):
        list(sources.publications(["kst-36867-A", hostile]))
    assert sources.requests == 0


CSDL = etree.parse(str(API / "tk-odata-metadata.xml"), etree.XMLParser(resolve_entities=False))
EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def entity(name: str) -> dict[str, str]:
    """The recorded service's type ``name``: each property and navigation with its type."""
    [node] = [n for n in CSDL.iter(f"{EDM}EntityType") if n.get("Name") == name]
    members = node.findall(f"{EDM}Property") + node.findall(f"{EDM}NavigationProperty")
    return {member.get("Name"): member.get("Type") for member in members}


def target(type_name: str) -> str:
    return type_name.removeprefix("Collection(").removesuffix(")").rsplit(".", 1)[-1]


def test_the_open_data_question_names_only_what_the_service_describes(httpserver, sources):
    """Checked against the service's own recorded $metadata, as far as offline allows."""
    httpserver.expect_request("/odata/Zaak").respond_with_json({"value": []})
    sources.odata_url = httpserver.url_for("/odata")
    sources.dossier_zaken("36410-XVI")
    [(request, _)] = httpserver.log
    zaak = entity("Zaak")
    # $filter: Kamerstukdossier/any(d:d/Nummer eq 36410) and Verwijderd eq false
    match = re.fullmatch(
        r"(\w+)/any\(d:d/(\w+) eq (\d+)\) and (\w+) eq false", request.args["$filter"]
    )
    assert match is not None
    navigation, number, literal, deleted = match.groups()
    assert zaak[navigation].startswith("Collection(")  # any() needs a collection
    assert entity(target(zaak[navigation]))[number] == "Edm.Int32" and literal == "36410"
    assert zaak[deleted] == "Edm.Boolean"
    # $expand: Document($expand=HuidigeDocumentVersie($expand=DocumentPublicatie)),
    #          Besluit($expand=Stemming,Agendapunt($expand=Activiteit))
    paths = expand_paths(request.args["$expand"])
    assert paths == [
        ["Document", "HuidigeDocumentVersie", "DocumentPublicatie"],
        ["Besluit", "Stemming"],
        ["Besluit", "Agendapunt", "Activiteit"],
    ]
    ends = {}
    for path in paths:
        here = "Zaak"
        for step in path:
            here = target(entity(here)[step])  # each step a navigation of the one before
        ends[path[-1]] = entity(here)
    assert "Identifier" in ends["DocumentPublicatie"]  # the KOOP id documents are merged by
    assert {"Soort", "FractieGrootte", "ActorFractie"} <= set(ends["Stemming"])
    assert ends["Activiteit"]["Datum"] == "Edm.DateTimeOffset"  # the day of the vote
    besluit = entity("Besluit")
    assert {"BesluitSoort", "BesluitTekst", "StemmingsSoort"} <= set(besluit)


def expand_paths(expand: str, prefix: tuple[str, ...] = ()) -> list[list[str]]:
    """Every path from the root of an OData ``$expand`` ("A($expand=B,C($expand=D))")."""
    parts, depth, part = [], 0, ""
    for char in expand:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(part)
            part = ""
        else:
            part += char
    parts.append(part)
    paths: list[list[str]] = []
    for part in parts:
        match = re.fullmatch(r"(\w+)(?:\(\$expand=(.*)\))?", part)
        assert match is not None, part
        name, inner = match.groups()
        if inner:
            paths += expand_paths(inner, (*prefix, name))
        else:
            paths.append([*prefix, name])
    return paths


def test_the_searches_use_only_indexes_the_service_answered_to(httpserver, sources) -> None:
    """Each index our queries use, and the sort, appears in a recorded request's echo."""
    recorded = ("eerstekamer-kamerstukken-36867", "staatsblad-amvb-page1", "verdragenbank-page1")
    echoed = " ".join(
        str(etree.parse(str(API / f"repository-sru2-{name}.xml")).findtext(".//{*}query", ""))
        for name in recorded
    )
    known = set(re.findall(r"\b([a-z]+\.[a-z-]+)(?:==|>|=|/)", echoed))
    queries: list[str] = []

    def answer(request):
        queries.append(request.args["query"])
        return Response(LAST_PAGE, content_type="text/xml")

    httpserver.expect_request("/sru").respond_with_handler(answer)
    list(sources.dossier_records("36867"))
    list(sources.publications(["kst-36867-A", "kst-36867-B"]))
    used = set(re.findall(r"\b([a-z]+\.[a-z-]+)(?:==|>|=|/)", " ".join(queries)))
    assert used == {"w.publicatienaam", "w.dossiernummer", "dt.identifier"}
    assert used <= known
    assert queries[0].endswith(" sortBy dt.identifier/sort.ascending")  # pages hold still
