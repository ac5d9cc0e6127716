"""The pages the letter pane shows: a document, or what is known of a ghost."""

from __future__ import annotations

from db.library import Library
from loaders.dates import format_dutch_date
from loaders.ids import format_dossier, official_url, standard_citation
from loaders.model import Citation, Document
from tui.page import Page


def header_line(document: Document) -> str:
    parts = [document.key]
    if document.kind:
        parts.append(document.kind)
    if document.date:
        parts.append(format_dutch_date(document.date))
    if document.dossiers:
        dossier = document.dossiers[0]
        parts.append(f"{format_dossier(dossier.key)} {dossier.title}".strip())
    return " · ".join(parts)


def document_page(document: Document, library: Library) -> Page:
    """A loaded document: header, title, its text with its citations as links."""
    if document.metadata_only:
        return ghost_page(document, library)
    header = [(header_line(document), "header")]
    if document.title:
        header.append((document.title, "title"))
    rows = library.get_rows([c.target for c in document.citations])
    ghosts = frozenset(
        c.target for c in document.citations if c.target not in rows or rows[c.target].ghost
    )
    return Page(document.key, header, document.text, document.citations, ghosts)


def ghost_page(document: Document, library: Library) -> Page:
    """A document that is cited but not loaded: what the citing texts say, who cites it, and
    how to get it."""
    header = [(header_line(document) + " · not in the library", "header")]
    if document.title:
        header.append((document.title, "title"))
    paragraphs: list[str] = []
    links: list[Citation] = []

    def add(text: str, link: str = "") -> None:
        offset = sum(len(p) + 2 for p in paragraphs)
        paragraphs.append(text)
        if link:
            links.append(Citation(offset, offset + len(text), text, link, "kamerstuk"))

    citing = library.cited_by(document.key)
    if citing:
        add("This document is cited, but its text is not in the library.")
    else:
        add("This document is not in the library, and no document here cites it.")
    known = []
    if document.title:
        known.append(f"Title, as the citing text gives it: «{document.title}»")
    if document.date:
        known.append(f"Date, as the citing text gives it: {format_dutch_date(document.date)}")
    if document.subject:
        known.append(f"Subject: {document.subject}")
    if document.document_number:
        known.append(f"Tweede Kamer document number: {document.document_number}")
    for line in known:
        add(line)
    add(f"Cited by ({len(citing)}):")
    for key in citing:
        row = library.get_row(key)
        label = (
            key
            if row is None
            else " · ".join(
                part
                for part in (key, row.kind, format_dutch_date(row.date), row.subject or row.title)
                if part
            )
        )
        add(label, link=key)
    if document.key.startswith("kst-"):
        cited_as = standard_citation(document.key, document.vergaderjaar, document.chamber)
        add(f"Cite it as: {cited_as}")
    add("Press F to fetch it from the official sources and read it here.")
    add(f"Or read it at {official_url(document.key)}, or load its file: kamerlezer load FILE")
    return Page(document.key, header, "\n\n".join(paragraphs), links, frozenset(), is_ghost=True)


def welcome_page(library: Library) -> Page:
    """What the letter pane shows before a document is open: how to start, and the newest
    documents to start from."""
    stats = library.stats()
    paragraphs = [
        f"This library holds {stats.documents} documents in {stats.dossiers} dossiers, and "
        f"knows of {stats.ghosts} more that they cite.",
        "Open a document from the tree (Enter), or press f and type a number "
        "(27925 919, 29 521 nr. 455) or a few words. In a document, ] and [ go from citation "
        "to citation and Enter follows one; Backspace goes back. Press ? for every key.",
        "Newest documents:",
    ]
    links: list[Citation] = []
    for row in library.newest_documents(12):
        label = " · ".join(
            p
            for p in (row.key, row.kind, format_dutch_date(row.date), row.subject or row.title)
            if p
        )
        offset = sum(len(p) + 2 for p in paragraphs)
        paragraphs.append(label)
        links.append(Citation(offset, offset + len(label), label, row.key, "kamerstuk"))
    return Page("", [("kamerlezer", "title")], "\n\n".join(paragraphs), links)
