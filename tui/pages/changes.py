"""A new version's text with what it changed marked (``d``): the marks as ``kamerlezer diff``
writes them, so that they read without colour, each one a hit that n and N go to."""

from __future__ import annotations

from loaders.labels import reference_label
from loaders.model import Document
from loaders.word_diff import MARKS, pieces, word_changes
from tui.commands import key_for
from tui.pages.layout import Page


def changes_help() -> str:
    """The keys of the changes' page, as bound: "n / N: from change to change · d: …"."""
    steps = f"{key_for('next_hit')} / {key_for('previous_hit')}"
    return f"{steps}: from change to change · {key_for('changes')}: the text again"


def changes_page(old: Document, new: Document) -> tuple[Page, list[tuple[int, int]], int]:
    """The page, the spans of its changes (a span a mark), and how many changes there are."""
    changes = word_changes(old.text, new.text)
    noun = "change" if len(changes) == 1 else "changes"
    said = f"{len(changes)} {noun} against {reference_label(old.key)} · {changes_help()}"
    text = said + "\n\n"
    spans: list[tuple[int, int]] = []
    for piece, kind in pieces(old.text, new.text, changes):
        start, end = MARKS[kind]
        if kind != "same":
            spans.append((len(text), len(text) + len(start + piece + end)))
        text += start + piece + end
    head = f"{new.key} · changes against {reference_label(old.key)}"
    page = Page(new.key, [(new.title, "title")], text, head=head, styles={0: "outcome"})
    return page, spans, len(changes)
