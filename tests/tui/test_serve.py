"""kamerlezer serve: the reader in a real browser, on this machine only unless asked."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tui.browser import CHROMIUM, Browser
from tui.cli.serving import is_local, reader_command

_TERMINAL_TEXT = "(document.querySelector('.xterm-rows') || {}).innerText || ''"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(library: Path, *options: str) -> subprocess.Popen[str]:
    """kamerlezer serve in a process group of its own (the readers it starts with it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--db", str(library), "serve", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _stop(server: subprocess.Popen[str]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


async def _listening(port: int) -> None:
    for _ in range(150):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        writer.close()
        return
    raise AssertionError(f"nothing listens on {port}")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it)")
async def test_the_reader_in_a_browser_shows_the_welcome_page(demo_path, tmp_path) -> None:
    port = _free_port()
    server = _serve(demo_path, "--port", str(port))
    try:
        await _listening(port)
        async with Browser() as browser:
            await browser.go(f"http://127.0.0.1:{port}")
            shown = ""
            for _ in range(120):  # the page, its websocket, then the reader's first paint
                shown = await browser.evaluate(_TERMINAL_TEXT) or ""
                if "This library holds" in shown:
                    break
                await asyncio.sleep(0.25)
            assert "This library holds" in shown  # the welcome page, in the page's text
            assert "Newest documents:" in shown
            # A click in the terminal, as a reader's first: it has the keys, and the app
            # knows it has the focus (the footer shows keys only then).
            await browser.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            for _ in range(40):
                if "? Help" in shown:
                    break
                await asyncio.sleep(0.25)
                shown = await browser.evaluate(_TERMINAL_TEXT) or ""
            assert "f Find" in shown and "? Help" in shown  # the same keys
            # y copies the open document's citation: into the browser's clipboard.
            await browser.allow_clipboard(f"http://127.0.0.1:{port}")
            await browser.type("]")
            await browser.type("\r")
            for _ in range(40):
                await asyncio.sleep(0.25)
                if "Newest documents:" not in (await browser.evaluate(_TERMINAL_TEXT) or ""):
                    break
            await browser.type("y")
            copied = ""
            for _ in range(40):
                await asyncio.sleep(0.25)
                copied = await browser.clipboard()
                if copied:
                    break
            assert copied.startswith("Kamerstukken II")
            (tmp_path / "served.png").write_bytes(await browser.screenshot())
    finally:
        _stop(server)


def test_serving_beyond_this_machine_warns_first(demo_path) -> None:
    port = _free_port()
    server = _serve(demo_path, "--host", "0.0.0.0", "--port", str(port))
    try:
        warning = server.stderr.readline() if server.stderr else ""
    finally:
        _stop(server)
    assert warning.startswith("kamerlezer: warning: serving on 0.0.0.0: anyone who can reach")
    assert str(demo_path) in warning and "SSH tunnel" in warning


def test_only_loopback_is_this_machine_only() -> None:
    assert is_local("127.0.0.1") and is_local("localhost") and is_local("::1")
    assert not is_local("0.0.0.0") and not is_local("192.168.1.5") and not is_local("example.org")


def test_each_tab_runs_this_kamerlezer_on_this_library() -> None:
    command = reader_command("/data/my library.db", "nord")
    assert command == f"{sys.executable} -m tui.cli --db '/data/my library.db' --theme nord"
