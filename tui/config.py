"""The user's config file, ``config.toml`` in their config folder (``KAMERLEZER_CONFIG``
elsewhere): the theme, the library, the side panes' widths, the page to start on, and other
keys for any command, by the name it has in ``tui/commands.py``.

What it says is checked before anything runs: a config that cannot be used is one line that
names the file, the line and the problem, never a half-applied setting. A theme picked in
the palette is written back into it, the rest of the file as the user left it.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import platformdirs

# The commands (Textual) and the side panes' bounds are read only where a config's keys or
# widths are checked, so that a command that prints starts without Textual.
if TYPE_CHECKING:
    from tui.commands import Command

CONFIG_VARIABLE = "KAMERLEZER_CONFIG"
FILE_NAME = "config.toml"
START_PAGES = ("last place", "welcome")
StartPage = Literal["last place", "welcome"]
_SETTINGS = ("theme", "library", "side_panes", "start", "keys")


class ConfigError(Exception):
    """A config that cannot be used: the file, the line (0: the whole file) and why."""

    def __init__(self, path: Path, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")


@dataclass(frozen=True)
class Config:
    theme: str | None = None
    library: Path | None = None
    side_panes: int | None = None  # columns added to (or taken from) both side panes
    start: StartPage = "last place"
    keys: dict[str, str] = field(default_factory=dict)  # command name -> Textual key names


def config_folder() -> Path:
    return Path(
        os.environ.get(CONFIG_VARIABLE)
        or platformdirs.user_config_dir("kamerlezer", appauthor=False)
    )


def config_path() -> Path:
    return config_folder() / FILE_NAME


def read_config(path: Path | None = None) -> Config:
    """The config at ``path`` (the user's by default); the defaults where there is none."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, 0, f"cannot read it: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(found[1]) if (found := re.search(r"at line (\d+)", str(exc))) else 0
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(path, line, f"not TOML: {problem}") from None
    return _config_of(path, text, data)


def _config_of(path: Path, text: str, data: dict[str, object]) -> Config:
    def wrong(name: str, problem: str, section: str = "") -> ConfigError:
        return ConfigError(path, _line_of(text, name, section), problem)

    for name in data:
        if name not in _SETTINGS:
            raise wrong(name, f"{name}: no such setting; there are {', '.join(_SETTINGS)}")
    theme = data.get("theme")
    if theme is not None:
        from tui.themes import theme_names  # Textual's themes, only when one is named

        if not isinstance(theme, str) or theme not in theme_names():
            raise wrong("theme", f"theme: no such theme; there are {', '.join(theme_names())}")
    library = data.get("library")
    if library is not None and (not isinstance(library, str) or not library.strip()):
        raise wrong("library", "library: a path to the library file, in quotes")
    from tui.side_widths import LEAST, MOST

    side_panes = data.get("side_panes")
    if side_panes is not None and (
        not isinstance(side_panes, int) or isinstance(side_panes, bool)
        or not LEAST <= side_panes <= MOST
    ):  # fmt: skip
        raise wrong("side_panes", f"side_panes: a number of columns from {LEAST} to {MOST}")
    start = data.get("start", "last place")
    if start not in START_PAGES:
        raise wrong("start", 'start: "last place" or "welcome"')
    keys = _keys_of(path, text, data.get("keys", {}))
    return Config(
        theme=theme if isinstance(theme, str) else None,
        library=Path(library).expanduser() if isinstance(library, str) else None,
        side_panes=side_panes if isinstance(side_panes, int) else None,
        start="welcome" if start == "welcome" else "last place",
        keys=keys,
    )


def _keys_of(path: Path, text: str, table: object) -> dict[str, str]:
    """The [keys] table: each command's keys, by its name, as Textual names keys."""

    def wrong(name: str, problem: str) -> ConfigError:
        return ConfigError(path, _line_of(text, name, "keys"), f"[keys] {name}: {problem}")

    if not isinstance(table, dict):
        raise ConfigError(
            path, _line_of(text, "keys"), 'keys: a table, [keys], of command = "key" lines'
        )
    keys: dict[str, str] = {}
    names = _command_names()
    for name, value in table.items():
        if name not in names:
            raise wrong(name, "no such command (kamerlezer config --init lists them)")
        given = [value] if isinstance(value, str) else value
        if (
            not isinstance(given, list)
            or not given
            or not all(isinstance(key, str) and key.strip() for key in given)
        ):
            raise wrong(name, 'a key in quotes ("ctrl+g"), or a list of them')
        keys[name] = ",".join(key_name(key) for key in given)
    for name, key, other in _taken_twice(keys):
        raise wrong(name, f"{key} is already {other}'s key")
    return keys


def key_name(key: str) -> str:
    """A key as Textual names it: "?" -> "question_mark", "Ctrl+G" -> "ctrl+g"; a letter
    keeps its case ("W" is shift and w)."""
    key = key.strip()
    if len(key) == 1:
        if key.isalnum():
            return key
        return unicodedata.name(key, key).lower().replace(" ", "_").replace("-", "_")
    return key.lower()


def _at_once() -> tuple[tuple[Command, ...], ...]:
    """The commands that take keys at the same time: the reader with its panes, and each
    screen over it. A key may mean one command in each."""
    from tui import commands as c

    return (
        c.APP + c.READER + c.LETTER + c.FINDER + c.DOCUMENT_SEARCH + c.TREE,
        *(c.APP + screen for screen in (c.SEARCH, c.HELP, c.VOTES, c.BOOKMARKS, c.NOTE, c.CITE_AS)),
    )


def _command_names() -> frozenset[str]:
    from tui.commands import SECTIONS

    return frozenset(command.action for _, commands in SECTIONS for command in commands)


def _taken_twice(keys: dict[str, str]) -> list[tuple[str, str, str]]:
    """Each rebound command whose new key another command takes at the same time: (the
    command, the key, the other command); of two rebound to one key, the later line's."""
    order = {name: at for at, name in enumerate(keys)}
    found = []
    for commands in _at_once():
        taken: dict[str, str] = {}
        for command in commands:
            for key in keys.get(command.action, command.keys).split(","):
                other = taken.setdefault(key, command.action)
                if other == command.action or (command.action not in keys and other not in keys):
                    continue
                first, later = sorted((other, command.action), key=lambda n: order.get(n, -1))
                found.append((later, key, first))
    return found


def _line_of(text: str, name: str, section: str = "") -> int:
    """The line (from 1) where ``name`` is set, in ``section`` ("" for the top); 0 when it
    is not found as a line of its own."""
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if header := re.fullmatch(r"\[\s*([^\]]+?)\s*\]", stripped):
            current = header[1]
            if header[1] == name and not section:
                return number
            continue
        if current == section and re.match(rf"""["']?{re.escape(name)}["']?\s*=""", stripped):
            return number
    return 0


def remember_theme(name: str, path: Path | None = None) -> None:
    """Write the theme picked into the config, as its ``theme = …`` line (the file's other
    lines as they are); a config folder that cannot be written costs only that."""
    path = path or config_path()
    line = f'theme = "{name}"'
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if re.search(r"(?m)^\s*theme\s*=.*$", text.split("\n[", 1)[0]):
            text = re.sub(r"(?m)^\s*theme\s*=.*$", line, text, count=1)
        else:
            text = f"{line}\n{text}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError:
        pass


def commented_config() -> str:
    """A config that sets nothing yet: every setting and every command's keys, commented."""
    from tui.commands import SECTIONS
    from tui.side_widths import LEAST, MOST

    lines = [
        "# kamerlezer's settings. A line that starts with # is left out: remove the # to use it.",
        "",
        '# theme = "textual-dark"      # picking one with Ctrl+P writes it here',
        '# library = "~/kamerstukken/library.db"   # --db and $KAMERLEZER_DB come first',
        f"# side_panes = 0               # columns added to the tree and finder, {LEAST} to {MOST}",
        '# start = "last place"        # or "welcome": the page kamerlezer starts on',
        "",
        "[keys]",
        '# Any command to other keys, by its name: a key ("ctrl+g") or a list (["g", "ctrl+g"]).',
        "# A key may mean one command at a time; help, the footer and Ctrl+P show yours.",
    ]
    for section, commands in SECTIONS:
        lines.append(f"# {section}:")
        for command in dict((c.action, c) for c in commands).values():
            keys = ", ".join(f'"{key}"' for key in command.keys.split(","))
            keys = keys if "," not in command.keys else f"[{keys}]"
            lines.append(f"# {command.action} = {keys}  # {command.help}")
    return "\n".join(lines) + "\n"
