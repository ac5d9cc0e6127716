"""The pages the letter pane shows: a document, what is known of a ghost, the welcome page."""

from __future__ import annotations

from dataclasses import replace

from db.library import DocumentRow, Library, Stats
from db.meetings import MovedIn
from db.reading import Reading
from loaders.dates import format_dutch_date
from loaders.debates import DEBATE_KINDS, SPEECH_START
from loaders.kinds import is_voted_on
from loaders.labels import format_dossier, official_url, reference_label, standard_citation
from loaders.model import Document
from tui.commands import key_for
from tui.pages.footnotes import footnote_spans
from tui.pages.layout import Link, Page
from tui.text.labels import row_label
from tui.text.outcome import outcome_summary


def header_line(document: Document) -> str:
    """Key, kind, date, dossier: the line that stays above the text."""
    parts = [document.key]
    if document.kind:
        parts.append(document.kind)
    if document.date:
        parts.append(format_dutch_date(document.date))
    if document.dossiers:
        dossier = document.dossiers[0]
        parts.append(f"{format_dossier(dossier.key)} {dossier.title}".strip())
    return " · ".join(parts)


def document_page(reading: Reading) -> Page:
    """A loaded document: its title, how it ended and what replaces what (links), then its
    text with its citations as links."""
    if reading.is_ghost:
        return ghost_page(reading)
    document = reading.document
    header = [(document.title, "title")] if document.title else []
    above = Paragraphs()
    _add_story(above, reading)
    shift = len(above.text) + 2 if above.paragraphs else 0
    links = [
        replace(link, start=link.start + shift, end=link.end + shift)
        for link in map(Link.of, document.citations)
    ]
    links += [
        Link(start + shift, end + shift, "", to=to + shift, note=note)
        for start, end, to, note in footnote_spans(document.text)
    ]
    return Page(
        document.key,
        header,
        (above.text + "\n\n" if above.paragraphs else "") + document.text,
        above.links + links,
        reading.ghost_targets,
        head=header_line(document),
        styles=above.styles,
        speakers=[(start + shift, end + shift) for start, end in speaker_spans(document)],
        stop="question" if document.questions else "speech",
        tables=[replace(t, start=t.start + shift, end=t.end + shift) for t in document.tables],
        text_start=shift,
    )


def speaker_spans(document: Document) -> list[tuple[int, int]]:
    """In a debate, the speaker's name at the start of each speech ("De heer Van Baarle
    (DENK)"); in an Aanhangsel, each question's label ("Vraag 1"); nothing in any other
    document."""
    if document.questions:
        return [_label(document.text, q.start, q.end) for q in document.questions]
    if document.kind not in DEBATE_KINDS:
        return []
    spans = []
    offset = 0
    for paragraph in document.text.split("\n\n"):
        found = SPEECH_START.match(paragraph)
        if found:
            spans.append((offset, offset + found.end() - 2))  # without ": "
        offset += len(paragraph) + 2
    return spans


def _label(text: str, start: int, end: int) -> tuple[int, int]:
    """The first paragraph of a span: a question's label, "Vraag 1"."""
    cut = text.find("\n\n", start, end)
    return (start, cut if cut >= 0 else end)


def _add_story(page: Paragraphs, reading: Reading) -> None:
    """How the document ended, and the versions before and after it, each a link."""
    outcome = reading.outcome
    document = reading.document
    if outcome is not None:
        hint = f" · {key_for('votes')} shows the votes" if outcome.votes else ""
        page.add(outcome_summary(outcome) + hint, style="outcome")
    elif not reading.is_ghost and is_voted_on(document.kind):
        dossier = document.dossier_key or "DOSSIER"
        page.add(
            f"No vote known in this library · kamerlezer fetch {dossier} gets the decisions",
            style="note",
        )
    relations = reading.relations
    for moved in reading.moved_in:
        page.add(
            f"Moved in: {_debate_label(moved, reading.rows.get(moved.debate))}",
            moved.debate,
            style="note",
        )
    for label, keys in (
        ("Replaces", relations.replaces),
        ("Replaced by", relations.replaced_by),
        ("Changes", relations.changes),
        ("Changed by", relations.changed_by),
        ("Answers", relations.answers),
        ("Answered in", relations.answered_by),
        ("Bijlage van", relations.attached_to),
        ("Bijlage", relations.attachments),
        ("Postpones the answer to", relations.postpones),
        ("Answer postponed in", relations.postponed_by),
    ):
        for key in keys:
            line = f"{label}: {row_label(key, reading.rows.get(key))}"
            if key in relations.inferred:  # an inference, and why
                line += f" ({relations.inferred[key]})"
            page.add(line, key, style="note")


