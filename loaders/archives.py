"""Where documents come from: single files, folders (recursively) and archives.

Each yields ``Source`` items that read their bytes only when asked, so a large archive is
streamed member by member and never unpacked to disk.
"""

from __future__ import annotations

import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from loaders.errors import LoadError

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2")


@dataclass(frozen=True)
class Source:
    """One file to load: ``name`` is what errors and the library call it."""

    name: str
    read: Callable[[], bytes]
    in_container: bool = False  # found in a folder or archive, not named by the user


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES) or zipfile.is_zipfile(path)


def iter_sources(path: Path, in_container: bool = False) -> Iterator[Source]:
    """Every loadable file under ``path``; LoadError for a path that cannot be read.

    Inside a folder, an entry that cannot be read (a link to nowhere, a folder that cannot
    be listed, a broken archive) is a source whose reading fails, naming it: the files
    after it are still read."""
    if path.is_dir():
        try:
            children = sorted(path.iterdir())
        except OSError as exc:
            raise LoadError(str(path), f"cannot read folder: {exc.strerror}") from None
        for child in children:
            if child.name.startswith("."):
                continue
            try:
                yield from iter_sources(child, in_container=True)
            except LoadError as exc:
                yield Source(str(child), _failing(exc), in_container=True)
        return
    if path.is_symlink() and not path.exists():
        raise LoadError(str(path), "a link that leads nowhere")
    if not path.exists():
        raise LoadError(str(path), "no such file or folder")
    if path.is_file() and _is_tar(path):
        yield from _tar_sources(path)
    elif path.is_file() and zipfile.is_zipfile(path):
        yield from _zip_sources(path)
    else:
        yield Source(str(path), lambda: _read_file(path), in_container)


def _failing(error: LoadError) -> Callable[[], bytes]:
    def read() -> bytes:
        raise error

    return read


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(str(path), f"cannot read: {exc.strerror}") from None


def _is_tar(path: Path) -> bool:
    if not path.name.lower().endswith(ARCHIVE_SUFFIXES) or path.name.lower().endswith(".zip"):
        return False
    try:
        return tarfile.is_tarfile(path)
    except OSError:
        return False


def _tar_sources(path: Path) -> Iterator[Source]:
    try:
        with tarfile.open(path, "r|*") as archive:
            for member in archive:
                name = member.name.rsplit("/", 1)[-1]
                if not member.isfile() or name.startswith("."):
                    continue
                handle = archive.extractfile(member)
                data = handle.read() if handle is not None else b""
                yield Source(f"{path}!{member.name}", _returning(data), True)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise LoadError(str(path), f"broken archive: {exc}") from None


def _returning(data: bytes) -> Callable[[], bytes]:
    """A reader of bytes already in memory (an archive is read in one pass)."""
    return lambda: data


def _zip_sources(path: Path) -> Iterator[Source]:
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename.rsplit("/", 1)[-1]
                if info.is_dir() or name.startswith("."):
                    continue
                data = archive.read(info)
                yield Source(f"{path}!{info.filename}", _returning(data), True)
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoadError(str(path), f"broken archive: {exc}") from None


def count_sources(paths: list[Path]) -> int | None:
    """How many files ``paths`` hold, for a progress bar; None when counting would cost a
    pass over a compressed archive."""
    total = 0
    for path in paths:
        if path.is_dir():
            try:
                files = [p for p in path.rglob("*") if p.is_file()]  # one walk of the folder
            except OSError:  # a part that cannot be listed: no total, the load says which
                return None
            if any(is_archive(p) for p in files):
                return None
            total += len(files)
        elif path.is_file() and zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                total += sum(1 for i in archive.infolist() if not i.is_dir())
        elif path.is_file() and _is_tar(path):
            return None
        else:
            total += 1
    return total
