"""NO_COLOR: the reader, run in a real terminal (a pty), sends no colour codes at all, only
bold, dim, italic, underline and reverse; without it, it sends colours."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

# SGR parameters that set a colour: 30-39, 40-49, 90-97, 100-107 (38 and 48 included).
_COLOUR = re.compile(r"^(?:3\d|4\d|9[0-7]|10[0-7])$")
_SGR = re.compile(rb"\x1b\[([0-9;:]*)m")


def _run_in_a_terminal(library: Path, no_color: bool, keys: list[bytes]) -> bytes:
    """What the reader writes to a 80x24 terminal while it opens a letter and the keys are
    typed, up to its quitting."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm-256color"
    env.pop("COLORTERM", None)
    if no_color:
        env["NO_COLOR"] = "1"
    argv = [sys.executable, "-m", "tui.cli", "--db", str(library), "open", "kst-29521-455"]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the reader, in the terminal
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    written = b""

    def read_for(seconds: float, until: bytes = b"") -> bytes:
        got = b""
        end = time.monotonic() + seconds
        while time.monotonic() < end and not (until and until in got):
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    got += os.read(fd, 65536)
                except OSError:  # the reader has ended
                    break
        return got

    try:
        written += read_for(20.0, until=b"BRIEF VAN DE MINISTERS")
        written += read_for(1.0)
        for key in [*keys, b"q"]:
            os.write(fd, key)
            written += read_for(1.0)
        written += read_for(3.0)
    finally:
        ended, _ = os.waitpid(pid, os.WNOHANG)
        if not ended:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
    return written


def _parameters(written: bytes) -> set[str]:
    return {p.decode() for m in _SGR.finditer(written) for p in m[1].split(b";") if p}


@pytest.mark.skipif(sys.platform == "win32", reason="a pty is a POSIX terminal")
def test_no_color_means_no_colour_codes_at_all(demo_path) -> None:
    keys = [b"]", b"f", b"irak", b"\x1b[B"]  # a citation, the finder, a result chosen
    written = _run_in_a_terminal(demo_path, True, keys)
    assert b"BRIEF VAN DE MINISTERS" in written  # the letter was drawn
    shown = _parameters(written)
    assert not {p for p in shown if _COLOUR.match(p)}
    assert {"1", "4", "7"} <= shown  # the title bold, citations underlined, the cursor reversed
    coloured = _parameters(_run_in_a_terminal(demo_path, False, []))
    assert {p for p in coloured if _COLOUR.match(p)}  # the check sees colour where there is
