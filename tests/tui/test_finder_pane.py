"""The finder pane as a user drives it: what is typed, what is listed, what opens."""

from __future__ import annotations

import threading

from rich.text import Text
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.app import KamerlezerApp
from tui.screens.search import SearchScreen
from tui.widgets.finder_pane import FinderPane, Row


def opens(option: Option) -> str | None:
    """What choosing a row of the finder does: the key it opens, "search: …" for a search of
    the text, None for a heading."""
    if isinstance(option, Row):
        return option.key or f"search: {option.search}"
    return None


async def find(pilot: Pilot[None], query: str) -> OptionList:
    """Type ``query`` into the finder and wait for its results."""
    await pilot.press("f")
    await pilot.press(*query)
    await pilot.pause(0.3)  # the finder's worker starts on the last keystroke
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.query_one("#finder-results", OptionList)


async def test_the_finder_opens_a_ghost_by_number(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        results = await find(pilot, "27925 919")
        first = results.get_option_at_index(0)
        assert opens(first) == "kst-27925-919"
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.letter.page.key == "kst-27925-919"
        assert app.reader.letter.page.is_ghost
        assert app.focused is app.reader.letter


async def test_the_finder_finds_words_with_typos(library) -> None:
    app = KamerlezerApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        results = await find(pilot, "vredesmisies")
        ids = [opens(results.get_option_at_index(i)) for i in range(results.option_count)]
        assert any(i and i.startswith("kst-29521-") for i in ids)


async def test_with_an_empty_box_the_finder_lists_cited_here_and_cited_by(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        results = app.query_one("#finder-results", OptionList)
        options = [results.get_option_at_index(i) for i in range(results.option_count)]
        assert [(opens(o), getattr(o, "citation", None)) for o in options] == [
            (None, None),
            ("kst-29521-446", 0),
            ("kst-27925-919", 1),
            ("kst-27925-911", 2),
            ("kst-29521-447", 3),
            (None, None),
        ]


async def test_enter_typed_before_the_results_opens_what_was_typed(library, monkeypatch) -> None:
    """A fast typist's Enter waits for the results of what is in the box, not the list shown."""
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        with app.query_one(FinderPane).worker_library.finder() as finder:
            pass  # the finder the pane's workers use
        answering = threading.Event()  # the finder answers only when the test says so
        find_now = finder.find
        monkeypatch.setattr(finder, "find", lambda *a, **k: answering.wait(5) and find_now(*a, **k))
        await pilot.press("f", *"27925 919", "enter")  # the list still shows 455's citations
        await pilot.pause()
        assert app.reader.letter.page.key == "kst-29521-455"
        answering.set()
        await app.workers.wait_for_complete()
        for _ in range(50):  # the answer is shown, then the first result opens
            if app.reader.letter.page.key == "kst-27925-919":
                break
            await pilot.pause(0.02)
        await pilot.pause()  # and what opening it set going
        assert app.reader.letter.page.key == "kst-27925-919"


async def test_keys_typed_in_a_burst_after_f_all_reach_the_finder(library) -> None:
    """Over SSH a whole line of keys can arrive at once: none may go to the text instead."""
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        for char in "f27925 919":  # as the terminal delivers them, without waiting in between
            key = events.Key("space" if char == " " else char, char)
            key.set_sender(app)
            app._driver.send_message(key)
        await pilot.pause()
        finder_input = app.query_one("#finder-input", Input)
        assert finder_input.value == "27925 919"
        await pilot.press("ctrl+u", *"defensie")  # in the box, f is a letter
        assert finder_input.value == "defensie"


async def test_down_down_enter_in_one_burst_open_the_second_result(library) -> None:
    """Keys that arrive together after the results are listed: each Down moves in the list."""
    from tests.tui.typed_keys import burst, settle

    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        results = await find(pilot, "dobbe")
        second = [opens(o) for o in results.options if opens(o) and not o.disabled][1]
        burst(app, "↓↓\r")
        await settle(pilot)
        assert app.reader.letter.page.key == second


def _marked(prompt: Text) -> list[str]:
    """The parts of an option's prompt shown as matches (bold reverse)."""
    return [prompt.plain[s.start : s.end] for s in prompt.spans if str(s.style) == "bold reverse"]


async def test_the_finder_shows_the_co_signer_and_the_words_that_matched(library) -> None:
    """Nordkamp co-signed 29 521 nr. 485, moved by Boswijk: the name is on its own line."""
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        results = await find(pilot, "nordkamp decoratiestelsel")
        first = results.get_option_at_index(0)
        assert opens(first) == "kst-29521-485"
        prompt = first.prompt
        assert isinstance(prompt, Text)
        subject, names = prompt.plain.split("\n")[1:3]
        assert "decoratiestelsel" in subject and "Nordkamp" in names
        assert _marked(prompt) == ["decoratiestelsel", "Nordkamp"]


async def test_a_body_match_shows_its_words_in_the_finder(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        results = await find(pilot, "ollongren irak")
        first = results.get_option_at_index(0)
        assert opens(first) == "kst-29521-455"
        prompt = first.prompt
        assert isinstance(prompt, Text)
        assert _marked(prompt) == ["Ollongren", "Irak"]  # in view, even in a narrow pane
        assert prompt.plain.split("\n")[-1].lstrip().startswith("…")  # words of the body


async def test_a_word_no_document_has_is_said_and_the_text_can_be_searched(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        results = await find(pilot, "xyzzy vredesmissies")
        note = results.get_option_at_index(0)
        assert note.disabled and "no document has «xyzzy»" in str(note.prompt)
        last = results.get_option_at_index(results.option_count - 1)
        assert str(last.prompt) == "Search the text for «xyzzy vredesmissies»"
        results.highlighted = results.option_count - 1
        results.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input", Input).value == "xyzzy vredesmissies"


async def test_nr_alone_in_the_finder_is_a_document_of_the_open_dossier(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        results = await find(pilot, "nr. 474")
        assert opens(results.get_option_at_index(0)) == "kst-29521-474"
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.letter.page.key == "kst-29521-474"


async def test_a_number_not_in_the_library_opens_a_page_that_can_fetch_it(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        results = await find(pilot, "21501-02 3046")
        first = results.get_option_at_index(0)
        assert opens(first) == "kst-21501-02-3046"
        assert "F fetches it" in str(first.prompt)
        await pilot.press("enter")
        await pilot.pause()
        page = app.reader.letter.page
        assert (page.key, page.is_ghost) == ("kst-21501-02-3046", True)
        assert "Press F to fetch it" in page.text
        assert "no document here cites it" in page.text


async def test_a_reference_pasted_into_the_finder_opens_its_document(library) -> None:
    """Pasted in one burst, brackets and full stop included, as it is copied from a letter."""
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        results = await find(pilot, "(Kamerstuk 27 925, nr. 919).")
        ids = [opens(results.get_option_at_index(i)) for i in range(results.option_count)]
        assert ids == ["kst-27925-919"]  # the document, and no text search to offer
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.letter.page.key == "kst-27925-919"
