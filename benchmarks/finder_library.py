"""The finder benchmark's libraries.

The catalogue: every one of the 720,996 real parliamentary ids, with titles from the real
documents in the shared corpora, and no text. Real documents keep their own title, subject,
kind, date, signatories and numbers. Every other Kamerstuk gets its
dossier's real title where the corpora have that dossier, otherwise the title of a real dossier
chosen by a hash of its number, so that each dossier's documents share one title; documents
without a dossier (Handelingen, Aanhangsels, Staatsblad, ...) get the title of a real dossier
chosen by a hash of their id, so that the real documents' own subjects stay their own. Built
once and cached on disk; written with plain SQL, since it
is test data, not a load.

The library with text: the 7,034 real moties and the samples, loaded as a reader loads them.
"""

from __future__ import annotations

import json
import lzma
import shutil
import zlib
from pathlib import Path

from db.library import Library
from db.library_file import LibraryError
from db.loading.files import load_paths
from db.schema import SCHEMA_VERSION, schema_version
from loaders.errors import LoadError
from loaders.formats.detect import read_document_bytes
from loaders.ids import key_from_published_id, split_kst_key
from loaders.model import Document
from loaders.pipeline.sources import iter_sources
from loaders.subject import subject_from_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
IDS = SHARED / "corpora/koop-parliamentary-ids.txt.xz"
SOURCES = [SHARED / "corpora/moties-2023-2025.tar.xz", SHARED / "kamerstukken-samples"]
CACHE = Path(__file__).resolve().parent / ".cache" / "finder-library-2.db"
WITH_TEXT = Path(__file__).resolve().parent / ".cache" / "moties-library.db"
OWN_WORDS = Path(__file__).resolve().parent / ".cache" / "moties-own-words.db"
KINDS = {
    "h": "handelingen",
    "ah": "aanhangsel",
    "kv": "kamervragen",
    "blg": "bijlage",
    "stb": "staatsblad",
    "trb": "tractatenblad",
    "nds": "niet-dossierstuk",
    "ag": "agenda",
}


def real_documents() -> dict[str, Document]:
    documents: dict[str, Document] = {}
    for path in SOURCES:
        for source in iter_sources(path):
            try:
                found = read_document_bytes(source.read(), source.name)
            except LoadError:
                continue
            for document in found:
                if not document.metadata_only and document.title:
                    documents.setdefault(document.key, document)
    return documents


def _current(path: Path) -> bool:
    """Built, and by this version of the library's schema."""
    if not path.exists():
        return False
    try:
        with Library.open(path, write=False) as library:
            return schema_version(library.conn) == SCHEMA_VERSION
    except LibraryError:  # of an older schema, which a read cannot upgrade
        return False


def _partial(path: Path) -> Path:
    """Where a library is built before it is moved to ``path``, cleared of an earlier try."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in path.parent.glob(partial.name + "*"):
        leftover.unlink()
    return partial


def build_with_text(path: Path = WITH_TEXT) -> Path:
    """The cached library of the real moties and samples, loaded when missing or older."""
    if _current(path):
        return path
    partial = _partial(path)
    with Library.open(partial) as library:
        load_paths(library, SOURCES)
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial.rename(path)
    return path


def build_own_words(official: set[str], path: Path = OWN_WORDS) -> Path:
    """The library with text, but with the moties of ``official`` known only by the subject
    made from their own words: as a library holds them that has no record of the Kamer's
    own subject (a motie loaded without its open data)."""
    if _current(path):
        return path
    partial = _partial(path)
    shutil.copyfile(build_with_text(), partial)
    with Library.open(partial) as library, library.batch():
        for key in sorted(official):
            document = library.documents.get(key)
            if document is None or document.metadata_only:
                continue
            title = document.dossiers[0].title if document.dossiers else ""
            document.subject = subject_from_text(
                document.text, document.kind, title, document.title, document.signatories
            )
            library.store(document)
    partial.rename(path)
    return path


def build(path: Path = CACHE) -> Path:
    """The cached catalogue, built when missing or older."""
    if _current(path):
        return path
    partial = _partial(path)
    real = real_documents()
    dossier_titles = {d.dossier_key: d.dossiers[0].title for d in real.values() if d.dossiers}
    title_pool = sorted(set(dossier_titles.values()))
    ids = lzma.decompress(IDS.read_bytes()).decode().split()

    documents, dossiers, memberships, published = [], {}, [], []
    used = {i for i in ids if key_from_published_id(i) == i}  # ids that are keys already
    for published_id in ids:
        key = key_from_published_id(published_id)
        if key != published_id:
            # Older ids that differ only in their vergaderjaar keep their own id as key.
            key = published_id if key in used else key
            used.add(key)
        document = real.get(key)
        split = split_kst_key(key)
        dossier = split[0] if split else ""
        if dossier and dossier not in dossiers:
            title = dossier_titles.get(dossier) or title_pool[_pick(dossier, len(title_pool))]
            dossiers[dossier] = title
        if document is not None:
            signatories = [{"name": s.name, "role": s.role} for s in document.signatories]
            row = (
                key,
                published_id,
                dossier,
                document.ondernummer,
                document.kind,
                document.title,
                document.subject,
                document.date,
                document.vergaderjaar,
                json.dumps(signatories, ensure_ascii=False, separators=(", ", ": ")),
                document.document_number,
                json.dumps(document.zaak_numbers),
            )
        elif split:
            title = dossiers[dossier]
            row = (key, published_id, dossier, split[1], "", title, "", "", "", "[]", "", "[]")
        else:
            kind = KINDS.get(key.split("-", 1)[0], "")
            title = title_pool[_pick(key, len(title_pool))]
            row = (key, published_id, "", "", kind, title, "", "", "", "[]", "", "[]")
        documents.append(row)
        if dossier:
            memberships.append((key, dossier, 0))
        if published_id != key:
            published.append((published_id, key))

    with Library.open(partial) as library:
        conn = library.conn
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO dossiers (key, number, toevoeging, title, rijkswet)"
            " VALUES (?, ?, ?, ?, '')",
            [(k, k.partition("-")[0], k.partition("-")[2], t) for k, t in dossiers.items()],
        )
        conn.executemany(
            "INSERT INTO documents (key, published_id, dossier, ondernummer, kind, title, subject,"
            " date, vergaderjaar, chamber, signatories, text, source_path, source_format,"
            " content_hash, document_number, zaak_numbers, ghost)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, '', '', 'benchmark', '', ?, ?, 0)",
            documents,
        )
        conn.executemany("INSERT OR IGNORE INTO document_dossiers VALUES (?, ?, ?)", memberships)
        conn.executemany("INSERT OR IGNORE INTO published_ids VALUES (?, ?)", published)
        conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial.rename(path)
    return path


def _pick(text: str, size: int) -> int:
    return zlib.crc32(text.encode()) % size


if __name__ == "__main__":
    print(build())
    print(build_with_text())
