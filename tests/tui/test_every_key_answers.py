"""A key that cannot act where the reader is says why on the status line; a debate copies
and opens as the Handelingen cite and publish it."""

from __future__ import annotations

import pytest

from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp


def _status(app: KamerlezerApp) -> str:
    return str(app.query_one("#status").render())


@pytest.mark.parametrize(
    ("start", "key", "said"),
    [
        ("kst-29521-455", "v", "No vote: this is a brief; the Kamer votes on moties"),
        ("kst-35786-7", "v", "No vote known in this library · kamerlezer fetch 35786"),
        ("kst-29521-455", "F", "kst-29521-455 is in the library already; F fetches"),
        (None, "y", "y: nothing here to copy a citation of; open a document first"),
        (None, "o", "o: nothing here to give the official address of"),
        ("29521", "y", "y: nothing on a dossier's page to copy a citation of"),
        ("29521", "v", "v: nothing on a dossier's page to show the votes of"),
    ],
    ids=["v-letter", "v-unknown", "F-loaded", "y-welcome", "o-welcome", "y-dossier", "v-dossier"],
)
async def test_a_key_that_cannot_act_says_why(library, start, key, said) -> None:
    app = KamerlezerApp(library, start=start)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.reader.letter.focus()
        await pilot.press(key)
        await pilot.pause()
        assert said in _status(app)


async def test_a_debate_is_copied_as_the_handelingen_cite_it_and_has_no_false_address(
    library,
) -> None:
    app = KamerlezerApp(library, start="h-tk-20242025-103")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.reader.letter.focus()
        await pilot.press("y")
        assert app.clipboard == "Handelingen II 2024/25, nr. 103"
        await pilot.press("o")
        await pilot.pause()
        assert "No official address: the Handelingen publish a meeting item by item" in _status(app)
        assert app.clipboard == "Handelingen II 2024/25, nr. 103"  # nothing false copied


async def test_the_welcome_page_counts_the_dossiers_that_hold_documents(library) -> None:
    """Dossiers only cited or named (shown as "not loaded" in the tree) are not in the library."""
    holding = library.conn.execute(
        "SELECT count(DISTINCT dd.dossier) FROM document_dossiers dd"
        " JOIN documents d ON d.key = dd.document WHERE d.ghost = 0"
    ).fetchone()[0]
    every = library.conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    assert holding < every  # the demo cites dossiers it does not hold
    app = KamerlezerApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        shown = "\n".join(line.text for line in app.reader.letter.lines)
        assert f"documents in {holding} dossiers" in shown
