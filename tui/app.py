"""The kamerlezer app: a library, a theme, and the reader screen; help and the command
palette for whatever screen is on top."""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import ClassVar

import platformdirs
from rich.console import RenderableType
from rich.segment import Segment
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.dom import DOMNode
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from db.library import Library
from loaders.official.sources import OfficialSources
from loaders.sanitize import visible
from tui.cli.terminal_output import SafeConsole, complain
from tui.commands import (
    APP,
    SECTIONS,
    Command,
    bindings,
    key_display,
    palette_commands,
    use_keymap,
)
from tui.config import Config, remember_theme
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen


class WithoutColour(LineFilter):
    """Every segment's style without its colours (not even the default colour's codes)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, None if style is None else style.without_color, control)
            for text, style, control in segments
        ]


WITHOUT_COLOUR = WithoutColour()


class KamerlezerApp(App[None]):
    """Read a library of Kamerstukken and follow their citations."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "kamerlezer"
    BINDINGS: ClassVar[list[BindingType]] = [*bindings(APP)]

    def __init__(
        self,
        library: Library,
        start: str | None = None,
        theme: str | None = None,
        sources: Callable[[], OfficialSources] = OfficialSources.from_environment,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.start = start
        self.sources = sources
        self.config = config or Config()
        self._initial_theme = theme or self.config.theme
        self._theme_started = False
        use_keymap(self.config.keys)  # for help and the palette
        self.set_keymap(self.config.keys)  # for the bindings and the footer

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(self.library, self.start, self.sources, self.config)

    def exit(
        self,
        result: None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        """Where the reader was is kept first: the next session starts there."""
        if self.screen_stack and isinstance(self.screen_stack[0], ReaderScreen):
            self.screen_stack[0].keep_place()
        super().exit(result, return_code, message)

    @property
    def reader(self) -> ReaderScreen:
        """The reader, under whatever screen is on top."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ReaderScreen)
        return screen

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification, whoever raises it, quotes what it says (a key, a file's or a
        service's words) as text: never markup, no control characters."""
        super().notify(
            visible(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Under NO_COLOR no colour codes at all: Textual's own filter sends shades of grey,
        this one only bold, italic, underline and reverse."""
        if self.no_color:
            return [WITHOUT_COLOUR]
        return super().get_line_filters()

    def on_mount(self) -> None:
        if self._initial_theme:
            self.theme = self._initial_theme
        # A theme picked from here on (Ctrl+P) is the one the next session starts with.
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name == self._initial_theme and not self._theme_started:
            self._theme_started = True  # the one it started with, set a moment ago
            return
        remember_theme(theme.name)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(SECTIONS, narrow=self.size.width < 110))

    def get_key_display(self, binding: Binding) -> str:
        """One way to show keys: the footer shows the first of a binding's keys."""
        return binding.key_display or key_display(binding.key.split(",")[0])

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own, but its keys panel: help (?) shows every key, the way the footer does.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")
        yield from palette_commands(self)
        yield from palette_commands(screen)

    def palette(self) -> Iterable[tuple[Command, DOMNode]]:
        return ((command, self) for command in APP)


def run_reader(
    library_path: Path,
    start: str | None = None,
    theme: str | None = None,
    config: Config | None = None,
) -> int:
    """Open the reader on the library at ``library_path``; its exit status. Whatever stops
    it is one line on standard error; a crash's traceback goes to a log file it names."""
    library = Library.open(library_path, write=False)
    app = KamerlezerApp(library, start=start, theme=theme, config=config)
    said = io.StringIO()
    app.error_console = SafeConsole(file=said, width=120)
    try:
        app.run()
    finally:
        library.close()
    code = app.return_code or 0
    _tell_why_it_stopped(said.getvalue(), code)
    if _still_working():
        # q during a fetch: the download is abandoned (its file never reaches the cache
        # half-written), and the process ends now rather than when the service answers.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _tell_why_it_stopped(said: str, code: int) -> None:
    """One line: the reason the reader gave, or the error a crash ended in with the log that
    holds its traceback."""
    lines = [line.rstrip() for line in said.splitlines() if line.strip()]
    if not lines:
        if code:
            complain("the reader stopped with an error")
        return
    if len(lines) == 1:
        complain(lines[0])
        return
    log = crash_log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(said, encoding="utf-8")
    except OSError as exc:
        complain(f"the reader stopped on an error ({lines[-1].strip()}); no log: {exc}")
        return
    complain(f"the reader stopped on an error ({lines[-1].strip()}); the details are in {log}")


def crash_log_path() -> Path:
    """Where the traceback of the reader's last crash is kept."""
    return Path(platformdirs.user_log_dir("kamerlezer", appauthor=False)) / "reader-crash.log"


def _still_working() -> bool:
    """Threads that the interpreter would wait for at exit (a worker mid-request)."""
    main = threading.main_thread()
    return any(t is not main and t.is_alive() and not t.daemon for t in threading.enumerate())
