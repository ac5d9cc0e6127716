"""Following in the reader: ``w`` on a dossier, the New node and its marks, opening what is
new, ``W``; and a snapshot of the tree with New at 80x24."""

from __future__ import annotations

from pathlib import Path

from db.library import Library
from db.loading.files import load_paths
from tests.tui.conftest import DEMO
from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp
from tui.widgets.dossier_tree import NEW, DocumentNode, DossierNode

LATER = ["kst-29521-474.xml", "kst-29521-475.xml", "kst-29521-476.xml"]


def _load_later(path: Path) -> None:
    """A load from another shell, as a reader sees one."""
    with Library.open(path) as library:
        load_paths(library, [DEMO / name for name in LATER])


def _rows(app: KamerlezerApp) -> list[str]:
    tree = app.reader.dossier_tree
    return [tree.get_node_at_line(n).label.plain for n in range(tree.last_line + 1)]


async def test_w_follows_the_open_dossier_and_new_shows_what_arrives(path) -> None:
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-29521-455")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
            assert "Following dossier 29 521" in app.reader.status.shown
            rows = _rows(app)
            assert rows[0] == "New  nothing unseen · 1 followed"
            assert any(row.startswith("★ 29 521 Nederlandse deelname") for row in rows)
            _load_later(path)
            assert app.reader.check_library()
            await settle(pilot)
            tree = app.reader.dossier_tree
            new = tree.dossier_node(NEW)
            assert new is not None and new.label.plain == "New  3 unseen · 1 followed"
            tree.focus()
            tree.move_cursor(new)
            await pilot.press("right")
            await settle(pilot)
            rows = _rows(app)
            assert rows[1].startswith("● 29 521, nr. 476")
            assert rows[2].startswith("● 29 521, nr. 475")
            assert any(row.startswith("★ 29 521 ●3 new Nederlandse") for row in rows)
            # Open the first new one from the list: it is seen, the cursor stays in New.
            tree.focus()
            tree.move_cursor(new.children[0])
            await pilot.press("enter")
            await settle(pilot)
            assert app.reader.letter.page is not None
            assert app.reader.letter.page.key == "kst-29521-476"
            assert tree.cursor_node is new.children[0]
            rows = _rows(app)
            assert rows[0] == "New  2 unseen · 1 followed"
            assert rows[1].startswith("29 521, nr. 476")  # no mark now
            assert any(row.startswith("★ 29 521 ●2 new") for row in rows)
            dossier = tree.dossier_node("29521")
            assert dossier is not None
            marks = {
                child.data.key: child.label.plain.startswith("●")
                for child in dossier.children
                if isinstance(child.data, DocumentNode)
            }
            assert marks == {
                "kst-29521-446": False,  # cited only
                "kst-29521-447": False,
                "kst-29521-455": False,  # there before the follow
                "kst-29521-474": True,
                "kst-29521-475": True,
                "kst-29521-476": False,  # opened
            }
            await pilot.press("W")
            await settle(pilot)
            assert "2 marked seen" in app.reader.status.shown
            assert _rows(app)[0] == "New  nothing unseen · 1 followed"
            # w again stops following: New goes.
            app.reader.letter.focus()
            await pilot.press("w")
            await settle(pilot)
            assert "No longer following dossier 29 521" in app.reader.status.shown
            assert not any(row.startswith("New") for row in _rows(app))


async def test_what_was_seen_stays_seen_after_a_restart(path) -> None:
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-29521-455")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
    _load_later(path)
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-29521-475")  # opening it marks it seen
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert _rows(app)[0] == "New  2 unseen · 1 followed"
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            node = app.reader.dossier_tree.dossier_node(NEW)
            assert node is not None and isinstance(node.data, DossierNode)
            assert node.label.plain == "New  2 unseen · 1 followed"


async def test_w_with_nothing_open_says_what_to_open(path) -> None:
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
            assert "nothing open to follow" in app.reader.status.shown


def test_the_tree_with_new_at_80x24(snap_compare, path, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("KAMERLEZER_STATE", str(tmp_path / "snapshot-state"))
    with Library.open(path, write=False) as library:
        from db.user_state import UserState
        from db.user_state.follows import follow

        with UserState.open(library) as state:
            follow(state, library, "dossier", "29521")
    _load_later(path)

    async def open_new(pilot) -> None:
        await settle(pilot)
        tree = pilot.app.reader.dossier_tree
        tree.focus()
        new = tree.dossier_node(NEW)
        tree.move_cursor(new)
        await pilot.press("right")
        await settle(pilot)

    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library)
        assert snap_compare(app, terminal_size=(80, 24), run_before=open_new)


async def test_w_on_the_hits_follows_the_search_and_in_the_box_is_a_letter(path) -> None:
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-29521-455")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("s")
            await pilot.press(*"aspides")
            await settle(pilot)
            await pilot.press("w")  # in the box: a letter
            await settle(pilot)
            screen = app.screen
            box = screen.query_one("#search-input")
            assert box.value == "aspidesw"  # type: ignore[attr-defined]
            await pilot.press("backspace", "down")
            await settle(pilot)
            await pilot.press("w")  # on the hits (none yet): follow
            await settle(pilot)
            summary = str(screen.query_one("#search-summary").render())
            assert "Following the search aspides" in summary
            await pilot.press("escape")
            await settle(pilot)
            assert _rows(app)[0] == "New  nothing unseen · 1 followed"
    _load_later(path)  # two of the three moties are about operation Aspides
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert _rows(app)[0] == "New  2 unseen · 1 followed"


async def test_new_lists_the_newest_and_says_how_many_more(path, monkeypatch) -> None:
    from db.user_state import UserState
    from db.user_state.follows import follow
    from tui.widgets import dossier_tree

    monkeypatch.setattr(dossier_tree, "NEW_LISTED", 2)
    with Library.open(path, write=False) as library, UserState.open(library) as state:
        follow(state, library, "dossier", "29521")
    _load_later(path)
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            tree = app.reader.dossier_tree
            tree.focus()
            tree.move_cursor(tree.dossier_node(NEW))
            await pilot.press("right")
            await settle(pilot)
            rows = _rows(app)
            assert rows[0] == "New  3 unseen · 1 followed"
            assert rows[1].startswith("● 29 521, nr. 476") and rows[2].startswith(
                "● 29 521, nr. 475"
            )
            assert rows[3] == "… 1 more: kamerlezer new lists them all"
