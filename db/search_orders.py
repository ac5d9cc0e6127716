"""The orders a search lists its hits in, named once (the command line offers them before
it loads the search itself)."""

from __future__ import annotations

from typing import Literal

Sort = Literal["rank", "date", "oldest"]
"""Best match first, newest first, or oldest first (documents of no known date last, either
way)."""
SORTS: tuple[Sort, ...] = ("rank", "date", "oldest")
# How a reader is told the order.
SORT_NAMES: dict[Sort, str] = {"rank": "by rank", "date": "newest first", "oldest": "oldest first"}
