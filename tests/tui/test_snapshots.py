"""What the main screens look like, at the sizes readers use (SVG snapshots)."""

from __future__ import annotations

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
