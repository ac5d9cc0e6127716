"""Back and forward, as in a browser: where the reader was, and where they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from db.user_state.places import Place as SavedPlace


@dataclass(frozen=True)
class Position:
    """Where a reader was in a page: restored on Back."""

    scroll_y: float
    cursor: int | None


# A "text" is a file opened with its citations checked: its key is its path.
Place = Literal["welcome", "document", "search", "text"]


@dataclass
class Visit:
    place: Place
    key: str = ""  # the document's, for a document
    position: Position = field(default_factory=lambda: Position(0, None))


@dataclass
class History:
    """Visits in order; ``index`` is the current one. Opening a new document from the middle
    drops the forward part, as browsers do."""

    visits: list[Visit] = field(default_factory=list)
    index: int = -1

    @property
    def current(self) -> Visit | None:
        return self.visits[self.index] if 0 <= self.index < len(self.visits) else None

    def open(self, place: Place, key: str = "") -> Visit:
        current = self.current
        if current is not None and (current.place, current.key) == (place, key):
            return current
        del self.visits[self.index + 1 :]
        self.visits.append(Visit(place, key))
        self.index = len(self.visits) - 1
        return self.visits[self.index]

    def within(self) -> None:
        """A step inside the current page (to a footnote): a visit of its own, so that Back
        returns to where the reader was on it."""
        current = self.current
        if current is not None:
            del self.visits[self.index + 1 :]
            self.visits.append(Visit(current.place, current.key))
            self.index = len(self.visits) - 1

    def remember(self, position: Position) -> None:
        """Where the reader is in the current page, to come back to it."""
        if self.current is not None:
            self.current.position = position

    def back(self) -> Visit | None:
        if self.index <= 0:
            return None
        self.index -= 1
        return self.current

    def forward(self) -> Visit | None:
        if self.index >= len(self.visits) - 1:
            return None
        self.index += 1
        return self.current

    def saved(self) -> tuple[list[SavedPlace], int]:
        """What to keep of it for the next session: its pages (not the search screen, whose
        query is not kept, nor a checked text, which is opened anew), and which is read now."""
        kept: list[SavedPlace] = []
        current = -1
        for n, visit in enumerate(self.visits):
            if visit.place not in ("search", "text"):
                position = visit.position
                kept.append(SavedPlace(visit.place, visit.key, position.scroll_y, position.cursor))
            if n == self.index:
                current = len(kept) - 1
        return kept, current

    @classmethod
    def restored(cls, places: list[SavedPlace], current: int) -> History:
        """The history of a session before, the welcome page first (Back reaches it)."""
        starts_welcome = bool(places) and places[0].place == "welcome"
        visits = [] if starts_welcome else [Visit("welcome")]
        index = 0
        for n, place in enumerate(places):
            if place.place == "welcome":
                visits.append(Visit("welcome"))
            elif place.place == "document" and place.key:
                visits.append(Visit("document", place.key, Position(place.line, place.cursor)))
            if n == current:
                index = len(visits) - 1
        return cls(visits, max(index, 0))
