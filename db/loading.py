"""Loading files into the library: every source read, parsed and stored on its own, so one
bad file costs only itself, and a summary of what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from db.library import Library
from loaders.archives import Source, iter_sources
from loaders.detect import read_document_bytes
from loaders.errors import LoadError, UnknownFormat


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

    def as_dict(self) -> dict[str, object]:
        return {
            "loaded": self.loaded,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "skipped": self.skipped,
            "errors": self.errors,
        }

    def summary(self) -> str:
        text = (
            f"{self.loaded} loaded, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed"
        )
        if self.skipped:
            text += f" ({self.skipped} other files skipped)"
        return text


def iter_all_sources(paths: Iterable[Path], report: LoadReport) -> Iterable[Source]:
    for path in paths:
        try:
            yield from iter_sources(Path(path))
        except LoadError as exc:
            report.failed += 1
            report.errors.append(str(exc))


def load_paths(
    library: Library,
    paths: Iterable[Path],
    on_file: Callable[[str], None] | None = None,
) -> LoadReport:
    """Load every document under ``paths``; failures are counted, never raised."""
    report = LoadReport()
    with library.batch():
        _load_sources(library, paths, report, on_file)
    return report


def _load_sources(
    library: Library,
    paths: Iterable[Path],
    report: LoadReport,
    on_file: Callable[[str], None] | None,
) -> None:
    for source in iter_all_sources(paths, report):
        try:
            documents = read_document_bytes(source.read(), source.name)
        except UnknownFormat as exc:
            if source.in_container:
                report.skipped += 1
                report.skipped_files.append(str(exc))
            else:
                report.failed += 1
                report.errors.append(str(exc))
        except LoadError as exc:
            report.failed += 1
            report.errors.append(str(exc))
        except RecursionError:
            report.failed += 1
            report.errors.append(f"{source.name}: nested too deeply to read")
        else:
            if not documents:
                report.skipped += 1
                report.skipped_files.append(f"{source.name}: no document records to merge")
            for document in documents:
                outcome = library.store(document)
                setattr(report, outcome, getattr(report, outcome) + 1)
        if on_file is not None:
            on_file(source.name)
