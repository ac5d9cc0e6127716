"""``kamerlezer config``: where the config file is, a commented one to start from, and
whether the one there can be used."""

from __future__ import annotations

import argparse

from tui.cli.terminal_output import complain, say
from tui.config import ConfigError, commented_config, config_path, read_config


def add_config_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = commands.add_parser(
        "config",
        help="the config file: its path, a commented one to start from, or a check of it",
        description="config.toml sets the theme, the library, the side panes' widths, the "
        "page to start on and other keys for any command, by name. Without an option: "
        "whether the config there can be used (exit 2 when not).",
    )
    which = config.add_mutually_exclusive_group()
    which.add_argument("--path", action="store_true", help="print where the config file is")
    which.add_argument(
        "--init", action="store_true", help="write a commented config (never over one)"
    )


def command_config(args: argparse.Namespace) -> int:
    path = config_path()
    if args.path:
        say(str(path))
        return 0
    if args.init:
        if path.exists():
            complain(f"{path}: there is a config already; it is left as it is")
            return 1
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(commented_config(), encoding="utf-8")
        except OSError as exc:
            complain(f"{path}: cannot write it: {exc.strerror}")
            return 1
        say(f"{path}: written; every line in it is a comment until you change it")
        return 0
    if not path.exists():
        say(f"{path}: no config; the defaults hold (kamerlezer config --init writes one)")
        return 0
    try:
        read_config(path)
    except ConfigError as exc:
        complain(f"{exc}")
        return 2
    say(f"{path}: ok")
    return 0
