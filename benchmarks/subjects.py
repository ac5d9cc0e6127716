"""How close the subjects kamerlezer makes of moties come to the ones the Kamer writes.

    uv run python benchmarks/subjects.py [ARCHIVE]

Of the real moties whose metadata holds the Tweede Kamer's own subject (``documenttitel``),
the subject is made again from the motie's own words alone (its title, its dictum, its
signatories), as for a motie without that metadata, and compared with the Kamer's: the part
after "over" (what it is about), by rapidfuzz's token set ratio (0-100). Prints the median
and mean, how many moties got no subject, and a sample of both side by side.
"""

from __future__ import annotations

import html
import random
import re
import statistics
import sys
import tarfile
from pathlib import Path

from rapidfuzz import fuzz

from loaders.formats.detect import read_document_bytes
from loaders.subject import subject_from_text

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/corpora/moties-2023-2025.tar.xz"
_OFFICIAL = re.compile(rb'name="OVERHEIDop\.documenttitel" scheme="" content="([^"]*)"')


def pairs(archive: Path) -> list[tuple[str, str]]:
    """(the Kamer's subject, the one made from the motie's words), for each such motie."""
    found = []
    with tarfile.open(archive) as tar:
        for member in tar:
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is None:
                continue
            data = handle.read()
            official = _OFFICIAL.search(data)
            if official is None:
                continue
            [document] = read_document_bytes(data, member.name)
            made = subject_from_text(
                document.text, document.kind, "", document.title, document.signatories
            )
            found.append((html.unescape(official.group(1).decode()), made))
    return found


def about(subject: str) -> str:
    return subject.split(" over ", 1)[-1]


def main() -> None:
    archive = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    found = pairs(archive)
    scores = [fuzz.token_set_ratio(about(ours), about(theirs)) for theirs, ours in found]
    missing = sum(1 for _, ours in found if " over " not in ours)
    print(f"moties with the Kamer's own subject: {len(found)}")
    print(
        f"what it is about, ours against theirs (token set ratio): median"
        f" {statistics.median(scores):.0f}, mean {statistics.mean(scores):.0f};"
        f" {missing} without a subject made from their words"
    )
    for theirs, ours in random.Random(7).sample(found, 5):
        print(f"  theirs: {theirs}\n  ours:   {ours}\n")


if __name__ == "__main__":
    main()
