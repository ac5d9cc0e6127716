"""Where documents come from: single files, folders (recursively) and archives.

Each yields ``Source`` items that read their bytes only when asked, so a large archive is
streamed member by member and never unpacked to disk.
"""

from __future__ import annotations

import os
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from loaders.errors import LoadError
from loaders.limits import HEAD_BYTES, MAX_SOURCE_BYTES, too_large

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2")


@dataclass(frozen=True)
class Source:
    """One file to load: ``name`` is what errors and the library call it."""

    name: str
    read: Callable[[], bytes]
    in_container: bool = False  # found in a folder or archive, not named by the user


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES) or zipfile.is_zipfile(path)


# Archives inside a source, which the loader does not read a second level down.
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"\x1f\x8b", b"\xfd7zXZ\x00", b"BZh")


def looks_binary(data: bytes) -> bool:
    """Whether a source's first bytes are those of a binary file, not of a document."""
    head = data[:HEAD_BYTES]
    return b"\x00" in head or head.startswith(_ARCHIVE_MAGIC)


def shown_name(name: str) -> str:
    """A file name as it can be shown and stored: a name that is not UTF-8 (a Latin-1 tar,
    an old file system) arrives with surrogates for its bytes, read here as Windows-1252."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(name) if os.name == "posix" else name.encode("utf-8", "surrogatepass")
        return raw.decode("cp1252", errors="replace")
    return name


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
                yield Source(shown_name(str(child)), _failing(exc), in_container=True)
        return
    name = shown_name(str(path))
    if path.is_symlink() and not path.exists():
        raise LoadError(name, "a link that leads nowhere")
    if not path.exists():
        raise LoadError(name, "no such file or folder")
    if path.is_file() and _is_tar(path):
        yield from _tar_sources(path)
    elif path.is_file() and zipfile.is_zipfile(path):
        yield from _zip_sources(path)
    else:
        yield Source(name, lambda: _read_file(path), in_container)


def _failing(error: LoadError) -> Callable[[], bytes]:
    def read() -> bytes:
        raise error

    return read


def _read_file(path: Path) -> bytes:
    name = shown_name(str(path))
    try:
        with path.open("rb") as handle:
            return read_limited(handle, name)
    except OSError as exc:
        raise LoadError(name, f"cannot read: {exc.strerror}") from None


def read_limited(handle: IO[bytes], name: str, declared: int | None = None) -> bytes:
    """A file's bytes, its head first: a binary head (an image, a zip bomb's zeros) is all
    that is read of it, and more than MAX_SOURCE_BYTES is refused, whatever size the file or
    archive claimed (``declared``)."""
    if declared is not None and declared > MAX_SOURCE_BYTES:
        raise LoadError(name, too_large(declared))
    head = handle.read(HEAD_BYTES)
    if looks_binary(head):  # the loader skips it on its head alone
        return head
    rest = handle.read(MAX_SOURCE_BYTES + 1 - len(head))
    if len(head) + len(rest) > MAX_SOURCE_BYTES:
        raise LoadError(name, too_large(MAX_SOURCE_BYTES + 1))
    return head + rest


def _is_tar(path: Path) -> bool:
    if not path.name.lower().endswith(ARCHIVE_SUFFIXES) or path.name.lower().endswith(".zip"):
        return False
    try:
        return tarfile.is_tarfile(path)
    except OSError:
        return False


# What reading a damaged or unsupported archive member can raise: broken deflate data, a
# compression method Python lacks (Deflate64), encryption, a truncated stream.
_MEMBER_ERRORS = (
    zipfile.BadZipFile,
    tarfile.TarError,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


def _tar_sources(path: Path) -> Iterator[Source]:
    archive_name = shown_name(str(path))
    try:
        with tarfile.open(path, "r|*") as archive:
            for member in archive:
                name = member.name.rsplit("/", 1)[-1]
                if not member.isfile() or name.startswith("."):
                    continue
                where = f"{archive_name}!{shown_name(member.name)}"
                try:
                    handle = archive.extractfile(member)
                    data = read_limited(handle, where, member.size) if handle else b""
                except LoadError as exc:
                    yield Source(where, _failing(exc), True)
                    continue
                yield Source(where, _returning(data), True)
    except _MEMBER_ERRORS as exc:
        raise LoadError(archive_name, f"broken archive: {exc}") from None


def _returning(data: bytes) -> Callable[[], bytes]:
    """A reader of bytes already in memory (an archive is read in one pass)."""
    return lambda: data


def _zip_sources(path: Path) -> Iterator[Source]:
    """Each member on its own: one that cannot be read (broken data, Deflate64, encrypted,
    too large) is named, and the members after it are read."""
    archive_name = shown_name(str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename.rsplit("/", 1)[-1]
                if info.is_dir() or name.startswith("."):
                    continue
                where = f"{archive_name}!{shown_name(info.filename)}"
                try:
                    with archive.open(info) as handle:
                        data = read_limited(handle, where, info.file_size)
                except LoadError as exc:
                    yield Source(where, _failing(exc), True)
                    continue
                except _MEMBER_ERRORS as exc:
                    problem = LoadError(where, f"cannot read this member of the archive: {exc}")
                    yield Source(where, _failing(problem), True)
                    continue
                yield Source(where, _returning(data), True)
    except _MEMBER_ERRORS as exc:
        raise LoadError(archive_name, f"broken archive: {exc}") from None


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
