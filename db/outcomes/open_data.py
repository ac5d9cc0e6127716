"""Storing the open data's decisions, votes, agenda items, activities, parties and members.

Each record is stored under its own id, as the source gives it, whatever order the files
arrive in: what they mean for a document is worked out when it is read (db/outcomes/outcome.py).
Storing is idempotent (a content hash per record); a tombstone removes its record.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from typing import Literal

from db.query_group import Connected, QueryGroup
from loaders.decisions import (
    Activity,
    AgendaItem,
    Decision,
    Deleted,
    OpenDataRecord,
    Party,
    Person,
    Vote,
)

Stored = Literal["loaded", "updated", "unchanged"]

# table, and its columns in the order of the record's fields (lists go to tables of their own)
_TABLES: dict[type, tuple[str, tuple[str, ...]]] = {
    Decision: (
        "decisions",
        ("id", "agenda_item", "kind", "text", "method", "decision_order", "changed", "source_path"),
    ),
    AgendaItem: ("agenda_items", ("id", "activity", "number", "subject", "source_path")),
    Activity: ("activities", ("id", "date", "kind", "number", "subject", "source_path")),
    Vote: (
        "votes",
        (
            "id",
            "decision",
            "vote",
            "seats",
            "actor",
            "party",
            "person",
            "party_id",
            "mistaken",
            "source_path",
        ),
    ),
    Party: ("parties", ("id", "short", "name", "source_path")),
    Person: ("persons", ("id", "name", "source_path")),
}
_ENTITY_TABLES = {
    "Besluit": "decisions",
    "Agendapunt": "agenda_items",
    "Activiteit": "activities",
    "Stemming": "votes",
    "Fractie": "parties",
    "Persoon": "persons",
}


def _values(record: OpenDataRecord) -> list[object]:
    return [
        getattr(record, f.name)
        for f in dataclasses.fields(record)
        if f.name != "zaken"  # its own table
    ]


def _digest(record: OpenDataRecord) -> str:
    """What makes two loads of a record the same, wherever the file was."""
    values = [
        getattr(record, f.name) for f in dataclasses.fields(record) if f.name != "source_path"
    ]
    return hashlib.sha256(repr(values).encode("utf-8", "surrogatepass")).hexdigest()


class OpenDataStore(QueryGroup):
    """Storing open-data records (``library.open_data``), each in a transaction of the
    library's. A decision or vote that is new or changed tells ``outcome_changed`` the
    zaken it is about: their documents are written anew, so that a reader who follows them
    sees an outcome that came later as new."""

    def __init__(
        self, file: Connected, outcome_changed: Callable[[list[str]], None] | None = None
    ) -> None:
        super().__init__(file)
        self._outcome_changed = outcome_changed

    def store(self, record: OpenDataRecord) -> Stored:
        with self._file.transaction():
            if isinstance(record, Deleted):
                return self._delete(record)
            table, columns = _TABLES[type(record)]
            record = self._with_known_links(record)
            digest = _digest(record)
            row = self.conn.execute(
                f"SELECT content_hash FROM {table} WHERE id = ?", (record.id,)
            ).fetchone()
            if isinstance(record, Decision):  # links only add up: a later record may lack them
                self.conn.executemany(
                    "INSERT OR IGNORE INTO decision_zaken VALUES (?, ?)",
                    [(record.id, zaak) for zaak in record.zaken],
                )
            if row is not None and row[0] == digest:
                return "unchanged"
            names = ", ".join((*columns, "content_hash"))
            marks = ", ".join("?" * (len(columns) + 1))
            self.conn.execute(
                f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({marks})",
                [*_values(record), digest],
            )
            if isinstance(record, Decision | Vote) and self._outcome_changed is not None:
                decision = record.id if isinstance(record, Decision) else record.decision
                zaken = self.conn.execute(
                    "SELECT zaak FROM decision_zaken WHERE decision = ?", (decision,)
                ).fetchall()
                self._outcome_changed([str(zaak) for (zaak,) in zaken])
            if isinstance(record, AgendaItem):
                self.conn.execute(
                    "DELETE FROM agenda_item_zaken WHERE agenda_item = ?", (record.id,)
                )
                self.conn.executemany(
                    "INSERT INTO agenda_item_zaken VALUES (?, ?, ?)",
                    [(record.id, position, zaak) for position, zaak in _positions(record)],
                )
        return "loaded" if row is None else "updated"

    def _with_known_links(self, record: OpenDataRecord) -> OpenDataRecord:
        """A record that lacks a link the stored one has (a harvest that dropped the
        ``…_Id`` keys, an agenda item expanded without its zaken) keeps that link."""
        if isinstance(record, Decision) and not record.agenda_item:
            row = self.conn.execute(
                "SELECT agenda_item FROM decisions WHERE id = ?", (record.id,)
            ).fetchone()
            if row is not None and row[0]:
                return dataclasses.replace(record, agenda_item=row[0])
        if isinstance(record, AgendaItem):
            activity, zaken = record.activity, record.zaken
            if not activity:
                row = self.conn.execute(
                    "SELECT activity FROM agenda_items WHERE id = ?", (record.id,)
                ).fetchone()
                activity = row[0] if row is not None and row[0] else ""
            if not zaken:
                known = self.conn.execute(
                    "SELECT zaak FROM agenda_item_zaken WHERE agenda_item = ? ORDER BY position",
                    (record.id,),
                ).fetchall()
                zaken = tuple(r[0] for r in known)
            if (activity, zaken) != (record.activity, record.zaken):
                return dataclasses.replace(record, activity=activity, zaken=zaken)
        return record

    def _delete(self, record: Deleted) -> Stored:
        table = _ENTITY_TABLES[record.entity]
        gone = self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (record.id,)).rowcount
        if table == "decisions":
            self.conn.execute("DELETE FROM decision_zaken WHERE decision = ?", (record.id,))
        elif table == "agenda_items":
            self.conn.execute("DELETE FROM agenda_item_zaken WHERE agenda_item = ?", (record.id,))
        return "updated" if gone else "unchanged"


def _positions(item: AgendaItem) -> Iterator[tuple[int, str]]:
    """The zaken of an agenda item numbered from 1, as AgendapuntZaakBesluitVolgorde counts."""
    yield from enumerate(item.zaken, start=1)
