"""Fetching a ghost from the reader (``F``): one fetch at a time, waited for in a worker so
that the reader stays responsive; Esc cancels at once, whatever the download waits for, and
a late answer (or one from a fetch since replaced) is dropped unloaded."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from textual.dom import DOMNode
from textual.worker import get_current_worker

from db.loading.fetch import Fetched, FetchJob
from loaders.official.sources import OfficialSources


class GhostFetch:
    def __init__(
        self,
        node: DOMNode,
        library_path: Path,
        sources: Callable[[], OfficialSources],
        step: Callable[[str], None],
        ended: Callable[[str, Fetched | str], None],
    ) -> None:
        """``step`` says what the fetch is doing now; ``ended`` gets the key and what came
        of it (the problem, as a line, where it failed). Both run on ``node``'s thread."""
        self._node = node
        self._library_path = library_path
        self._sources = sources
        self._step = step
        self._ended = ended
        self._job: FetchJob | None = None  # the fetch running, if one is

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, key: str) -> None:
        job = FetchJob(self._library_path, self._sources, key, self._stepped)
        self._job = job
        self._node.run_worker(
            functools.partial(self._wait_for, job), thread=True, group="fetch", exclusive=True
        )

    def cancel(self) -> str:
        """The key of the fetch cancelled; "" when none ran."""
        job, self._job = self._job, None
        if job is None:
            return ""
        job.cancel()
        return job.key

    def _stepped(self, message: str) -> None:  # from the fetch's thread
        self._node.app.call_from_thread(self._step, message)

    def _wait_for(self, job: FetchJob) -> None:  # in the worker's thread
        worker = get_current_worker()
        result = job.wait(stop=lambda: worker.is_cancelled)
        if result is not None:
            self._node.app.call_from_thread(self._done, job, result)

    def _done(self, job: FetchJob, result: Fetched | str) -> None:
        if job is not self._job:  # cancelled, or another fetch started since
            return
        self._job = None
        self._ended(job.key, result)
