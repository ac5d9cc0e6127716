"""What a dossier still lacks: the numbers that exist (published, by the id list kamerlezer
ships, or known to the library) and are not loaded, for the dossier page, ``show --json`` and
``fetch --missing``."""

from __future__ import annotations

import json
from pathlib import Path

from db.dossier_summary import summarise_dossier
from db.library import Library
from db.loading.files import load_paths
from loaders.published import published_numbers
from tui.cli.main import main
from tui.text.labels import number_ranges

SAMPLES = Path(__file__).parent / "fixtures" / "samples"


def test_the_id_list_knows_a_dossiers_numbers_and_letters() -> None:
    numbers = published_numbers("29521")
    assert {"1", "446", "492", "A", "BM"} <= set(numbers)
    assert "12-b1" not in numbers  # a bijlage of nr. 12, not a number of the dossier
    assert all(not n.startswith("02") for n in published_numbers("21501"))  # 21501-02 apart


def test_the_missing_numbers_are_those_that_exist_and_are_not_loaded(tmp_path) -> None:
    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [SAMPLES / "kst-29521-455.txt"], parallel=False)
        missing = summarise_dossier(library, "29521").missing
    assert "455" not in missing  # loaded
    assert missing[:3] == ["1", "2", "3"] and "446" in missing  # cited, published, not loaded
    assert missing.index("492") < missing.index("A")  # numbers first, then the letters
    assert "493" not in missing  # after the list's date, and not known to this library


def test_show_json_lists_them_and_says_where_they_come_from(tmp_path, capsys) -> None:
    db = str(tmp_path / "library.db")
    with Library.open(Path(db)) as library:
        load_paths(library, [SAMPLES / "kst-29521-455.txt"], parallel=False)
    assert main(["--db", db, "show", "29521", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(isinstance(n, str) for n in data["missing"]) and "454" in data["missing"]
    assert "February 2025" in data["missing_from"]
    assert main(["--db", db, "show", "29521"]) == 0
    shown = capsys.readouterr().out
    assert "1–454, 456–492, A–S, U–AY, BA–BM" in shown
    assert "kamerlezer fetch 29521 --missing" in shown


def test_fetch_missing_takes_dossiers(tmp_path, capsys) -> None:
    db = str(tmp_path / "library.db")
    assert main(["--db", db, "fetch", "kst-29521-455", "--missing"]) == 2
    assert "takes dossiers" in capsys.readouterr().err


def test_number_ranges_read_as_a_reader_scans_them() -> None:
    assert number_ranges(["1", "2", "3", "5", "7", "8"]) == "1–3, 5, 7–8"
    assert number_ranges(["A", "B", "C", "E", "Z", "AA", "AB"]) == "A–C, E, Z–AB"
    assert number_ranges([str(n) for n in range(1, 40, 2)], most=3) == "1, 3, 5 and 17 more runs"


def test_fetch_missing_asks_for_just_the_numbers_the_library_lacks(tmp_path, capsys) -> None:
    """With nothing to ask the services for, nothing is asked (and nothing can fail)."""
    db = str(tmp_path / "library.db")
    with Library.open(Path(db)) as library:
        load_paths(library, [SAMPLES / "kst-29521-455.txt"], parallel=False)
        lacking = summarise_dossier(library, "29521").missing
    from tui.cli.fetch import _missing_of

    keys = _missing_of(Path(db), ["29 521"])
    assert isinstance(keys, list) and keys == [f"kst-29521-{n}" for n in lacking]
    assert "kst-29521-455" not in keys
