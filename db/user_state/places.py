"""Where you were: the reader's history (back and forward) and the place in it you left, kept
so that the reader starts there again, at the same line."""

from __future__ import annotations

from dataclasses import dataclass

from db.user_state import UserState

# The visits kept: the newest this many (a day's reading, not a year's).
KEPT = 200


@dataclass(frozen=True)
class Place:
    place: str  # "welcome" or "document" (a document's or a dossier's page)
    key: str
    line: float  # the first line shown
    cursor: int | None  # the citation under the cursor, by number


def save_places(state: UserState, places: list[Place], current: int) -> None:
    """The history as it is now (the newest KEPT visits), ``current`` the one being read."""
    start = max(0, len(places) - KEPT)
    kept = places[start:]
    with state.conn:
        state.conn.execute("BEGIN")
        state.conn.execute("DELETE FROM places")
        state.conn.executemany(
            "INSERT INTO places (place, key, line, cursor, current) VALUES (?, ?, ?, ?, ?)",
            [
                (p.place, p.key, p.line, p.cursor, int(n == current - start))
                for n, p in enumerate(kept)
            ],
        )


def saved_places(state: UserState) -> tuple[list[Place], int]:
    """The history saved last, and which of it was being read (-1: none saved)."""
    rows = state.conn.execute(
        "SELECT place, key, line, cursor, current FROM places ORDER BY n"
    ).fetchall()
    places = [
        Place(str(p), str(k), float(line), c if c is None else int(c)) for p, k, line, c, _ in rows
    ]
    current = next((n for n, row in enumerate(rows) if row[4]), len(rows) - 1)
    return places, current
