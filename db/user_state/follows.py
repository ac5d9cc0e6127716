"""Following a dossier, a saved search or a person, and what is new in what you follow: the
documents loaded since the follow began that you have not opened (or marked seen) as they are
now. A document loaded again with changes (an outcome that arrived later) is new again."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from db.library import Library
from db.search import Searcher, SearchError, parse_query
from db.search_index.writing import library_generation
from db.user_state import UserState, now
from loaders.folding import fold
from loaders.ids import parse_dossier
from loaders.labels import format_dossier

FollowKind = Literal["dossier", "search", "person"]
FOLLOW_KINDS: tuple[FollowKind, ...] = ("dossier", "search", "person")


class FollowError(ValueError):
    """What was asked to follow means nothing: the message says why."""


@dataclass(frozen=True)
class Follow:
    kind: FollowKind
    value: str  # a dossier's key, a query as typed, a name as typed
    since_generation: int = 0
    since: str = ""  # when the follow began (UTC, ISO 8601)
    synced: str = ""  # when sync last asked the official sources (UTC, ISO 8601)

    @property
    def label(self) -> str:
        """How a reader names it: "dossier 29 521", "search stikstof kind:motie"."""
        shown = format_dossier(self.value) if self.kind == "dossier" else self.value
        return f"{self.kind} {shown}"

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value, "since": self.since}


@dataclass
class NewDocument:
    key: str
    kind: str
    date: str
    title: str
    subject: str
    dossier: str
    generation: int
    why: list[Follow] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "kind": self.kind,
            "date": self.date,
            "title": self.title,
            "subject": self.subject,
            "dossier": self.dossier,
            "why": [follow.to_dict() for follow in self.why],
        }


def read_follow(text: str, kind: FollowKind | None = None) -> tuple[FollowKind, str]:
    """What ``text`` asks to follow: a dossier when it reads as a dossier's number ("29521",
    "36 410 XVI"), else a search; ``kind`` says which when the caller knows. FollowError when
    it means nothing."""
    value = " ".join(text.split())
    if not value:
        raise FollowError("nothing to follow: give a dossier, a search or a person")
    if kind == "person":
        return "person", value
    dossier = parse_dossier(value) if kind in (None, "dossier") else None
    if dossier:
        return "dossier", dossier
    if kind == "dossier":
        raise FollowError(f"{value!r} is not a dossier number (29521, '36 410 XVI')")
    try:
        parse_query(value)
    except SearchError as exc:
        raise FollowError(f"{value!r} cannot be searched for: {exc}") from exc
    return "search", value


def follow(state: UserState, library: Library, kind: FollowKind, value: str) -> Follow:
    """Follow from now on (what the library holds now is not new); following again keeps
    when it began."""
    existing = followed(state, kind, value)
    if existing is not None:
        return existing
    started = Follow(kind, value, library_generation(library.conn), now())
    state.conn.execute(
        "INSERT INTO follows (kind, value, since_generation, since) VALUES (?, ?, ?, ?)",
        (kind, value, started.since_generation, started.since),
    )
    return started


def unfollow(state: UserState, kind: FollowKind, value: str) -> bool:
    """Whether it was followed."""
    gone = state.conn.execute("DELETE FROM follows WHERE kind = ? AND value = ?", (kind, value))
    return gone.rowcount > 0


def followed(state: UserState, kind: FollowKind, value: str) -> Follow | None:
    return next((f for f in follows(state) if (f.kind, f.value) == (kind, value)), None)


def follows(state: UserState) -> list[Follow]:
    rows = state.conn.execute(
        "SELECT kind, value, since_generation, since, synced FROM follows ORDER BY kind, value"
    )
    return [
        Follow(kind, value, int(generation), since, synced)
        for kind, value, generation, since, synced in rows
    ]


def what_is_new(
    state: UserState, library: Library, *, since_date: str = "", searcher: Searcher | None = None
) -> list[NewDocument]:
    """The unseen documents of what you follow, newest first, each with what made it new
    (every follow it belongs to); ``since_date``: only those dated on or after it. Each follow
    is asked of the library on its own (a dossier's documents, a search's hits, a person's
    documents, loaded since it began), so that it costs what it holds, not what was loaded."""
    rows: dict[str, tuple[object, ...]] = {}
    why: dict[str, list[Follow]] = {}
    for f in follows(state):
        for row in _matching(library, f, since_date, searcher):
            key = str(row[0])
            rows[key] = row
            why.setdefault(key, []).append(f)
    unseen = _unseen(state, {key: int(str(row[6])) for key, row in rows.items()})
    new = [
        NewDocument(
            key,
            str(rows[key][1] or ""),
            str(rows[key][2] or ""),
            str(rows[key][3] or ""),
            str(rows[key][4] or ""),
            str(rows[key][5] or ""),
            int(str(rows[key][6])),
            why[key],
        )
        for key in unseen
    ]
    return sorted(new, key=lambda d: (d.date, d.key), reverse=True)


def mark_seen(state: UserState, library: Library, keys: Iterable[str]) -> int:
    """Mark documents seen as they are now; how many were marked."""
    wanted = sorted(set(keys))
    if not wanted:
        return 0
    rows = library.conn.execute(
        "SELECT key, generation FROM documents WHERE key IN (SELECT value FROM json_each(?))",
        (json.dumps(wanted),),
    ).fetchall()
    seen_at = now()
    state.conn.executemany(
        "INSERT INTO seen (key, generation, seen) VALUES (?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET generation = excluded.generation, seen = excluded.seen",
        [(str(key), int(generation), seen_at) for key, generation in rows],
    )
    return len(rows)


def _unseen(state: UserState, generations: dict[str, int]) -> set[str]:
    """Which of the documents (key: generation) are not seen as they are now."""
    if not generations:
        return set()
    seen = dict(
        state.conn.execute(
            "SELECT key, generation FROM seen WHERE key IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(generations)),),
        ).fetchall()
    )
    return {key for key, generation in generations.items() if seen.get(key, -1) < generation}


# What a new document shows, as its row is read.
_SHOWN = "d.key, d.kind, d.date, d.title, d.subject, d.dossier, d.generation"
_LOADED_SINCE = "d.ghost = 0 AND d.generation > ? AND d.date >= ?"
_WORDS = re.compile(r"\w+")  # a name's words, as the index reads them (no quote gets in)


def _matching(
    library: Library, f: Follow, since_date: str, searcher: Searcher | None
) -> list[tuple[object, ...]]:
    """The rows of the documents of what ``f`` follows, loaded since it began."""
    conn = library.conn
    since = (f.since_generation, since_date)
    if f.kind == "dossier":
        return conn.execute(  # the dossier's documents first: it costs what the dossier holds
            f"SELECT {_SHOWN} FROM document_dossiers dd CROSS JOIN documents d"
            f" ON d.key = dd.document WHERE dd.dossier = ? AND {_LOADED_SINCE}",
            (f.value, *since),
        ).fetchall()
    if f.kind == "person":  # the name's words as words ("Dijk" is not Dijkgraaf), folded
        words = _WORDS.findall(fold(f.value))
        if not words:
            return []
        return conn.execute(  # the index's names: who signed, asked or spoke
            f"SELECT {_SHOWN} FROM documents_fts CROSS JOIN documents d"
            f" ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? AND {_LOADED_SINCE}",
            ('names : "' + " ".join(words) + '"', *since),
        ).fetchall()
    keys = (searcher or Searcher(library)).found_since(f.value, f.since_generation, since_date)
    return conn.execute(
        f"SELECT {_SHOWN} FROM documents d WHERE d.key IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(keys)),),
    ).fetchall()


@dataclass
class FollowingNow:
    """What the reader shows of what you follow: which dossiers, and what is new in all."""

    follows: list[Follow]
    new: list[NewDocument]

    @property
    def dossiers(self) -> set[str]:
        return {f.value for f in self.follows if f.kind == "dossier"}

    @property
    def unseen(self) -> set[str]:
        return {document.key for document in self.new}

    def unseen_in(self, dossier: str) -> int:
        return sum(1 for document in self.new if document.dossier == dossier)

    def seen(self, keys: Iterable[str]) -> None:
        """Forget ``keys`` as new (they were just marked seen)."""
        gone = set(keys)
        self.new = [document for document in self.new if document.key not in gone]


def following_now(state: UserState, library: Library) -> FollowingNow:
    return FollowingNow(follows(state), what_is_new(state, library))


def mark_synced(state: UserState, f: Follow, when: str) -> None:
    """``f`` was asked of the official sources up to ``when`` (UTC, ISO 8601)."""
    state.conn.execute(
        "UPDATE follows SET synced = ? WHERE kind = ? AND value = ?", (when, f.kind, f.value)
    )
