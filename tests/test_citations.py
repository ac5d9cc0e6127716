from hypothesis import given
from hypothesis import strategies as st

from loaders.citations import find_citations, merge_citations
from loaders.model import Citation

PIECES = st.sampled_from(
    ["Kamerstuk ", "29 521", ", nr. ", "446", "\n", "\u00a0", "21 501-32", "-", "XVI ", "nrs. "]
)


def test_the_simple_form_is_found_with_its_span() -> None:
    text = "(d.d. 17 juni, Kamerstuk 29 521, nr. 446) en 36 410-XVI, nr. 9."
    found = find_citations(text)
    assert [c.target for c in found] == ["kst-29521-446", "kst-36410-XVI-9"]
    assert [c.text for c in found] == ["Kamerstuk 29 521, nr. 446", "36 410-XVI, nr. 9"]


def test_a_marked_citation_wins_over_the_same_span_found_in_text() -> None:
    marked = [Citation(10, 25, "28 844, nr. 266", "kst-28844-266", "kamerstuk")]
    found = [Citation(0, 25, "Kamerstuk 28 844, nr. 266", "kst-28844-266", "kamerstuk")]
    assert merge_citations(marked, found) == marked


@given(st.text())
def test_any_text_gives_spans_inside_it(text: str) -> None:
    for citation in find_citations(text):
        assert 0 <= citation.start < citation.end <= len(text)
        assert text[citation.start : citation.end] == citation.text


@given(st.lists(PIECES, max_size=12).map("".join))
def test_citation_like_text_gives_spans_inside_it(text: str) -> None:
    for citation in find_citations(text):
        assert text[citation.start : citation.end] == citation.text
        assert citation.target.startswith("kst-")
