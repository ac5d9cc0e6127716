"""How long the reader takes to open a large document: layout, and first paint in the app.

    uv run python benchmarks/reader.py

No real Kamerstuk in the corpus reaches 500 KB, so the document is the real moties of the
corpus joined into one text of 500 KB (with their real citations). Prints the layout time at
80 and 200 columns, and the time from `open_document` to the letter pane's first drawn screen
(target: under 100 ms), against the time to open the 455 letter in the same run. A document
over 50,000 characters is drawn from its first paragraphs and laid out whole right after.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from textual.strip import Strip

from db.library import Library
from db.loading.files import load_paths
from loaders.formats.detect import read_document_bytes
from loaders.model import Citation, Document, Dossier
from loaders.pipeline.sources import iter_sources
from tui.app import KamerlezerApp
from tui.pages.layout import Link, Page, layout
from tui.widgets.letter_view import LetterView

CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpora/moties-2023-2025.tar.xz"
LETTER = Path(__file__).resolve().parents[1] / "tests/fixtures/samples/kst-29521-455.txt"
SIZE = 500_000


def large_document() -> Document:
    parts: list[str] = []
    citations: list[Citation] = []
    offset = 0
    for source in iter_sources(CORPUS):
        [motie] = read_document_bytes(source.read(), source.name)
        for c in motie.citations:
            citations.append(Citation(c.start + offset, c.end + offset, c.text, c.target, c.kind))
        parts.append(motie.text)
        offset += len(motie.text) + 2
        if offset >= SIZE:
            break
    return Document(
        key="kst-99999-1",
        dossiers=[Dossier("99999", "Alle moties in één document")],
        ondernummer="1",
        kind="verslag",
        title="MOTIES 2023-2025",
        text="\n\n".join(parts),
        citations=citations,
    )


def time_layout(document: Document, width: int) -> float:
    links = [Link.of(c) for c in document.citations]
    page = Page(document.key, [("header", "header")], document.text, links)
    started = time.perf_counter()
    lines = layout(page, width)
    elapsed = time.perf_counter() - started
    print(f"layout of {len(document.text) / 1000:.0f} KB at {width} columns: {len(lines)} lines")
    return elapsed


async def time_open(library: Library, key: str) -> tuple[float, float]:
    """(read and lay out, until the letter pane draws its first line), the best of three."""
    app = KamerlezerApp(library)
    first_line: list[float] = []
    draw = LetterView.render_line

    def timed_render_line(view: LetterView, y: int) -> Strip:
        if view.page is not None and view.page.key == key and not first_line:
            first_line.append(time.perf_counter())
        return draw(view, y)

    LetterView.render_line = timed_render_line  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        opened, drawn = [], []
        for _ in range(3):
            first_line.clear()
            started = time.perf_counter()
            app.reader.open_document(key)
            opened.append(time.perf_counter() - started)
            await pilot.pause()
            drawn.append(first_line[0] - started)
            app.reader.open_document("kst-29521-455" if key != "kst-29521-455" else "kst-99999-1")
            await pilot.pause()
    LetterView.render_line = draw  # type: ignore[method-assign]
    return min(opened), min(drawn)


def main() -> None:
    document = large_document()
    for width in (80, 200):
        print(f"  {time_layout(document, width) * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.db"
        with Library.open(path) as library:
            library.store(document)
            load_paths(library, [LETTER])
        with Library.open(path, write=False) as library:
            small = asyncio.run(time_open(library, "kst-29521-455"))
            large = asyncio.run(time_open(library, "kst-99999-1"))
    for label, (opened, drawn) in (
        ("the 2 KB letter", small),
        (f"the {len(document.text) / 1000:.0f} KB document", large),
    ):
        print(
            f"{label}: read and laid out in {opened * 1000:.0f} ms,"
            f" its first line drawn after {drawn * 1000:.0f} ms (target: under 100 ms)"
        )


if __name__ == "__main__":
    main()
