"""Fetching documents from the official sources into the download cache: which records a
request means (a dossier, some keys, every ghost), and their files, one by one, so that one
failure costs only its own document."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from loaders.errors import LoadError
from loaders.ids import parse_dossier
from loaders.official import OfficialSources
from loaders.sru import SruRecord

# The files a document is loaded from, by SRU manifestation, in the cache under these names.
FILES = {"xml": "document.xml", "metadata": "metadata.xml"}


@dataclass
class FetchReport:
    files: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def records_for(sources: OfficialSources, targets: Iterable[str]) -> Iterator[SruRecord]:
    """The records of each target: a dossier number gives all its Kamerstukken, a key its
    one publication."""
    for target in targets:
        dossier = parse_dossier(target)
        if dossier is not None:
            yield from sources.dossier_records(dossier)
        else:
            page = sources.search(f'dt.identifier=="{target}"')
            yield from (r for r in page.records if r.identifier == target)


def fetch_dossier_metadata(sources: OfficialSources, dossier: str, report: FetchReport) -> None:
    """The dossier's zaken from Tweede Kamer open data, as one JSON file to load: it adds
    Onderwerp, DocumentNummer and zaak numbers to the dossier's documents."""
    try:
        zaken = sources.dossier_zaken(dossier)
    except LoadError as exc:
        report.errors.append(str(exc))
        return
    target = sources.cache / "odata" / f"dossier-{dossier}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(zaken, ensure_ascii=False))
    report.files.append(target)


def fetch_files(
    sources: OfficialSources,
    records: Iterable[SruRecord],
    on_record: Callable[[SruRecord], None] | None = None,
) -> FetchReport:
    """Download each record's XML and metadata.xml (from the cache where they are)."""
    report = FetchReport()
    for record in records:
        for manifestation, name in FILES.items():
            url = record.files.get(manifestation)
            if not url:
                continue
            try:
                report.files.append(sources.download(record.identifier, url, name))
            except LoadError as exc:
                report.errors.append(str(exc))
        if on_record is not None:
            on_record(record)
    return report
