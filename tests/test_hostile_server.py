"""A service that misbehaves, on 127.0.0.1: addresses that are no addresses, pages that never
end or never move on, bodies that never finish or never stop, a gzip bomb, ids that are
paths. Each fetch ends in seconds with one line per problem; nothing bad reaches the cache."""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from werkzeug import Request, Response

from loaders.official.sources import OfficialSources
from tui.cli.main import main

API = Path(__file__).parent / "fixtures" / "samples" / "api"
RECORDED = (API / "repository-sru2-eerstekamer-kamerstukken-36867.xml").read_bytes()
FILE_A = "/frbr/officielepublicaties/kst/36867/kst-36867-A/1/xml/kst-36867-A.xml"


def quick(**options: object) -> OfficialSources:
    return OfficialSources.from_environment(
        **{"timeout": 1.0, "deadline": 2.0, "sleep": lambda s: None, **options}
    )


@pytest.fixture
def service(httpserver, monkeypatch, tmp_path) -> Callable[[Callable[[bytes], bytes]], object]:
    """Serves the recorded search for dossier 36 867, changed by the test, on this machine;
    the files themselves answer 404 unless the test serves them."""
    local = httpserver.url_for("").rstrip("/").encode()
    monkeypatch.setenv("KAMERLEZER_SRU_URL", httpserver.url_for("/sru"))
    monkeypatch.setenv("KAMERLEZER_ODATA_URL", httpserver.url_for("/odata"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    httpserver.expect_request("/odata/Zaak").respond_with_json({"value": []})

    def serve(change: Callable[[bytes], bytes] = lambda page: page) -> object:
        page = change(RECORDED.replace(b"https://repository.overheid.nl", local))
        httpserver.expect_request("/sru").respond_with_data(page, content_type="text/xml")
        return httpserver

    return serve


def _fetch(capsys, tmp_path, *argv: str) -> tuple[int, str, str, float]:
    started = time.monotonic()
    code = main(["--db", str(tmp_path / "l.db"), "fetch", *argv], quick)
    out, err = capsys.readouterr()
    return code, out, err, time.monotonic() - started


def test_an_address_that_is_no_address_is_that_documents_error(service, capsys, tmp_path):
    def broken(page: bytes) -> bytes:
        start = page.index(b'manifestation="xml">') + len(b'manifestation="xml">')
        return page[:start] + b"http://[::1" + page[page.index(b"<", start) :]

    service(broken)
    code, out, err, took = _fetch(capsys, tmp_path, "36867")
    assert code == 1 and took < 10
    assert "kst-36867-A (document.xml): cannot ask the source (InvalidURL)" in err
    assert "Traceback" not in err and "found" in out


def test_a_next_page_that_does_not_move_on_stops(service, capsys, tmp_path):
    server = service(
        lambda page: page.replace(
            b"<sru:numberOfRecords>4</sru:numberOfRecords>",
            b"<sru:numberOfRecords>400</sru:numberOfRecords>"
            b"<sru:nextRecordPosition>1</sru:nextRecordPosition>",
        )
    )
    code, _, err, took = _fetch(capsys, tmp_path, "36867", "--dry-run")
    assert code == 1 and took < 5
    assert "next page (1) does not move on from 1" in err
    assert len([r for r, _ in server.log if r.path == "/sru"]) == 1


def test_pages_without_end_stop_at_the_limit(service, capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("loaders.official.sources.MAX_PAGES", 12)
    server = service()

    def endless(request: Request) -> Response:
        start = int(request.args.get("startRecord", "1"))
        page = RECORDED.replace(
            b"<sru:numberOfRecords>4</sru:numberOfRecords>",
            b"<sru:numberOfRecords>99999</sru:numberOfRecords><sru:nextRecordPosition>"
            + str(start + 100).encode()
            + b"</sru:nextRecordPosition>",
        )
        return Response(page, content_type="text/xml")

    server.clear_all_handlers()
    server.expect_request("/sru").respond_with_handler(endless)
    code, _, err, took = _fetch(capsys, tmp_path, "36867", "--dry-run")
    assert code == 1 and took < 10
    assert "more than 12 pages" in err
    assert len([r for r, _ in server.log if r.path == "/sru"]) == 12


def _slowly(request: Request) -> Response:
    def body() -> Iterator[bytes]:
        for _ in range(20):  # stops by itself after 10 s
            yield b"<"
            time.sleep(0.5)

    return Response(body(), content_type="text/xml")


def test_a_body_that_trickles_in_is_given_up_at_the_deadline(service, capsys, tmp_path):
    server = service()
    server.expect_request(FILE_A).respond_with_handler(_slowly)
    code, _, err, took = _fetch(capsys, tmp_path, "36867")
    assert code == 1
    assert took < 8  # the deadline (2 s) counts while the body arrives
    assert "kst-36867-A (document.xml): no answer in time; gave up after 2 s" in err
    assert not list((tmp_path / "cache").rglob("kst-36867-A/document.xml*"))


def test_a_body_without_end_is_refused_at_the_size_limit(service, capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("loaders.official.sources.MAX_SOURCE_BYTES", 1 << 20)
    server = service()

    def endless(request: Request) -> Response:
        chunk = b"<a>" + b"x" * 65536
        return Response((chunk for _ in range(1000)), content_type="text/xml")

    server.expect_request(FILE_A).respond_with_handler(endless)
    code, _, err, _ = _fetch(capsys, tmp_path, "36867")
    assert code == 1
    assert "kst-36867-A (document.xml): too large to load" in err
    assert not list((tmp_path / "cache").rglob("kst-36867-A/document.xml*"))


def test_a_gzip_bomb_is_refused_as_it_unpacks(service, capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("loaders.official.sources.MAX_SOURCE_BYTES", 1 << 20)
    server = service()
    bomb = gzip.compress(b"<" + bytes(32 << 20))  # 32 MB unpacked, 32 KB sent
    server.expect_request(FILE_A).respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="text/xml"
    )
    code, _, err, _ = _fetch(capsys, tmp_path, "36867")
    assert code == 1
    assert "kst-36867-A (document.xml): too large to load" in err
    assert not list((tmp_path / "cache").rglob("kst-36867-A/document.xml*"))


@pytest.mark.parametrize("identifier", [b"..", b"."])
def test_an_id_that_is_a_path_never_becomes_one(service, capsys, tmp_path, identifier):
    server = service(
        lambda page: page.replace(
            b"<dcterms:identifier>kst-36867-A<", b"<dcterms:identifier>" + identifier + b"<"
        )
    )
    server.expect_request(FILE_A).respond_with_data(b"<a/>", content_type="text/xml")
    code, _, err, _ = _fetch(capsys, tmp_path, "36867")
    assert code == 1
    assert f"{identifier.decode()}: not a publication id" in err
    assert not (tmp_path / "document.xml").exists()
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.name == "document.xml"]
