"""Recall of the plain-text citation extractor against the citations KOOP marked up itself,
and its throughput.

    uv run python benchmarks/citations.py [ARCHIVE]

For every motie in the corpus, the targets of its ``<extref doc="kst-...">`` elements must be
among what ``find_citations`` finds in the document's plain text. Prints recall (target: at
least 99%), each miss, and MB of text per second on one core (target: at least 20 MB/s).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from lxml import etree

from loaders.citations.find import CitingDocument, find_citations
from loaders.formats.detect import read_document_bytes
from loaders.ids import key_from_published_id
from loaders.pipeline.sources import iter_sources
from loaders.safe_xml import text_pieces

ROUNDS = 3
DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/corpora/moties-2023-2025.tar.xz"


def main() -> None:
    archive = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    documents = []
    for source in iter_sources(archive):
        data = source.read()
        root = etree.fromstring(data)
        marked = {
            key_from_published_id(ref.get("doc", "").strip()): "".join(text_pieces(ref))
            for ref in root.iter("extref")
            if ref.get("doc", "").strip().startswith("kst-")
        }
        [document] = read_document_bytes(data, source.name)
        citing = CitingDocument.of(document.key, document.dossier_key, document.date)
        documents.append((document, citing, marked))

    expected = found = 0
    misses = []
    for document, citing, marked in documents:
        targets = {c.target for c in find_citations(document.text, citing)}
        expected += len(marked)
        found += len(marked.keys() & targets)
        misses += [(document.key, t, marked[t]) for t in sorted(marked.keys() - targets)]

    texts = [(d.text, c) for d, c, _ in documents]
    megabytes = sum(len(t.encode()) for t, _ in texts) / 1e6
    best = min(_time_all(texts) for _ in range(ROUNDS))

    print(
        f"documents: {len(documents)}, with marked citations: {sum(1 for *_, m in documents if m)}"
    )
    print(f"recall against <extref>: {found}/{expected} = {found / expected:.2%} (target: 99%)")
    for key, target, surface in misses:
        print(f"  missed in {key}: {target} (marked text: {surface!r})")
    print(
        f"throughput: {megabytes:.1f} MB in {best:.3f} s = {megabytes / best:.1f} MB/s (target: 20)"
    )


def _time_all(texts: list[tuple[str, CitingDocument]]) -> float:
    started = time.perf_counter()
    for text, citing in texts:
        find_citations(text, citing)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
