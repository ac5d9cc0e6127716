"""The reader's view of your own state (``db/user_state``): what you follow and what is new
in it (read when the tree is read, changed by ``w`` and by opening what is new), and the
place, bookmarks and notes the reader keeps there. A state file that cannot be opened leaves
the reader as it was without it: ``problem`` says why, for the status line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

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

T = TypeVar("T")


class OwnState:
    def __init__(self, library: Library) -> None:
        self.library = library
        self.now = FollowingNow([], [])
        self.is_read = False  # the tree reads it after the first paint; a document may open first
        self.problem = ""  # why the state could not be read or written, when it could not

    def use(self, act: Callable[[UserState], T], otherwise: T) -> T:
        """What ``act`` does with your state file; ``otherwise`` (and ``problem`` set) when
        the file cannot be opened or written."""
        try:
            with UserState.open(self.library) as state:
                done = act(state)
        except StateError as exc:
            self.problem = str(exc)
            return otherwise
        self.problem = ""
        return done

    def read(self) -> FollowingNow:
        now = self.use(lambda state: following_now(state, self.library), None)
        if now is not None:
            self.now, self.is_read = now, True
        return self.now

    def toggle(self, kind: FollowKind, value: str) -> bool | None:
        """Follow, or stop following: whether it is followed now (None: the state could not
        be written; ``problem`` says why)."""

        def toggled(state: UserState) -> bool | None:
            if followed(state, kind, value) is not None:
                unfollow(state, kind, value)
                return False
            follow(state, self.library, kind, value)
            return True

        return self.use(toggled, None)

    def mark_seen(self, keys: Iterable[str]) -> list[NewDocument]:
        """The documents of ``keys`` that were new and are seen now."""
        wanted = set(keys)
        if not self.is_read:
            self.read()
        documents = [d for d in self.now.new if d.key in wanted]
        if not documents:
            return []
        marked = self.use(lambda s: mark_seen(s, self.library, [d.key for d in documents]), -1)
        if marked < 0:
            return []
        self.now.seen(d.key for d in documents)
        return documents
