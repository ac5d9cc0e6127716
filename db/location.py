"""Where the library file lives: ``--db PATH``, else ``KAMERLEZER_DB``, else the user's
data folder (platformdirs), so that every command and every session finds the same one."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENVIRONMENT_VARIABLE = "KAMERLEZER_DB"


def default_library_path() -> Path:
    return Path(platformdirs.user_data_dir("kamerlezer", appauthor=False)) / "library.db"


def library_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The library to use: an explicit path wins over the environment over the default."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(ENVIRONMENT_VARIABLE):
        return Path(os.environ[ENVIRONMENT_VARIABLE]).expanduser()
    return default_library_path()
