"""How much one source may hold: beyond these a file is refused with one line, so that a
hostile or broken file (a zip bomb, a million citations) costs seconds, not the machine.

The largest real publications are far below them: a Staatsbegroting's XML is a few MB, the
longest Handelingen item holds a few hundred citations.
"""

from __future__ import annotations

# Bytes of one file, read from disk, an archive member or a download (after decompression).
MAX_SOURCE_BYTES = 64 * 1024 * 1024
# Citations found in, or given by the markup of, one document.
MAX_CITATIONS = 20_000
# What a loader reads of them: one more than the limit tells that a document is past it.
CITATIONS_READ = MAX_CITATIONS + 1
# What is read of a source first, to tell a document from a binary file before reading all.
HEAD_BYTES = 4096


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def too_large(size: int) -> str:
    """The one line that refuses a source of ``size`` bytes (or more)."""
    return f"too large to load ({megabytes(size)}; the limit is {megabytes(MAX_SOURCE_BYTES)})"


# What a query may be: longer ones are a paste gone wrong (or an attack) and would cost
# minutes; a search refuses them with a line, the finder reads their beginning.
MAX_QUERY_CHARS = 1_000
MAX_QUERY_TERMS = 64
# The finder runs on every key: it reads at most this much of what is typed.
FINDER_QUERY_CHARS = 200
