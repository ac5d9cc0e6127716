"""The line under the letter: where the reader is (the citation under the cursor, the search
hit), and what is going on (a fetch). One owner, named messages.

What the reader does sets the context line; a fetch, while it runs, is shown over it and
gives it back when it ends. A line too long for the pane ends in an ellipsis.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from db.rows import DocumentRow
from loaders.ids import parse_dossier
from loaders.labels import reference_label
from loaders.sanitize import terminal_safe
from tui.commands import key_for
from tui.pages.layout import Link
from tui.text.labels import checked_mark, row_label


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self._where: Text = Text()
        self._activity: Text | None = None

    # -- where the reader is ------------------------------------------------------------------
    def link(
        self,
        link: Link | None,
        rows: dict[str, DocumentRow],
        is_ghost: bool,
        number: int,
        count: int,
    ) -> None:
        """The link under the cursor, what counts first (a narrow pane cuts the end): "2/4 →
        27 925, nr. 919 · not in the library · Enter follows · «title»"; ``rows`` tell what
        the targets in the library are."""
        if link is None:
            self.clear()
            return
        if link.to >= 0:  # a footnote's mark, or a note's number
            if link.note:
                parts = [
                    f"{number}/{count} → footnote",
                    f"{key_for('follow')} goes to it",
                    link.note,
                ]
            else:
                parts = [f"{number}/{count} → back to the text", f"{key_for('follow')} goes there"]
            self._set(" · ".join(parts))
            return
        parts = [f"{number}/{count} → {reference_label(link.target)}"]
        if link.verdict and link.verdict != "ok":  # in a checked text: why, before all else
            # ✗ wrong, ? cannot tell: the mark's colour said which; the words say why.
            said = f"{checked_mark(link.verdict)} {link.verdict.removeprefix('mismatch: ')}"
            said += f": {link.reason}" if link.reason else ""
            parts = [f"{number}/{count} {said}", f"→ {reference_label(link.target)}"]
        elif link.verdict:
            parts.append("checked: ok")
        if link.citation is None:  # an entry of a list
            parts.append(f"{key_for('follow')} opens")
        elif parse_dossier(link.target) == link.target:
            parts += ["dossier", f"{key_for('follow')} opens it"]
        elif is_ghost:
            parts += ["not in the library", f"{key_for('follow')} follows"]
            if link.citation.title:
                parts.append(f"«{link.citation.title}»")
        else:
            row = rows.get(link.target)
            parts += [
                row_label(link.target, row).partition(" · ")[2],
                f"{key_for('follow')} follows",
            ]
        self._set(" · ".join(p for p in parts if p))

    def hits(self, found: int, current: int | None, then: str = "n/N next/previous") -> None:
        """Search hits in the letter: "hit 3 of 7 · n/N next/previous"."""
        if not found:
            self._set("nothing found")
        elif current is None:
            self._set(f"{found} found · {then}")
        else:
            self._set(f"hit {current + 1} of {found} · {then}")

    def speech(
        self, index: int | None, count: int, who: str, forward: bool, stop: str = "speech"
    ) -> None:
        """Where a step between speeches (or an Aanhangsel's questions) arrived: "speech 4 of
        83 · De heer Soepboer (NSC) · } / { next/previous"; with no ``index``, that there was
        none that way."""
        if not count:
            self._set(
                "no speeches here: } and { step between the speeches of a debate"
                " and the questions of kamervragen"
            )
        elif index is None:
            where = "after" if forward else "before"
            self._set(f"no {stop} {where} this one · {count} {stop}s · }} / {{ next/previous")
        elif stop == "question":
            self._set(f"question {index + 1} of {count} · }} / {{ next/previous")
        else:
            self._set(f"speech {index + 1} of {count} · {who} · }} / {{ next/previous")

    def address(self, url: str) -> None:
        """The official address, whole, as a link a terminal can open."""
        self._where = Text(url, style="underline")
        self._show()

    def say(self, message: str) -> None:
        self._set(message)

    def clear(self) -> None:
        self._set("")

    # -- what is going on ---------------------------------------------------------------------
    def activity(self, message: str | None) -> None:
        """A fetch's progress over the context line, or (None) the context again."""
        self._activity = Text(terminal_safe(message)) if message else None
        self._show()

    @property
    def shown(self) -> str:
        """The line as it reads now."""
        return (self._activity or self._where).plain

    def _set(self, message: str) -> None:
        self._where = Text(terminal_safe(message))
        self._show()

    def _show(self) -> None:
        self.update(self._activity or self._where)
