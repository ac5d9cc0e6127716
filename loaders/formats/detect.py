"""Which loader reads a file: decided by its content, not its name.

A Kamerstuk may arrive as ``download(3).xml``, ``document.txt`` or without an extension; the
first bytes say what it is.
"""

from __future__ import annotations

import json
import re

from lxml import etree

from loaders.citations.stage import with_citations
from loaders.errors import LoadError, UnknownFormat
from loaders.formats.handelingen_xml import read_handelingen_xml
from loaders.formats.jsonl import is_record, read_jsonl
from loaders.formats.kamervragen_xml import read_kamervragen_xml
from loaders.formats.kamerwrk_xml import read_kamerwrk_xml
from loaders.formats.koop_xml import read_koop_xml
from loaders.formats.metadata_xml import read_metadata_xml
from loaders.formats.owms_xml import ROOT as OWMS_ROOT
from loaders.formats.owms_xml import read_owms_xml
from loaders.formats.pdf_text import looks_like_pdf_text, read_pdf_text
from loaders.formats.tk_decisions import entity_of, read_decision_records, records_of
from loaders.formats.tk_odata import read_tk_odata
from loaders.formats.vlos_xml import ROOT as VLOS_ROOT
from loaders.formats.vlos_xml import read_vlos_xml
from loaders.formats.xml_text import tag_of
from loaders.model import Document, Record
from loaders.pipeline.sources import looks_binary
from loaders.safe_xml import parse_xml


def _read_official_publication(root: etree._Element, source: str) -> Document:
    """A Kamerstuk, an item of the Handelingen or an Aanhangsel: the same wrapper holds each."""
    tags = {tag_of(child) for child in root}
    if "handelingen" in tags:
        return read_handelingen_xml(root, source)
    if "kamervragen" in tags:
        return read_kamervragen_xml(root, source)
    return read_koop_xml(root, source)


_XML_READERS = {
    "officiele-publicatie": _read_official_publication,
    "kamerwrk": read_kamerwrk_xml,
    "metadata_gegevens": read_metadata_xml,
    OWMS_ROOT: read_owms_xml,
    VLOS_ROOT: read_vlos_xml,
}
# UTF-8 read as Latin-1 (or Windows-1252) and written again as UTF-8: the BOM as three
# characters, and the two-byte letters (ë, ö, é) and the typographic quotes as pairs of
# characters. In real Dutch text none of these pairs occurs.
_MOJIBAKE_BOM = b"\xc3\xaf\xc2\xbb\xc2\xbf"
_MOJIBAKE = re.compile(
    rb"\xc3[\x82\x83]\xc2[\x80-\xbf]|\xc3\xa2\xc2[\x80-\x9f]|\xc3\xa2\xe2\x82\xac"
)
_MOJIBAKE_LIMIT = 3


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as older Dutch files often are."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_document_bytes(data: bytes, source: str) -> list[Document]:
    """The documents (and metadata-only records) in one file's bytes."""
    return [record for record in read_records(data, source) if isinstance(record, Document)]


def read_records(data: bytes, source: str) -> list[Record]:
    """Every record in one file's bytes; LoadError naming ``source`` otherwise."""
    if not data.strip():
        raise LoadError(source, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16").encode("utf-8")
    if looks_binary(data):
        raise UnknownFormat(source, "binary file, not a document")
    _refuse_mojibake(data, source)
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        root = parse_xml(stripped, source)
        reader = _XML_READERS.get(tag_of(root))
        if reader is None:
            raise UnknownFormat(source, f"XML with root <{tag_of(root)}> is not a Kamerstuk format")
        document = reader(root, source)
        return [document if document.metadata_only else with_citations(document)]
    text = decode_text(data)
    if stripped.startswith((b"{", b"[")):
        return _read_json(text, source)
    if looks_like_pdf_text(text):
        return [with_citations(read_pdf_text(text, source))]
    raise UnknownFormat(source, "unknown format: not KOOP XML, metadata, JSON or Kamerstuk text")


def _refuse_mojibake(data: bytes, source: str) -> None:
    """A file whose text was decoded wrongly and saved again would load as garbage
    ("KrÃ¶ger"): refused, saying how to repair it."""
    head = data.lstrip(b" \t\r\n")
    if (
        head.startswith(_MOJIBAKE_BOM)
        or len(_MOJIBAKE.findall(data, 0, 1 << 20)) >= _MOJIBAKE_LIMIT
    ):
        raise LoadError(
            source,
            'its text is doubly encoded (UTF-8 read as Latin-1 and saved again: "KrÃ¶ger")'
            " and would load as garbage; repair it first, e.g. in Python"
            " text.encode('latin-1').decode('utf-8')",
        )


def _read_json(text: str, source: str) -> list[Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return _read_json_lines(text, source)
    if is_record(data):
        return list(read_jsonl([text.replace("\n", " ")], source))
    if _is_open_data(data):
        return _read_open_data(records_of(data), source)
    raise UnknownFormat(source, "JSON that is neither document records nor Tweede Kamer open data")


def _read_json_lines(text: str, source: str) -> list[Record]:
    """One record a line: documents (what ``export --jsonl`` writes) or open data."""
    first = text.lstrip().split("\n", 1)[0]
    try:
        head = json.loads(first)
    except json.JSONDecodeError as exc:
        raise LoadError(source, f"invalid JSON (line {exc.lineno}): {exc.msg}") from None
    if entity_of(head) is not None:
        return _read_open_data(_json_lines(text, source), source)
    if not is_record(head):
        raise UnknownFormat(source, "JSON Lines of neither document records nor open data")
    return list(read_jsonl(text.splitlines(), source))


def _is_open_data(data: object) -> bool:
    """A page, list or record of Tweede Kamer open data (an empty page too)."""
    if isinstance(data, dict) and "@odata.context" in data and isinstance(data.get("value"), list):
        return True
    records = records_of(data)
    return bool(records) and entity_of(records[0]) is not None


def _json_lines(text: str, source: str) -> list[object]:
    """One open-data record a line; a line that is not one fails the file, naming it."""
    records: list[object] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LoadError(source, f"line {number}: invalid JSON ({exc.msg})") from None
        if entity_of(record) is None:
            raise LoadError(source, f"line {number}: not a Tweede Kamer open-data record")
        records.append(record)
    return records


def _read_open_data(records: list[object], source: str) -> list[Record]:
    """The documents' metadata and the decisions and votes in open-data records."""
    found: list[Record] = list(read_tk_odata(records, source))
    found.extend(read_decision_records(records, source))
    return found
