"""F on a ghost's page fetches the document from the official sources and opens it."""

from __future__ import annotations

import json
from pathlib import Path

from db.library import Library
from db.loading import load_paths
from tui.app import KamerlezerApp

FIXTURES = Path(__file__).parents[1] / "fixtures"
RECORDED = (FIXTURES / "api" / "repository-sru2-eerstekamer-kamerstukken-36867.xml").read_bytes()


async def test_f_on_a_ghost_fetches_and_opens_it(httpserver, monkeypatch, tmp_path) -> None:
    # The recorded search answer, with one record standing for the motie kst-35786-7 and its
    # file addresses moved to this server; the served file is the motie's real XML.
    local = httpserver.url_for("").rstrip("/").encode()
    page = RECORDED.replace(b"https://repository.overheid.nl", local).replace(
        b"36867-A", b"35786-7"
    )
    httpserver.expect_request("/sru").respond_with_data(page, content_type="text/xml")
    httpserver.expect_request(
        "/frbr/officielepublicaties/kst/36867/kst-35786-7/1/xml/kst-35786-7.xml"
    ).respond_with_data((FIXTURES / "kst-35786-7.xml").read_bytes())
    monkeypatch.setenv("KAMERLEZER_SRU_URL", httpserver.url_for("/sru"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

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
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-35786-7")
        async with app.run_test(size=(120, 36)) as pilot:
            assert app.letter.page.is_ghost
            await pilot.press("F")
            await app.workers.wait_for_complete()
            await pilot.pause()
            page = app.letter.page
            assert page.key == "kst-35786-7" and not page.is_ghost
            assert "Grondwet" in page.text
