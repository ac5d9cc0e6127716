"""Documents written to act on the reader: markup in a title, a click action, a service's
diagnostic with markup in it. Each is shown as the text it is and does nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from db.library import Library
from db.loading.files import load_paths
from tui.app import KamerlezerApp

FIXTURES = Path(__file__).parents[1] / "fixtures" / "samples"
CLICK = "[@click=app.screenshot('owned.svg','{folder}')]klik[/]"


@pytest.fixture
def hostile_library(tmp_path: Path) -> Path:
    source = (FIXTURES / "kst-33529-1329.xml").read_text(encoding="utf-8")
    title = "Gaswinning [/] " + CLICK.format(folder=tmp_path)
    source = source.replace('content="Gaswinning"', f'content="{title}"')
    source = source.replace(">Gaswinning</titel>", f">{title}</titel>")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "kst-33529-1329.xml").write_text(source, encoding="utf-8")
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        report = load_paths(library, [tmp_path / "in"], parallel=False)
        assert report.loaded == 1, report.errors
    return path


async def test_markup_in_a_dossier_title_is_shown_as_written_and_does_nothing(
    hostile_library: Path, tmp_path: Path
) -> None:
    with Library.open(hostile_library, write=False) as library:
        app = KamerlezerApp(library, start="kst-33529-1329")
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.pause()
            head = app.query_one("#letter-head", Static)
            shown = str(head.render())
            assert "Gaswinning [/] [@click=app.screenshot(" in shown
            await pilot.click("#letter-head")  # a click on the words does not act
            await pilot.pause()
            assert app.is_running
    assert not list(tmp_path.glob("owned*"))


async def test_a_notification_quotes_markup_and_controls(hostile_library: Path) -> None:
    with Library.open(hostile_library, write=False) as library:
        app = KamerlezerApp(library)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            app.notify("503 [/] from the service\x1b]0;owned\x07", severity="error")
            await pilot.pause(0.3)
            assert app.is_running
            (notification,) = list(app._notifications)
            assert notification.message == "503 [/] from the service\\u001b]0;owned\\u0007"
            assert notification.markup is False
