"""The reader as a user drives it: keys in, what the panes show out."""

from __future__ import annotations

from textual.widgets import Input

from tui.app import KamerlezerApp
from tui.screens.search import SearchScreen
from tui.widgets.dossier_tree import DocumentNode, DossierTree


async def test_from_the_tree_to_a_cited_ghost_and_back(library) -> None:
    app = KamerlezerApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()  # the tree is read after the first paint
        tree = app.query_one(DossierTree)
        tree.focus()
        node = tree.dossier_node("29521")
        tree.move_cursor(node)
        await pilot.press("enter")  # expands the dossier
        await pilot.pause()
        assert node.is_expanded
        keys = [child.data.key for child in node.children]
        assert keys[:3] == ["kst-29521-446", "kst-29521-447", "kst-29521-455"]
        tree.move_cursor(node.children[2])
        await pilot.press("enter")
        await pilot.pause()
        letter = app.reader.letter
        assert letter.page.key == "kst-29521-455"
        letter.focus()
        for _ in range(4):
            await pilot.press("right_square_bracket")
        assert letter.cursor is not None
        link = letter.page.links[letter.cursor]
        assert link.target == "kst-29521-447"
        bar = str(app.query_one("#status").render())
        assert "29 521, nr. 447" in bar and "not in the library" in bar
        before = letter.position
        assert before.scroll_y > 0  # the cursor scrolled the letter down to nr. 447
        await pilot.press("enter")
        await pilot.pause()
        assert letter.page.key == "kst-29521-447"
        assert letter.page.is_ghost
        text = letter.page.text
        assert "not in the library" in text and "kst-29521-455" in text
        await pilot.press("backspace")
        await pilot.pause()
        await pilot.pause()
        assert letter.page.key == "kst-29521-455"
        assert letter.position == before
        assert tree.cursor_node.data == DocumentNode("kst-29521-455", False)


