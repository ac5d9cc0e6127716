"""Kamerstukken as plain text extracted from their published PDF.

PDF text is the least structured source: hard line breaks, line-break hyphenation, running
page headers and page numbers. This loader reads the printed header (dossier and title,
"Nr. 455 BRIEF VAN ...", addressee, place and date), removes the page furniture, undoes the
hyphenation without touching real hyphens, and reflows paragraphs.
"""

from __future__ import annotations

import re

from loaders.chambers import EERSTE_KAMER, TWEEDE_KAMER
from loaders.dates import PLACE_AND_DATE, parse_dutch_date
from loaders.errors import LoadError
from loaders.formats.xml_text import clean_text, signatory_role
from loaders.ids import dossier_key, kst_key, normalize_vergaderjaar, vergaderjaar_of
from loaders.kinds import kind_from_title
from loaders.model import Document, Dossier, Signatory
from loaders.sanitize import terminal_safe
from loaders.subject import subject_from_text

FORMAT = "pdf-text"

_DOSSIER_LINE = re.compile(
    r"^\s*(?P<number>\d{1,2} ?\d{3})(?:[ -](?P<suffix>[IVXLC]+B?|[A-Z]|\d{1,3})(?= ))?"
    r"(?: \((?P<rijkswet>R ?\d+)\))?\s+(?P<title>\S.*)$"
)
_NR_LINE = re.compile(r"^\s*Nr\.\s+(?P<nr>\d+[a-z]?|[A-Z]{1,2})\b\s*(?P<title>.*)$")
_RUNNING_HEADER = re.compile(
    r"^\s*(?:Tweede|Eerste) Kamer, vergaderjaar (?P<vj>\d{4}\s*[–-]\s*\d{4}),"
    r" .*nr\. \S+(?:\s+\d+)?\s*$",
    re.I,
)
_FURNITURE = [
    re.compile(r"^\s*\d{1,4}\s*$"),  # page number alone on a line
    re.compile(r"^\s*(?:Tweede|Eerste) Kamer der Staten-Generaal\s*\d?\s*$"),
    re.compile(r"^\s*Vergaderjaar \d{4}\s*[–-]\s*\d{4}\s*$"),
    re.compile(r"^\s*kst-\S+\s+ISSN\b.*$", re.I),
    re.compile(r"^\s*ISSN \d{4}\s*-?\s*\d{4}.*$"),
    re.compile(r"^\s*'?’?s-Gravenhage \d{4}\s*$"),
]
_SENTENCE_END = re.compile(r"[.:;!?)»]\s*$")
_SIGNATURE_ROLE = re.compile(
    r"^De (?:Minister|Staatssecretaris|Minister-President|minister|staatssecretaris|"
    r"Voorzitter|voorzitter|Griffier|griffier)\b.*,$"
)


def looks_like_pdf_text(text: str) -> bool:
    """A printed Kamerstuk header: a dossier line, then "Nr. ..." within the first lines."""
    lines = [line for line in text.splitlines()[:60] if line.strip()]
    lines = [line for line in lines if not _is_furniture(line)]
    for index, line in enumerate(lines[:12]):
        if _DOSSIER_LINE.match(line):
            return any(_NR_LINE.match(other) for other in lines[index + 1 : index + 8])
    return False


