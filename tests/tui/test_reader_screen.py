"""The reader as a screen, tried as a user would: resizing, keys typed in a burst (as over
SSH), where focus is, what the bar says, and one reading of a document per open."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from db.library import Library
from db.loading.files import load_paths
from tests.tui.test_finder_pane import opens
from tests.tui.typed_keys import burst, settle
from tui.app import KamerlezerApp
from tui.screens.help import HelpScreen
from tui.widgets.status_bar import StatusBar


# -- resizing ---------------------------------------------------------------------------------
async def test_resizing_lays_out_the_panes_for_the_new_size(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.reader
        assert reader.dossier_tree.region.width == 0  # narrow: the finder has the side column
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        assert reader.dossier_tree.region.width > 0 and reader.finder.region.width > 0
        normal = reader.finder.region.width
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert reader.finder.region.width > normal  # wide: the finder gets the room
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert reader.letter.region.width >= 20  # never squeezed away


async def test_the_side_panes_widen_and_are_remembered(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        before = app.reader.dossier_tree.region.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await settle(pilot)
        assert app.reader.dossier_tree.region.width == before + 8
    again = KamerlezerApp(library, start="kst-29521-455")
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert again.reader.dossier_tree.region.width == before + 8
        await pilot.press("less_than_sign", "less_than_sign")


# -- keys typed in a burst --------------------------------------------------------------------
async def test_keys_typed_right_after_slash_go_into_the_documents_search_box(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        burst(app, "/irak")
        await settle(pilot)
        assert app.reader.query_one("#doc-search", Input).value == "irak"
        assert app.reader.status.shown.startswith("hit 1 of")


async def test_enter_and_backspace_in_one_burst_come_back_to_where_one_was(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        burst(app, "]\r\x7f")
        await settle(pilot)
        reader = app.reader
        assert reader.letter.page.key == "kst-29521-455"
        await pilot.press("alt+right")
        await settle(pilot)
        assert reader.letter.page.key == "kst-29521-446"


# -- focus and the bar ------------------------------------------------------------------------
async def test_entering_the_tree_highlights_a_row(library) -> None:
    app = KamerlezerApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("t", "t")  # hide it, show it: focus moves into it
        await settle(pilot)
        tree = app.reader.dossier_tree
        assert app.screen.focused is tree and tree.cursor_line >= 0


async def test_the_empty_finders_list_has_its_first_entry_highlighted(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        results = app.reader.query_one("#finder-results", OptionList)
        assert results.highlighted is not None
        highlighted = results.get_option_at_index(results.highlighted)
        assert (opens(highlighted), getattr(highlighted, "citation", None)) == ("kst-29521-446", 0)


async def test_the_bar_counts_citations_and_the_header_stays_put(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        reader = app.reader
        assert reader.status.shown.startswith("2/4 → 27 925, nr. 919")
        await pilot.press("end")
        await settle(pilot)
        head = str(reader.query_one("#letter-head", Static).render())
        assert head.startswith("kst-29521-455 · brief · 13 december 2022")
        assert reader.query_one(StatusBar).styles.text_overflow == "ellipsis"


async def test_o_shows_the_whole_address_and_copies_it(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await settle(pilot)
        url = "https://zoek.officielebekendmakingen.nl/kst-29521-455.html"
        assert app.clipboard == url
        assert any(n.message == url for n in app._notifications)


async def test_a_dossier_citation_opens_its_dossier(tmp_path: Path) -> None:
    letter = {
        "key": "kst-29521-900",
        "dossier": "29521",
        "dossier_title": "Nederlandse deelname aan vredesmissies",
        "title": "BRIEF",
        "text": "Zie Kamerstukken II 1990/91, 22 195 en 29 521, nr. 455.",
        "citations": [
            {
                "start": 4,
                "end": 36,
                "text": "Kamerstukken II 1990/91, 22 195",
                "target": "22195",
                "kind": "dossier",
            },
        ],
    }
    source = tmp_path / "letter.jsonl"
    source.write_text(json.dumps(letter) + "\n")
    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [source])
    with Library.open(tmp_path / "library.db", write=False) as library:
        app = KamerlezerApp(library, start="kst-29521-900")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("right_square_bracket", "enter")
            await settle(pilot)
            page = app.reader.letter.page
            assert page.key == "22195"
            assert "dossier 22 195" in page.head


# -- help -------------------------------------------------------------------------------------
async def test_help_scrolls_with_the_letters_keys_and_says_where_the_panes_are(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        assert "side column" in str(screen.query(Static).first().render())
        await pilot.press("j", "j", "space")
        await settle(pilot)
        assert screen.query_one("VerticalScroll").scroll_y > 0


# -- one reading ------------------------------------------------------------------------------
async def test_opening_a_document_reads_it_once_and_the_cursor_asks_nothing(library) -> None:
    app = KamerlezerApp(library, start="kst-28844-269")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        watch = app.reader.library_watch
        watch.clock = lambda: watch.looked_at  # no look at the library falls due meanwhile
        asked: list[str] = []
        library.conn.set_trace_callback(asked.append)
        try:
            app.reader.open_document("kst-29521-455")
            await settle(pilot)
            reads = [s for s in asked if "FROM documents WHERE key" in s or "citations" in s]
            asked.clear()
            for _ in range(4):
                await pilot.press("right_square_bracket")
            await settle(pilot)
            on_cursor = list(asked)
        finally:
            library.conn.set_trace_callback(None)
        cited = [s for s in reads if "FROM citations WHERE source" in s]
        assert len(cited) == 1  # its citations, once
        assert on_cursor == []


async def test_the_start_page_shows_the_tree_it_speaks_of_at_80_columns(library) -> None:
    """Where the tree shares its column with the finder, the start page (which says to open
    a document from the tree) shows the tree; opening a document gives the finder back."""
    app = KamerlezerApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.reader.dossier_tree
        assert tree.display and tree.region.width > 0
        await pilot.press("tab")
        assert app.focused is tree
        app.reader.letter.focus()
        await pilot.press("right_square_bracket", "enter")
        await pilot.pause()
        assert app.reader.letter.page.key.startswith("kst-")
        await pilot.press("f")
        assert app.reader.finder.region.width > 0


# -- a library shared with other programs -----------------------------------------------------
async def test_a_load_from_another_shell_shows_up_where_the_reader_is(tmp_path: Path) -> None:
    """Two users of one library: one reads the motie, the other loads a letter citing it."""
    fixtures = Path(__file__).parents[1] / "fixtures" / "samples"
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [fixtures / "moties"], parallel=False)
    letter = tmp_path / "letter.txt"
    text = (fixtures / "kst-29521-455.txt").read_text()
    letter.write_text(text.replace("nr. 447", "nr. 447 (19 637, nr. 3237)"))
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-19637-3237")
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            reader = app.reader
            results = app.query_one("#finder-results", OptionList)
            prompts = [str(o.prompt) for o in results.options]
            assert "Cited by (0)" in prompts
            reader.letter.scroll_to(y=3, animate=False, immediate=True)
            before = reader.letter.scroll_y
            assert before > 0
            assert reader.dossier_tree.dossier_node("29521") is None
            with Library.open(path) as other:  # the other shell
                load_paths(other, [letter], parallel=False)
            await pilot.pause(1.1)  # a while later,
            await pilot.press("j")  # the reader acts: it looks at the library first
            await settle(pilot)
            assert reader.letter.page.key == "kst-19637-3237"
            assert reader.letter.scroll_y >= before  # where the reader was
            prompts = [str(o.prompt) for o in results.options]
            assert any(p.startswith("Cited by (1)") for p in prompts)
            assert reader.dossier_tree.dossier_node("29521") is not None
            assert reader.check_library() is False  # nothing new since


# -- a dossier of thousands ---------------------------------------------------------------------
async def test_a_big_dossier_paints_first_and_fills_the_tree_after(tmp_path: Path) -> None:
    """1,200 documents in one dossier (a real motie's text under made-up numbers): the tree
    gets a "loading…" row and its documents in chunks; a key is handled meanwhile, and the
    cursor lands on the open document once its row is there."""
    motie = json.loads(
        json.dumps(
            {
                "dossier": "49999",
                "dossier_title": "Een dossier van duizenden stukken",
                "kind": "motie",
                "title": "MOTIE VAN HET LID KEIJZER",
                "text": "De Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering iets.",
            }
        )
    )
    lines = [
        json.dumps({**motie, "key": f"kst-49999-{n}", "ondernummer": str(n)})
        for n in range(1, 1201)
    ]
    source = tmp_path / "dossier.jsonl"
    source.write_text("\n".join(lines) + "\n")
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        load_paths(library, [source], parallel=False)
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-49999-1100")
        async with app.run_test(size=(120, 36)) as pilot:
            tree = app.reader.dossier_tree
            assert app.reader.letter.page.key == "kst-49999-1100"  # shown before the tree
            assert tree.dossier_node("49999") is None  # the tree is read after the paint
            tree.reload()  # as after the paint: its documents come in chunks, after it
            node = tree.dossier_node("49999")
            assert [str(child.label) for child in node.children] == ["loading…"]
            await pilot.press("j")  # handled while the tree fills
            for _ in range(200):
                await pilot.pause(0.01)
                node = tree.dossier_node("49999")  # (the tree may have been read again)
                if node.children and "loading…" not in str(node.children[-1].label):
                    break
            await settle(pilot)
            assert len(tree.dossier_node("49999").children) == 1200
            assert tree.cursor_node is not None and tree.cursor_node.data.key == "kst-49999-1100"


async def test_next_citation_and_follow_in_one_burst_never_end_the_reader(library) -> None:
    """`]` then Enter as one burst: the cursor's message about the letter arrives after Enter
    opened another page, and must be dropped, not looked up among that page's links."""
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for _ in range(5):
            app.reader.letter.focus()
            burst(app, "]]]]\r")
            await settle(pilot)
            assert app.is_running
            burst(app, "\x7f")  # back again
            await settle(pilot)
        assert app.is_running and app.return_code in (None, 0)
