"""Kamervragen in the library: the written questions and the Aanhangsels that answer them, by
vergaderjaar for the reader's tree, and the questions no answer in the library is known of
(``kamerlezer show --open-questions``), with how long they have waited: the Kamer's norm for
an answer is three weeks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from db.query_group import QueryGroup
from db.rows import ROW_COLUMNS, DocumentRow, document_row
from loaders.kinds import ANSWER_KINDS, QUESTION_KINDS

# The Kamer's norm: an answer within three weeks.
NORM_DAYS = 21
_KINDS = (*QUESTION_KINDS, *ANSWER_KINDS)
_MARKS = ", ".join("?" for _ in _KINDS)
_QUESTION_MARKS = ", ".join("?" for _ in QUESTION_KINDS)


@dataclass(frozen=True)
class OpenQuestion:
    """Kamervragen of which the library knows no answer (nor a mededeling of delay)."""

    key: str
    title: str
    asked: str  # ISO date
    waited: int | None  # days since, on the day asked; None when the date is not known

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
        }


class KamervragenQueries(QueryGroup):
    """``library.kamervragen``."""

    def count(self) -> int:
        row = self.conn.execute(f"SELECT count(*) FROM documents WHERE kind IN ({_MARKS})", _KINDS)
        return int(row.fetchone()[0])

    def vergaderjaren(self) -> list[tuple[str, int]]:
        """The vergaderjaren kamervragen were asked or answered in, newest first, with how
        many."""
        rows = self.conn.execute(
            f"SELECT vergaderjaar, count(*) FROM documents WHERE kind IN ({_MARKS})"
            " GROUP BY vergaderjaar ORDER BY vergaderjaar DESC",
            _KINDS,
        )
        return [(row[0] or "", int(row[1])) for row in rows]

    def rows_of(self, vergaderjaar: str) -> list[DocumentRow]:
        """The kamervragen and answers of a vergaderjaar, newest first."""
        rows = self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM documents d WHERE kind IN ({_MARKS})"
            " AND coalesce(vergaderjaar, '') = ? ORDER BY date DESC, key",
            (*_KINDS, vergaderjaar),
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
        found = []
        for key, title, date in rows:
            try:
                waited: int | None = (today - dt.date.fromisoformat(date)).days
            except (TypeError, ValueError):
                waited = None
            found.append(OpenQuestion(key, title, date or "", waited))
        return found
