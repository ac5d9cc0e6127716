"""The library file replaced under a running reader (a newer library copied over it, or a
file that is no library): read afresh, or the reader stops with one line; never a crash.
And a crash says so: exit status 1, one line, the traceback in a log."""

from __future__ import annotations

import io
import os
from pathlib import Path

from db.library import Library
from db.loading.files import load_paths
from tui.app import KamerlezerApp, crash_log_path, run_reader
from tui.cli.terminal_output import SafeConsole
from tui.screens.reader import ReaderScreen

FIXTURES = Path(__file__).parents[1] / "fixtures" / "samples"


def _library(path: Path, *files: str) -> Path:
    with Library.open(path) as library:
        load_paths(library, [FIXTURES / name for name in files], parallel=False)
    return path


async def test_a_library_copied_over_the_open_one_is_read_afresh(tmp_path) -> None:
    path = _library(tmp_path / "library.db", "kst-33529-1329.xml")
    newer = _library(tmp_path / "newer.db", "kst-33529-1329.xml", "kst-24138-3.xml")
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-33529-1329")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            os.replace(newer, path)  # as `cp newer.db library.db` would, in one step
            with Library.open(path) as writing:  # and another program writes to it
                load_paths(writing, [FIXTURES / "kst-36351-9.xml"], parallel=False)
            assert app.reader.check_library()
            await pilot.pause()
            assert app.is_running
            assert app.reader.open_document("kst-24138-3")  # only the new file holds it
            assert app.reader.open_document("kst-36351-9")


async def test_a_library_replaced_by_what_is_no_library_stops_the_reader_with_a_line(
    tmp_path,
) -> None:
    path = _library(tmp_path / "library.db", "kst-33529-1329.xml")
    with Library.open(path, write=False) as library:
        app = KamerlezerApp(library, start="kst-33529-1329")
        said = io.StringIO()
        app.error_console = SafeConsole(file=said, width=200)  # as run_reader reads it
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            stray = tmp_path / "notes.txt"
            stray.write_text("not a library")
            os.replace(stray, path)
            app.reader.check_library()
            await pilot.pause()
        assert app.return_code == 1
        (line,) = said.getvalue().strip().splitlines()  # the one line run_reader prints
        assert line.startswith("the library file was replaced while the reader read it:")


def test_a_crash_exits_with_status_1_one_line_and_the_log(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = _library(tmp_path / "library.db", "kst-33529-1329.xml")
    real_run = KamerlezerApp.run

    def headless(self: KamerlezerApp, **kwargs: object) -> object:
        return real_run(self, headless=True, size=(80, 24))

    def breaks(self: ReaderScreen) -> None:
        raise RuntimeError("boom in the reader")

    monkeypatch.setattr(KamerlezerApp, "run", headless)
    monkeypatch.setattr(ReaderScreen, "on_mount", breaks)
    code = run_reader(path)
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1, err
    assert "RuntimeError: boom in the reader" in err
    assert str(crash_log_path()) in err and str(tmp_path / "state") in err
    assert "Traceback" in crash_log_path().read_text() or "boom" in crash_log_path().read_text()
