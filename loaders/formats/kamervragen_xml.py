"""An Aanhangsel van de Handelingen in KOOP XML (``<officiele-publicatie><kamervragen>``): the
written questions of members of the Kamer with the government's answers, one publication for
each set. It loads as a document of kind ``antwoord`` whose text pairs every question with its
answer; the questions' and answers' spans are kept (``Document.questions``), the members who
asked and the minister who answered are signatories with roles of their own."""

from __future__ import annotations

from lxml import etree

from loaders.chambers import chamber_name
from loaders.errors import LoadError
from loaders.formats.koop_xml import children_by_tag, embedded_metadata, published_id_from_metadata
from loaders.formats.xml_text import TextBuilder, clean_text, tag_of
from loaders.ids import canonical_key, normalize_vergaderjaar
from loaders.model import ANSWERED, ASKED, Document, Question, Signatory
from loaders.safe_xml import text_pieces

FORMAT = "koop-kamervragen-xml"
KIND = "antwoord"


def _text(element: etree._Element | None) -> str:
    return clean_text(" ".join(text_pieces(element))).strip() if element is not None else ""


def _names(element: etree._Element) -> list[str]:
    """The people an omschrijving names: "Romke de Jong" from <voornaam> and <achternaam>."""
    return [_text(naam) for naam in element.iter("naam") if _text(naam)]


def _date(element: etree._Element) -> str:
    found = element.find(".//datum")
    return (found.get("isodatum") or "")[:10] if found is not None else ""


def read_kamervragen_xml(root: etree._Element, source: str) -> Document:
    """One ``Document`` from a parsed ``<officiele-publicatie>`` holding ``<kamervragen>``."""
    top = children_by_tag(root)
    kamervragen = top.get("kamervragen")
    if kamervragen is None:
        raise LoadError(source, "officiele-publicatie without <kamervragen>")
    parts = children_by_tag(kamervragen)
    header = {el.get("inhoud"): _text(el) for el in parts.get("kamervraagkop", ())}
    vergaderjaar = normalize_vergaderjaar(header.get("vergaderjaar", ""))
    chamber = chamber_name(number=header.get("kamernummer", ""))
    number = _text(parts.get("kamervraagnummer"))
    published_id = published_id_from_metadata(embedded_metadata(top.get("metadata")))
    key = canonical_key(published_id) if published_id else None
    if key is None and vergaderjaar and number.isdigit():
        house = "ek" if chamber == "Eerste Kamer" else "tk"
        key = f"ah-{house}-{vergaderjaar.replace('-', '')}-{int(number)}"
    if not key:
        raise LoadError(source, "no document id: neither metadata nor vergaderjaar and number")

    builder = TextBuilder()
    signatories: list[Signatory] = []
    asked = answered = subject = ""
    questions: list[tuple[str, int, int]] = []  # number, first and last paragraph + 1
    answers: dict[str, tuple[int, int]] = {}
    for child in kamervragen:
        tag = tag_of(child)
        if tag == "kamervraagomschrijving":
            kind = child.get("type") or ""
            if kind == "vraag":
                signatories += [Signatory(name, ASKED) for name in _names(child)]
                asked = _date(child)
                subject = _text(child.find(".//kamervraagonderwerp")) or subject
            elif kind == "antwoord":
                signatories += [Signatory(name, ANSWERED) for name in _names(child)]
                answered = _date(child)
            builder.paragraph(child)
        elif tag in ("vraag", "antwoord"):
            label = _text(child.find("nr"))
            own = label.split()[-1] if label.split() else str(len(questions) + 1)
            first = len(builder.paragraphs)
            if label:
                builder.paragraphs.append((label, []))
            for part in child:
                if tag_of(part) != "nr":
                    builder.block(part)
            if tag == "vraag":
                questions.append((own, first, len(builder.paragraphs)))
            else:
                answers[own] = (first, len(builder.paragraphs))
        elif tag not in ("kamervraagkop", "kamervraagnummer"):
            builder.block(child)  # a mededeling, a footnote: text as it stands
    starts = [0]
    for paragraph, _ in builder.paragraphs:
        starts.append(starts[-1] + len(paragraph) + 2)
    text, marked = builder.finish()

    def span(first: int, last: int) -> tuple[int, int]:
        return (starts[first], starts[last] - 2) if last > first else (starts[first], starts[first])

    spans = []
    for own, first, last in questions:
        start, end = span(first, last)
        answer = span(*answers[own]) if own in answers else (end, end)
        spans.append(Question(own, start, end, *answer))
    return Document(
        key=key,
        published_id=published_id or key,
        ondernummer=number,
        kind=KIND,
        title=_title([s.name for s in signatories if s.role == ASKED], subject),
        subject=subject,
        date=answered or asked,
        vergaderjaar=vergaderjaar,
        chamber=chamber,
        signatories=signatories,
        text=text,
        citations=marked,
        tables=builder.tables,
        source_path=source,
        source_format=FORMAT,
        questions=spans,
    )


def _title(askers: list[str], subject: str) -> str:
    """As the Kamer titles an answer: "Antwoord op vragen van de leden Van Weyenberg, Romke de
    Jong en Kat over de TOZO"."""
    if not askers:
        who = "vragen"
    elif len(askers) == 1:
        who = f"vragen van het lid {askers[0]}"
    else:
        who = f"vragen van de leden {', '.join(askers[:-1])} en {askers[-1]}"
    return f"Antwoord op {who}" + (f" over {subject}" if subject else "")
