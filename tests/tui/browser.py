"""A real browser for the tests: Debian's chromium, headless, driven over the DevTools
protocol (its own websocket, through aiohttp, which textual-serve brings)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

import aiohttp

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# As root, without the network it does not have, and without WebGL, so that the terminal
# (xterm.js) draws its rows as text in the page rather than on a canvas.
_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-webgl",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-port=0",
    "--window-size=1200,800",
]


class Browser:
    """One page in a headless chromium: ``go`` to an address, ``evaluate`` JavaScript in it,
    take a ``screenshot``."""

    def __init__(self) -> None:
        assert CHROMIUM is not None
        # Chromium's helpers (renderer, GPU, zygote) write to the profile until they end: they
        # run in a session of their own, which ends with them all.
        self._profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
        self._process = subprocess.Popen(
            [CHROMIUM, *_FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self._session: aiohttp.ClientSession | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._calls = 0

    async def __aenter__(self) -> Browser:
        port_file = Path(self._profile.name) / "DevToolsActivePort"
        for _ in range(200):
            if port_file.exists() and port_file.read_text().strip():
                break
            await asyncio.sleep(0.05)
        port = port_file.read_text().split()[0]
        self._session = aiohttp.ClientSession()
        targets = await (await self._session.get(f"http://127.0.0.1:{port}/json")).json()
        page = next(t for t in targets if t["type"] == "page")
        self._socket = await self._session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
        await self.call("Page.enable")
        # As a window in front: the terminal tells the app it has the focus (the footer shows
        # keys only then).
        await self.call("Emulation.setFocusEmulationEnabled", enabled=True)
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._session is not None:
            await self._session.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        self._profile.cleanup()

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        assert self._socket is not None
        self._calls += 1
        await self._socket.send_json({"id": self._calls, "method": method, "params": params})
        while True:
            answer: dict[str, Any] = await self._socket.receive_json()
            if answer.get("id") == self._calls:
                result: dict[str, Any] = answer.get("result", {})
                return result

    async def go(self, url: str) -> None:
        await self.call("Page.navigate", url=url)

    async def allow_clipboard(self, origin: str) -> None:
        await self.call(
            "Browser.grantPermissions",
            origin=origin,
            permissions=["clipboardReadWrite", "clipboardSanitizedWrite"],
        )

    async def type(self, text: str) -> None:
        """Keys, as a reader types them, into what has the focus."""
        for char in text:
            await self.call("Input.dispatchKeyEvent", type="keyDown", text=char, key=char)
            await self.call("Input.dispatchKeyEvent", type="keyUp", key=char)

    async def clipboard(self) -> str:
        result = await self.call(
            "Runtime.evaluate", expression="navigator.clipboard.readText()", awaitPromise=True
        )
        return str(result.get("result", {}).get("value", ""))

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression)
        return result.get("result", {}).get("value")

    async def screenshot(self) -> bytes:
        import base64

        return base64.b64decode((await self.call("Page.captureScreenshot", format="png"))["data"])
