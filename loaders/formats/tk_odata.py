"""Tweede Kamer open data (OData) ``Zaak`` and ``Document`` records.

They carry what KOOP files lack: the Tweede Kamer document number ("2024D01507"), the zaak
number ("2024Z00651"), the Soort and a subject (``Onderwerp``) written for readers. They are
merged into the document named by ``ExterneIdentifier``; records without one are skipped, but
for kamervragen, which KOOP publishes under ids the records give by its rules: a Zaak of
written questions is ``kv-tk-<Nummer>``, an answer or a mededeling of delay is the Aanhangsel
``ah-tk-<vergaderjaar>-<number>`` its ``Aanhangselnummer`` makes ("242501168" in 2024-2025:
ah-tk-20242025-1168).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from loaders.chambers import chamber_name
from loaders.dates import iso_date
from loaders.ids import key_from_published_id, normalize_vergaderjaar
from loaders.model import ASKED, Document, Signatory
from loaders.subject import source_subject

FORMAT = "tk-odata"


def _external_id(record: dict[str, Any]) -> str:
    version = record.get("HuidigeDocumentVersie") or {}
    if isinstance(version, dict):
        if version.get("ExterneIdentifier"):
            return str(version["ExterneIdentifier"])
        for publication in version.get("DocumentPublicatie") or []:
            if isinstance(publication, dict) and publication.get("Identifier"):
                return str(publication["Identifier"])
    return str(record.get("ExterneIdentifier") or "")


def _documents(data: Any) -> Iterator[tuple[dict[str, Any], list[str]]]:
    records = data.get("value", [data]) if isinstance(data, dict) else data
    for record in records if isinstance(records, list) else []:
        if not isinstance(record, dict) or record.get("Verwijderd"):
            continue
        if isinstance(record.get("Document"), list):  # a Zaak with its documents
            zaak = [str(record["Nummer"])] if record.get("Nummer") else []
            for document in record["Document"]:
                if isinstance(document, dict) and not document.get("Verwijderd"):
                    yield document, zaak
        else:
            zaken = [str(z["Nummer"]) for z in record.get("Zaak") or [] if isinstance(z, dict)]
            yield record, zaken


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0


def read_tk_odata(data: Any, source: str) -> list[Document]:
    """Metadata-only records for every OData Document that names its KOOP publication."""
    found: list[Document] = []
    for record, zaken in _documents(data):
        external = _external_id(record).strip()
        if not external:
            kamervragen = _kamervragen(record, zaken, source)
            if kamervragen is not None:
                found.append(kamervragen)
            continue
        onderwerp = str(record.get("Onderwerp") or "")
        found.append(
            Document(
                key=key_from_published_id(external),
                published_id=external,
                kind=str(record.get("Soort") or "").lower(),
                subject=source_subject(onderwerp),
                date=iso_date(str(record.get("Datum") or "")),
                vergaderjaar=normalize_vergaderjaar(str(record.get("Vergaderjaar") or "")),
                chamber=chamber_name(number=str(_int(record.get("Kamer")))),
                document_number=str(record.get("DocumentNummer") or "").upper(),
                zaak_numbers=zaken,
                source_path=source,
                source_format=FORMAT,
                metadata_only=True,
            )
        )
    return found


# The Soort of the records that are kamervragen, and the kind the library gives each.
_QUESTIONS = "Schriftelijke vragen"
_ANSWERS = {
    "Antwoord schriftelijke vragen": "antwoord",
    "Mededeling (uitstel antwoord)": "mededeling",
}
_ZAAK_NUMBER = re.compile(r"\d{4}Z\d{5}")
# "Antwoord op vragen van de leden Six Dijkstra en Mutluer over het onderzoeksrapport …",
# "Uitstel beantwoording vragen van het lid Kops (PVV) over …": who asked, and about what.
# (The "van" is sometimes left out: "Antwoord op vragen het lid Grinwis over …".)
_ASKED = re.compile(
    r"\bvragen (?:van )?(?:het lid|de leden) (?P<who>.+?) over (?P<topic>.+)$", re.I
)


def _kamervragen(record: dict[str, Any], zaken: list[str], source: str) -> Document | None:
    """A Zaak of written questions (or their own Document, where it names its Zaak), or the
    answer to them (or a mededeling that the answer is late), as the KOOP publication its
    numbers name; None for any other record."""
    soort = str(record.get("Soort") or "")
    onderwerp = " ".join(str(record.get("Onderwerp") or "").split())
    if soort == _QUESTIONS:
        number = str(record.get("Nummer") or "")
        is_zaak = bool(_ZAAK_NUMBER.fullmatch(number))
        zaak = number if is_zaak else (zaken[0] if len(zaken) == 1 else "")
        if not _ZAAK_NUMBER.fullmatch(zaak):
            return None
        return _publication(
            record,
            source,
            f"kv-tk-{zaak}",
            "schriftelijke vragen",
            dated="GestartOp" if is_zaak else "Datum",
            subject=source_subject(onderwerp),
            zaak_numbers=[zaak],
        )
    if soort not in _ANSWERS or _int(record.get("Kamer")) != 2:
        return None
    vergaderjaar = normalize_vergaderjaar(str(record.get("Vergaderjaar") or ""))
    key = aanhangsel_key(str(record.get("Aanhangselnummer") or ""), vergaderjaar)
    if not key:
        return None
    asked = _ASKED.search(onderwerp)
    askers = re.split(r",\s*|\s+en\s+", asked["who"]) if asked else []
    return _publication(
        record,
        source,
        key,
        _ANSWERS[soort],
        title=onderwerp,
        subject=source_subject(asked["topic"] if asked else onderwerp),
        signatories=[Signatory(name.strip(), ASKED) for name in askers if name.strip()],
        zaak_numbers=zaken,
    )


def _publication(
    record: dict[str, Any],
    source: str,
    key: str,
    kind: str,
    dated: str = "Datum",
    **fields: Any,
) -> Document:
    """A Tweede Kamer publication known from an open-data record: metadata only."""
    return Document(
        key=key,
        published_id=key,
        kind=kind,
        date=iso_date(str(record.get(dated) or "")),
        vergaderjaar=normalize_vergaderjaar(str(record.get("Vergaderjaar") or "")),
        chamber=chamber_name(number="2"),
        document_number=str(record.get("DocumentNummer") or "").upper(),
        source_path=source,
        source_format=FORMAT,
        metadata_only=True,
        **fields,
    )


def aanhangsel_key(number: str, vergaderjaar: str) -> str:
    """The Aanhangsel an ``Aanhangselnummer`` names: its first four digits the vergaderjaar
    ("2425"), the rest the number; "" when they do not agree with ``vergaderjaar``."""
    if not (len(number) == 9 and number.isdigit() and len(vergaderjaar) == 9):
        return ""
    years = vergaderjaar.replace("-", "")
    if number[:4] != years[2:4] + years[6:8] or not int(number[4:]):
        return ""
    return f"ah-tk-{years}-{int(number[4:])}"
