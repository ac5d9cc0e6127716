"""What the words beside a citation claim of the document it cites, as people write them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from loaders.citations.claims import ClaimedDate, Claims, claims_beside
from loaders.citations.find import find_citations


def _claims(text: str) -> list[Claims]:
    return claims_beside(text, find_citations(text))


def test_a_motie_named_by_its_mover_and_subject() -> None:
    (claims,) = _claims(
        "Zoals de aangenomen motie-Van Baarle over Operatie Aspides (Kamerstuk 29 521, nr. 474)"
        " vraagt."
    )
    assert claims.kind == "motie"
    assert claims.signers == ("Van Baarle",)
    assert claims.subject == "Operatie Aspides"
    assert claims.outcome == "aangenomen"
    assert claims.date is None


def test_the_members_of_a_motie_and_a_letters_date_each_to_their_own_citation() -> None:
    first, second = _claims(
        "De motie van de leden Dobbe en Teunissen (Kamerstuk 36 410-XVII, nr. 36) en de"
        " Kamerbrief van 17 juni 2023 over de voortgang (Kamerstuk 29 521, nr. 455)."
    )
    assert (first.kind, first.signers, first.date, first.subject) == (
        "motie",
        ("Dobbe", "Teunissen"),
        None,
        "",
    )
    assert second.kind == "Kamerbrief"
    assert second.signers == ()
    assert second.date == ClaimedDate(17, 6, 2023, "17 juni 2023")
    assert second.subject == "de voortgang"


def test_a_title_in_guillemets_is_the_subject_not_a_quotation() -> None:
    (claims,) = _claims(
        "In de brief «Voortgang missie in Irak» (Kamerstuk 29 521, nr. 455) staat het."
    )
    assert claims.subject == "Voortgang missie in Irak"
    assert claims.quote == ""


def test_a_date_after_the_citation_and_a_day_without_a_year() -> None:
    (after,) = _claims("Zie Kamerstuk 29 521, nr. 455 van 13 december 2022.")
    assert after.date == ClaimedDate(13, 12, 2022, "13 december 2022")
    (no_year,) = _claims("De brief van 13 december (Kamerstuk 29 521, nr. 455).")
    assert no_year.date == ClaimedDate(13, 12, None, "13 december")


def test_words_of_an_earlier_sentence_are_not_claims() -> None:
    (claims,) = _claims(
        "De motie-Omtzigt werd verworpen. Kamerstuk 29 521, nr. 455 gaat over Mali."
    )
    assert claims.kind == ""
    assert claims.signers == ()
    assert claims.outcome == ""


def test_a_quotation_beside_another_citation_is_not_this_ones() -> None:
    first, second = _claims(
        'Kamerstuk 29 521, nr. 474 en Kamerstuk 29 521, nr. 455: "het kabinet zet de inzet voort".'
    )
    assert first.quote == ""
    assert second.quote == "het kabinet zet de inzet voort"


@given(st.text())
def test_reading_claims_never_raises_and_keeps_to_the_text(text: str) -> None:
    citations = find_citations(text)
    claims = claims_beside(text, citations)
    assert len(claims) == len(citations)
    for found in claims:
        assert not found.quote or found.quote in text
        assert not found.kind or found.kind.split()[0].lower() in text.lower()


@given(
    st.lists(
        st.sampled_from(
            [
                "de motie-",
                "Omtzigt ",
                "van het lid ",
                "over ",
                "«",
                "»",
                '"',
                "Kamerstuk 29 521, nr. 455",
                " van 17 juni",
                ". ",
                "\n\n",
                "aangenomen ",
                "brief ",
            ]
        ),
        max_size=30,
    )
)
def test_claims_of_citation_like_text_never_raise(parts: list[str]) -> None:
    text = "".join(parts)
    citations = find_citations(text)
    assert len(claims_beside(text, citations)) == len(citations)


def test_an_outcome_in_what_a_motie_is_about_is_no_claim() -> None:
    (claims,) = _claims(
        "De motie-Beckerman over de uitvoering van aangenomen moties (Kamerstuk 36 410, nr. 9)."
    )
    assert claims.subject == "de uitvoering van aangenomen moties"
    assert claims.outcome == ""
    (claimed,) = _claims("De motie-Beckerman (Kamerstuk 36 410, nr. 9) werd aangenomen.")
    assert claimed.outcome == "aangenomen"


def test_what_a_quotation_says_is_not_the_texts_claim() -> None:
    citing, quoted = _claims(
        "De motie (Kamerstuk 36 471, nr. 94) verzoekt de regering “de aangenomen"
        " motie-Bruins (31 066, nr. 558) uit te voeren” en werd verworpen."
    )
    assert citing.outcome == "verworpen"
    assert citing.quote.startswith("de aangenomen motie-Bruins")
    assert quoted.quote == ""  # the quotation it stands in is the citing one's
