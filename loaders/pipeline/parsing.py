"""Reading and parsing sources, in this process or shared with a second one.

Parsing is pure Python and holds the GIL; storing is the library's work and stays in this
process (one writer). For a large load, a child process reads the sources (decompressing an
archive) and parses most of them, sending finished records here in chunks through a bounded
queue; it hands every ``SHARE``-th source over unparsed, for this process to parse between its
writes, so that both cores stay busy. Records arrive in source order and memory stays bounded.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.context import ForkContext, SpawnContext
from pathlib import Path

from loaders.errors import LoadError, UnknownFormat
from loaders.formats.detect import read_records
from loaders.model import Record
from loaders.pipeline.admission import admit
from loaders.pipeline.sources import iter_sources, shown_name

# Files travel in chunks (one message each), at most QUEUE_SIZE chunks waiting at a time. A
# chunk goes when it holds CHUNK_SIZE files or CHUNK_RECORDS records, whichever comes first: a
# file of a thousand records (an export) goes on its own, so that the writer starts at once.
CHUNK_SIZE = 32
CHUNK_RECORDS = 64
QUEUE_SIZE = 16
# One source in SHARE is parsed by the writing process: measured on the moties corpus, the
# writer spends about half as long per document as the child (read, parse), so a third of the
# parsing on the writer's side keeps both busy.
SHARE = 3


@dataclass
class Parsed:
    """One source's outcome: its records, or why it could not be read."""

    name: str
    records: list[Record]
    error: str = ""  # one line naming the file
    refused: list[str] = field(default_factory=list)  # a line for each record not admitted
    false_citations: int = 0
    unknown_format: bool = False
    in_container: bool = False
    is_path_error: bool = False  # the path itself could not be walked


@dataclass
class Unparsed:
    """A source handed over as bytes, for the receiving process to parse."""

    name: str
    data: bytes
    in_container: bool


def parse_sources(paths: Iterable[Path]) -> Iterator[Parsed]:
    """Every source under ``paths``, read and parsed, in order (in this process)."""
    for item in _read_sources(paths, share=0):
        yield item if isinstance(item, Parsed) else parse_bytes(item)


def _read_sources(paths: Iterable[Path], share: int) -> Iterator[Parsed | Unparsed]:
    count = 0
    for path in paths:
        try:
            for source in iter_sources(Path(path)):
                count += 1
                if share and count % share == 0:
                    yield _read_unparsed(source.name, source.read, source.in_container)
                else:
                    yield parse_source(source.name, source.read, source.in_container)
        except LoadError as exc:
            yield Parsed(str(path), [], str(exc), is_path_error=True)
        except Exception as exc:  # an archive whose very structure breaks its reader
            name = shown_name(str(path))
            yield Parsed(name, [], _unreadable(name, exc), is_path_error=True)


def _read_unparsed(name: str, read: Callable[[], bytes], in_container: bool) -> Parsed | Unparsed:
    try:
        return Unparsed(name, read(), in_container)
    except LoadError as exc:
        return Parsed(name, [], str(exc), in_container=in_container)
    except Exception as exc:
        return Parsed(name, [], _unreadable(name, exc), in_container=in_container)


def _unreadable(name: str, error: Exception) -> str:
    """The one line for a source whose reading failed in a way no reader foresaw."""
    return f"{name}: cannot be read ({type(error).__name__}: {error})"


def parse_bytes(item: Unparsed) -> Parsed:
    return parse_source(item.name, lambda: item.data, item.in_container)


def parse_source(name: str, read: Callable[[], bytes], in_container: bool) -> Parsed:
    """One source's records, or its error as one line; never raises for bad content: a
    reader's own mistake on a strange file costs that file, never the load."""
    try:
        admitted = admit(read_records(read(), name), name)
        return Parsed(
            name,
            admitted.records,
            refused=admitted.refused,
            false_citations=admitted.false_citations,
            in_container=in_container,
        )
    except UnknownFormat as exc:
        return Parsed(name, [], str(exc), unknown_format=True, in_container=in_container)
    except LoadError as exc:
        return Parsed(name, [], str(exc), in_container=in_container)
    except RecursionError:
        return Parsed(name, [], f"{name}: nested too deeply to read", in_container=in_container)
    except MemoryError:
        return Parsed(name, [], f"{name}: too large to read in memory", in_container=in_container)
    except Exception as exc:
        return Parsed(name, [], _unreadable(name, exc), in_container=in_container)


@dataclass
class Ended:
    """The child's last message: it read everything, or why it stopped (``problem``)."""

    problem: str = ""


def _child(paths: list[Path], results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    # Parsing makes many short-lived, acyclic objects: collecting cycles every 700
    # allocations costs a fifth of the time and finds nothing.
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    chunk: list[Parsed | Unparsed] = []
    records = 0
    try:
        for item in _read_sources(paths, SHARE):
            chunk.append(item)
            records += len(item.records) if isinstance(item, Parsed) else 1
            if len(chunk) == CHUNK_SIZE or records >= CHUNK_RECORDS:
                _send(results, chunk)
                chunk, records = [], 0
        _send(results, chunk)
        _send(results, Ended())
    except _ParentGone:
        results.cancel_join_thread()  # what waits in the pipe is for nobody: exit now
    except KeyboardInterrupt:
        _send(results, Ended("interrupted"))
    except BaseException as exc:  # the parent must hear of it: an end it takes as whole
        _send(results, Ended(f"{type(exc).__name__}: {exc}"))


class _ParentGone(Exception):
    """The loading process ended (killed): nobody will read what this one sends."""


def _send(results: multiprocessing.Queue, message: object) -> None:  # type: ignore[type-arg]
    """Put ``message`` on the queue, waiting while it is full, but not for a parent that is
    gone: a reading process never outlives the load it reads for."""
    parent = multiprocessing.parent_process()
    while True:
        try:
            results.put(message, timeout=0.5)
            return
        except queue.Full:
            if parent is not None and not parent.is_alive():
                raise _ParentGone() from None


def parse_sources_in_child(paths: list[Path]) -> Iterator[Parsed]:
    """Like ``parse_sources``, with a child process reading and parsing most sources."""
    # fork starts in milliseconds, but is only safe while this process runs no other threads
    # (a reader running a load in the background has some); spawn is always safe.
    if threading.active_count() == 1 and os.name == "posix":
        context: ForkContext | SpawnContext = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("spawn")
    results = context.Queue(QUEUE_SIZE)
    child = context.Process(target=_child, args=(list(paths), results), daemon=True)
    child.start()
    where = ", ".join(shown_name(str(path)) for path in paths)
    received = 0
    try:
        while True:
            try:
                chunk = results.get(timeout=1.0)
            except queue.Empty:
                if not child.is_alive():
                    child.join(timeout=1)
                    yield _stopped(where, received, f"exit status {child.exitcode}")
                    return
                continue
            if isinstance(chunk, Ended):
                if chunk.problem:
                    yield _stopped(where, received, chunk.problem)
                return
            for item in chunk:
                received += 1
                yield item if isinstance(item, Parsed) else parse_bytes(item)
    finally:
        if child.is_alive():
            child.terminate()
        child.join(timeout=5)
        results.close()


def _stopped(where: str, received: int, why: str) -> Parsed:
    """The reading process ended before reading everything: an error, never an end."""
    problem = (
        f"{where}: the reading process stopped after {received} files ({why});"
        " the files after them were not loaded"
    )
    return Parsed(where, [], problem, is_path_error=True)


def can_share_work() -> bool:
    """A second process only helps with a second core."""
    return (os.cpu_count() or 1) > 1
