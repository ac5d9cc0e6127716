"""What the main screens look like, at the sizes readers use (SVG snapshots)."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp


def test_the_letter_with_its_citations_at_80x24(snap_compare, library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    assert snap_compare(app, terminal_size=(80, 24), press=["right_square_bracket"])


def test_the_three_panes_at_120x36(snap_compare, library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    assert snap_compare(app, terminal_size=(120, 36))


def test_the_help_screen(snap_compare, library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    assert snap_compare(app, terminal_size=(80, 24), press=["question_mark"])


def test_the_votes_at_80x24(snap_compare, library) -> None:
    app = KamerlezerApp(library, start="kst-36471-16")
    assert snap_compare(app, terminal_size=(80, 24), press=["v"])


def test_the_finder_at_80x24(snap_compare, library) -> None:
    """Each row keeps its number and the year of its date; the subject as far as it fits."""
    app = KamerlezerApp(library, start="kst-29521-455")
    assert snap_compare(app, terminal_size=(80, 24), press=["f", *"vredesmissie"])


def test_the_letter_at_60x20(snap_compare, library) -> None:
    """Below 80 columns the side column gives way: the document keeps 40 columns."""
    app = KamerlezerApp(library, start="kst-29521-455")
    assert snap_compare(app, terminal_size=(60, 20))


def test_a_dossier_page_at_60x20_shows_every_month(snap_compare, library) -> None:
    async def scroll_once_the_page_is_there(pilot: Pilot[None]) -> None:
        # Keys before the page is laid out at its final width scroll another layout's lines.
        await settle(pilot, times=6)
        await pilot.press("g", *["j"] * 6)  # from the top, wherever a late layout left it
        await settle(pilot, times=6)

    app = KamerlezerApp(library, start="29521")
    assert snap_compare(app, terminal_size=(60, 20), run_before=scroll_once_the_page_is_there)


def test_tables_at_80x24(snap_compare, library) -> None:
    """The Defence budget: its wide table a row at a time, each cell after its column's name;
    the agency's table, narrow enough, as aligned columns under a rule, numbers right."""

    async def to_the_tables(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(*["less_than_sign"] * 6, "slash", *"Paresto", "enter")
        await settle(pilot)
        await pilot.press("n", "n")
        await settle(pilot)

    app = KamerlezerApp(library, start="kst-37020-X-1")
    assert snap_compare(app, terminal_size=(80, 24), run_before=to_the_tables)


def test_a_footnote_at_80x24(snap_compare, library) -> None:
    """Enter on a letter's first footnote mark: its note, the cursor on its number, which
    leads back."""

    async def to_the_note(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    app = KamerlezerApp(library, start="kst-28844-269")
    assert snap_compare(app, terminal_size=(80, 24), run_before=to_the_note)
