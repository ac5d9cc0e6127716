"""A debate in the reader: speakers drawn apart, stepping from speech to speech, following a
motie moved in it and coming back; the motie says where it was moved."""

from __future__ import annotations

from tests.tui.typed_keys import burst, settle
from tui.app import KamerlezerApp
from tui.screens.search import SearchScreen

MEETING = "h-tk-20242025-103"  # the demo's report of the plenary meeting of 2 July 2025


def _top_text(app: KamerlezerApp) -> str:
    letter = app.reader.letter
    line = letter._lines[int(letter.scroll_y)]
    return line.text


async def test_stepping_between_speeches_follows_who_speaks(library) -> None:
    app = KamerlezerApp(library, start=MEETING)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        page = app.reader.letter.page
        speakers = [page.text[start:end] for start, end in page.speakers]
        assert len(speakers) > 30
        assert speakers[:3] == ["De voorzitter", "De voorzitter", "De voorzitter"]
        assert "De heer Soepboer (NSC)" in speakers
        assert "(interruptie) Mevrouw Westerveld (GroenLinks-PvdA)" in speakers
        for _ in range(4):
            await pilot.press("right_curly_bracket")
        await settle(pilot)
        assert _top_text(app).startswith("De heer Soepboer (NSC): Dank u, voorzitter.")
        status = app.reader.status.shown
        assert status.startswith("speech 4 of ") and "· De heer Soepboer (NSC) ·" in status
        assert not app._notifications  # said on the status line, not in toasts that pile up
        await pilot.press("right_curly_bracket")
        assert _top_text(app).startswith("De voorzitter: ")
        await pilot.press("left_curly_bracket")
        assert _top_text(app).startswith("De heer Soepboer (NSC): ")
        # The speaker's name is drawn apart from what they say.
        letter = app.reader.letter
        line = letter._lines[int(letter.scroll_y)]
        styled = {
            segment.text: segment.style
            for segment in letter._segments(line)
            if segment.text.strip()
        }
        speaker_style = styled["De heer Soepboer (NSC)"]
        assert speaker_style is not None and speaker_style.bold
        words = next(style for text, style in styled.items() if text.startswith(":"))
        assert words is None or not words.bold


async def test_following_a_moved_motie_and_coming_back(library) -> None:
    app = KamerlezerApp(library, start=MEETING)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        link = app.reader.letter.link
        assert link is not None and link.target == "kst-31497-499"
        assert app.reader.letter.page.text[link.start : link.end] == "nr. 499 (31497)"
        await pilot.press("enter")
        await settle(pilot)
        letter = app.reader.letter
        assert letter.page.key == "kst-31497-499"
        first = " ".join(line.text for line in letter._lines[:8])
        assert "Moved in: Passend onderwijs · Handelingen II 2024/25, nr. 103 · 2 juli 2025" in (
            first
        )
        await pilot.press("backspace")
        await settle(pilot)
        assert app.reader.letter.page.key == MEETING
        assert app.reader.letter.link is not None
        assert app.reader.letter.link.target == "kst-31497-499"  # where it was left


async def test_the_meeting_opens_for_a_citation_of_one_of_its_items(library) -> None:
    app = KamerlezerApp(library, start="kst-31497-499")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.reader.open_document("h-tk-20242025-103-3")
        await settle(pilot)
        assert app.reader.letter.page.key == MEETING


async def test_a_letter_has_no_speeches_to_step_to(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        top = app.reader.letter.scroll_y
        await pilot.press("right_curly_bracket")
        await settle(pilot)
        assert app.reader.letter.scroll_y == top
        assert app.reader.status.shown.startswith("no speeches here")


async def test_stepping_back_from_the_first_speech_says_there_is_none(library) -> None:
    app = KamerlezerApp(library, start=MEETING)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right_curly_bracket", "left_curly_bracket")
        await settle(pilot)
        assert app.reader.status.shown.startswith("no speech before this one")
        assert _top_text(app).startswith("De voorzitter: Goedemorgen")


async def test_a_debate_found_by_its_speaker_opens_where_they_are_named(library) -> None:
    app = KamerlezerApp(library, start="kst-31497-499")
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "sspreker:soepboer")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.reader.letter.page.key == MEETING
        assert app.reader.status.shown.startswith("hit 1 of")
        letter = app.reader.letter
        start, end = letter.hits[0]
        assert letter.page.text[start:end] == "Soepboer"
        shown = letter._lines[int(letter.scroll_y) : int(letter.scroll_y) + letter.size.height]
        assert any(line.start <= start < line.end for line in shown)  # in view
