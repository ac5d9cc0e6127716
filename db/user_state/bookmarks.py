"""Bookmarks: places in documents you want to come back to, by name. A place is a character
offset into the document's text, so that it is the same place at any width of the terminal."""

from __future__ import annotations

from dataclasses import dataclass

from db.user_state import UserState, now


@dataclass(frozen=True)
class Bookmark:
    id: int
    key: str
    offset: int
    name: str
    made: str  # UTC, ISO 8601


def add_bookmark(state: UserState, key: str, offset: int, name: str) -> Bookmark:
    made = now()
    cursor = state.conn.execute(
        "INSERT INTO bookmarks (key, offset, name, made) VALUES (?, ?, ?, ?)",
        (key, max(0, offset), name, made),
    )
    return Bookmark(int(cursor.lastrowid or 0), key, max(0, offset), name, made)


def bookmarks(state: UserState) -> list[Bookmark]:
    """Every bookmark, the newest first."""
    rows = state.conn.execute(
        "SELECT id, key, offset, name, made FROM bookmarks ORDER BY made DESC, id DESC"
    )
    return [Bookmark(int(i), str(k), int(o), str(n), str(m)) for i, k, o, n, m in rows]


def remove_bookmark(state: UserState, bookmark_id: int) -> bool:
    gone = state.conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
    return gone.rowcount > 0
