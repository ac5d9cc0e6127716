"""Thousands of keys at random, on every screen of a real library (the demo), with a fixed
seed: the reader never raises and still does what it is asked afterwards."""

from __future__ import annotations

import random

import pytest
from textual import events
from textual.command import CommandPalette

from loaders.official.sources import OfficialSources
from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp

SEED = 20261203
KEYS = 2000
LETTERS = list("abcdefghijklmnoprstuvwxyzABCDEGHIJKLMNOPRSTUVWXYZ0123456789")  # no q, no F
SPECIAL = [
    *("enter", "backspace", "escape", "tab", "shift+tab", "up", "down", "left", "right"),
    *("pageup", "pagedown", "home", "end", "space", "question_mark", "slash", "s", "f"),
    *("right_square_bracket", "left_square_bracket", "greater_than_sign", "less_than_sign"),
    *("ctrl+f", "ctrl+d", "F", "t", "v", "y", "o", "n", "N", "alt+left", "alt+right"),
]
BURST = 50  # keys sent at once, as a terminal over SSH delivers them


def offline(**options: object) -> OfficialSources:
    """No network: nothing listens on port 9."""
    return OfficialSources(
        "http://127.0.0.1:9/sru", odata_url="http://127.0.0.1:9/odata", sleep=lambda s: None
    )


@pytest.mark.mashing
async def test_random_keys_on_every_screen_never_break_the_reader(library, tmp_path) -> None:
    chooser = random.Random(SEED)
    app = KamerlezerApp(library, sources=offline)
    async with app.run_test(size=(100, 30)) as pilot:
        for sent in range(0, KEYS, BURST):
            keys = [
                chooser.choice(LETTERS if chooser.random() < 0.4 else SPECIAL) for _ in range(BURST)
            ]
            for key in keys:
                event = events.Key(key, key if len(key) == 1 else None)
                event.set_sender(app)
                assert app._driver is not None
                app._driver.send_message(event)
            await pilot.pause()
            if sent % 500 == 0:  # the command palette too, but never running a command by
                await pilot.press("ctrl+p")  # chance (quit)
                if isinstance(app.screen, CommandPalette):
                    await pilot.press(*chooser.sample(LETTERS, 4), "escape")
        await settle(pilot)
        assert app.is_running
        for _ in range(4):  # back to the reader from wherever the keys left it
            await pilot.press("escape")
        await settle(pilot)
        while app.screen is not app.reader:
            app.pop_screen()
            await pilot.pause()
        await pilot.press("f", *"29521 455")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader.letter.page.key == "kst-29521-455"
