"""Laying a page out in lines: what the letter pane draws from."""

from hypothesis import given
from hypothesis import strategies as st

from loaders.model import Citation
from tui.pages.layout import Link, Page, layout, paragraph_style
from tui.pages.wrapping import wrap


def test_wrapping_keeps_words_whole_and_offsets_exact() -> None:
    text = "In de Kamerbrief «Samenhangende Nederlandse inzet» maakte het kabinet kenbaar"
    lines = wrap(text, 20)
    assert [text[s:e] for s, e, _ in lines] == [
        "In de Kamerbrief",
        "«Samenhangende",
        "Nederlandse inzet»",
        "maakte het kabinet",
        "kenbaar",
    ]


def test_a_word_longer_than_the_line_is_split() -> None:
    assert [e - s for s, e, _ in wrap("x" * 25, 10)] == [10, 10, 5]


def test_wide_characters_count_as_two_cells() -> None:
    lines = wrap("漢字 漢字 漢字", 9)
    assert [e - s for s, e, _ in lines] == [5, 2]


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"])), st.integers(10, 120))
def test_every_character_of_a_paragraph_is_on_some_line(text: str, width: int) -> None:
    text = " ".join(text.split())
    lines = wrap(text, width)
    shown = "".join(text[s:e] for s, e, _ in lines).replace(" ", "")
    assert shown == text.replace(" ", "")


def test_list_items_hang_and_footnotes_are_styled() -> None:
    page = Page(
        "kst-1-1",
        [("kst-1-1 · brief", "header")],
        "Inleiding\n\n– de motie op stuk nr. 1181 om te komen tot een gelijkwaardige uitkomst via"
        " een echte deur-tot-deuraanpak\n\n[1] Kamerstuk.",
        [Link.of(Citation(14, 34, "de motie op stuk nr.", "kst-33529-1181", "kamerstuk"))],
    )
    lines = layout(page, 30)
    styles = [line.style for line in lines if line.text]
    assert styles[0] == "header" and "heading" in styles and styles[-1] == "footnote"
    items = [line for line in lines if line.style == "list"]
    assert items[0].indent == 0 and all(line.indent == 2 for line in items[1:])


def test_letter_openings_are_not_headings() -> None:
    assert paragraph_style("Den Haag, 13 december 2022", False) == "body"
    assert (
        paragraph_style("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", False)
        == "body"
    )
    assert paragraph_style("K.H. Ollongren", False) == "body"
    assert paragraph_style("Lobbyregister Ierland", False) == "heading"
