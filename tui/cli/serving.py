"""``kamerlezer serve``: the reader in a browser (textual-serve), on this machine only unless
asked otherwise. Each browser tab runs its own reader on the same library, with the same
keys and the user's own state; a copy (y) reaches the browser's clipboard."""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys

from db.location import library_path
from tui.cli.library_commands import open_for_reading
from tui.cli.terminal_output import complain, say

LOCAL = "127.0.0.1"


def add_serve_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve",
        help="serve the reader to a browser, on this machine (http://127.0.0.1:8000)",
        description="Each browser tab gets its own reader on the library. Only this machine "
        "can reach it unless --host says otherwise; from elsewhere, an SSH tunnel (ssh -L "
        "8000:127.0.0.1:8000 HOST) reaches it without opening it to the network.",
    )
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    serve.add_argument(
        "--host",
        default=LOCAL,
        help="the address to listen on (default 127.0.0.1: this machine only)",
    )


def is_local(host: str) -> bool:
    """Whether only this machine can reach ``host``: a loopback address, or localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def reader_command(db: str, theme: str | None) -> str:
    """The command each browser tab runs: this Python's kamerlezer, on this library."""
    argv = [sys.executable, "-m", "tui.cli", "--db", db]
    if theme:
        argv += ["--theme", theme]
    return shlex.join(argv)


def command_serve(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        complain(f"--port {args.port}: a port is a number from 1 to 65535")
        return 2
    path = library_path(args.db)
    open_for_reading(args.db).close()  # there, before a browser asks (the demo, where new)
    from textual_serve.server import Server  # the web server only when one is asked for

    if not is_local(args.host):
        complain(
            f"warning: serving on {args.host}: anyone who can reach {args.host}:{args.port}"
            f" reads the library {path}; an SSH tunnel to 127.0.0.1 is the safe way"
        )
    say(f"kamerlezer: the reader is at http://{args.host}:{args.port} (Ctrl+C stops it)")
    Server(reader_command(str(path), args.theme), host=args.host, port=args.port,
           title="kamerlezer").serve()  # fmt: skip
    return 0
