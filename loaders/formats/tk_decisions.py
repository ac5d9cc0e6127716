"""Tweede Kamer open data: decisions, votes, agenda items, activities, parties and members.

They arrive flat, one record a line (as harvested and stored one entity a file), or nested as
the OData service returns an ``$expand``: a Stemming page with its Besluit, Agendapunt and
Zaken, Fractie and Persoon; a Zaak with its Besluiten, their Stemmingen and Agendapunt with
its Activiteit. Each record is recognised by its own fields, whatever file it is in. A record
that is recognised but malformed fails the file, naming the record.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from loaders.dates import iso_date
from loaders.decisions import (
    Activity,
    AgendaItem,
    Decision,
    Deleted,
    OpenDataRecord,
    Party,
    Person,
    Vote,
)
from loaders.errors import LoadError

Record = dict[str, Any]


def entity_of(record: Any) -> str | None:
    """Which open-data entity a record is, by the fields only it has."""
    if not isinstance(record, dict) or not isinstance(record.get("Id"), str):
        return None
    if "BesluitSoort" in record or "BesluitTekst" in record:
        return "Besluit"
    if "ActorNaam" in record and "Soort" in record:
        return "Stemming"
    if "DatumSoort" in record or "Voortouwnaam" in record:
        return "Activiteit"
    if "Volgorde" in record and ("Activiteit_Id" in record or "Rubriek" in record):
        return "Agendapunt"
    if "Afkorting" in record and "AantalZetels" in record:
        return "Fractie"
    if "Achternaam" in record and "Initialen" in record:
        return "Persoon"
    if "DocumentNummer" in record:
        return "Document"
    if "Nummer" in record and ("Afgedaan" in record or "Document" in record or "Besluit" in record):
        return "Zaak"
    return None


def records_of(data: Any) -> list[Any]:
    """The records of an OData page (``value``), a list, or one record."""
    if isinstance(data, dict) and isinstance(data.get("value"), list):
        return list(data["value"])
    return list(data) if isinstance(data, list) else [data]


def read_decision_records(records: list[Any], source: str) -> list[OpenDataRecord]:
    """Every decision, vote, agenda item, activity, party and member in ``records``, nested
    ones included, each once."""
    found: dict[tuple[str, str], OpenDataRecord] = {}
    for number, record in enumerate(records, start=1):
        for item in _walk(record, source, number):
            found[(type(item).__name__, item.id)] = item
    return list(found.values())


def _walk(record: Any, source: str, number: int, parent: Record | None = None) -> Iterator[Any]:
    entity = entity_of(record)
    if entity is None:
        return
    assert isinstance(record, dict)
    if record.get("Verwijderd") is True:
        if entity in _READERS:
            yield Deleted(entity, record["Id"], source)
        return
    try:
        reader = _READERS.get(entity)
        if reader is not None:
            yield reader(record, source, parent)
    except (KeyError, TypeError, ValueError) as exc:
        what = f"record {number} ({entity} {record['Id']})"
        raise LoadError(source, f"{what}: {_problem(exc)}") from None
    for value in record.values():  # what the service expanded inside it
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                yield from _walk(child, source, number, record)


def _problem(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"no {exc.args[0]}"
    return str(exc)


def _text(record: Record, name: str) -> str:
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"{name} is not text: {value!r}")
    return value


def _number(record: Record, name: str) -> int | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} is not a number: {value!r}")
    return value


def _zaak_numbers(record: Record) -> tuple[str, ...]:
    zaken = record.get("Zaak")
    if zaken is None:
        return ()
    if not isinstance(zaken, list):
        raise TypeError("Zaak is not a list")
    return tuple(
        str(z["Nummer"])
        for z in zaken
        if isinstance(z, dict) and z.get("Nummer") and not z.get("Verwijderd")
    )


def _decision(record: Record, source: str, parent: Record | None) -> Decision:
    zaken = _zaak_numbers(record)
    if parent is not None and entity_of(parent) == "Zaak" and parent.get("Nummer"):
        zaken = (*zaken, str(parent["Nummer"]))  # a Zaak's own Besluit: about that zaak
    agenda_item = _text(record, "Agendapunt_Id")
    nested = record.get("Agendapunt")
    if not agenda_item and isinstance(nested, dict):
        agenda_item = _text(nested, "Id")
    return Decision(
        id=record["Id"],
        agenda_item=agenda_item,
        kind=_text(record, "BesluitSoort").strip(),
        text=_text(record, "BesluitTekst").strip(),
        method=_text(record, "StemmingsSoort").strip(),
        order=_number(record, "AgendapuntZaakBesluitVolgorde"),
        zaken=zaken,
        changed=_text(record, "GewijzigdOp"),
        source_path=source,
    )


def _agenda_item(record: Record, source: str, parent: Record | None) -> AgendaItem:
    activity = _text(record, "Activiteit_Id")
    nested = record.get("Activiteit")
    if not activity and isinstance(nested, dict):
        activity = _text(nested, "Id")
    return AgendaItem(
        id=record["Id"],
        activity=activity,
        number=_text(record, "Nummer"),
        subject=_text(record, "Onderwerp"),
        zaken=_zaak_numbers(record),
        source_path=source,
    )


def _activity(record: Record, source: str, parent: Record | None) -> Activity:
    return Activity(
        id=record["Id"],
        date=iso_date(_text(record, "Datum")[:10]),
        kind=_text(record, "Soort"),
        number=_text(record, "Nummer"),
        subject=_text(record, "Onderwerp"),
        source_path=source,
    )


def _vote(record: Record, source: str, parent: Record | None) -> Vote:
    decision = _text(record, "Besluit_Id")
    if not decision and parent is not None and entity_of(parent) == "Besluit":
        decision = parent["Id"]
    if not decision:
        raise ValueError("no Besluit_Id: the vote is on no decision")
    vote = _text(record, "Soort").strip()
    if not vote:
        raise ValueError("no Soort: how it was voted is missing")
    return Vote(
        id=record["Id"],
        decision=decision,
        vote=vote,
        seats=_number(record, "FractieGrootte") or 0,
        actor=_text(record, "ActorNaam").strip(),
        party=_text(record, "ActorFractie").strip(),
        person=_text(record, "Persoon_Id"),
        party_id=_text(record, "Fractie_Id"),
        mistaken=record.get("Vergissing") is True,
        source_path=source,
    )


def _party(record: Record, source: str, parent: Record | None) -> Party:
    return Party(record["Id"], _text(record, "Afkorting"), _text(record, "NaamNL"), source)


def _person(record: Record, source: str, parent: Record | None) -> Person:
    parts = [_text(record, "Tussenvoegsel"), _text(record, "Achternaam")]
    surname = " ".join(p for p in parts if p)
    initials = _text(record, "Initialen")
    return Person(record["Id"], f"{surname}, {initials}" if initials else surname, source)


_READERS = {
    "Besluit": _decision,
    "Agendapunt": _agenda_item,
    "Activiteit": _activity,
    "Stemming": _vote,
    "Fractie": _party,
    "Persoon": _person,
}
