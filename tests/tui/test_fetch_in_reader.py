"""F on a ghost's page fetches the document from the official sources and opens it."""

from __future__ import annotations

import json
import time
from pathlib import Path

from textual.widgets import Static
from werkzeug import Request, Response

from db.library import Library
from db.loading.files import load_paths
from loaders.official.sources import OfficialSources
from tests.conftest import MOTIE_FILE
from tui.app import KamerlezerApp

FIXTURES = Path(__file__).parents[1] / "fixtures" / "samples"


def without_backoff() -> OfficialSources:
    """The sources the reader uses, but not waiting between retries."""
    return OfficialSources.from_environment(sleep=lambda seconds: None)


def citing_library(tmp_path: Path) -> Path:
    """A library with one letter citing the motie kst-35786-7, which is a ghost in it."""
    citing = {
        "key": "kst-35786-99",
        "dossier": "35786",
        "title": "BRIEF",
        "text": "Zie de motie (Kamerstuk 35 786, nr. 7).",
        "citations": [
            {
                "start": 14,
                "end": 37,
                "text": "Kamerstuk 35 786, nr. 7",
                "target": "kst-35786-7",
                "kind": "kamerstuk",
                "date": "",
                "title": "",
            }
        ],
    }
    source = tmp_path / "citing.jsonl"
    source.write_text(json.dumps(citing) + "\n")
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [source])
    return path


async def test_f_on_a_ghost_fetches_and_opens_it(motie_service, tmp_path) -> None:
    motie_service.expect_request(MOTIE_FILE).respond_with_data(
        (FIXTURES / "kst-35786-7.xml").read_bytes()
    )
    path = citing_library(tmp_path)
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-35786-7", sources=without_backoff)
        async with app.run_test(size=(120, 36)) as pilot:
            assert app.reader.letter.page.is_ghost
            await pilot.press("F")
            await app.workers.wait_for_complete()
            await pilot.pause()
            page = app.reader.letter.page
            assert page.key == "kst-35786-7" and not page.is_ghost
            assert "Grondwet" in page.text
            assert [n.message for n in app._notifications] == ["kst-35786-7 fetched and loaded"]


async def test_escape_cancels_a_fetch_and_the_ghost_stays(motie_service, tmp_path) -> None:
    def slow_file(request: Request) -> Response:
        time.sleep(1.5)  # a slow service: the reader cancels before the file arrives
        return Response((FIXTURES / "kst-35786-7.xml").read_bytes(), content_type="text/xml")

    motie_service.expect_request(MOTIE_FILE).respond_with_handler(slow_file)
    path = citing_library(tmp_path)
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-35786-7", sources=without_backoff)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("F")
            bar = app.query_one("#status", Static)
            for _ in range(100):  # until the download is under way
                await pilot.pause(0.02)
                if "Downloading" in str(bar.render()):
                    break
            assert str(bar.render()) == "Downloading kst-35786-7 … (Esc cancels)"
            started = time.perf_counter()
            await pilot.press("escape")
            for _ in range(100):  # the worker stops at its next look at the cancel flag
                await pilot.pause(0.02)
                if "cancelled" in str(bar.render()):
                    break
            assert str(bar.render()) == "Fetching kst-35786-7 cancelled"
            assert time.perf_counter() - started < 1.0  # not waiting for the slow file
            assert app.reader.letter.page.key == "kst-35786-7" and app.reader.letter.page.is_ghost
    with Library.open(path, write=False) as library:
        assert library.documents.is_ghost("kst-35786-7")


async def test_without_a_network_f_says_so_in_one_line(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("KAMERLEZER_SRU_URL", "http://127.0.0.1:9/sru")  # nothing listens
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = citing_library(tmp_path)
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-35786-7", sources=without_backoff)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("F")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert [n.message for n in app._notifications] == [
                "kst-35786-7: looking it up: cannot reach the source (ConnectError)"
            ]
            assert app.reader.letter.page.is_ghost
