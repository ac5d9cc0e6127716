"""What a new version changed, word by word: on a real gewijzigde motie, exactly the words
changed; on any texts, the changes rebuild both versions."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from db.library import Library
from loaders.word_diff import marked, pieces, word_changes
from tui.cli.main import main


def test_a_gewijzigde_motie_against_the_motie_it_replaces(samples_library, capsys) -> None:
    with Library.open(samples_library, write=False) as library:
        old = library.documents.get("kst-36471-7")
        new = library.documents.get("kst-36471-16")
    assert old is not None and new is not None
    changes = word_changes(old.text, new.text)
    assert [(old.text[slice(*c.old)], new.text[slice(*c.new)]) for c in changes] == [
        ("staan;", "staan,"),
        ("toe ", ""),
        ("passen;\n\ndoet een beroep op het kabinet en", "gaan toepassen,\n\nSpreekt"),
        ("Eerste Kamer om", "wens uit dat"),
        ("te maken", "wordt gemaakt"),
        ("het wetsvoorstel «spreidingswet»,\n\nen", "de spreidingswet\n\nEn"),
        ("de ", ""),
        ("dag.", "dag"),
    ]
    assert main(["--db", str(samples_library), "diff", "kst-36471-16"]) == 0  # what it replaces
    out = capsys.readouterr().out
    assert out.startswith("36 471, nr. 16 against 36 471, nr. 7: 8 changes\n")
    assert "pas op de plaats [-te maken-] {+wordt gemaakt+} met" in out
    assert "dwang [-toe-] te" in out
    assert main(["--db", str(samples_library), "diff", "kst-36471-7", "kst-36471-16"]) == 0
    assert capsys.readouterr().out == out


def test_diff_says_what_it_cannot_compare(samples_library, capsys) -> None:
    db = ["--db", str(samples_library)]
    assert main([*db, "diff", "kst-29521-455"]) == 2
    assert "replaces no document the library knows" in capsys.readouterr().err
    assert main([*db, "diff", "kst-1-1", "kst-29521-455"]) == 1
    assert "kst-1-1: not in this library" in capsys.readouterr().err
    assert main([*db, "diff", "kst-27925-919", "kst-29521-455"]) == 1  # a ghost
    assert "not loaded, only cited" in capsys.readouterr().err


_TEXT = st.text(alphabet=st.sampled_from("ab c\n;,é"), max_size=40)


@given(_TEXT, _TEXT)
def test_the_changes_rebuild_both_versions(old: str, new: str) -> None:
    changes = word_changes(old, new)
    rebuilt, at = [], 0
    for change in changes:
        assert 0 <= change.old[0] <= change.old[1] <= len(old)
        assert 0 <= change.new[0] <= change.new[1] <= len(new)
        rebuilt.append(old[at : change.old[0]] + new[slice(*change.new)])
        at = change.old[1]
    assert "".join(rebuilt) + old[at:] == new
    kept = "".join(text for text, kind in pieces(old, new, changes) if kind != "taken")
    assert kept.split() == new.split()  # what is shown of the new text is all of its words
    gone = "".join(t + " " for t, kind in pieces(old, new, changes) if kind != "put")
    assert gone.split() == old.split()
    assert marked(old, new).replace("[-", "").replace("-]", "").count("{+") == sum(
        1 for _, kind in pieces(old, new, changes) if kind == "put"
    )


async def test_d_shows_what_the_version_changed_and_d_again_its_text(samples_library) -> None:
    from tests.tui.typed_keys import settle
    from tui.app import KamerlezerApp

    with Library.open(samples_library, write=False) as library:
        await _read_the_changes(KamerlezerApp(library, start="kst-36471-16"), settle)


async def _read_the_changes(app, settle) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        letter = app.reader.letter
        text = letter.page.text
        await pilot.press("d")
        await settle(pilot)
        page = letter.page
        assert page is not None and page.text.startswith("8 changes against 36 471, nr. 7")
        marks = [page.text[start:end] for start, end in letter.hits]
        assert marks[:3] == ["[-staan;-]", "{+staan,+}", "[-toe-]"]
        assert "[-te maken-]" in marks and "{+wordt gemaakt+}" in marks
        assert letter.hit == 0
        await pilot.press("n")
        assert letter.hit == 1
        await pilot.press("m")  # a place on the changes' page is none of the text's
        await settle(pilot)
        assert app.reader.status.shown == "d again shows the text; bookmark it there"
        await pilot.press("d")  # the text again
        await settle(pilot)
        assert letter.page is not None and letter.page.text == text
        app.reader.open_document("kst-36471-7")  # the motie itself replaces nothing
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "replaces none that the library holds" in app.reader.status.shown


def test_an_amendements_versions_step_one_at_a_time(tmp_path, capsys) -> None:
    """A chain of three versions of an amendement, each "ter vervanging van" the one before.
    The titles are the real open-data subjects of the amendement-Claassen en De Korte (nrs.
    16, 34 and 37); the shared data holds no amendement's text, nor the records' dossier, so
    the texts and the dossier here stand in for theirs."""
    about = "over een opt-out voor de verwerking van medische gegevens van patiënten"
    body = (
        "I\n\nIn artikel I, onderdeel B, wordt na het tweede lid een lid ingevoegd, luidende:"
        "\n\n3. De patiënt kan {when} bezwaar maken tegen de verwerking van {what}."
        "\n\nToelichting\n\nDit amendement regelt een opt-out {how}."
    )
    versions = [
        ("16", "GEWIJZIGD AMENDEMENT VAN DE LEDEN CLAASSEN EN DE KORTE TER VERVANGING VAN"
         " DIE GEDRUKT ONDER NR. 13", ("te allen tijde", "zijn gegevens", "voor iedereen")),
        ("34", "NADER GEWIJZIGD AMENDEMENT VAN DE LEDEN CLAASSEN EN DE KORTE TER VERVANGING"
         " VAN DIE GEDRUKT ONDER NR. 16", ("te allen tijde", "zijn medische gegevens",
         "voor iedereen")),
        ("37", "TWEEDE NADER GEWIJZIGD AMENDEMENT VAN DE LEDEN CLAASSEN EN DE KORTE TER"
         " VERVANGING VAN DIE GEDRUKT ONDER NR. 34", ("kosteloos", "zijn medische gegevens",
         "voor iedere patiënt")),
    ]  # fmt: skip
    records = tmp_path / "amendementen.jsonl"
    records.write_text(
        "".join(
            json.dumps(
                {
                    "key": f"kst-36725-{number}",
                    "dossier": "36725",
                    "ondernummer": number,
                    "title": title,
                    "subject": f"Amendement Claassen en De Korte {about}",
                    "text": body.format(when=when, what=what, how=how),
                    "citations": [],
                }
            )
            + "\n"
            for number, title, (when, what, how) in versions
        )
    )
    db = ["--db", str(tmp_path / "l.db")]
    assert main([*db, "load", str(records)]) == 0
    capsys.readouterr()
    assert main([*db, "diff", "kst-36725-37"]) == 0  # against nr. 34, not the first version
    out = capsys.readouterr().out
    assert out.startswith("36 725, nr. 37 against 36 725, nr. 34: 2 changes\n")
    assert "kan [-te allen tijde-] {+kosteloos+} bezwaar" in out
    assert "voor [-iedereen.-] {+iedere patiënt.+}" in out
    assert main([*db, "diff", "kst-36725-34"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("36 725, nr. 34 against 36 725, nr. 16: 1 change\n")
    assert "van zijn {+medische+} gegevens" in out
