"""What a document claims to be, checked before it is stored: a key, a dossier, a number or a
date is shown and used as a name everywhere (paths of downloads, addresses, the tree), so one
that is no identifier of its kind (a control sequence, a path, an acronym the publisher's
markup took for a dossier) is refused here rather than trusted downstream."""

from __future__ import annotations

import dataclasses
import re

from loaders.ids import parse_dossier, publication_id
from loaders.model import Citation, Document

# A committee report has no publication id of its own: vlos-tk-20242025-vws-63.
_VLOS_KEY = re.compile(r"vlos-(?:tk|ek)-\d{8}(?:-[a-z0-9]{1,12}){1,3}")
# The publications of other governments (a Gemeenteblad: gmb-2024-216934), loaded on request.
_OTHER_PUBLICATION = re.compile(r"[a-z]{2,5}-(?:1[89]|20)\d\d-[a-z0-9]{1,12}")
_DOSSIER_KEY = re.compile(r"\d{1,6}(?:-[A-Za-z0-9]{1,6}){0,2}")
_ONDERNUMMER = re.compile(r"[A-Za-z0-9]{1,12}(?:-[A-Za-z0-9]{1,8}){0,2}")
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_VERGADERJAAR = re.compile(r"\d{4}-\d{4}")
_TK_NUMBER = re.compile(r"\d{4}[A-Z]\d{5}")


def is_document_key(key: str) -> bool:
    """A key a document may have: a KOOP publication id, or a committee report's."""
    return (
        publication_id(key) is not None
        or _VLOS_KEY.fullmatch(key) is not None
        or _OTHER_PUBLICATION.fullmatch(key) is not None
    )


def is_citation_target(target: str) -> bool:
    """What a citation may point to: a document key or a dossier."""
    return is_document_key(target) or parse_dossier(target) == target


def identifier_problem(document: Document) -> str:
    """Why ``document``'s identifiers cannot be trusted, in a few words; "" when they can."""
    checks: list[tuple[str, str, re.Pattern[str] | None]] = [
        ("ondernummer", document.ondernummer, _ONDERNUMMER),
        ("date", document.date, _DATE),
        ("vergaderjaar", document.vergaderjaar, _VERGADERJAAR),
        ("document number", document.document_number, _TK_NUMBER),
    ]
    checks += [("dossier", dossier.key, _DOSSIER_KEY) for dossier in document.dossiers]
    checks += [("zaak number", number, _TK_NUMBER) for number in document.zaak_numbers]
    if not is_document_key(document.key):
        return f"its key {shown(document.key)} is no publication id"
    for field, value in (
        ("hoofddocument", document.attached_to),
        ("aanhangsel", document.answered_in),
        ("vraagnummer", document.answers_kamervragen),
    ):
        if value and not is_document_key(value):
            return f"its {field} {shown(value)} is no publication id"
    for field, value, pattern in checks:
        if value and pattern is not None and not pattern.fullmatch(value):
            return f"its {field} {shown(value)} is not one"
    return ""


def without_false_targets(document: Document) -> tuple[Document, int]:
    """``document`` without the citations whose target is no identifier, and how many."""
    kept: list[Citation] = [c for c in document.citations if is_citation_target(c.target)]
    dropped = len(document.citations) - len(kept)
    if not dropped:
        return document, 0
    return dataclasses.replace(document, citations=kept), dropped


def shown(value: str, limit: int = 40) -> str:
    """A claimed identifier as an error line may quote it: printable ASCII, short."""
    text = value if len(value) <= limit else value[:limit] + "…"
    return ascii(text).replace("\\u2026", "…")