def _debate_label(moved: MovedIn, row: DocumentRow | None) -> str:
    """The agenda item, the meeting and its date: "Passend onderwijs · Handelingen II
    2024/25, nr. 103 · 2 juli 2025"."""
    meeting = reference_label(moved.debate)
    if meeting == moved.debate and row is not None:  # a committee's report: its own title
        meeting = row.title
    date = format_dutch_date(row.date) if row is not None else ""
    return " · ".join(part for part in (moved.item, meeting, date) if part)


class Paragraphs:
    """A page's text built paragraph by paragraph, some of them links."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.links: list[Link] = []
        self.styles: dict[int, str] = {}
        self._length = 0

    def add(self, text: str, target: str = "", style: str = "") -> None:
        offset = self._length + (2 if self.paragraphs else 0)
        self.paragraphs.append(text)
        self._length = offset + len(text)
        if target:
            self.links.append(Link(offset, offset + len(text), target))
        if style:
            self.styles[offset] = style

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def ghost_page(reading: Reading) -> Page:
    """A document that is cited (or only named) but not loaded: what the citing texts say,
    who cites it, and how to get it."""
    document = reading.document
    header = [(document.title, "title")] if document.title else []
    page = Paragraphs()
    source = "its metadata" if reading.described else "the citing text"
    if reading.described:
        page.add("Metadata only: the publisher's metadata describes it, its text is not here.")
    elif reading.cited_by:
        page.add("This document is cited, but its text is not in the library.")
    elif reading.relations.replaced_by or reading.relations.changed_by:
        page.add("A later version in the library names it, but its text is not here.")
    else:
        page.add("This document is not in the library, and no document here cites it.")
    if document.title:
        page.add(f"Title, as {source} gives it: «{document.title}»")
    if document.date:
        page.add(f"Date, as {source} gives it: {format_dutch_date(document.date)}")
    if document.subject:
        page.add(f"Subject: {document.subject}")
    if document.document_number:
        page.add(f"Tweede Kamer document number: {document.document_number}")
    _add_story(page, reading)
    page.add(f"Cited by ({len(reading.cited_by)}):")
    for key in reading.cited_by:
        page.add(row_label(key, reading.rows.get(key)), target=key)
    if document.key.startswith("kst-"):
        cited_as = standard_citation(document.key, document.vergaderjaar, document.chamber)
        page.add(f"Cite it as: {cited_as}")
    page.add(f"Press {key_for('fetch')} to fetch it from the official sources and read it here.")
    if official_url(document.key):
        shows = key_for("official_url")
        page.add(
            f"Or read it at its official address ({shows} shows and copies it), or load its file:"
        )
        page.add(f"  {official_url(document.key)}")
    else:
        page.add("Or load its file:")
    page.add("  kamerlezer load FILE")
    head = header_line(document) + (
        " · metadata only" if reading.described else " · not in the library"
    )
    return Page(
        document.key, header, page.text, page.links, is_ghost=True, head=head, styles=page.styles
    )


def welcome_page(library: Library, stats: Stats | None = None) -> Page:
    """What the letter pane shows before a document is open: how to start, and the newest
    documents to start from. Without ``stats`` (counting a large library takes a while, and
    the page is drawn first), it says how many once they are counted."""
    page = Paragraphs()
    if stats is None:
        page.add("This library: counting its documents …")
    else:
        page.add(
            f"This library holds {stats.documents} documents in {stats.dossiers} dossiers,"
            f" and knows of {stats.ghosts} more that they cite."
        )
    nxt, follow = key_for("next_citation"), key_for("follow")
    page.add(
        f"Open a document from the tree (Tab to it, then Enter) or from the list below ({nxt} to"
        f" it, then {follow}), or press {key_for('find')} and type a number (27925 919, 29 521"
        f" nr. 455) or a few words. In a document, {nxt} and {key_for('previous_citation')} go"
        f" from citation to citation and {follow} follows one; {key_for('go_back')} goes back."
        f" Press {key_for('help')} for every key."
    )
    page.add("Newest documents:")
    for row in library.rows.newest_documents(12):
        page.add(row_label(row.key, row), target=row.key)
    return Page("", [], page.text, page.links, head="kamerlezer")
