"""An index on a read-only mount, read through a folder of links to its files.

tantivy takes a lock file in the index's folder even to read it, which a read-only mount (a
library a team shares) refuses. A folder of the reader's own, in the system's temporary
folder, that links to each of the index's files but its locks lets tantivy take its locks
there and read the files where they are: nothing is copied. The folder goes when the program
ends, or when the index has changed and is read through a new one.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

_LOCK_ENDING = ".lock"  # tantivy's lock files: made afresh in the folder of links


def linked_view(path: Path) -> Path:
    """A new folder linking to every file of the index at ``path`` but its locks."""
    view = Path(tempfile.mkdtemp(prefix="kamerlezer-index-"))
    atexit.register(shutil.rmtree, view, ignore_errors=True)
    try:
        for file in path.iterdir():
            if not file.name.endswith(_LOCK_ENDING):
                (view / file.name).symlink_to(file.resolve())
    except OSError:
        shutil.rmtree(view, ignore_errors=True)
        raise
    return view


def remove_view(view: Path) -> None:
    """The folder of links gone; an index opened through it reads on (its files are open)."""
    shutil.rmtree(view, ignore_errors=True)