async def test_searching_inside_a_letter(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash")
        search = app.query_one("#doc-search", Input)
        assert search.has_focus
        await pilot.press(*"irak")
        await pilot.press("enter")
        letter = app.reader.letter
        assert app.focused is letter
        assert len(letter.hits) >= 5
        first = letter.hit
        assert first is not None
        await pilot.press("n")
        assert letter.hit == (first + 1) % len(letter.hits)
        await pilot.press("N")
        assert letter.hit == first
        start, end = letter.hits[letter.hit]
        assert letter.page.text[start:end].lower() == "irak"


async def test_markup_and_escape_sequences_in_a_document_are_plain_text(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-999")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        letter = app.reader.letter
        shown = "\n".join(line.text for line in letter.lines)
        assert "[bold]x[/bold]" in shown
        assert "[link=https://x]klik[/link]" in shown
        assert "[bold]TITEL[/bold]" in shown
        assert "\x1b" not in shown
        drawn = "".join(
            segment.text for y in range(letter.size.height) for segment in letter.render_line(y)
        )
        assert "[bold]x[/bold]" in drawn and "\x1b" not in drawn


async def test_back_and_forward_like_a_browser(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        app.reader.open_document("kst-28844-269")
        await pilot.pause()
        await pilot.press("backspace")
        assert app.reader.letter.page.key == "kst-29521-455"
        await pilot.press("alt+right")
        assert app.reader.letter.page.key == "kst-28844-269"
        await pilot.press("alt+left")
        assert app.reader.letter.page.key == "kst-29521-455"


async def test_copy_gives_the_standard_citation(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("y")
        assert app.clipboard == "Kamerstukken II 2022/23, 29 521, nr. 455"


async def test_help_lists_the_keys(library) -> None:
    app = KamerlezerApp(library)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        from tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_at_80_columns_the_tree_and_finder_share_a_side(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.reader.dossier_tree.region.width == 0
        assert app.reader.finder.region.width > 0
        assert app.reader.letter.region.width >= 40
        await pilot.press("t")
        await pilot.pause()
        assert app.reader.dossier_tree.region.width > 0
        assert app.reader.finder.region.width == 0
        await pilot.press("f")
        await pilot.pause()
        assert app.reader.finder.region.width > 0


async def test_a_click_on_a_citation_follows_it(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        letter = app.reader.letter
        link = letter.page.links[0]
        y = next(i for i, line in enumerate(letter.lines) if line.start <= link.start < line.end)
        line = letter.lines[y]
        x = letter.gutter.left + line.indent + (link.start - line.start)
        await pilot.click(letter, offset=(x, y - int(letter.scroll_y)))
        await pilot.pause()
        assert letter.page.key == link.target


async def test_the_official_url_is_shown(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        bar = str(app.query_one("#status").render())
        assert bar.strip() == "https://zoek.officielebekendmakingen.nl/kst-29521-455.html"


async def test_hiding_the_tree_gives_the_letter_the_keys(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        assert app.focused is app.reader.dossier_tree
        await pilot.press("t")
        assert app.screen.focused is app.reader.letter
        await pilot.press("right_square_bracket")
        assert app.reader.letter.cursor == 0


def _palette(app: KamerlezerApp) -> dict[str, str]:
    """The palette's entries on the screen on top: title -> help."""
    return {c.title: c.help for c in app.get_system_commands(app.screen)}


async def test_the_palette_offers_what_applies_here_with_its_keys(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        offered = _palette(app)
        for title in ("Find", "Search all", "Back", "Copy citation", "Next citation", "Help"):
            assert title in offered
        assert offered["Back"].endswith("⌫ / Alt+←")  # keys as help and the footer show them
        assert "Fetch this document" not in offered  # a loaded document: nothing to fetch
        assert "Keys" not in offered  # help (?) is where the keys are
        app.reader.open_document("kst-27925-919")  # a ghost
        await pilot.pause()
        assert "Fetch this document" in _palette(app)


async def test_over_the_search_screen_the_palette_has_no_reader_command(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        offered = _palette(app)
        assert "Next citation" not in offered and "Tree" not in offered
        assert "Sort: rank, newest, oldest" in offered
        cursor = app.reader.letter.cursor
        await pilot.press("right_square_bracket")  # the reader's key rests under it
        assert app.reader.letter.cursor == cursor


async def test_back_from_the_first_document_returns_to_the_start_page(library) -> None:
    app = KamerlezerApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("right_square_bracket", "enter")
        opened = app.reader.letter.page.key
        assert opened.startswith("kst-")
        await pilot.press("backspace")
        assert app.reader.letter.page.key == ""
        assert app.reader.letter.cursor == 0  # where the reader was
        await pilot.press("alt+right")
        assert app.reader.letter.page.key == opened


async def test_a_library_of_many_dossiers_groups_them_by_thousand(tmp_path, fixtures) -> None:
    from db.library import Library
    from loaders.model import Document, Dossier

    path = tmp_path / "many.db"
    with Library.open(path) as library, library.batch():
        for number in range(20000, 20600):
            key = f"kst-{number}-1"
            library.store(Document(key, dossiers=[Dossier(str(number), f"Dossier {number}")]))
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-20555-1")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            groups = app.reader.dossier_tree.root.children
            assert [str(group.label).split("  ")[0] for group in groups] == ["20 000 – 20 999"]
            assert groups[0].is_expanded  # opened to show the open document
            assert app.reader.dossier_tree.cursor_node.data.key == "kst-20555-1"


async def test_search_open_a_hit_and_come_back_to_the_results(library) -> None:

    app = KamerlezerApp(library, start="kst-28844-269")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"Prosperity Guardian")
        await pilot.press("enter")  # to the results
        await pilot.pause()
        assert screen.result is not None and screen.result.hits
        await pilot.press("down")
        chosen = screen.selected
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        letter = app.reader.letter
        assert letter.page.key == chosen
        shown = {letter.page.text[s:e].lower() for s, e in letter.hits}
        assert shown == {"prosperity", "guardian"}
        await pilot.press("n")
        assert letter.hit == 1
        await pilot.press("backspace")
        await pilot.pause()
        assert app.screen is screen
        assert isinstance(screen, SearchScreen)
        assert screen.query_one("#search-input", Input).value == "Prosperity Guardian"
        assert screen.selected == chosen
        await pilot.press("escape")
        await pilot.pause()
        assert letter.page.key == chosen  # back where the reader was
        await pilot.press("backspace")
        await pilot.pause()
        assert app.screen is screen


async def test_the_readers_keys_rest_over_the_search_screen(library) -> None:

    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", *"missie", "enter")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press("f", "t", "backspace")
        assert app.screen is screen
        await pilot.press("escape")
        assert app.reader.letter.page.key == "kst-29521-455"


async def test_a_long_document_is_drawn_first_and_laid_out_whole_after(tmp_path, fixtures) -> None:
    from db.library import Library
    from loaders.citations.stage import with_citations
    from loaders.formats.pdf_text import read_pdf_text
    from loaders.model import Citation, Document
    from tui.widgets.letter_view import FIRST_PARAGRAPHS, LAZY_FROM

    letter = with_citations(read_pdf_text((fixtures / "kst-29521-455.txt").read_text(), "455"))
    copies = LAZY_FROM // len(letter.text) + 2
    text = "\n\n".join([letter.text] * copies)
    step = len(letter.text) + 2
    citations = [
        Citation(c.start + n * step, c.end + n * step, c.text, c.target, c.kind)
        for n in range(copies)
        for c in letter.citations
    ]
    path = tmp_path / "long.db"
    with Library.open(path) as library:
        library.store(
            Document("kst-29521-9999", dossiers=letter.dossiers, text=text, citations=citations)
        )
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-29521-9999")
        async with app.run_test(size=(100, 30)) as pilot:
            view = app.reader.letter
            await pilot.pause()
            paragraphs = len([p for p in text.split("\n\n") if p.strip()])
            assert paragraphs > FIRST_PARAGRAPHS
            assert view.lines[-1].end == len(text)  # laid out whole after the first paint
            await pilot.press("end", "left_square_bracket")
            assert view.cursor is not None
            assert view.page.links[view.cursor] == view.page.links[-1]
