"""Back and forward as in a browser, without a screen."""

from __future__ import annotations

from tui.pages.history import History, Position


def test_back_and_forward_return_to_where_the_reader_was() -> None:
    history = History()
    history.open("welcome")
    history.open("document", "kst-29521-455")
    history.remember(Position(12.0, 3))
    history.open("document", "kst-29521-447")
    back = history.back()
    assert back is not None and back.key == "kst-29521-455"
    assert back.position == Position(12.0, 3)
    forward = history.forward()
    assert forward is not None and forward.key == "kst-29521-447"
    assert history.forward() is None  # nothing further


def test_opening_from_the_middle_drops_what_was_ahead() -> None:
    history = History()
    for key in ("kst-1", "kst-2", "kst-3"):
        history.open("document", key)
    history.back()
    history.back()
    history.open("document", "kst-9")
    assert [visit.key for visit in history.visits] == ["kst-1", "kst-9"]
    assert history.forward() is None


def test_opening_the_page_that_is_open_adds_no_visit() -> None:
    history = History()
    history.open("document", "kst-1")
    history.open("document", "kst-1")
    assert len(history.visits) == 1 and history.back() is None
