"""Fetching a ghost from the reader: F on the page of a document that is cited but not
loaded gets it from the official sources in a worker (Esc cancels), loads it and opens it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen
from textual.worker import get_current_worker

from db.fetching import Cancelled, fetch_and_load
from db.library import Library
from db.reading import Reading
from loaders.errors import LoadError
from loaders.official import OfficialSources

if TYPE_CHECKING:
    from tui.widgets.dossier_tree import DossierTree
    from tui.widgets.finder_pane import FinderPane
    from tui.widgets.status_bar import StatusBar


class GhostFetching(Screen[None]):
    """The reader's fetching (its screen class derives from this one)."""

    library: Library
    sources: Callable[[], OfficialSources]
    reading: Reading | None

    if TYPE_CHECKING:

        @property
        def status(self) -> StatusBar: ...

        @property
        def finder(self) -> FinderPane: ...

        @property
        def dossier_tree(self) -> DossierTree: ...

        def open_document(self, key: str, *, remember: bool = True) -> bool: ...

    def action_fetch(self) -> None:
        """On a ghost's page: get the document from the official sources, then open it."""
        if self.reading is not None and self.reading.is_ghost:
            self._fetch(self.reading.key)

    @work(thread=True, exclusive=True, group="fetch")
    def _fetch(self, key: str) -> None:
        worker = get_current_worker()

        def step(message: str) -> None:
            self.app.call_from_thread(self.status.activity, f"{message} (Esc cancels)")

        try:
            with self.sources() as sources:
                fetched = fetch_and_load(
                    self.library.path,
                    sources,
                    [],
                    [key],
                    on_step=step,
                    cancelled=lambda: worker.is_cancelled,
                )
        except Cancelled:
            self.app.call_from_thread(self.status.activity, f"Fetching {key} cancelled")
            return
        except LoadError as exc:
            self.app.call_from_thread(self._fetch_failed, str(exc))
            return
        if fetched.problems and not (fetched.loaded and fetched.loaded.loaded):
            self.app.call_from_thread(self._fetch_failed, fetched.problems[0])
            return
        self.app.call_from_thread(self._fetched, key)

    def _fetch_failed(self, problem: str) -> None:
        self.status.activity(None)
        self.notify(problem, severity="error", timeout=8)

    def _fetched(self, key: str) -> None:
        self.finder.refresh_library()
        self.dossier_tree.reload()
        self.status.activity(None)
        self.notify(f"{key} fetched and loaded", timeout=4)
        if self.reading is not None and self.reading.key == key:  # still on its page: show it
            self.open_document(key, remember=False)

    def _fetching(self) -> bool:
        return any(w.group == "fetch" and w.is_running for w in self.workers)
