"""What a document replaces, read from its title and metadata: every gewijzigde motie of the
shared corpus, real amendementen, and the chains and branches of real dossiers."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from db.library import Library
from db.loading.files import load_paths
from loaders.replacements import Relation, find_relations

TABLES = Path(__file__).parent / "fixtures" / "tables"


def _gewijzigde_moties() -> list[dict[str, str]]:
    with (TABLES / "gewijzigde-moties.tsv").open(encoding="utf-8") as table:
        lines = [line for line in table if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_every_gewijzigde_motie_of_the_corpus_replaces_what_its_title_names() -> None:
    rows = _gewijzigde_moties()
    assert len(rows) == 561
    found = {
        row["key"]: [
            r.target
            for r in find_relations(
                row["key"], row["dossier"], row["kind"], row["title"], row["subject"]
            )
        ]
        for row in rows
    }
    expected = {row["key"]: [row["replaces"]] if row["replaces"] else [] for row in rows}
    assert found == expected
    from_titles = sum(1 for row in rows if "VERVANGING" in row["title"].upper())
    assert from_titles == 556


def test_the_title_wins_over_a_root_named_in_metadata() -> None:
    relations = find_relations(
        "kst-29237-230",
        "29237",
        "nader gewijzigde motie",
        "NADER GEWIJZIGDE MOTIE VAN HET LID DOBBE C.S. TER VERVANGING VAN DIE GEDRUKT ONDER"
        " NR. 229",
        "Nader gewijzigde motie Dobbe c.s. over zich inzetten voor voortzetting van de "
        "fact-finding mission in Sudan (t.v.v. 29237-213)",
    )
    assert relations == [Relation("kst-29237-229", "replaces", "title")]


def test_metadata_names_it_where_the_title_does_not() -> None:
    relations = find_relations(
        "kst-36715-30",
        "36715",
        "gewijzigde motie",
        "GEWIJZIGDE MOTIE VAN HET LID KLAVER C.S.",
        "Gewijzigde motie Klaver c.s. over de Israëlische ministers Ben Gvir en Smotrich op de "
        "EU-sanctielijst zetten (t.v.v. 36715-5)",
    )
    assert relations == [Relation("kst-36715-5", "replaces", "metadata")]


def test_amendementen_replace_the_number_they_name() -> None:
    """Real open-data subjects of gewijzigde, nader gewijzigde and vervangende amendementen."""
    rows = [json.loads(line) for line in (TABLES / "amendement-vervangingen.jsonl").open()]
    assert len(rows) == 115
    for row in rows:
        relations = find_relations("kst-36725-99", "36725", "amendement", row["Onderwerp"])
        assert [r.target for r in relations] == [f"kst-36725-{row['ter_vervanging_van_nr']}"], row


def test_a_nota_van_wijziging_changes_the_bill_of_its_dossier() -> None:
    relations = find_relations("kst-36600-VIII-14", "36600-VIII", "nota van wijziging", "")
    assert relations == [Relation("kst-36600-VIII-2", "changes", "kind")]


def test_other_documents_replace_nothing() -> None:
    assert find_relations("kst-29521-455", "29521", "brief", "BRIEF VAN DE MINISTERS") == []
    assert find_relations("kst-29521-474", "29521", "motie", "MOTIE VAN HET LID VAN BAARLE") == []


@given(st.text(max_size=300), st.text(max_size=300))
def test_any_title_is_read_without_raising(title: str, subject: str) -> None:
    for relation in find_relations("kst-29521-474", "29521", "motie", title, subject):
        assert relation.target.startswith("kst-") and relation.target != "kst-29521-474"


def test_chains_and_branches_come_out_as_chains(tmp_path, fixtures) -> None:
    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [fixtures / "chains"])
        assert library.relations.replaced_by("kst-29237-213") == ["kst-29237-229"]
        assert library.relations.replaced_by("kst-29237-229") == ["kst-29237-230"]
        assert library.relations.replaces("kst-29237-230") == ["kst-29237-229"]
        assert library.relations.replaced_by("kst-32847-1300") == ["kst-32847-1315"]
        assert library.relations.replaced_by("kst-32847-1315") == [
            "kst-32847-1317",
            "kst-32847-1318",
        ]
        assert library.relations.replaces("kst-29237-213") == []


def test_a_replaced_motie_not_in_the_library_is_a_ghost(tmp_path, fixtures) -> None:
    with Library.open(tmp_path / "library.db") as library:
        load_paths(library, [fixtures / "moties" / "kst-19637-3237.xml"])
        assert library.relations.replaces("kst-19637-3237") == ["kst-19637-3219"]
        assert library.documents.is_ghost("kst-19637-3219")
        assert library.relations.replaced_by("kst-19637-3219") == ["kst-19637-3237"]
        load_paths(library, [fixtures / "moties" / "kst-19637-3219.xml"])
        assert not library.documents.is_ghost("kst-19637-3219")
        assert library.relations.replaced_by("kst-19637-3219") == ["kst-19637-3237"]
