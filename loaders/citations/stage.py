"""The citation stage: run once on every document a reader made from text, after detection
picked the reader, never by the readers themselves (as eyecite cleans, finds, resolves and
annotates in one pipeline). A reader gives the text and the citations its markup names
(``<extref>``); this stage adds those the text itself holds and, in a debate's report, marks
the moties moved in it."""

from __future__ import annotations

from dataclasses import replace

from loaders.citations.find import CitingDocument, find_citations, merge_citations
from loaders.debates import DEBATE_KINDS, mark_moved
from loaders.limits import CITATIONS_READ
from loaders.model import Document


def with_citations(document: Document) -> Document:
    """``document`` with the citations of its text merged into those of its markup. Its date,
    or else its vergaderjaar, gives "17 juni jl." its year; its dossier, "nr. 12" its
    dossier."""
    citing = CitingDocument.of(
        document.key, document.dossier_key, document.date, document.vergaderjaar
    )
    found = find_citations(document.text, citing, limit=CITATIONS_READ)
    citations = merge_citations(document.citations, found)
    if document.kind in DEBATE_KINDS:
        citations = mark_moved(document.text, citations)
    return replace(document, citations=citations)
