"""A bijlage in the reader (the demo's eindnotitie on chroom 6, known from its metadata): the
tree shows it under the letter it was sent with, its page names that letter as a link and
says it is metadata only, with F to fetch its text."""

from __future__ import annotations

from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp
from tui.widgets.dossier_tree import DocumentNode


async def test_a_bijlage_stands_under_its_letter(library) -> None:
    app = KamerlezerApp(library, start="blg-936562")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tree = app.reader.dossier_tree
        cursor = tree.cursor_node
        assert cursor is not None and isinstance(cursor.data, DocumentNode)
        assert cursor.data.key == "blg-936562"
        letter = cursor.parent
        assert letter is not None and isinstance(letter.data, DocumentNode)
        assert letter.data.key == "kst-35300-X-63"
        page = app.reader.letter.page
        assert page is not None and page.head.endswith("· metadata only")
        assert "Bijlage van: kst-35300-X-63" in page.text
        assert [link.target for link in page.links][:1] == ["kst-35300-X-63"]
        assert "Press F to fetch it" in page.text
