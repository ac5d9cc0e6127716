"""Fetching from the official sources into the library: one path for ``kamerlezer fetch``
and for F in the reader.

The sources are a parameter, so that the caller decides how patient the client is (tests
pass one that does not back off). Each step can be watched (``on_step``) and stopped
(``cancelled``, checked between steps and between downloads); what arrived is loaded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from db.library import Library
from db.loading.files import LoadReport, load_paths
from loaders.errors import LoadError
from loaders.official.downloads import FetchReport, fetch_dossier_metadata, fetch_files, records_for
from loaders.official.sources import OfficialSources
from loaders.official.sru import SruRecord


class Cancelled(Exception):
    """The reader stopped the fetch (Esc)."""


@dataclass
class Fetched:
    """What a fetch found, got and loaded, and what went wrong, one line a problem."""

    records: list[SruRecord] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)  # asked for, but not listed
    report: FetchReport = field(default_factory=FetchReport)
    loaded: LoadReport | None = None  # None: nothing was loaded (a dry run)

    @property
    def problems(self) -> list[str]:
        loaded = self.loaded.errors if self.loaded else []
        return [*self.unlisted, *self.report.errors, *loaded]


def _naming(targets: list[str]) -> str:
    """What an error names: the targets, or the first few of many."""
    if len(targets) <= 3:
        return ", ".join(targets)
    return f"{', '.join(targets[:2])} and {len(targets) - 2} more"


def fetch_and_load(
    library_path: Path,
    sources: OfficialSources,
    dossiers: list[str],
    identifiers: list[str],
    *,
    dry_run: bool = False,
    since: str = "",
    on_step: Callable[[str], None] | None = None,
    on_found: Callable[[int], None] | None = None,
    on_record: Callable[[SruRecord], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Fetched:
    """Find the records of ``dossiers`` and ``identifiers``, download their files (and each
    dossier's open data), and load them into the library at ``library_path``. ``since``: of
    the dossiers, only what was published or changed on or after that day."""

    def step(message: str) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled
        if on_step is not None:
            on_step(message)

    what = _naming([*dossiers, *identifiers])
    step(f"Looking up {what} …")
    fetched = Fetched()
    try:
        fetched.records = list(records_for(sources, dossiers, identifiers, since))
    except LoadError as exc:  # named by what was asked for, not by the query it needed
        raise LoadError(what, f"looking it up: {exc.problem}") from None
    listed = {record.identifier for record in fetched.records}
    fetched.unlisted = [
        f"{identifier}: the official sources do not list it"
        for identifier in dict.fromkeys(identifiers)
        if identifier not in listed
    ]
    if dry_run or not fetched.records:
        return fetched
    if on_found is not None:
        on_found(len(fetched.records))
    step(f"Downloading {what} …")
    fetched.report = fetch_files(sources, fetched.records, on_record, cancelled)
    for dossier in dossiers:
        fetch_dossier_metadata(sources, dossier, fetched.report, fresh=bool(since))
    step(f"Loading {what} …")
    with Library.open(library_path) as library:
        fetched.loaded = load_paths(library, fetched.report.files)
    return fetched


class FetchJob:
    """One document fetched and loaded in a daemon thread of its own, for a reader that must
    stay responsive: ``wait`` returns as soon as the caller stops waiting (Esc, quitting),
    whatever the download is waiting for, and a request that hangs never holds the process.
    After ``cancel`` the fetch stops at its next step and its answer is dropped."""

    def __init__(
        self,
        library_path: Path,
        sources: Callable[[], OfficialSources],
        key: str,
        on_step: Callable[[str], None] | None = None,
    ) -> None:
        self.key = key
        self._library_path = library_path
        self._sources = sources
        self._on_step = on_step
        self._cancelled = threading.Event()
        self._outcome: list[Fetched | BaseException] = []
        self._thread = threading.Thread(target=self._run, name=f"fetch {key}", daemon=True)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def _step(self, message: str) -> None:
        if self._on_step is not None and not self.cancelled:
            self._on_step(message)

    def _run(self) -> None:
        try:
            with self._sources() as sources:
                self._outcome.append(
                    fetch_and_load(
                        self._library_path,
                        sources,
                        [],
                        [self.key],
                        on_step=self._step,
                        cancelled=self._cancelled.is_set,
                    )
                )
        except BaseException as exc:  # handed to the one who waits
            self._outcome.append(exc)

    def wait(self, stop: Callable[[], bool], poll: float = 0.05) -> Fetched | str | None:
        """Start the fetch and wait for it: what it fetched, one line of why it failed, or
        None when it was cancelled (or ``stop`` said to stop waiting). An error no fetch
        foresaw is raised here."""
        self._thread.start()
        while self._thread.is_alive():
            if stop():
                self.cancel()
            if self.cancelled:
                return None
            self._thread.join(poll)
        [result] = self._outcome or [Cancelled()]
        if self.cancelled or isinstance(result, Cancelled):
            return None
        if isinstance(result, LoadError):
            return str(result)
        if isinstance(result, BaseException):
            raise result
        if result.problems and not (result.loaded and result.loaded.loaded):
            return result.problems[0]
        return result
