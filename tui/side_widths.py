"""How wide the reader's side panes (tree, finder) are, which the reader can change with
``>`` and ``<`` and which is remembered between sessions (in the user's config folder,
``KAMERLEZER_CONFIG`` elsewhere)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tui.config import config_folder

STEP = 4  # columns a key press adds or takes
MOST = 40  # columns added at most
LEAST = -8
NARROW, WIDE = 110, 160  # the reader's breakpoints
LETTER_LEAST = 40  # columns the open document keeps, whatever the side panes ask


def settings_file() -> Path:
    return config_folder() / "reader.json"


@dataclass(frozen=True)
class SideWidths:
    extra: int = 0  # columns added to (or taken from) both side panes

    @classmethod
    def remembered(cls) -> SideWidths:
        try:
            extra = json.loads(settings_file().read_text()).get("side_panes", 0)
        except (OSError, ValueError, AttributeError):
            return cls()
        return cls(max(LEAST, min(MOST, int(extra)))) if isinstance(extra, int) else cls()

    def wider(self) -> SideWidths:
        return self._changed(STEP)

    def narrower(self) -> SideWidths:
        return self._changed(-STEP)

    def _changed(self, by: int) -> SideWidths:
        changed = SideWidths(max(LEAST, min(MOST, self.extra + by)))
        try:
            path = settings_file()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({"side_panes": changed.extra}))
        except OSError:
            pass  # a read-only home: the width holds for this session
        return changed

    def for_width(self, width: int) -> tuple[int, int]:
        """The tree's and the finder's widths on a terminal ``width`` columns wide, leaving
        the letter a third of it and at least ``LETTER_LEAST`` columns (at 60 columns the side
        column gives way)."""
        if width < NARROW:
            side = 30 + self.extra
            tree = finder = side
        elif width < WIDE:
            tree, finder = 28 + self.extra, 34 + self.extra
        else:
            tree, finder = 36 + self.extra, max(44, width * 3 // 10) + self.extra
        room = width - max(width // 3, LETTER_LEAST)
        shown = tree + finder if width >= NARROW else tree
        if shown > room:  # never squeeze the letter away
            scale = room / shown
            tree, finder = int(tree * scale), int(finder * scale)
        return max(12, tree), max(12, finder)
