"""Debates in the library: the meeting an item of the Handelingen belongs to, the date its
items share, and the debates in which a motie was moved.

KOOP publishes a meeting item by item ("h-tk-20172018-70-6") and prints the meeting's date
only in its first item; the Tweede Kamer's own report (VLOS) is the whole meeting
("h-tk-20242025-103"). Both are debates here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from db.query_group import QueryGroup
from db.rows import ROW_COLUMNS, DocumentRow, document_row
from loaders.debates import DEBATE_KINDS, MOVED
from loaders.ids import meeting_key

_KINDS = ", ".join("?" for _ in DEBATE_KINDS)


def share_meeting_date(conn: sqlite3.Connection, key: str, date: str) -> None:
    """The items of one meeting have its date: an item that prints none takes it from the
    one that does (whichever is loaded first), and the meeting's report gives it too."""
    meeting = meeting_key(key) or (key if meeting_key(key + "-1") == key else "")
    if not meeting:
        return
    low, high = meeting + "-", meeting + "."  # every key that starts with "meeting-"
    if not date:
        row = conn.execute(
            "SELECT date FROM documents WHERE ((key > ? AND key < ?) OR key = ?)"
            " AND date != '' LIMIT 1",
            (low, high, meeting),
        ).fetchone()
        if row is None:
            return
        date = str(row[0])
    conn.execute(
        "UPDATE documents SET date = ?, generation = (SELECT max(generation) FROM documents)"
        " WHERE key > ? AND key < ? AND date = ''",
        (date, low, high),
    )


@dataclass(frozen=True)
class MovedIn:
    """A debate in which a motie was moved, and the agenda item it was moved under."""

    debate: str
    item: str


def _item_before(text: str, debated: str) -> str:
    """Of the debates a report's subject lists ("Natuur; Materieel"), the one whose heading
    comes last in ``text``."""
    places = {title: text.rfind(f"\n\n{title}\n\n") for title in debated.split("; ") if title}
    best = max(places, key=lambda title: places[title], default="")
    return best if best and places[best] >= 0 else ""


class MeetingQueries(QueryGroup):
    """What the reader asks about debates (``library.meetings``)."""

    def moved_in(self, key: str) -> list[MovedIn]:
        """The debates in which the motie ``key`` was moved, oldest first, each with the
        agenda item: a Handelingen item's title, or in a meeting's report the last of its
        debates (its subject names them) whose title opens a paragraph before the motie."""
        rows = self.conn.execute(
            "SELECT c.source, min(c.start), d.kind, d.title, d.subject FROM citations c"
            " JOIN documents d ON d.key = c.source WHERE c.target = ? AND c.kind = ?"
            " GROUP BY c.source ORDER BY d.date, c.source",
            (key, MOVED),
        ).fetchall()
        found = []
        for source, start, kind, title, subject in rows:
            item = title or ""
            if kind == "verslag":
                before = self.conn.execute(
                    "SELECT substr(text, 1, ?) FROM documents WHERE key = ?", (start, source)
                ).fetchone()[0]
                item = _item_before(before or "", (subject or "").partition(": ")[2])
            found.append(MovedIn(source, item))
        return found

    def debate_rows(self) -> list[DocumentRow]:
        """The debates loaded, newest first."""
        rows = self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM documents d WHERE kind IN ({_KINDS}) AND ghost = 0"
            " ORDER BY date DESC, key",
            DEBATE_KINDS,
        )
        return [document_row(row) for row in rows]

    def debate_count(self) -> int:
        row = self.conn.execute(
            f"SELECT count(*) FROM documents WHERE kind IN ({_KINDS}) AND ghost = 0",
            DEBATE_KINDS,
        ).fetchone()
        return int(row[0])

    def meeting_in_library(self, key: str) -> str:
        """For an item of the Handelingen that is not loaded, the meeting's report that is
        ("h-tk-20242025-103" for "h-tk-20242025-103-5"); "" when there is none."""
        meeting = meeting_key(key)
        if not meeting:
            return ""
        row = self.conn.execute(
            "SELECT key FROM documents WHERE key = ? AND ghost = 0", (meeting,)
        ).fetchone()
        return str(row[0]) if row else ""
