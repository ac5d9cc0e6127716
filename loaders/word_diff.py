"""What a new version of a text changed, word by word: a gewijzigde motie often changes three
words of its dictum, which a diff by line would show as the whole paragraph changed.

Words and the spaces between them are compared as tokens; two changes that only spaces keep
apart are one change ("doet een beroep op het kabinet" -> "spreekt de wens uit"), so that a
change reads as a reader would describe it."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

_TOKENS = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class Change:
    """The old text's ``old`` span became the new text's ``new`` span (either may be empty)."""

    old: tuple[int, int]
    new: tuple[int, int]


def word_changes(old: str, new: str) -> list[Change]:
    """The changes that make ``new`` of ``old``, in order, as character spans of each."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    a_at, b_at = _offsets(a), _offsets(b)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        change = Change((a_at[i1], a_at[i2]), (b_at[j1], b_at[j2]))
        if changes and _only_spaces_between(old, new, changes[-1], change):
            last = changes.pop()
            change = Change((last.old[0], change.old[1]), (last.new[0], change.new[1]))
        changes.append(change)
    return changes


Piece = tuple[str, Literal["same", "taken", "put"]]


def pieces(old: str, new: str, changes: list[Change] | None = None) -> list[Piece]:
    """``new`` as runs of text kept, taken out (of ``old``) and put in, in reading order, the
    spaces around a change kept as plain text: what ``marked`` writes, or a terminal colours."""
    found: list[Piece] = []
    at = 0
    for change in word_changes(old, new) if changes is None else changes:
        found.append((new[at : change.new[0]], "same"))
        was, put = old[slice(*change.old)], new[slice(*change.new)]
        if was.strip():
            if not put:  # taken out with the space before it: that space stays
                found.append((was[: len(was) - len(was.lstrip())], "same"))
            found.append((was.strip(), "taken"))
        if put.strip():
            lead = put[: len(put) - len(put.lstrip())]  # put in after a space: it stays
            found.append((lead or (" " if was.strip() else ""), "same"))
            found.append((put.strip(), "put"))
            found.append((put[len(put.rstrip()) :], "same"))
        else:  # taken out: the space that followed it stays
            found.append((put or was[len(was.rstrip()) :], "same"))
        at = change.new[1]
    found.append((new[at:], "same"))
    return [(text, kind) for text, kind in found if text]


# How a change is written where there is no colour (wdiff's marks).
MARKS = {"same": ("", ""), "taken": ("[-", "-]"), "put": ("{+", "+}")}


def marked(old: str, new: str, changes: list[Change] | None = None) -> str:
    """``new`` with what changed marked as wdiff does: ``[-old words-]{+new words+}``."""
    return "".join(
        MARKS[kind][0] + text + MARKS[kind][1] for text, kind in pieces(old, new, changes)
    )


def _offsets(tokens: list[str]) -> list[int]:
    """Where each token begins, and the end."""
    at, offsets = 0, []
    for token in tokens:
        offsets.append(at)
        at += len(token)
    offsets.append(at)
    return offsets


def _only_spaces_between(old: str, new: str, before: Change, after: Change) -> bool:
    return (
        not old[before.old[1] : after.old[0]].strip()
        and not new[before.new[1] : after.new[0]].strip()
    )
