"""Keys as a user types them into the reader in a test: in a burst, as over SSH, and the
reader left to settle after them."""

from __future__ import annotations

from textual import events

from tui.app import KamerlezerApp


def burst(app: KamerlezerApp, keys: str) -> None:
    """Keys as a terminal delivers a burst of them: queued at once, nobody waiting."""
    for char in keys:
        name = {
            " ": "space",
            "/": "slash",
            "]": "right_square_bracket",
            "\r": "enter",
            "\x7f": "backspace",
            "↓": "down",
        }.get(char, char)
        key = events.Key(name, char if char not in "\r\x7f↓" else None)
        key.set_sender(app)
        assert app._driver is not None
        app._driver.send_message(key)


async def settle(pilot, times: int = 3) -> None:
    for _ in range(times):
        await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
