"""kamerlezer open FILE: a memo read with its citations checked, each marked by its verdict;
the status line says why one is wrong, Enter follows it, Backspace comes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style

from db.library import Library
from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp
from tui.cli.main import main
from tui.pages.checked_text import TEXT_KEY
from tui.pages.marks import Shown, marks_on

MEMO = (
    "De motie-Van Baarle (Kamerstuk 29 521, nr. 474) gaat over Operatie Aspides.\n\n"
    "De motie-Omtzigt (Kamerstuk 29 521, nr. 474) vraagt iets anders.\n\n"
    "Zie ook Kamerstuk 29 521, nr. 99999."
)


@pytest.fixture
def memo(tmp_path: Path) -> Path:
    file = tmp_path / "memo.md"
    file.write_text(MEMO)
    return file


async def test_the_wrong_citation_says_why_and_enter_follows_it(demo_path, memo) -> None:
    with Library.open(demo_path, write=False) as library:
        app = KamerlezerApp(library, start=f"{TEXT_KEY}{memo}")
        async with app.run_test(size=(200, 50)) as pilot:
            await settle(pilot)
            reader = app.reader
            head = str(reader.query_one("#letter-head").render())
            assert head == "memo.md · 3 citations checked: 2 wrong"
            listed = reader.finder.results
            rows = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
            assert rows == [
                "Checked (3) · 2 wrong",
                "✓ 29 521, nr. 474",
                "✗ 29 521, nr. 474\n  the text says Omtzigt; signed by Van Baarle",
                "✗ 29 521, nr. 99999\n  not among the ids published to February 2025",
            ]
            await pilot.press("right_square_bracket")
            await settle(pilot)
            assert "checked: ok" in reader.status.shown
            await pilot.press("right_square_bracket")
            await settle(pilot)
            shown = reader.status.shown
            assert shown.startswith("2/3 ✗ signer: the text says Omtzigt; signed by Van Baarle")
            await pilot.press("right_square_bracket")
            await settle(pilot)
            assert "✗ not found: not among the ids published to February 2025" in (
                reader.status.shown
            )
            await pilot.press("left_square_bracket", "enter")
            await settle(pilot)
            assert reader.letter.page is not None
            assert reader.letter.page.key == "kst-29521-474"
            await pilot.press("backspace")
            await settle(pilot)
            assert reader.letter.page.key == f"{TEXT_KEY}{memo}"
            assert reader.status.shown.startswith("2/3 ✗ signer")  # where the reader was
            await pilot.press("q")


def test_a_wrong_citation_is_drawn_otherwise_than_a_right_one(demo_path, memo) -> None:
    from tui.pages.checked_text import checked_page

    with Library.open(demo_path, write=False) as library:
        page = checked_page(library, memo, MEMO)
    marks = marks_on(page, 0, len(MEMO), Shown(None, [], None), lambda name: Style(link=name))
    names = [style.link for _, _, style in marks]
    assert names == ["letter--citation", "letter--wrong-citation", "letter--wrong-citation"]


def test_open_names_a_file_it_cannot_read_and_needs_a_terminal(tmp_path, memo, capsys) -> None:
    db = str(tmp_path / "l.db")
    assert main(["--db", db, "open", str(memo)]) == 2  # under pytest: no terminal
    assert f"`kamerlezer check {memo}` prints it" in capsys.readouterr().err


def test_a_file_that_is_no_text_is_named_and_nothing_opens(tmp_path, capsys) -> None:
    archive = tmp_path / "memo.docx"
    archive.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)  # a Word file is a zip
    db = str(tmp_path / "l.db")
    assert main(["--db", db, "open", str(archive)]) == 1
    assert main(["--db", db, "check", str(archive)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"kamerlezer: {archive}: not text (a binary file or an archive); give a"
                   " text, or a PDF's text"] * 2  # fmt: skip
