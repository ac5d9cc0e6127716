"""A service that accepts and never answers: the command gives up in seconds, Esc cancels at
once, and q ends the reader's process at once."""

from __future__ import annotations

import os
import pty
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from db.library import Library
from db.loading.files import load_paths
from loaders.official.sources import OfficialSources
from tui.app import KamerlezerApp
from tui.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "samples"


@pytest.fixture
def silent_service() -> Iterator[str]:
    """An address that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(1)
    for connection in held:
        connection.close()
    listener.close()


def quick(**options: object) -> OfficialSources:
    return OfficialSources.from_environment(
        **{"timeout": 0.5, "deadline": 2.0, "sleep": lambda s: time.sleep(min(s, 0.2)), **options}
    )


def test_fetch_gives_up_in_seconds_naming_what_it_looked_up(
    silent_service, monkeypatch, tmp_path, capsys
) -> None:
    monkeypatch.setenv("KAMERLEZER_SRU_URL", f"{silent_service}/sru")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    started = time.monotonic()
    code = main(["--db", str(tmp_path / "l.db"), "fetch", "kst-29521-446", "--dry-run"], quick)
    took = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == 1 and took < 5
    assert (
        err.strip()
        == "kamerlezer: kst-29521-446: looking it up: no answer in time; gave up after 2 s"
    )


def test_the_client_a_user_gets_waits_seconds_not_minutes() -> None:
    with OfficialSources() as sources:
        timeout = sources.http.timeout
        assert timeout.connect is not None and timeout.connect <= 5
        assert timeout.read is not None and timeout.read <= 10
        assert sources.deadline <= 30


def _citing_library(tmp_path: Path) -> Path:
    path = tmp_path / "library.db"
    letter = tmp_path / "letter.txt"
    text = (
        (FIXTURES / "kst-29521-455.txt").read_text().replace("nr. 447", "nr. 447 (35 786, nr. 7)")
    )
    letter.write_text(text)
    with Library.open(path) as library:
        load_paths(library, [letter], parallel=False)
    return path


async def test_escape_cancels_at_once_while_the_service_is_silent(
    silent_service, monkeypatch, tmp_path
) -> None:
    monkeypatch.setenv("KAMERLEZER_SRU_URL", f"{silent_service}/sru")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = _citing_library(tmp_path)
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-35786-7", sources=quick)
        async with app.run_test(size=(120, 36)) as pilot:
            app.reader.dossier_tree.focus()  # Esc must cancel wherever the focus is
            await pilot.press("F")
            await pilot.pause(0.1)
            bar = app.query_one("#status", Static)
            assert "(Esc cancels)" in str(bar.render())
            started = time.monotonic()
            await pilot.press("escape")
            await pilot.pause()
            assert str(bar.render()) == "Fetching kst-35786-7 cancelled"
            assert time.monotonic() - started < 0.5
            await pilot.pause(2.5)  # the silent request gives up later: nothing is said then
            assert str(bar.render()) == "Fetching kst-35786-7 cancelled"
            assert not [n for n in app._notifications if n.severity == "error"]


def test_q_during_a_fetch_ends_the_process_at_once(silent_service, tmp_path) -> None:
    """In a real terminal: F on a ghost, then q. The default client would wait its timeouts."""
    path = _citing_library(tmp_path)
    env = dict(
        os.environ,
        KAMERLEZER_SRU_URL=f"{silent_service}/sru",
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        TERM="xterm-256color",
        COLUMNS="100",
        LINES="30",
    )
    leader, follower = pty.openpty()
    reader = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--db", str(path), "open", "kst-35786-7"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=ROOT,
    )
    os.close(follower)
    screen = b""

    def read_for(seconds: float) -> None:
        nonlocal screen
        ends = time.monotonic() + seconds
        while time.monotonic() < ends:
            ready, _, _ = select.select([leader], [], [], 0.05)
            if ready:
                try:
                    screen += os.read(leader, 65536)
                except OSError:
                    return

    try:
        read_for(4)  # the reader starts and draws
        assert b"kst-35786-7" in screen
        os.write(leader, b"F")
        read_for(0.5)
        os.write(leader, b"q")
        started = time.monotonic()
        while reader.poll() is None and time.monotonic() - started < 8:
            read_for(0.1)
        took = time.monotonic() - started
    finally:
        if reader.poll() is None:
            reader.kill()
        os.close(leader)
    assert reader.returncode == 0 and took < 2.5
