"""Fetching documents from the official sources into the download cache: which records a
request means (a dossier, some keys, every ghost), and their files, each document on its own,
so that one failure costs only that document."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from loaders.citations.find import find_citations
from loaders.errors import LoadError
from loaders.formats.detect import read_records
from loaders.ids import parse_dossier, parse_reference
from loaders.official.sources import PUBLICATION_ID, OfficialSources
from loaders.official.sru import SruRecord

# The files a document is loaded from, by SRU manifestation, in the cache under these names.
FILES = {"xml": "document.xml", "metadata": "metadata.xml"}


@dataclass
class FetchReport:
    files: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line each, a file or a listing
    failed: list[str] = field(default_factory=list)  # documents whose text did not arrive


def parse_targets(targets: Iterable[str]) -> tuple[list[str], list[str]]:
    """Dossier keys and publication ids from what a reader typed ("29521", "36 410 XVI",
    "kst-29521-446", "Kamerstuk 27 925, nr. 919"), before anything is asked of a service."""
    dossiers: list[str] = []
    identifiers: list[str] = []
    for target in targets:
        dossier = parse_dossier(target)
        if dossier is not None:
            dossiers.append(dossier)
            continue
        key = parse_reference(target) or _cited(target)
        if key is None and PUBLICATION_ID.fullmatch(target.strip()):
            key = target.strip()
        if key is None:
            raise LoadError(target, "neither a dossier (29521) nor a document (kst-29521-446)")
        identifiers.append(key)
    return dossiers, identifiers


def _cited(text: str) -> str | None:
    """The one document a citation names, typed as a letter cites it ("Handelingen II
    2017/18, nr. 70, item 6")."""
    found = find_citations(text)
    return found[0].target if len(found) == 1 and found[0].kind != "dossier" else None


def records_for(
    sources: OfficialSources,
    dossiers: Iterable[str],
    identifiers: Iterable[str],
    since: str = "",
) -> Iterator[SruRecord]:
    """The records of what ``parse_targets`` read: every Kamerstuk of each dossier (``since``:
    published or changed on or after that day), then the publications asked by id that those
    did not already hold (looked up together)."""
    seen: set[str] = set()
    for dossier in dossiers:
        for record in sources.dossier_records(dossier, since):
            if record.identifier not in seen:
                seen.add(record.identifier)
                yield record
    yield from sources.publications([i for i in identifiers if i not in seen])


def fetch_dossier_metadata(
    sources: OfficialSources, dossier: str, report: FetchReport, fresh: bool = False
) -> None:
    """The dossier's zaken from Tweede Kamer open data, as one JSON file to load: it adds
    Onderwerp, DocumentNummer and zaak numbers to the dossier's documents (``fresh``: asked
    anew, for decisions taken since)."""
    try:
        zaken = sources.dossier_zaken(dossier, fresh)
    except LoadError as exc:
        report.errors.append(str(exc))
        return
    if not zaken:  # the open data knows no zaak of it: nothing to add
        return
    target = sources.cache / "odata" / f"dossier-{dossier}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(zaken, ensure_ascii=False))
    report.files.append(target)


def fetch_files(
    sources: OfficialSources,
    records: Iterable[SruRecord],
    on_record: Callable[[SruRecord], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FetchReport:
    """Download each record's XML and metadata.xml (from the cache where they are), up to
    ``sources.connections`` documents at a time; the report lists them in the records' order.

    ``on_record`` is called in this thread as each document completes. When ``cancelled``
    answers true, documents not yet started are dropped and the report holds what arrived.
    """
    records = list(records)
    outcomes: dict[int, FetchReport] = {}
    waiting: queue.SimpleQueue[int] = queue.SimpleQueue()
    finished: queue.SimpleQueue[tuple[int, FetchReport]] = queue.SimpleQueue()
    for index in range(len(records)):
        waiting.put(index)
    stop = threading.Event()

    def download() -> None:
        while not stop.is_set():
            try:
                index = waiting.get_nowait()
            except queue.Empty:
                return
            try:
                outcome = _fetch_record(sources, records[index])
            except Exception as exc:  # whatever went wrong is this document's error
                if stop.is_set():  # the client closed under an abandoned download
                    return
                identifier = records[index].identifier
                outcome = FetchReport(
                    errors=[f"{identifier}: cannot fetch ({type(exc).__name__}: {exc})"],
                    failed=[identifier],
                )
            finished.put((index, outcome))

    # Daemon threads: a download that is abandoned (cancelled, interrupted, the program
    # quit) never holds the process; its file reaches the cache whole or not at all.
    for number in range(min(sources.connections, len(records))):
        threading.Thread(target=download, name=f"fetch-{number}", daemon=True).start()
    try:
        while len(outcomes) < len(records):
            try:
                index, outcome = finished.get(timeout=0.1)
            except queue.Empty:
                pass
            else:
                outcomes[index] = outcome
                if on_record is not None:
                    on_record(records[index])
            if cancelled is not None and cancelled():
                break
    finally:  # done, cancelled or interrupted: nothing new starts, nobody waits for a download
        stop.set()
    report = FetchReport()
    for index in sorted(outcomes):
        report.files.extend(outcomes[index].files)
        report.errors.extend(outcomes[index].errors)
        report.failed.extend(outcomes[index].failed)
    return report


def _readable(data: bytes, what: str) -> None:
    """A downloaded file reaches the cache only if it reads as a document: a file that does
    not would fail every later fetch from the cache."""
    read_records(data, what)


def _fetch_record(sources: OfficialSources, record: SruRecord) -> FetchReport:
    report = FetchReport()
    for manifestation, name in FILES.items():
        url = record.files.get(manifestation)
        if not url:
            continue
        try:
            report.files.append(sources.download(record.identifier, url, name, _readable))
        except LoadError as exc:
            report.errors.append(str(exc))
            if manifestation == "xml":
                report.failed.append(record.identifier)
    return report
