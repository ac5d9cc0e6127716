"""Kamervragen in the library: the written questions and the Aanhangsels that answer them, by
vergaderjaar for the reader's tree, and the questions no answer in the library is known of
(``kamerlezer show --open-questions``), with how long they have waited: the Kamer's norm for
an answer is three weeks."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from db.query_group import QueryGroup
from db.rows import ROW_COLUMNS, DocumentRow, document_row
from db.schema import KAMERVRAGEN_TERM, SUBJECT_MATCH
from loaders.kinds import ANSWER_KINDS, QUESTION_KINDS

# The Kamer's norm: an answer within three weeks.
NORM_DAYS = 21
KAMERVRAGEN_KINDS = (*QUESTION_KINDS, *ANSWER_KINDS)
_MARKS = ", ".join("?" for _ in KAMERVRAGEN_KINDS)
_QUESTION_MARKS = ", ".join("?" for _ in QUESTION_KINDS)


@dataclass(frozen=True)
class OpenQuestion:
    """Kamervragen of which the library knows no answer (nor a mededeling of delay)."""

    key: str
    title: str
    asked: str  # ISO date
    waited: int | None  # days since, on the day asked; None when the date is not known
    # The latest mededeling that the answer is late: its key and date ("" when none).
    postponed_in: str = ""
    postponed_on: str = ""
    postponed_by_subject: bool = False  # that link an inference (db.relations.INFERENCES)

    @property
    def overdue(self) -> bool:
        return self.waited is not None and self.waited > NORM_DAYS

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "asked": self.asked,
            "days_waited": self.waited,
            "overdue": self.overdue,
            "postponed_in": self.postponed_in or None,
            "postponed_on": self.postponed_on or None,
            "postponed_linked_by": ("subject" if self.postponed_by_subject else "metadata")
            if self.postponed_in
            else None,
        }


class KamervragenQueries(QueryGroup):
    """``library.kamervragen``."""

    def count(self) -> int:
        row = self.conn.execute(
            f"SELECT count(*) FROM documents WHERE kind IN ({_MARKS})",
            KAMERVRAGEN_KINDS,
        )
        return int(row.fetchone()[0])

    def vergaderjaren(self) -> list[tuple[str, int]]:
        """The vergaderjaren kamervragen were asked or answered in, newest first, with how
        many."""
        rows = self.conn.execute(
            f"SELECT vergaderjaar, count(*) FROM documents WHERE kind IN ({_MARKS})"
            " GROUP BY vergaderjaar ORDER BY vergaderjaar DESC",
            KAMERVRAGEN_KINDS,
        )
        return [(row[0] or "", int(row[1])) for row in rows]

    def rows_of(self, vergaderjaar: str) -> list[DocumentRow]:
        """The kamervragen and answers of a vergaderjaar, newest first."""
        rows = self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM documents d WHERE kind IN ({_MARKS})"
            " AND coalesce(vergaderjaar, '') = ? ORDER BY date DESC, key",
            (*KAMERVRAGEN_KINDS, vergaderjaar),
        )
        return [document_row(row) for row in rows]

    def open_questions(self, today: dt.date | None = None) -> list[OpenQuestion]:
        """Kamervragen no answer (nor mededeling) in the library answers, longest waiting
        first."""
        today = today or dt.date.today()
        rows = self.conn.execute(
            f"SELECT d.key, coalesce(nullif(d.title, ''), d.subject, ''), d.date FROM documents d"
            f" WHERE d.kind IN ({_QUESTION_MARKS}) AND NOT EXISTS (SELECT 1 FROM relations r"
            " WHERE (r.target = d.key AND r.kind = 'answers')"
            " OR (r.source = d.key AND r.kind = 'answered in'))"
            " ORDER BY d.date, d.key",
            QUESTION_KINDS,
        )
        # The latest mededeling of delay of each set of questions, in one pass.
        latest: dict[str, tuple[str, str, bool]] = {}
        for target, source, date, by_subject in self.conn.execute(
            "SELECT r.target, r.source, coalesce(d.date, ''), r.basis = 'subject'"
            " FROM relations r LEFT JOIN documents d ON d.key = r.source"
            " WHERE r.kind = 'postpones' ORDER BY d.date, r.source"
        ):
            latest[target] = (source, date, bool(by_subject))
        found = []
        for key, title, date in rows.fetchall():
            try:
                waited: int | None = (today - dt.date.fromisoformat(date)).days
            except (TypeError, ValueError):
                waited = None
            postponed = latest.get(key, ("", "", False))
            found.append(OpenQuestion(key, title, date or "", waited, *postponed))
        return found


def link_by_subject(conn: sqlite3.Connection, keys: Iterable[str]) -> None:
    """Answers (and mededelingen of delay) whose records name no zaak, linked to the
    kamervragen with their subject asked before them, where exactly one set has it: the
    open data's own rule for records stripped of their links. Stored with basis "subject",
    which the reader and the JSON report as an inference. ``keys``: what a load wrote."""
    subjects = {
        str(row[0])
        for row in conn.execute(
            "SELECT subject FROM documents WHERE subject != ''"
            " AND key IN (SELECT value FROM json_each(?))",  # any number of keys
            (json.dumps(sorted(keys)),),
        )
    }
    candidates: dict[str, tuple[str, str, str]] = {}  # answer key: kind, subject, date
    for subject in subjects:
        for key, kind, found, date in conn.execute(
            f"SELECT key, kind, subject, date FROM documents WHERE {KAMERVRAGEN_TERM}"
            f" AND kind IN ({_ANSWER_MARKS}) AND {SUBJECT_MATCH} = lower(rtrim(?, ' .'))"
            " AND key LIKE 'ah-%'",
            (*ANSWER_KINDS, subject),
        ):
            candidates[key] = (kind, found, date)
    for answer, (kind, subject, date) in sorted(candidates.items()):
        relation = "postpones" if kind == "mededeling" else "answers"
        named = conn.execute(
            "SELECT 1 FROM relations WHERE source = ? AND kind = ? AND basis != 'subject'",
            (answer, relation),
        )
        if named.fetchone() is not None:  # its own record names the zaak
            continue
        asked = [
            key
            for key, asked_on in conn.execute(
                f"SELECT key, date FROM documents WHERE {KAMERVRAGEN_TERM}"
                f" AND kind IN ({_QUESTION_MARKS}) AND {SUBJECT_MATCH} = lower(rtrim(?, ' .'))",
                (*QUESTION_KINDS, subject),
            )
            if not date or not asked_on or asked_on <= date
        ]
        conn.execute(
            "DELETE FROM relations WHERE source = ? AND kind = ? AND basis = 'subject'",
            (answer, relation),
        )
        if len(asked) == 1:
            conn.execute(
                "INSERT OR IGNORE INTO relations (source, target, kind, basis)"
                " VALUES (?, ?, ?, 'subject')",
                (answer, asked[0], relation),
            )


_ANSWER_MARKS = ", ".join("?" for _ in ANSWER_KINDS)
