"""An Aanhangsel in the reader: } and { step from question to question, as between the
speeches of a debate, and the status line says which question of how many."""

from __future__ import annotations

from pathlib import Path

from db.library import Library
from db.loading.files import load_paths
from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp

AANHANGSEL = Path(__file__).parents[1] / "fixtures" / "aanhangsel"


async def test_curly_brackets_step_through_the_questions(tmp_path) -> None:
    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [AANHANGSEL], parallel=False)
    library = Library.open(tmp_path / "library.db", write=False)
    app = KamerlezerApp(library, start="ah-tk-20202021-3235")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        letter = app.reader.letter
        await pilot.press("right_curly_bracket")
        await settle(pilot)
        assert app.reader.status.shown.startswith("question 1 of 9")
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        await settle(pilot)
        assert app.reader.status.shown.startswith("question 3 of 9")
        top = letter.page.text[letter._offset_at_top() or 0 :]
        assert top.startswith("Vraag 3")
        await pilot.press("left_curly_bracket")
        await settle(pilot)
        assert app.reader.status.shown.startswith("question 2 of 9")
    library.close()


async def test_the_tree_has_the_kamervragen_by_vergaderjaar(tmp_path) -> None:
    from tui.widgets.dossier_tree import DocumentNode

    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [AANHANGSEL], parallel=False)
    library = Library.open(tmp_path / "library.db", write=False)
    app = KamerlezerApp(library, start="ah-tk-20202021-3235")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tree = app.reader.dossier_tree
        labels = [str(node.label) for node in tree.root.children]
        assert any(label.startswith("Kamervragen") for label in labels)
        cursor = tree.cursor_node
        assert cursor is not None and isinstance(cursor.data, DocumentNode)
        assert cursor.data.key == "ah-tk-20202021-3235"  # the tree follows the open document
        assert str(cursor.parent.label).startswith("2020-2021")
    library.close()


async def test_the_tree_lists_the_open_questions_with_how_long_they_waited(tmp_path) -> None:
    from tui.widgets.dossier_tree import OPEN_QUESTIONS

    odata = Path(__file__).parents[1] / "fixtures" / "kamervragen-odata"
    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [odata], parallel=False)
        waiting = library.kamervragen.open_questions()
    library = Library.open(tmp_path / "library.db", write=False)
    app = KamerlezerApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tree = app.reader.dossier_tree
        node = tree.dossier_node(OPEN_QUESTIONS)
        assert node is not None
        overdue = sum(q.overdue for q in waiting)
        assert str(node.label) == f"Open questions  {len(waiting)} · {overdue} over three weeks"
        node.parent.expand()  # as a reader opens the Kamervragen, then the open questions
        node.expand()
        await settle(pilot)
        first = str(node.children[0].label)
        days = waiting[0].waited
        assert f"{days} days, no answer here" in first  # the longest waiting first
    library.close()
