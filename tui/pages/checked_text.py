"""A text someone wrote (a memo, an article, a model's answer), opened in the reader with its
citations checked: each a link marked by its verdict, so that the wrong ones stand out and
Enter follows any of them to the document it cites."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from db.citation_check import WRONG, check_text
from db.library import Library
from tui.pages.layout import Link, Page

# Where a checked text stands in the reader's history: the file it was read from.
TEXT_KEY = "text:"


def checked_page(library: Library, path: Path, text: str) -> Page:
    """The text with each citation a link carrying its verdict, under a line that counts
    them: "memo.md · 12 citations checked: 2 wrong, 3 cannot tell"."""
    checked = check_text(library, text)
    links = [
        Link(c.start, c.end, c.target, c.citation, verdict=c.verdict, reason=c.reason())
        for c in checked
    ]
    ghosts = frozenset(c.target for c in checked if not c.in_library)
    counts = Counter(
        "wrong" if c.verdict in WRONG else "cannot tell" if c.verdict.startswith("cannot") else "ok"
        for c in checked
    )
    said = ", ".join(f"{counts[kind]} {kind}" for kind in ("wrong", "cannot tell") if counts[kind])
    if not checked:
        head = f"{path.name} · no citations found in it"
    else:
        head = f"{path.name} · {len(checked)} citations checked" + (
            f": {said}" if said else ": all ok"
        )
    return Page(f"{TEXT_KEY}{path}", [], text, links, ghosts, head=head)
