"""Notes: a writes one (many lines, Ctrl+S keeps it, Esc drops it), the margin marks its line,
a crash loses none of a note being written, and kamerlezer notes exports it with its citation."""

from __future__ import annotations

import json

from db.library import Library
from tests.tui.typed_keys import settle
from tui.app import KamerlezerApp
from tui.cli.main import main
from tui.screens.note import NoteBox
from tui.text.labels import NOTE_MARK


def _margin(app: KamerlezerApp) -> list[str]:
    letter = app.reader.letter
    return [letter.render_line(y).text[:2] for y in range(letter.size.height)]


async def test_a_note_of_two_lines_is_kept_marked_and_exported(path, capsys) -> None:
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-29521-455")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("space", "j", "j")
            await settle(pilot)
            assert app.reader.letter.notes == frozenset()  # no margin yet
            top = app.reader.letter.lines[int(app.reader.letter.scroll_y)].text.split()[0]
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, NoteBox)
            await pilot.press(*"NMI wordt zwaartepunt", "enter", *"nagaan")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, NoteBox)
            assert "Note kept" in app.reader.status.shown
            margin = _margin(app)
            assert margin.count(f"{NOTE_MARK} ") == 1
            marked = margin.index(f"{NOTE_MARK} ")
            letter = app.reader.letter
            assert top in letter.lines[int(letter.scroll_y) + marked].text.split()
    assert main(["--db", str(path), "notes", "--json"]) == 0
    [note] = json.loads(capsys.readouterr().out)
    assert note["text"] == "NMI wordt zwaartepunt\nnagaan"
    assert note["citation"] == "Kamerstukken II 2022/23, 29 521, nr. 455"
    assert note["paragraph"] > 1 and note["quote"]  # on the paragraph scrolled to, quoted
    assert main(["--db", str(path), "notes", "--markdown", "--dossier", "27925"]) == 0
    assert capsys.readouterr().out == ""  # none in that dossier


async def test_a_note_being_written_survives_a_crash_and_esc_drops_it(path) -> None:
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-29521-455")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            await pilot.press(*"half af")
            await settle(pilot)
            # The program stops here without the note kept or dropped.
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-29521-455")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            box = app.screen
            assert isinstance(box, NoteBox)
            assert box.query_one("TextArea").text == "half af"  # type: ignore[attr-defined]
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert app.screen.query_one("TextArea").text == ""  # type: ignore[attr-defined]


def test_note_from_the_shell_and_its_mistakes(path, capsys) -> None:
    db = ["--db", str(path)]
    assert main([*db, "note", "29521-455", "Op regel zeven", "--line", "7"]) == 0
    assert "noted on 29 521, nr. 455, line 7" in capsys.readouterr().out
    assert main([*db, "note", "kst-29521-455", "x", "--line", "9999"]) == 2
    assert "--line 9999: the text of kst-29521-455 has" in capsys.readouterr().err
    assert main([*db, "note", "kst-1-1", "x"]) == 1
    assert "not in this library" in capsys.readouterr().err
    assert main([*db, "note", "kst-29521-455", "   "]) == 2
    assert main([*db, "notes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kamerstukken II 2022/23, 29 521, nr. 455 (paragraph")
    assert "    Op regel zeven" in out


async def test_the_finder_lists_your_notes_and_finds_them(path, capsys) -> None:
    from textual.widgets import OptionList

    assert (
        main(["--db", str(path), "note", "kst-29521-455", "Zwaartepunt naar NMI", "--line", "7"])
        == 0
    )
    capsys.readouterr()
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-27925-974")
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            results = app.reader.finder.query_one("#finder-results", OptionList)
            listed = [
                str(results.get_option_at_index(i).prompt) for i in range(results.option_count)
            ]
            assert not any(row.startswith("Your notes") for row in listed)  # none on this one
            await pilot.press("f", *"zwaartepunt")
            await settle(pilot)
            listed = [
                str(results.get_option_at_index(i).prompt) for i in range(results.option_count)
            ]
            assert listed[0] == "Your notes (1)"
            assert listed[1].startswith(f"{NOTE_MARK} 29 521, nr. 455 · Zwaartep")  # cut to fit
            results.highlighted = 1
            await pilot.press("down", "enter")  # from the box to the list, then the note
            await settle(pilot)
            letter = app.reader.letter
            assert letter.page is not None and letter.page.key == "kst-29521-455"
            shown = [letter.render_line(y).text for y in range(letter.size.height)]
            assert any(line.startswith(f"{NOTE_MARK} ") for line in shown)  # its line in view
            listed = [
                str(results.get_option_at_index(i).prompt) for i in range(results.option_count)
            ]
            assert "Your notes (1)" in listed  # the open document's, under what it cites
            assert any(row.startswith(f"{NOTE_MARK} Zwaartepunt") for row in listed)
