from __future__ import annotations

from pathlib import Path

import pytest

from db.library import Library
from db.loading.files import load_paths
from db.user_state import STATE_VARIABLE

FIXTURES = Path(__file__).parent / "fixtures" / "samples"
DEMO = Path(__file__).parents[1] / "loaders" / "demo"


@pytest.fixture(autouse=True)
def own_state_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test's reader state (what it follows, has seen) in a folder of its own, never in
    the data folder of whoever runs the tests."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv(STATE_VARIABLE, str(folder))
    return folder


@pytest.fixture(scope="session")
def samples_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of the demo documents and the test samples, built once for the tests that
    only read it (the finder, the search)."""
    path = tmp_path_factory.mktemp("samples") / "library.db"
    with Library.open(path) as library:
        load_paths(library, [DEMO, FIXTURES])
    return path


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def library(tmp_path: Path):
    with Library.open(tmp_path / "library.db") as opened:
        yield opened


RECORDED_SEARCH = (
    FIXTURES / "api" / "repository-sru2-eerstekamer-kamerstukken-36867.xml"
).read_bytes()
# Where the record standing for the motie kst-35786-7 says its files are, on the local server.
MOTIE_FILE = "/frbr/officielepublicaties/kst/36867/kst-35786-7/1/xml/kst-35786-7.xml"
MOTIE_METADATA = "/frbr/officielepublicaties/kst/36867/kst-35786-7/1/metadata/metadata.xml"


@pytest.fixture
def motie_service(httpserver, monkeypatch, tmp_path):
    """The official sources on 127.0.0.1: the recorded search answer, with one record standing
    for the real motie kst-35786-7 (the test serves its file at MOTIE_FILE as it likes), and
    an empty download cache."""
    local = httpserver.url_for("").rstrip("/").encode()
    page = RECORDED_SEARCH.replace(b"https://repository.overheid.nl", local).replace(
        b"36867-A", b"35786-7"
    )
    httpserver.expect_request("/sru").respond_with_data(page, content_type="text/xml")
    monkeypatch.setenv("KAMERLEZER_SRU_URL", httpserver.url_for("/sru"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return httpserver


@pytest.fixture(autouse=True)
def reader_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """The reader's remembered settings (side pane widths) in a folder of the test's own, so
    that no test reads or writes the user's."""
    monkeypatch.setenv("KAMERLEZER_CONFIG", str(tmp_path_factory.mktemp("config")))
