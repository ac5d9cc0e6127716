"""Text from documents, files and servers is data: nothing in it may reach a terminal as a
control sequence, or reorder or hide what is shown around it.

One vocabulary of such characters, used two ways: stored text has each replaced by U+FFFD
(same length, so citation spans still fit); output that quotes anything (the command line,
JSON) writes each as a visible ``\\uXXXX``, which is also valid inside a JSON string.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

# C0 controls except newline and tab, DEL, C1 controls (xterm reads UTF-8 C1 as controls),
# the bidi embeddings, overrides, isolates and marks, and the zero-width characters.
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
_CONTROL = re.compile(f"[{_UNSAFE}]")
# In a line of output a newline or tab of quoted text would start a line of its own.
_CONTROL_IN_LINE = re.compile(f"[\n\t{_UNSAFE}]")


def terminal_safe(text: str) -> str:
    """Each unsafe character replaced by U+FFFD: same length, so citation spans still fit."""
    return _CONTROL.sub("\ufffd", text)


def visible(text: str, *, keep_lines: bool = True) -> str:
    """Each unsafe character written as ``\\uXXXX``: seen, never acted on. Newlines and
    tabs stay unless ``keep_lines`` is off (a value quoted inside one line)."""
    pattern = _CONTROL if keep_lines else _CONTROL_IN_LINE
    return pattern.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


T = TypeVar("T")


def safe_record(record: T) -> T:
    """``record`` (a document or an open-data record) with every text in it made terminal
    safe: its title, names, kind, source, the texts of its citations, all at once. What is
    safe already (nearly everything) is returned as it is, without a copy."""
    kind = type(record)
    if kind is str:
        text: str = record  # type: ignore[assignment]
        return terminal_safe(text) if _CONTROL.search(text) else record  # type: ignore[return-value]
    if kind is list:
        items: list[Any] = record  # type: ignore[assignment]
        safe_items = [safe_record(item) for item in items]
        changed = any(a is not b for a, b in zip(safe_items, items, strict=True))
        return safe_items if changed else record  # type: ignore[return-value]
    names = _FIELDS.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(record) or isinstance(record, type):
            return record
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(record))
    changes: dict[str, Any] = {}
    search = _CONTROL.search
    for name in names:
        value = getattr(record, name)
        value_kind = type(value)
        if value_kind is str:  # most fields: checked here, not by a call each
            if search(value):
                changes[name] = terminal_safe(value)
            continue
        if value_kind in _PLAIN or (value_kind is list and not value):
            continue
        safe = safe_record(value)
        if safe is not value:
            changes[name] = safe
    return dataclasses.replace(record, **changes) if changes else record  # type: ignore[type-var]


# The fields of each record class, read once; values of these types hold no text.
_FIELDS: dict[type, tuple[str, ...]] = {}
_PLAIN = (int, float, bool, type(None))
