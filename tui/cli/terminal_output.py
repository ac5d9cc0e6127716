"""Everything the command line writes goes through here: no text from a document, a file
name, a server or the user reaches the terminal (or a pipe, or JSON) as markup or as a
control sequence.

Rich output is never parsed as markup, and each piece of text is made visible just before it
is written (Rich's own styles are added after, so they still work). Plain lines and JSON are
made visible the same way: in JSON a ``\\u009b`` is the same string, written safely.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import IO, Any

from rich.console import Console
from rich.segment import Segment

from loaders.sanitize import visible

PROG = "kamerlezer"


class SafeConsole(Console):
    """A Rich console that writes no markup and no control characters of the text it is
    given (only the escape codes of its own styles)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("highlight", False)
        super().__init__(markup=False, emoji=False, **kwargs)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(visible(segment.text), segment.style)
            for segment in buffer
        )


def say(text: str, *, file: IO[str] | None = None, flush: bool = False) -> None:
    """One line of plain output (standard output unless ``file``)."""
    print(visible(text), file=file or sys.stdout, flush=flush)


def complain(problem: str) -> None:
    """One line on standard error, after the program's name."""
    print(f"{PROG}: {visible(problem, keep_lines=False)}", file=sys.stderr)


def json_text(data: object) -> str:
    """``data`` as JSON, readable (UTF-8), with every unsafe character escaped."""
    return visible(json.dumps(data, ensure_ascii=False), keep_lines=False)
