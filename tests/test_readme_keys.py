"""The README's key table is the one place outside the app that lists keys: every command a
reader can reach from the reader must be in it, under the key the app binds."""

from __future__ import annotations

import re
from pathlib import Path

from tui.commands import APP, LETTER, READER, key_display

README = Path(__file__).resolve().parents[1] / "README.md"
# How the README spells keys the app draws as symbols.
SPELLED = {"⌫": "Backspace", "←": "Left", "→": "Right", "↓": "arrows", "↑": "arrows"}


def key_table() -> str:
    text = README.read_text(encoding="utf-8")
    rows = re.findall(r"^\| (.+?) \|", text.split("## The reader", 1)[1], flags=re.M)
    return " ".join(rows)


def spelled(key: str) -> str:
    for symbol, word in SPELLED.items():
        key = key.replace(symbol, word)
    return key


def test_every_reader_command_is_in_the_readmes_key_table() -> None:
    table = key_table()
    words = set(re.findall(r"`([^`]+)`|([A-Z][\w+]+)", table))
    named = {part for pair in words for part in pair if part} | set(table.replace("`", "").split())
    missing = [
        f"{command.action} ({key_display(command.keys)})"
        for command in (*APP, *READER, *LETTER)
        if not any(spelled(key) in named for key in key_display(command.keys).split(" / "))
    ]
    assert not missing, f"keys the README does not list: {missing}"
