"""A document cited as a memo or a reference manager needs it: the text the Leidraad voor
juridische auteurs gives ("Kamerstukken II 2022/23, 29 521, nr. 455"), CSL-JSON, BibTeX and
RIS, which Zotero and its kin import. One entry per document, its publication id as its id.

Only what the document says is written: the signatories as its authors (each name whole, as
published: "Stephan van Baarle" is not split into given and family names), its date, its
official address. A document known only from citations says so in its note."""

from __future__ import annotations

import json
import re

from loaders.chambers import EERSTE_KAMER, TWEEDE_KAMER
from loaders.labels import official_url, standard_citation
from loaders.model import Document

FORMATS = ("text", "csl-json", "bibtex", "ris")

_CITED_ONLY = "not in the library: known only from the documents that cite it"


def citation_text(document: Document) -> str:
    return standard_citation(document.key, document.vergaderjaar, document.chamber)


def _publisher(document: Document) -> str:
    """The chamber that published it, as its citation reads it ("Kamerstukken I": the
    Eerste Kamer, also where the document does not name its chamber)."""
    eerste = EERSTE_KAMER.roman in citation_text(document).split()[:3]
    chamber = EERSTE_KAMER if eerste else TWEEDE_KAMER
    return f"{chamber.name} der Staten-Generaal"


def _authors(document: Document) -> list[str]:
    return [s.name for s in document.signatories if s.name]


def _note(document: Document) -> str:
    note = f"publication {document.published_id or document.key}"
    return f"{note}; {_CITED_ONLY}" if document.ghost else note


def csl_item(document: Document) -> dict[str, object]:
    """The document as a CSL-JSON item (type "document": a parliamentary paper)."""
    item: dict[str, object] = {
        "id": document.key,
        "type": "document",
        "title": document.subject or document.title or citation_text(document),
        "number": citation_text(document),
        "publisher": _publisher(document),
        "note": _note(document),
    }
    if document.kind:
        item["genre"] = document.kind
    authors = _authors(document)
    if authors:
        item["author"] = [{"literal": name} for name in authors]
    parts = [int(part) for part in document.date.split("-") if part.isdigit()]
    if parts:
        item["issued"] = {"date-parts": [parts]}
    url = official_url(document.key)
    if url:
        item["URL"] = url
    return item


def csl_json(documents: list[Document]) -> str:
    return json.dumps([csl_item(d) for d in documents], ensure_ascii=False, indent=2)


_BIBTEX_SPECIAL = re.compile(r"([{}%&#$_\\^~])")
_BIBTEX_WRITTEN = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def _bibtex_value(text: str) -> str:
    """``text`` as a BibTeX field's value: its special characters escaped, on one line."""
    one_line = " ".join(text.split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_WRITTEN.get(m[1], "\\" + m[1]), one_line)


def bibtex_entry(document: Document) -> str:
    fields = [
        ("title", document.subject or document.title or citation_text(document)),
        ("howpublished", citation_text(document)),
        ("publisher", _publisher(document)),
        ("note", _note(document)),
    ]
    authors = _authors(document)
    if authors:  # each name whole, in braces: BibTeX would split "van Baarle"
        fields.insert(1, ("author", " and ".join("{" + _bibtex_value(a) + "}" for a in authors)))
    if document.date[:4].isdigit():
        fields += [("year", document.date[:4]), ("date", document.date)]
    url = official_url(document.key)
    if url:
        fields.append(("url", url))
    lines = [f"@misc{{{document.key},"]
    for name, value in fields:
        shown = value if name == "author" else _bibtex_value(value)
        lines.append(f"  {name} = {{{shown}}},")
    lines.append("}")
    return "\n".join(lines)


def bibtex(documents: list[Document]) -> str:
    return "\n\n".join(bibtex_entry(d) for d in documents)


def ris_entry(document: Document) -> str:
    """The document as a RIS record (TY GOVDOC: a government document)."""
    lines = [("TY", "GOVDOC"), ("ID", document.key)]
    lines.append(("TI", document.subject or document.title or citation_text(document)))
    lines += [("AU", name) for name in _authors(document)]
    if document.date[:4].isdigit():
        lines += [("PY", document.date[:4]), ("DA", document.date.replace("-", "/"))]
    lines += [("PB", _publisher(document)), ("M1", citation_text(document))]
    url = official_url(document.key)
    if url:
        lines.append(("UR", url))
    lines += [("N1", _note(document)), ("ER", "")]
    return "\n".join(f"{tag}  - {' '.join(value.split())}".rstrip() for tag, value in lines)


def ris(documents: list[Document]) -> str:
    return "\n\n".join(ris_entry(d) for d in documents)


def cited(documents: list[Document], form: str) -> str:
    """The documents cited in ``form`` (one of FORMATS)."""
    if form == "csl-json":
        return csl_json(documents)
    if form == "bibtex":
        return bibtex(documents)
    if form == "ris":
        return ris(documents)
    return "\n".join(citation_text(d) for d in documents)
