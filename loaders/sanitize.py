"""Document text is data: nothing in it may reach a terminal as a control sequence."""

from __future__ import annotations

import re

# C0 and C1 controls except newline and tab, DEL, and bidi overrides that reorder what is shown.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Each control character replaced by U+FFFD: same length, so citation spans still fit."""
    return _CONTROL.sub("\ufffd", text)