def _is_furniture(line: str) -> bool:
    return bool(_RUNNING_HEADER.match(line)) or any(p.match(line) for p in _FURNITURE)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Lines grouped into paragraphs: a blank line ends one, and so does a line that starts
    indented after a line that ends a sentence (how PDF text marks a new paragraph)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip():
            if current:
                blocks.append(current)
            current = []
            continue
        if current and line[:1].isspace() and _SENTENCE_END.search(current[-1]):
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def reflow(lines: list[str]) -> str:
    """One paragraph from hard-broken lines, undoing line-break hyphenation only.

    "veiligheidsinsti-" + "tuties" is one word; "NAVO-" + "missie", "100-" + "brief" keep
    their hyphen (no lowercase letter before it); "zorg- " + "en" keeps hyphen and space.
    """
    out = ""
    for raw in lines:
        line = raw.rstrip("\r\n")
        piece = line.strip()
        if not out:
            out = piece
        elif out.endswith("-") and not out.endswith(" -") and piece:
            # A lowercase letter on both sides: hyphenation, the word was split by the line
            # break. Otherwise a real hyphen at the line end (NAVO-missie, 100-brief).
            split_word = out[-2:-1].islower() and piece[:1].islower()
            out = (out[:-1] if split_word else out) + piece
        else:
            out = f"{out} {piece}"
        if line.endswith((" ", "\t")) and out.endswith("-"):
            out += " "  # "zorg- " stays a suspended hyphen
    return clean_text(out).strip()


def read_pdf_text(text: str, source: str) -> Document:
    """One ``Document`` from text extracted from a Kamerstuk's PDF."""
    text = terminal_safe(text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n"))
    vergaderjaar = ""
    lines: list[str] = []
    for line in text.split("\n"):
        header = _RUNNING_HEADER.match(line)
        if header:
            vergaderjaar = vergaderjaar or normalize_vergaderjaar(header["vj"])
            continue
        if _is_furniture(line):
            continue
        lines.append(line)
    blocks = _blocks(lines)
    if not blocks:
        raise LoadError(source, "empty text")

    dossier_match = _DOSSIER_LINE.match(" ".join(line.strip() for line in blocks[0]))
    index = 1
    if dossier_match is None:
        raise LoadError(source, "no dossier header line (like '29 521 Nederlandse deelname ...')")
    dossier_title = dossier_match["title"].strip()
    nr_match = _NR_LINE.match(dossier_title)
    if nr_match is None:  # the title of the dossier may run on; "Nr." starts its own block
        while index < len(blocks) and not _NR_LINE.match(blocks[index][0]):
            dossier_title += " " + reflow(blocks[index])
            index += 1
        if index == len(blocks):
            raise LoadError(source, "no 'Nr. ...' line with the document number")
        nr_match = _NR_LINE.match(reflow(blocks[index]))
        index += 1
    assert nr_match is not None
    dossier = Dossier(
        dossier_key(dossier_match["number"], dossier_match["suffix"] or ""),
        clean_text(dossier_title).strip(),
        (dossier_match["rijkswet"] or "").replace("R", "R ").replace("  ", " "),
    )
    ondernummer = nr_match["nr"]
    title = clean_text(nr_match["title"]).strip()

    paragraphs: list[str] = []
    signatories: list[Signatory] = []
    date = None
    for block in blocks[index:]:
        if len(block) >= 2 and _SIGNATURE_ROLE.match(block[0].strip()):
            role = signatory_role(block[0])
            name = reflow(block[1:])
            signatories.append(Signatory(name=name, role=role))
            paragraphs.extend([block[0].strip(), name])
            continue
        paragraph = reflow(block)
        if date is None and PLACE_AND_DATE.match(paragraph):
            date = parse_dutch_date(paragraph)
        paragraphs.append(paragraph)
    body = "\n\n".join(p for p in paragraphs if p)

    if date is not None and not vergaderjaar:
        vergaderjaar = vergaderjaar_of(date)
    kind = kind_from_title(title)
    eerste = ondernummer.isalpha() or "Aan de Voorzitter van de Eerste Kamer" in body[:300]
    chamber = (EERSTE_KAMER if eerste else TWEEDE_KAMER).name
    key = kst_key(dossier.key, ondernummer)
    return Document(
        key=key,
        published_id=key,
        dossiers=[dossier],
        ondernummer=ondernummer,
        kind=kind,
        title=title,
        subject=subject_from_text(body, kind, dossier.title, title, signatories),
        date=date.isoformat() if date else "",
        vergaderjaar=vergaderjaar,
        chamber=chamber,
        signatories=signatories,
        text=body,
        source_path=source,
        source_format=FORMAT,
    )
