"""The reader's view of what you follow: read from your own state file (``db/user_state``)
when the tree is read, changed by ``w`` and by opening what is new. A state file that cannot
be opened leaves the reader as it was without it; the status line says why."""

from __future__ import annotations

from collections.abc import Iterable

from db.library import Library
from db.user_state import StateError, UserState
from db.user_state.follows import (
    FollowingNow,
    FollowKind,
    NewDocument,
    follow,
    followed,
    following_now,
    mark_seen,
    unfollow,
)


class Followed:
    def __init__(self, library: Library) -> None:
        self.library = library
        self.now = FollowingNow([], [])
        self.is_read = False  # the tree reads it after the first paint; a document may open first
        self.problem = ""  # why the state could not be read or written, when it could not

    def read(self) -> FollowingNow:
        try:
            with UserState.open(self.library) as state:
                self.now = following_now(state, self.library)
            self.problem = ""
            self.is_read = True
        except StateError as exc:
            self.problem = str(exc)
        return self.now

    def toggle(self, kind: FollowKind, value: str) -> bool | None:
        """Follow, or stop following: whether it is followed now (None: the state could not
        be written; ``problem`` says why)."""
        try:
            with UserState.open(self.library) as state:
                if followed(state, kind, value) is not None:
                    unfollow(state, kind, value)
                    return False
                follow(state, self.library, kind, value)
                return True
        except StateError as exc:
            self.problem = str(exc)
            return None

    def mark_seen(self, keys: Iterable[str]) -> list[NewDocument]:
        """The documents of ``keys`` that were new and are seen now."""
        wanted = set(keys)
        if not self.is_read:
            self.read()
        documents = [d for d in self.now.new if d.key in wanted]
        if not documents:
            return []
        try:
            with UserState.open(self.library) as state:
                mark_seen(state, self.library, [d.key for d in documents])
        except StateError as exc:
            self.problem = str(exc)
            return []
        self.now.seen(d.key for d in documents)
        return documents
