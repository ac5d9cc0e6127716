"""The app's own interchange format: one JSON document record per line.

It is what ``kamerlezer export --jsonl`` writes (``Document.to_dict``), so any other tool can
feed the library, and an export loaded into an empty library gives the same library.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, cast

from loaders.errors import LoadError
from loaders.model import Citation, Document, Dossier, Question, Signatory, Table
from loaders.publications import CITATION_KINDS, CitationKind
from loaders.sanitize import terminal_safe

FORMAT = "jsonl"


def is_record(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("key"), str) and "text" in data


class _WrongType(Exception):
    """A field of a record that is not of its type; the message names the field."""


def _text(record: dict[str, Any], name: str, default: str = "") -> str:
    value = record.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _WrongType(f"'{name}' must be text, not {_type_name(value)}")
    return str(value)


def _offset(record: dict[str, Any], name: str, of: str = "citation") -> int:
    value = record.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _WrongType(f"{of} '{name}' must be a whole number, not {_type_name(value)}")
    return value


def _questions(record: dict[str, Any], text: str) -> list[Question]:
    """An Aanhangsel's questions, their spans checked against its text."""
    questions = []
    for q in _objects(record, "questions"):
        spans = [_offset(q, name, "question") for name in _SPANS]
        if not (0 <= spans[0] <= spans[1] <= len(text) and 0 <= spans[2] <= spans[3] <= len(text)):
            raise _WrongType(f"question {_text(q, 'number')!r} has spans outside its text")
        questions.append(Question(_text(q, "number"), *spans))
    return questions


_SPANS = ("start", "end", "answer_start", "answer_end")


def _tables(record: dict[str, Any], text: str) -> list[Table]:
    """A document's tables, their spans checked against its text."""
    tables = []
    for t in _objects(record, "tables"):
        start, end = _offset(t, "start", "table"), _offset(t, "end", "table")
        if not 0 <= start <= end <= len(text):
            raise _WrongType(f"a table has spans outside its text ({start}-{end})")
        spans = t.get("spans") or []
        if not isinstance(spans, list) or not all(
            isinstance(s, list) and len(s) == 3 and all(type(n) is int for n in s) for s in spans
        ):
            raise _WrongType("a table's 'spans' must be a list of [row, column, columns]")
        header_rows = t.get("header_rows", 0)
        if type(header_rows) is not int:
            raise _WrongType("a table's 'header_rows' must be a whole number")
        tables.append(Table(start, end, header_rows, tuple((r, c, n) for r, c, n in spans)))
    return tables


def _objects(record: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = record.get(name) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _WrongType(f"'{name}' must be a list of objects")
    return value


def _type_name(value: object) -> str:
    names = {dict: "an object", list: "a list", float: "a fraction", bool: "true or false"}
    return "nothing" if value is None else names.get(type(value), type(value).__name__)


def document_from_record(record: dict[str, Any], source: str) -> Document:
    """A ``Document`` from one exported record; extra fields (``cited_by``) are ignored.
    Each field is checked for its type: a record from another tool may have anything."""
    try:
        dossiers = [
            Dossier(_text(d, "key"), _text(d, "title"), _text(d, "rijkswet"))
            for d in _objects(record, "dossiers")
        ]
        if not dossiers and record.get("dossier"):
            dossiers = [Dossier(_text(record, "dossier"), _text(record, "dossier_title"))]
        key = _text(record, "key")
        zaak_numbers = record.get("zaak_numbers") or []
        if not isinstance(zaak_numbers, list) or not all(isinstance(z, str) for z in zaak_numbers):
            raise _WrongType("'zaak_numbers' must be a list of texts")
        text = terminal_safe(_text(record, "text"))
        return Document(
            key=key,
            published_id=_text(record, "published_id", key),
            dossiers=dossiers,
            ondernummer=_text(record, "ondernummer"),
            kind=_text(record, "kind"),
            title=_text(record, "title"),
            subject=_text(record, "subject"),
            date=_text(record, "date"),
            vergaderjaar=_text(record, "vergaderjaar"),
            chamber=_text(record, "chamber"),
            signatories=[
                Signatory(_text(s, "name"), _text(s, "role"))
                for s in _objects(record, "signatories")
            ],
            text=text,
            citations=[
                Citation(
                    start=_offset(c, "start"),
                    end=_offset(c, "end"),
                    text=_text(c, "text"),
                    target=_text(c, "target"),
                    kind=_citation_kind(_text(c, "kind")),
                    date=_text(c, "date"),
                    title=_text(c, "title"),
                )
                for c in _objects(record, "citations")
            ],
            source_path=_text(record, "source_path", source),
            source_format=_text(record, "source_format", FORMAT),
            document_number=_text(record, "document_number"),
            zaak_numbers=list(zaak_numbers),
            metadata_only=bool(record.get("metadata_only")),
            questions=_questions(record, text),
            tables=_tables(record, text),
            attached_to=_text(record, "attached_to"),
            answered_in=_text(record, "answered_in"),
            answers_kamervragen=_text(record, "answers_kamervragen"),
        )
    except _WrongType as exc:
        raise LoadError(source, f"not a document record: {exc}") from None


def read_jsonl(lines: Iterable[str], source: str) -> list[Document]:
    """Every record in a JSON Lines text; a bad line fails the file, naming the line."""
    documents = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LoadError(f"{source}:{number}", f"invalid JSON: {exc.msg}") from None
        if not is_record(record):
            raise LoadError(f"{source}:{number}", "not a document record (needs 'key' and 'text')")
        try:
            document = document_from_record(record, source)
        except LoadError as exc:
            raise LoadError(f"{source}:{number}", exc.problem) from None
        for citation in document.citations:
            if not (0 <= citation.start <= citation.end <= len(document.text)):
                raise LoadError(f"{source}:{number}", f"citation span outside the text: {citation}")
        documents.append(document)
    return documents


def _citation_kind(value: str) -> CitationKind:
    """A citation's kind as the record gives it; one kamerlezer does not know is "document"."""
    return cast(CitationKind, value) if value in CITATION_KINDS else "document"
