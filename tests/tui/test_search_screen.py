"""The search screen opened from the reader, tried as a user would: keys typed in a burst
right after s, reopening and clearing it, sorting while typing, what a row shows at 80
columns, and queries that never hold the keys."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from tests.tui.typed_keys import burst, settle
from tui.app import KamerlezerApp
from tui.screens.search import SearchScreen


async def test_keys_typed_right_after_s_go_into_the_search_box(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        burst(app, "snavo irak")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input", Input).value == "navo irak"


async def test_reopening_search_replaces_the_old_query_as_it_is_typed(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        burst(app, "snavo")
        await settle(pilot)
        await pilot.press("down", "escape")  # on the results, then back to the letter
        await settle(pilot)
        burst(app, "sirak")
        await settle(pilot)
        assert app.screen.query_one("#search-input", Input).value == "irak"


async def test_clearing_the_search_box_clears_results_and_preview(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        burst(app, "snavo")
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert screen.query_one("#search-results", OptionList).option_count == 0
        assert str(screen.query_one("#search-preview-text", Static).render()) == ""


async def test_ctrl_d_sorts_by_date_while_typing(library) -> None:
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        burst(app, "snavo")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        sorts = []
        for _ in range(3):
            await pilot.press("ctrl+d")
            await settle(pilot)
            sorts.append(screen.sort)
            if screen.sort == "oldest":
                summary = str(screen.query_one("#search-summary", Static).render())
                assert "oldest first" in summary
        assert sorts == ["date", "oldest", "rank"]


async def test_a_search_hit_shows_its_subject_and_the_word_that_matched_at_80_columns(
    library,
) -> None:
    """In a list 40 columns wide the row shows the snippet from just before the word that
    matched, so the word is in view; the preview says what the motie is about."""
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "sirak")  # the snippet: "…446) maakte het kabinet … militaire inzet in Irak…"
        await settle(pilot)
        results = app.screen.query_one("#search-results", OptionList)
        rows = [results.render_line(y).text for y in range(results.size.height)]
        assert any("Irak" in row for row in rows), rows
        await pilot.press("ctrl+u")
        burst(app, "scherfvesten")
        await settle(pilot)
        preview = str(app.screen.query_one("#search-preview-text", Static).render())
        assert "over zorgen dat vrouwelijke militairen toegang hebben" in preview
        summary = str(app.screen.query_one("#search-summary", Static).render())
        assert summary.startswith("1 document ·")


async def test_the_search_screen_queries_in_a_worker_and_drops_stale_answers(
    library, monkeypatch
) -> None:
    """A slow query does not hold the keys, and its late answer never replaces a newer one."""
    import time as clock

    from db.search import Searcher

    real = Searcher.search

    def slow_for_navo(self, text, **options):
        if text == "navo":
            clock.sleep(0.6)
        return real(self, text, **options)

    monkeypatch.setattr(Searcher, "search", slow_for_navo)
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("s", *"navo")
        started = clock.perf_counter()
        await pilot.press(*" irak")
        assert clock.perf_counter() - started < 0.5  # typed while "navo" was still searched
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        for _ in range(100):
            await pilot.pause(0.02)
            if screen.result is not None and not any(w.is_running for w in screen.workers):
                break
        await pilot.pause(0.8)  # the slow answer to "navo" has come, and was dropped
        summary = str(screen.query_one("#search-summary", Static).render())
        assert summary.startswith("1 document")  # navo irak: the letter alone
        assert screen.query_one("#search-input", Input).value == "navo irak"


async def test_down_and_enter_in_one_burst_open_the_first_hit(library) -> None:
    """Over SSH the keys arrive together: Enter belongs to the results Down went to."""
    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "sscherfvesten")
        await settle(pilot)
        burst(app, "↓\r")
        await settle(pilot)
        assert app.reader.letter.page.key == "kst-29521-501"


async def test_a_query_down_and_enter_in_one_burst_open_that_querys_first_hit(library) -> None:
    """`s`, the words, Down and Enter as one burst: Enter waits for the answer to the query
    in the box, and opens its first hit (not nothing, not the previous query's)."""
    from db.search import Searcher

    app = KamerlezerApp(library, start="kst-29521-455")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for query in ("scherfvesten", "passend onderwijs"):
            expected = Searcher(library).search(query, limit=1).hits[0].key
            burst(app, f"s{query}↓\r")
            await settle(pilot, times=6)
            assert app.reader.letter.page.key == expected, query
            app.reader.letter.focus()
