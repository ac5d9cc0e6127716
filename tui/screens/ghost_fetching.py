"""Fetching a ghost from the reader: F on the page of a document that is cited but not
loaded gets it from the official sources in a worker (Esc cancels), loads it and opens it."""

from __future__ import annotations

import threading

from textual.worker import get_current_worker

from db.loading.fetch import Cancelled, Fetched, fetch_and_load
from loaders.errors import LoadError
from tui.screens.reader_parts import ReaderParts


class GhostFetching(ReaderParts):
    """The reader's fetching (its screen class derives from this one)."""

    def action_fetch(self) -> None:
        """On a ghost's page: get the document from the official sources, then open it."""
        if self.reading is not None and self.reading.is_ghost:
            self._fetch(self.reading.key)

    def _fetch(self, key: str) -> None:
        self.run_worker(
            lambda: self._fetch_in_thread(key),
            name=f"fetch {key}",
            group="fetch",
            thread=True,
            exclusive=True,
        )

    def _fetch_in_thread(self, key: str) -> None:
        """The worker waits for the fetch, which runs in a daemon thread of its own: Esc or q
        stop the waiting at once, and a request that hangs never holds the process."""
        worker = get_current_worker()
        cancelled = threading.Event()

        def step(message: str) -> None:
            if not cancelled.is_set():
                self.app.call_from_thread(self.status.activity, f"{message} (Esc cancels)")

        outcome: list[Fetched | BaseException] = []

        def fetch() -> None:
            try:
                with self.sources() as sources:
                    outcome.append(
                        fetch_and_load(
                            self.library.path,
                            sources,
                            [],
                            [key],
                            on_step=step,
                            cancelled=cancelled.is_set,
                        )
                    )
            except BaseException as exc:  # handed to the waiting worker
                outcome.append(exc)

        thread = threading.Thread(target=fetch, name=f"fetch {key}", daemon=True)
        thread.start()
        while thread.is_alive():
            if worker.is_cancelled:
                cancelled.set()  # the fetch stops at its next step; its answer is dropped
                return
            thread.join(0.05)
        [result] = outcome or [Cancelled()]
        if worker.is_cancelled or isinstance(result, Cancelled):
            return
        if isinstance(result, LoadError):
            self.app.call_from_thread(self._fetch_failed, str(result))
            return
        if isinstance(result, BaseException):
            raise result
        if result.problems and not (result.loaded and result.loaded.loaded):
            self.app.call_from_thread(self._fetch_failed, result.problems[0])
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

    def cancel_fetch(self) -> None:
        """At once, whatever the download is waiting for: the reader stops waiting, says so,
        and the worker's late answer (if one comes) is dropped unloaded."""
        running = [w for w in self.workers if w.group == "fetch" and w.is_running]
        for worker in running:
            worker.cancel()
            key = worker.name.partition(" ")[2] or "the document"
            self.status.activity(f"Fetching {key} cancelled")
