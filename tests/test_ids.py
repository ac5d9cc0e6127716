import datetime as dt

import pytest

from loaders.ids import (
    key_from_published_id,
    normalize_vergaderjaar,
    parse_dossier,
    parse_reference,
    split_kst_key,
    vergaderjaar_of,
)
from loaders.labels import format_dossier


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("kst-29521-455", "kst-29521-455"),
        ("29521-455", "kst-29521-455"),
        ("29 521 nr. 455", "kst-29521-455"),
        ("27 925, nr. 919", "kst-27925-919"),
        ("27925 919", "kst-27925-919"),
        ("21501-32-1740", "kst-21501-32-1740"),
        ("36 200 X 5", "kst-36200-X-5"),
        ("kst-36200-x-5", "kst-36200-X-5"),
        ("36410A 33", "kst-36410-A-33"),
        ("36 600 XVII, letter M", "kst-36600-XVII-M"),
        ("Kamerstukken II 2021/22, 29 521, nr. 446", "kst-29521-446"),
        ("h-tk-20222023-84-12", "h-tk-20222023-84-12"),
        ("kst-20022003-23490-8w", "kst-23490-8w"),
        ("kv-tk-2011z17364", "kv-tk-2011Z17364"),
    ],
)
def test_every_spelling_of_a_number_reads_as_its_key(typed: str, key: str) -> None:
    assert parse_reference(typed) == key


@pytest.mark.parametrize("typed", ["navo irak", "29521", "", "2025D06779", "vredesmissies"])
def test_words_and_bare_dossiers_are_not_document_numbers(typed: str) -> None:
    assert parse_reference(typed) is None


def test_dossiers_print_as_readers_know_them() -> None:
    assert format_dossier("29521") == "29 521"
    assert format_dossier("36200-X") == "36 200 X"
    assert format_dossier("21501-32") == "21 501-32"
    assert parse_dossier("36 410 xvi") == "36410-XVI"
    assert parse_dossier("21 501-32") == "21501-32"


def test_older_ids_and_annexes_split_into_dossier_and_number() -> None:
    assert split_kst_key("kst-36200-X-5") == ("36200-X", "5")
    assert split_kst_key("kst-36867-A") == ("36867", "A")
    assert split_kst_key("kst-17050-339-b2") == ("17050", "339-b2")
    assert key_from_published_id("kst-19941995-24094-261b") == "kst-24094-261b"


def test_vergaderjaar_starts_on_the_third_tuesday_of_september() -> None:
    assert vergaderjaar_of(dt.date(2022, 12, 13)) == "2022-2023"
    assert vergaderjaar_of(dt.date(2022, 9, 19)) == "2021-2022"
    assert vergaderjaar_of(dt.date(2022, 9, 20)) == "2022-2023"
    assert normalize_vergaderjaar("2019–2020") == "2019-2020"
    assert normalize_vergaderjaar("2022/23") == "2022-2023"


def test_every_real_id_shape_parses_to_a_key(fixtures) -> None:
    ids = fixtures / "op_keylist_subset.txt"
    for line in ids.read_text().split():
        if line.startswith("kst-"):
            key = key_from_published_id(line)
            assert key.startswith("kst-"), line
            if key[4:5].isdigit() and key.count("-") >= 2:  # not "kst-1259252", "kst-XXI-A"
                assert split_kst_key(key) is not None, line
