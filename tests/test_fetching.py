"""Downloading a dossier's files: a few at a time, never more than the client's limit, each
document on its own. Against a threaded HTTP server on 127.0.0.1 serving real Kamerstukken."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from loaders.errors import LoadError
from loaders.official.downloads import fetch_files, parse_targets
from loaders.official.sources import OfficialSources
from loaders.official.sru import SruRecord

FIXTURES = Path(__file__).parent / "fixtures" / "samples"
FILES = re.compile("/files/.*")
DOCUMENTS = sorted(FIXTURES.glob("kst-*.xml"))  # ten real published Kamerstukken


class SlowServer:
    """Answers each file after a pause, counting how many requests are open at once."""

    def __init__(self, pause: float) -> None:
        self.pause = pause
        self.open = 0
        self.most_open = 0
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        with self.lock:
            self.open += 1
            self.most_open = max(self.most_open, self.open)
        time.sleep(self.pause)
        with self.lock:
            self.open -= 1
        name = request.path.rsplit("/", 1)[-1]
        if name == "metadata.xml":
            return Response("not found", status=404)
        return Response((FIXTURES / name).read_bytes(), content_type="text/xml")


@pytest.fixture
def threaded_server():
    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def records(server: HTTPServer) -> list[SruRecord]:
    return [
        SruRecord(
            identifier=path.stem,
            files={
                "xml": server.url_for(f"/files/{path.name}"),
                "metadata": server.url_for(f"/files/{path.stem}/metadata.xml"),
            },
        )
        for path in DOCUMENTS
    ]


def client(tmp_path: Path, connections: int) -> OfficialSources:
    return OfficialSources(
        cache=tmp_path / "cache", retries=0, sleep=lambda s: None, connections=connections
    )


def test_documents_arrive_a_few_at_a_time_never_more_than_the_limit(
    threaded_server, tmp_path
) -> None:
    slow = SlowServer(pause=0.2)
    threaded_server.expect_request(FILES, method="GET").respond_with_handler(slow)
    with client(tmp_path, connections=4) as sources:
        report = fetch_files(sources, records(threaded_server))
    assert 2 <= slow.most_open <= 4
    # every document arrived, named in the order of the records, whatever order they came in
    assert [path.parent.name for path in report.files] == [path.stem for path in DOCUMENTS]
    assert [path.read_bytes() for path in report.files] == [p.read_bytes() for p in DOCUMENTS]
    assert len(report.errors) == len(DOCUMENTS)  # no metadata.xml for any: each one named
    assert all("(metadata.xml): HTTP 404" in error for error in report.errors)


def test_a_limit_of_one_downloads_one_after_another(threaded_server, tmp_path) -> None:
    slow = SlowServer(pause=0.05)
    threaded_server.expect_request(FILES, method="GET").respond_with_handler(slow)
    with client(tmp_path, connections=1) as sources:
        report = fetch_files(sources, records(threaded_server)[:3])
    assert slow.most_open == 1
    assert len(report.files) == 3


def test_a_cancelled_fetch_keeps_what_arrived_and_starts_nothing_new(
    threaded_server, tmp_path
) -> None:
    slow = SlowServer(pause=0.2)
    threaded_server.expect_request(FILES, method="GET").respond_with_handler(slow)
    arrived: list[str] = []
    with client(tmp_path, connections=2) as sources:
        report = fetch_files(
            sources,
            records(threaded_server),
            on_record=lambda record: arrived.append(record.identifier),
            cancelled=lambda: bool(arrived),
        )
    time.sleep(0.5)  # let the downloads that had started finish
    assert 1 <= len(arrived) < len(DOCUMENTS)
    assert [path.parent.name for path in report.files] == sorted(arrived)
    asked = [request.path for request, _ in threaded_server.log]
    documents_asked = [path for path in asked if not path.endswith("/metadata.xml")]
    assert len(documents_asked) <= 4  # the two under way when it was cancelled, and no more


@pytest.mark.parametrize(
    ("typed", "dossiers", "identifiers"),
    [
        ("29521", ["29521"], []),
        ("36 410 XVI", ["36410-XVI"], []),
        ("kst-29521-446", [], ["kst-29521-446"]),
        ("Kamerstuk 27 925, nr. 919", [], ["kst-27925-919"]),
        ("kst-1259252", [], ["kst-1259252"]),  # an unnumbered publication, by its own id
    ],
)
def test_targets_are_read_in_any_spelling(typed, dossiers, identifiers) -> None:
    assert parse_targets([typed]) == (dossiers, identifiers)


@pytest.mark.parametrize("typed", ['kst-1" OR x', "nonsense", "29521; rm -rf"])
def test_a_target_that_means_nothing_is_named(typed) -> None:
    with pytest.raises(LoadError, match="neither a dossier"):
        parse_targets(["29521", typed])
