"""Checking the citations in a text someone wrote, against real documents: one right and one
wrong citation of each kind the check tells apart."""

from __future__ import annotations

import json
from typing import cast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.citation_check import check_text, quote_in
from db.library import Library
from tui.cli.main import main

MEMO = (
    "In de motie (Kamerstuk 29 521, nr. 474) verzoekt de Kamer de regering “geen Nederlandse"
    " militaire bijdrage te leveren aan Operatie Prosperity Guardian”.\n\n"
    'De brief van 13 december 2022 (Kamerstuk 29 521, nr. 455) stelt dat "het kabinet de'
    ' inzet in Mali voortzet".\n\n'
    "Zie ook Kamerstuk 29 521, nr. 99999 en Kamerstuk 27 925, nr. 919.\n\n"
    "Kamerstukken II 2022/23, 29 521, nr. 455 spreekt van «de NAVO-missie in Irak (NMI)»."
)


def test_each_verdict_with_its_evidence(samples_library) -> None:
    with Library.open(samples_library, write=False) as library:
        checked = check_text(library, MEMO)
    assert [(c.target, c.verdict) for c in checked] == [
        ("kst-29521-474", "ok"),
        ("kst-29521-455", "quote not found"),
        ("kst-29521-99999", "not found"),
        ("kst-27925-919", "cannot tell: not in library"),  # published, not loaded
        ("kst-29521-455", "ok"),
    ]
    right, wrong_quote, unknown, elsewhere, quoted = checked
    assert str(right.evidence["quote"]).startswith("geen Nederlandse militaire bijdrage")
    assert isinstance(right.evidence["quote_at"], int)
    assert wrong_quote.evidence["quote"] == "het kabinet de inzet in Mali voortzet"
    assert unknown.evidence == {"published": False, "published_list_to": "February 2025"}
    assert elsewhere.evidence == {"published": True}
    assert quoted.evidence["quote"] == "de NAVO-missie in Irak (NMI)"
    for c in checked:
        assert MEMO[c.start : c.end] == c.text


def test_check_from_the_shell_exits_1_when_one_is_wrong(samples_library, tmp_path, capsys) -> None:
    memo = tmp_path / "memo.md"
    memo.write_text(MEMO)
    assert main(["--db", str(samples_library), "check", str(memo), "--json"]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["verdict"] for r in records][:2] == ["ok", "quote not found"]
    assert set(records[0]) == {"text", "start", "end", "target", "verdict", "evidence"}
    right = tmp_path / "right.txt"
    right.write_text(MEMO.split("\n\n")[0])
    assert main(["--db", str(samples_library), "check", str(right)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 citations, 0 wrong"
    assert main(["--db", str(samples_library), "check", str(tmp_path / "none.txt")]) == 1
    assert "none.txt: cannot read" in capsys.readouterr().err


def test_a_quotation_is_found_across_hyphenation_quotes_and_left_out_words() -> None:
    source = "het kabinet zet de inzet in Irak voort, met nadruk op de NAVO-mis-\nsie ter plaatse"
    assert quote_in("zet de inzet in Irak voort", source) is not None
    assert quote_in("Het kabinet zet … in Irak voort", source) is not None
    assert quote_in("de NAVO-missie ter plaatse", source) is not None
    assert quote_in("zet de inzet in Mali voort", source) is None
    assert quote_in("in Irak … het kabinet", source) is None  # not in that order
    assert quote_in("abinet zet", source) is None  # a word's end is no word


@given(st.text(max_size=60), st.text(max_size=200))
def test_finding_a_quotation_never_raises(quote: str, text: str) -> None:
    at = quote_in(quote, text)
    assert at is None or at >= 0


def test_a_claimed_outcome_is_checked_only_where_the_outcome_is_certain(samples_library) -> None:
    memo = (
        "De aangenomen motie (Kamerstuk 36 471, nr. 16) vraagt een pas op de plaats.\n\n"
        "De motie-Boswijk (Kamerstuk 29 521, nr. 485) werd verworpen.\n\n"
        "De motie-Van Baarle (Kamerstuk 29 521, nr. 474) werd aangenomen.\n\n"
        "De brief (Kamerstuk 29 521, nr. 455) werd verworpen."
    )
    with Library.open(samples_library, write=False) as library:
        checked = check_text(library, memo)
    assert [(c.target, c.verdict) for c in checked] == [
        ("kst-36471-16", "ok"),
        ("kst-29521-485", "outcome differs"),  # adopted, with the votes linked by its zaak
        ("kst-29521-474", "cannot tell: outcome not certain"),  # linked by agenda order only
        ("kst-29521-455", "cannot tell: outcome not known"),  # a letter: no vote
    ]
    assert checked[1].evidence["claimed_outcome"] == "verworpen"
    assert checked[1].evidence["outcome"] == "aangenomen"
    assert "not certain" in str(checked[2].evidence["outcome"])


def test_the_words_beside_a_citation_against_the_document(samples_library) -> None:
    """One right and one wrong of each: signer, date, kind and subject, on the real motie
    29 521, nr. 474 (Van Baarle, 26 March 2024) and letter nr. 455 (13 December 2022)."""
    memo = [
        "De motie-Van Baarle van 26 maart over Operatie Aspides (Kamerstuk 29 521, nr. 474).",
        "De motie-Omtzigt over Operatie Aspides (Kamerstuk 29 521, nr. 474).",
        "De motie van het lid Van Barle (Kamerstuk 29 521, nr. 474).",  # misspelt: still him
        "De motie van 12 april 2024 (Kamerstuk 29 521, nr. 474).",
        "De Kamerbrief van 13 december 2022 over Irak (Kamerstuk 29 521, nr. 455).",
        "De motie (Kamerstuk 29 521, nr. 455).",
        "De Kamerbrief over de stikstofuitstoot van melkveehouders (Kamerstuk 29 521, nr. 455).",
        "De motie over een brief over Irak (Kamerstuk 29 521, nr. 474).",  # a motie is cited
    ]
    with Library.open(samples_library, write=False) as library:
        checked = check_text(library, "\n\n".join(memo))
    assert [c.verdict for c in checked] == [
        "ok",
        "mismatch: signer",
        "ok",
        "mismatch: date",
        "ok",
        "mismatch: kind",
        "mismatch: subject",
        "mismatch: subject",
    ]
    mismatches = [cast(dict[str, str], c.evidence.get("mismatches", {})) for c in checked]
    assert mismatches[1] == {"signer": "the text says Omtzigt; signed by Van Baarle"}
    assert "26 maart 2024" in mismatches[3]["date"]
    assert mismatches[5] == {"kind": "the text says motie; it is a brief"}
    assert "stikstofuitstoot" in mismatches[6]["subject"]
    assert checked[0].evidence["claimed"] == {
        "kind": "motie",
        "signers": ["Van Baarle"],
        "date": "26 maart",
        "subject": "Operatie Aspides",
    }


_PIECES = [*"ab .,()«»\"'\n", "motie-Van Baarle ", "Kamerstuk 29 521, nr. 474", "nr. 455"]
_PIECES += [" van 26 maart", " over Irak", "aangenomen", "De brief", "het lid "]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_checking_never_raises_and_points_into_the_text(samples_library, pieces: list[str]) -> None:
    text = "".join(pieces)
    with Library.open(samples_library, write=False) as library:
        for checked in check_text(library, text):
            assert text[checked.start : checked.end] == checked.text
