"""A dossier's story in the reader: how a motie ended, the version that replaced it, the
votes as a picture, the tree's marks, and the dossier's own page."""

from __future__ import annotations

from textual.widgets import Static

from tests.tui.test_finder_pane import find, opens
from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp
from tui.screens.votes import SeatBar, VotesScreen
from tui.widgets.dossier_tree import DocumentNode, DossierNode


async def test_an_adopted_motie_says_how_it_ended_at_the_top(library) -> None:
    app = KamerlezerApp(library, start="kst-36471-16")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = [line.text for line in app.reader.letter._lines[:8]]
        assert "Aangenomen · 95–55 · 14 december 2023 · v shows the votes" in " ".join(lines)
        assert any(line.style == "outcome" for line in app.reader.letter._lines[:8])


async def test_following_replaced_by_with_enter_and_coming_back(library) -> None:
    app = KamerlezerApp(library, start="kst-36471-7")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        link = app.reader.letter.link
        assert link is not None and link.target == "kst-36471-16"
        assert "1/" in app.reader.status.shown and "36 471, nr. 16" in app.reader.status.shown
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader.letter.page.key == "kst-36471-16"
        await pilot.press("right_square_bracket")  # and back down the chain
        assert app.reader.letter.link.target == "kst-36471-7"
        await pilot.press("backspace")
        await settle(pilot)
        assert app.reader.letter.page.key == "kst-36471-7"


async def test_the_votes_as_a_picture_at_80x24(library) -> None:
    app = KamerlezerApp(library, start="kst-36471-16")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, VotesScreen)
        bar = screen.query_one(SeatBar)
        drawn = [strip.text for strip in bar.render_lines(bar.region.reset_offset)]
        seats = drawn[0].rstrip()
        assert len(seats) == bar.region.width  # the 150 seats, across the whole width
        voor = sum(seats.count(m) for m in "█▓")
        assert abs(voor / len(seats) - 95 / 150) < 0.02
        text = "\n".join(drawn)
        assert "Voor 95: PVV 37 · VVD 24" in text and "Tegen 55:" in text
        assert "a majority" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, VotesScreen)


async def test_without_votes_the_key_does_nothing(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.reader.check_action("votes", ()) is False
        await pilot.press("v")
        assert not isinstance(app.screen, VotesScreen)


async def test_the_tree_marks_outcomes_and_nests_a_replaced_motie(library) -> None:
    app = KamerlezerApp(library, start="kst-36471-16")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tree = app.reader.dossier_tree
        dossier = tree.dossier_node("36471")
        [newer] = dossier.children
        assert isinstance(newer.data, DocumentNode) and newer.data.key == "kst-36471-16"
        assert str(newer.label).startswith("16 ✓")
        [older] = newer.children
        assert older.data.key == "kst-36471-7" and "dim" in str(older.label.spans[0].style)
        tree.reveal_dossier("29521")
        await settle(pilot)
        labels = [str(n.label) for n in tree.dossier_node("29521").children]
        assert any(label.startswith("485 ✓") for label in labels)
        assert any(label.startswith("474 ✗") for label in labels)


async def test_enter_on_a_dossier_opens_its_page(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tree = app.reader.dossier_tree
        node = tree.dossier_node("29521")
        tree.focus()
        tree.move_cursor(node)
        await pilot.press("enter")
        await settle(pilot)
        page = app.reader.letter.page
        assert page.key == "29521"
        head = str(app.reader.query_one("#letter-head", Static).render())
        assert "dossier 29 521 · Nederlandse deelname aan vredesmissies" in head
        assert (
            "Outcomes of its 8 moties and amendementen: ✗ verworpen 5 (5 not certain),"
            " ✓ aangenomen 3 (2 not certain) · 0 not known in this library" in page.text
        )
        assert "Documents per month:" in page.text and "2024" in page.text
        assert isinstance(node.data, DossierNode)
        links = {link.target for link in page.links}
        assert {"kst-29521-455", "kst-29521-485"} <= links
        assert node.is_expanded  # its documents shown under it
        tree.focus()
        tree.move_cursor(node)
        await pilot.press("enter")  # again, as a reader coming back to the page does
        await settle(pilot)
        assert node.is_expanded and app.reader.letter.page.key == "29521"
        await pilot.press("space")  # space still folds it
        await settle(pilot)
        assert not node.is_expanded


async def test_the_finder_opens_a_dossiers_page_by_its_number(library) -> None:
    app = KamerlezerApp(library, start="kst-28844-269")
    async with app.run_test(size=(120, 36)) as pilot:
        results = await find(pilot, "29 521")
        assert opens(results.get_option_at_index(0)) == "29521"
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader.letter.page.key == "29521"
