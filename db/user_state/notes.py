"""Notes: what you write on a place in a document, kept with the place (an offset of the
document's text) and exported with the document's citation, for a memo. A note being written
is a draft, saved as it is typed: a crash loses none of it, and the next note on the same
document begins with it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from db.library import Library
from db.user_state import StateError, UserState, now
from loaders.folding import fold
from loaders.labels import standard_citation


@dataclass(frozen=True)
class Note:
    id: int
    key: str
    offset: int
    text: str
    made: str  # UTC, ISO 8601
    changed: str

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "key": self.key,
            "offset": self.offset,
            "text": self.text,
            "made": self.made,
            "changed": self.changed,
        }


def add_note(state: UserState, key: str, offset: int, text: str) -> Note:
    made = now()
    cursor = state.conn.execute(
        "INSERT INTO notes (key, offset, text, made, changed) VALUES (?, ?, ?, ?, ?)",
        (key, max(0, offset), text, made, made),
    )
    return Note(int(cursor.lastrowid or 0), key, max(0, offset), text, made, made)


def notes_of(state: UserState, key: str | None = None) -> list[Note]:
    """The notes (not drafts) on ``key``, in the order of the text; every note without it,
    by document and place."""
    where, parameters = ("AND key = ?", (key,)) if key else ("", ())
    rows = state.conn.execute(
        f"SELECT id, key, offset, text, made, changed FROM notes WHERE draft = 0 {where}"
        " ORDER BY key, offset, id",
        parameters,
    )
    return [Note(int(i), str(k), int(o), str(t), str(m), str(c)) for i, k, o, t, m, c in rows]


def remove_note(state: UserState, note_id: int) -> bool:
    return state.conn.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount > 0


def keep_draft(state: UserState, key: str, offset: int, text: str) -> None:
    """The note being written on ``key``, as it is now (one draft a document)."""
    when = now()
    with state.conn:
        state.conn.execute("BEGIN")
        state.conn.execute("DELETE FROM notes WHERE draft = 1 AND key = ?", (key,))
        if text.strip():
            state.conn.execute(
                "INSERT INTO notes (key, offset, text, made, changed, draft)"
                " VALUES (?, ?, ?, ?, ?, 1)",
                (key, max(0, offset), text, when, when),
            )


def draft_of(state: UserState, key: str) -> Note | None:
    row = state.conn.execute(
        "SELECT id, key, offset, text, made, changed FROM notes WHERE draft = 1 AND key = ?",
        (key,),
    ).fetchone()
    if row is None:
        return None
    return Note(int(row[0]), str(row[1]), int(row[2]), str(row[3]), str(row[4]), str(row[5]))


def drop_draft(state: UserState, key: str) -> None:
    state.conn.execute("DELETE FROM notes WHERE draft = 1 AND key = ?", (key,))


@dataclass(frozen=True)
class CitedNote:
    """A note as a memo quotes it: with the document's citation, and the words it is on."""

    note: Note
    citation: str
    title: str
    dossier: str
    paragraph: int  # the paragraph of the text it is on, counted from 1
    line: int  # the line of the stored text it is on, counted from 1
    quote: str  # the first words of that paragraph, "…" where it goes on

    def to_dict(self) -> dict[str, object]:
        return {
            **self.note.to_dict(),
            "citation": self.citation,
            "title": self.title,
            "dossier": self.dossier,
            "paragraph": self.paragraph,
            "line": self.line,
            "quote": self.quote,
        }


def cited_notes(state: UserState, library: Library, dossier: str = "") -> list[CitedNote]:
    """Every note with what a memo needs of its document; ``dossier``: only that dossier's.
    A note on a document no longer in the library keeps its key, without a citation."""
    notes = notes_of(state)
    if dossier:  # first, so that only these documents' texts are read
        inside = {
            str(row[0])
            for row in library.conn.execute(
                "SELECT document FROM document_dossiers WHERE dossier = ?", (dossier,)
            )
        }
        notes = [note for note in notes if note.key in inside]
    keys = sorted({note.key for note in notes})
    rows = {
        str(row[0]): row
        for row in library.conn.execute(
            "SELECT key, vergaderjaar, chamber, title, subject, dossier, text FROM documents"
            " WHERE key IN (SELECT value FROM json_each(?))",
            (json.dumps(keys),),
        )
    }
    cited = []
    for note in notes:
        row = rows.get(note.key)
        text = str(row[6] or "") if row else ""
        before = text[: note.offset]
        start = before.rfind("\n\n") + 2 if "\n\n" in before else 0
        end = text.find("\n\n", note.offset)
        paragraph = text[start : end if end >= 0 else len(text)]
        cited.append(
            CitedNote(
                note,
                standard_citation(note.key, str(row[1] or ""), str(row[2] or "")) if row else "",
                str(row[4] or row[3] or "") if row else "",
                str(row[5] or "") if row else "",
                before.count("\n\n") + 1,
                before.count("\n") + 1,
                _first_words(paragraph),
            )
        )
    return cited


QUOTED_WORDS = 24


def _first_words(paragraph: str) -> str:
    """The paragraph's first QUOTED_WORDS words, with "…" where it goes on."""
    words = paragraph.split()
    return " ".join(words[:QUOTED_WORDS]) + ("…" if len(words) > QUOTED_WORDS else "")


def notes_matching(library: Library, words: list[str]) -> list[Note]:
    """Your notes on ``library`` that hold every one of ``words``, each where a word of the
    note begins with it, by document and place. Read from the state file each time (a note
    written meanwhile counts); no state file, no notes."""
    patterns = [re.compile(r"(?<!\w)" + re.escape(fold(word))) for word in words]
    if not patterns:
        return []
    try:
        with UserState.open(library) as state:
            notes = notes_of(state)
    except StateError:
        return []
    return [note for note in notes if all(p.search(fold(note.text)) for p in patterns)]


def notes_holding(library: Library) -> Callable[[list[str]], list[str]]:
    """For note:… in a search: the documents whose notes hold all the words."""

    def holding(words: list[str]) -> list[str]:
        return sorted({note.key for note in notes_matching(library, words)})

    return holding
