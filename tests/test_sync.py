"""`kamerlezer sync` against a real HTTP server on 127.0.0.1 serving recorded answers: it asks
only for what was published since, loads what arrived and prints it; a second sync fetches
nothing again; a service that never answers is given up within the fetch's limits."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from db.library import Library
from loaders.official.sources import OfficialSources
from tests.test_fetch_command import MOTIE, RECORDED, patient_once
from tests.test_fetch_hangs import quick, silent_service  # noqa: F401 (a fixture)
from tui.cli.main import main

BASE = "/frbr/officielepublicaties/kst/36867"
DEMO = Path(__file__).resolve().parents[1] / "loaders" / "demo"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "library.db"
    Library.open(path).close()
    return path


@pytest.fixture
def server(httpserver, monkeypatch, tmp_path):
    """The recorded answer of the search service (four records, whose files all hold the
    real motie kst-35786-7 and, as their metadata.xml, a real one of another document),
    and no open data."""
    page = RECORDED.replace(
        b"https://repository.overheid.nl", httpserver.url_for("").rstrip("/").encode()
    )
    httpserver.expect_request("/sru").respond_with_data(page, content_type="text/xml")
    httpserver.expect_request("/odata/Zaak").respond_with_json({"value": []})
    metadata = (DEMO / "ah-tk-20202021-3235.metadata.xml").read_bytes()
    for letter in "ABC":
        path = f"{BASE}/kst-36867-{letter}/1/xml/kst-36867-{letter}.xml"
        httpserver.expect_request(path).respond_with_data(MOTIE)
        path = f"{BASE}/kst-36867-{letter}/1/metadata/metadata.xml"
        httpserver.expect_request(path).respond_with_data(metadata)
    path = "/frbr/officielepublicaties/kst/onopgemaakt/kst-1259252/1/metadata/metadata.xml"
    httpserver.expect_request(path).respond_with_data(metadata)
    monkeypatch.setenv("KAMERLEZER_SRU_URL", httpserver.url_for("/sru"))
    monkeypatch.setenv("KAMERLEZER_ODATA_URL", httpserver.url_for("/odata"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return httpserver


def run(capsys, *argv: str, sources=patient_once) -> tuple[int, str, str]:
    code = main(list(argv), sources=sources)
    out, err = capsys.readouterr()
    return code, out, err


def _searches(server) -> list[str]:
    return [
        parse_qs(urlparse(request.url).query)["query"][0]
        for request, _ in server.log
        if request.path == "/sru"
    ]


def test_sync_asks_for_what_is_new_and_a_second_asks_nothing_again(server, db, capsys) -> None:
    assert run(capsys, "--db", str(db), "follow", "35786")[0] == 0
    code, out, err = run(capsys, "--db", str(db), "sync", "--json")
    assert code == 0, err
    today = dt.datetime.now(dt.UTC).date().isoformat()
    [asked] = _searches(server)
    assert "w.dossiernummer==35786" in asked and f"dt.modified>={today}" in asked
    [arrived] = [json.loads(line) for line in out.splitlines()]
    assert arrived["key"] == "kst-35786-7"
    assert arrived["why"][0]["value"] == "35786"
    assert "dossier 35 786: 4 published or changed since" in err
    downloads = [r.path for r, _ in server.log if r.path.startswith("/frbr/")]
    assert len(downloads) == 7  # three documents and four metadata files
    before = len(server.log)
    code, out, err = run(capsys, "--db", str(db), "sync")
    assert code == 0
    assert out.strip() == "Nothing new in what you follow."
    again = [r.path for r, _ in server.log[before:]]
    assert not [path for path in again if path.startswith("/frbr/")]  # none asked again
    assert again.count("/sru") == 1  # what was published since: asked anew, once
    assert again.count("/odata/Zaak") == 1  # decisions taken since: asked anew too
    assert run(capsys, "--db", str(db), "new")[1] != ""  # still unseen until opened


def test_sync_with_nothing_followed_says_so(server, db, capsys) -> None:
    code, out, _ = run(capsys, "--db", str(db), "sync")
    assert code == 0 and "You follow no dossier to sync" in out
    assert _searches(server) == []


def test_a_service_that_never_answers_is_given_up(silent_service, db, capsys, monkeypatch) -> None:  # noqa: F811
    monkeypatch.setenv("KAMERLEZER_SRU_URL", silent_service + "/sru")
    monkeypatch.setenv("KAMERLEZER_ODATA_URL", silent_service + "/odata")
    assert run(capsys, "--db", str(db), "follow", "35786")[0] == 0
    started = time.monotonic()
    code, _, err = run(capsys, "--db", str(db), "sync", sources=quick)
    assert time.monotonic() - started < 15
    assert code == 1 and "35786" in err and "Traceback" not in err
    # Not marked synced: the next sync asks from the same day again.
    from db.user_state import UserState
    from db.user_state.follows import follows

    with Library.open(db, write=False) as library, UserState.open(library) as state:
        assert [f.synced for f in follows(state)] == [""]


def test_sync_never_asks_with_a_day_that_is_not_one() -> None:
    from loaders.errors import LoadError

    with OfficialSources("http://127.0.0.1:9/sru") as sources, pytest.raises(LoadError):
        list(sources.dossier_records("35786", since="2025-01-01 OR 1"))
