"""Loading files into the library: every source read, parsed and stored on its own, so one
bad file costs only itself, and a summary of what happened."""

from __future__ import annotations

import contextlib
import enum
import gc
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from db.library import AnotherDocument, Library
from loaders.decisions import Deleted
from loaders.model import Document
from loaders.pipeline.parsing import Parsed, can_share_work, parse_sources, parse_sources_in_child
from loaders.pipeline.sources import count_sources
from loaders.publications import publication_of

# How a load names the open data's records it stored, one and many.
_OPEN_DATA_NAMES = {
    "Decision": ("decision", "decisions"),
    "Vote": ("vote", "votes"),
    "AgendaItem": ("agenda item", "agenda items"),
    "Activity": ("activity", "activities"),
    "Party": ("party", "parties"),
    "Person": ("member", "members"),
    "Deleted": ("removal", "removals"),
}

# From this many files on, reading and parsing run in a second process.
PARALLEL_FROM = 200


class Uncounted(enum.Enum):
    """The sources of a load not counted yet (None is a count: "too dear to count")."""

    UNCOUNTED = enum.auto()


@dataclass
class LoadReport:
    """What a load did; ``errors`` are one line each, naming the file."""

    loaded: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    # Open-data records (decisions, votes, ...) stored new or changed, by kind; the counts
    # above are of documents.
    open_data: dict[str, int] = field(default_factory=dict)
    open_data_unchanged: int = 0
    # Citations left out because their target is no identifier (markup can be wrong too).
    false_citations: int = 0
    # Metadata-only records (metadata.xml, open data's documents) stored new or changed, and
    # unchanged: what is known of a document, not the document; never counted as loaded.
    metadata: int = 0
    metadata_unchanged: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "loaded": self.loaded,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "skipped": self.skipped,
            "errors": self.errors,
            "open_data": {_OPEN_DATA_NAMES[k][1]: n for k, n in self.open_data.items()},
            "open_data_unchanged": self.open_data_unchanged,
            "false_citations": self.false_citations,
            "metadata": self.metadata,
            "metadata_unchanged": self.metadata_unchanged,
        }

    def summary(self) -> str:
        text = (
            f"{self.loaded} loaded, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed"
        )
        if self.skipped:
            files = "file" if self.skipped == 1 else "files"
            text += f" ({self.skipped} other {files} skipped; -v names them)"
        if self.metadata:
            records = "record" if self.metadata == 1 else "records"
            text += f"; metadata: {self.metadata} {records}"
        if self.open_data:
            stored = ", ".join(
                f"{n} {_OPEN_DATA_NAMES[kind][0 if n == 1 else 1]}"
                for kind, n in self.open_data.items()
            )
            text += f"; open data: {stored}"
        if self.false_citations:
            text += (
                f"; {self.false_citations} citation{'s' if self.false_citations != 1 else ''}"
                " left out (their target is no publication id or dossier)"
            )
        return text


def load_paths(
    library: Library,
    paths: Iterable[Path],
    on_file: Callable[[str], None] | None = None,
    parallel: bool | None = None,
    other_publications: bool = False,
    counted: int | Uncounted | None = Uncounted.UNCOUNTED,
) -> LoadReport:
    """Load every document under ``paths``; failures are counted, never raised.

    ``parallel`` reads and parses in a second process; by default it does so for archives
    and folders of more than ``PARALLEL_FROM`` files, where it pays for its start-up.
    Publications from outside parliament are skipped (and named) unless
    ``other_publications``. ``counted`` is what ``count_sources`` said of ``paths``, when the
    caller counted them already (for a progress bar): a folder is walked to count it once.
    """
    paths = [Path(p) for p in paths]
    if parallel is None:
        total = count_sources(paths) if counted is Uncounted.UNCOUNTED else counted
        parallel = can_share_work() and (total is None or total >= PARALLEL_FROM)
    report = LoadReport()
    results = parse_sources_in_child(paths) if parallel else parse_sources(paths)
    with fewer_collections(), library.batch():
        for parsed in results:
            _record(library, parsed, report, other_publications)
            if on_file is not None and not parsed.is_path_error:
                on_file(parsed.name)
    return report


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """A load makes many short-lived acyclic objects; the cycle collector, run every 700
    allocations, costs much and finds nothing. Its thresholds are restored afterwards."""
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _record(
    library: Library, parsed: Parsed, report: LoadReport, other_publications: bool = False
) -> None:
    if parsed.error:
        if parsed.unknown_format and parsed.in_container:
            report.skipped += 1
            report.skipped_files.append(parsed.error)
        else:
            report.failed += 1
            report.errors.append(parsed.error)
        return
    report.failed += len(parsed.refused)
    report.errors += parsed.refused
    report.false_citations += parsed.false_citations
    if not parsed.records and not parsed.refused:
        report.skipped += 1
        report.skipped_files.append(f"{parsed.name}: no document records to merge")
    for record in parsed.records:
        if isinstance(record, Document) and not other_publications:
            publication = publication_of(record.key)
            if publication is None or not publication.parliamentary:
                report.skipped += 1
                name = publication.name if publication is not None else "publication"
                report.skipped_files.append(
                    f"{parsed.name}: {record.key} is a {name}, not a parliamentary document"
                    " (load --other-publications loads it)"
                )
                continue
        try:
            outcome = library.store(record)
        except AnotherDocument as exc:
            report.failed += 1
            report.errors.append(f"{parsed.name}: not loaded: {exc}")
            continue
        except (sqlite3.InterfaceError, sqlite3.ProgrammingError, sqlite3.IntegrityError) as exc:
            # What the record holds, not the library, is wrong: it costs this record alone.
            report.failed += 1
            report.errors.append(f"{parsed.name}: a record cannot be stored ({exc})")
            continue
        if isinstance(record, Document) and record.metadata_only:
            if outcome == "unchanged":
                report.metadata_unchanged += 1
            else:
                report.metadata += 1
        elif isinstance(record, Document):
            setattr(report, outcome, getattr(report, outcome) + 1)
        elif outcome == "unchanged":
            report.open_data_unchanged += 1
        else:
            kind = "Deleted" if isinstance(record, Deleted) else type(record).__name__
            report.open_data[kind] = report.open_data.get(kind, 0) + 1
