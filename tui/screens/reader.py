"""The reader: dossier tree, letter pane and reference finder, and moving between documents;
searching (``/`` in the open document, ``s`` in every document) and fetching a ghost (F).

Everything is reachable from the keyboard (and the command palette, Ctrl+P); the mouse works
too but is never needed. Over SSH, `y` and `o` copy through the terminal (OSC 52). Its keys
are declared in ``tui/commands.py``; as a screen, they rest while another screen is on top.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from db.library import Library, LibraryError, Stats
from db.loading.fetch import Fetched
from db.reading import Reading, read_document
from db.user_state.bookmarks import Bookmark
from db.user_state.notes import Note, notes_of
from db.user_state.places import Place, save_places, saved_places
from loaders.formats.detect import decode_text
from loaders.ids import parse_dossier
from loaders.labels import (
    format_dossier,
    no_official_page,
    official_url,
    reference_label,
)
from loaders.official.sources import OfficialSources
from tui.commands import (
    LETTER,
    READER,
    Command,
    bindings,
    key_for,
)
from tui.config import Config
from tui.ghost_fetch import GhostFetch
from tui.library_watch import EVERY_SECONDS, LibraryWatch
from tui.own_state import OwnState
from tui.pages.changes import changes_help, changes_page
from tui.pages.checked_text import TEXT_KEY, checked_page
from tui.pages.document import document_page, welcome_page
from tui.pages.dossier import dossier_page
from tui.pages.history import History, Position, Visit
from tui.pages.layout import Page
from tui.screens.bookmarks import bookmark_here, choose_bookmark
from tui.screens.cite_as import choose_citation_form, copy_citation
from tui.screens.note import write_note
from tui.screens.search import Chosen, SearchScreen
from tui.screens.votes import VotesScreen
from tui.side_widths import NARROW, WIDE, SideWidths
from tui.text.refusals import refused_by, why_not
from tui.widgets.document_search import DocumentSearch
from tui.widgets.dossier_tree import (
    DEBATES,
    KAMERVRAGEN,
    DocumentNode,
    DossierNode,
    DossierTree,
    NodeData,
    tree_place,
    without_page,
)
from tui.widgets.finder_pane import FinderPane
from tui.widgets.letter_view import LetterView
from tui.widgets.status_bar import StatusBar
from tui.worker_library import WorkerLibrary

# The actions that open a box: in a text box their keys are letters.
_OPENING_BOXES = frozenset({"find", "search", "search_all"})


class ReaderScreen(Screen[None]):
    """Read a library of Kamerstukken and follow their citations."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(READER)]
    # Below 110 columns the tree and the finder share one side column; from 160 on, the
    # finder gets the room.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual reads it off the class)
        (0, "-narrow"),
        (NARROW, "-normal"),
        (WIDE, "-wide"),
    ]

    def __init__(
        self,
        library: Library,
        start: str | None = None,
        sources: Callable[[], OfficialSources] = OfficialSources.from_environment,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.start = start
        self.config = config or Config()
        self.history = History()
        self.reading: Reading | None = None  # of the open document
        widths = self.config.side_panes
        self.widths = SideWidths(widths) if widths is not None else SideWidths.remembered()
        self._search: SearchScreen | None = None
        self.library_watch = LibraryWatch(library)
        self.own = OwnState(library)  # what you follow, and what is new in it
        self._changes_of = ""  # the document whose changes (d) the letter shows
        # One read connection for the workers of the finder pane and the search screen.
        self.worker_library = WorkerLibrary(library.path)
        self._stats: Stats | None = None  # of the library, for the welcome page
        self.fetching = GhostFetch(
            self,
            library.path,
            sources,
            step=lambda message: self.status.activity(f"{message} ({key_for('cancel')} cancels)"),
            ended=self._fetch_ended,
        )

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield DossierTree(self.library, self.own, id="tree")
            with Vertical(id="letter-pane"):
                yield Static("", id="letter-head", markup=False)
                yield LetterView(id="letter")
                yield DocumentSearch(id="doc-search")
                yield StatusBar(id="status")
            yield FinderPane(self.library, self.worker_library, id="finder")
        yield Footer()

    @property
    def letter(self) -> LetterView:
        return self.query_one(LetterView)

    @property
    def dossier_tree(self) -> DossierTree:
        return self.query_one(DossierTree)

    @property
    def finder(self) -> FinderPane:
        return self.query_one(FinderPane)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    @property
    def document_search(self) -> DocumentSearch:
        return self.query_one(DocumentSearch)

    def on_mount(self) -> None:
        # Several readers may share one library: a load from another shell shows up here
        # within a few seconds, and as soon as the reader acts.
        self.set_interval(EVERY_SECONDS, self.check_library)
        self._fit(self.app.size.width)
        if self.start and self.start.startswith(TEXT_KEY):
            self.open_text(Path(self.start.removeprefix(TEXT_KEY)))
            self.letter.focus()
            return
        if self.start:
            self.open_document(self.start)
            self.letter.focus()
            return
        if self.config.start == "last place" and self._reopen():
            self.letter.focus()
            return
        # Nothing is open yet: the welcome page says to pick a document from the tree, so
        # the tree is shown, also where it shares its column with the finder.
        self._welcome()
        if self.app.size.width < NARROW:
            self.add_class("-show-tree")
        self.letter.focus()

    def on_unmount(self) -> None:
        self.worker_library.close()

    # -- where you were ---------------------------------------------------------------------------
    def keep_place(self) -> None:
        """The history and where one is in it, in one's own state: the next session starts
        there. A state that cannot be written costs only that."""
        if self.is_mounted and self.query(LetterView):
            self.history.remember(self.letter.position)
        places, current = self.history.saved()
        self.own.use(lambda state: save_places(state, places, current), None)

    def _reopen(self) -> bool:
        """The page and line the last session left, with its history; False when there is
        none, or its document is no longer in the library."""
        nothing: tuple[list[Place], int] = ([], -1)
        places, current = self.own.use(saved_places, nothing)
        history = History.restored(places, current)
        visit = history.current
        if visit is None or visit.place != "document":
            return False
        reading = read_document(self.library, visit.key)
        if reading is None and parse_dossier(visit.key) != visit.key:
            return False
        self.history = history
        if reading is None:
            self._open_dossier(visit.key, remember=False)
            if self.letter.page is not None:
                self.letter.show(self.letter.page, visit.position)
        else:
            self.open_document(visit.key, remember=False)
        # After the page's first paint, which says where its first citation points.
        self.call_after_refresh(
            self.status.say,
            f"Where you left off · {key_for('welcome')}: the welcome page"
            f" · {key_for('go_back')}: the page before",
        )
        return True

    # -- bookmarks and notes --------------------------------------------------------------------
    def action_bookmark(self) -> None:
        page, current = self.letter.page, self.history.current
        if page is None or current is None or current.place != "document" or not current.key:
            self.status.say(
                f"{key_for('bookmark')}: nothing to bookmark here; open a document first"
            )
            return
        if self._changes_of:  # the changes' page: its places are not the text's
            self.status.say(f"{key_for('changes')} again shows the text; bookmark it there")
            return
        offset = page.in_text(self.letter.offset_at_top())
        line = int(self.letter.scroll_y) + 1
        bookmark_here(self.app, self.own, current.key, offset, line, self.status.say)

    def action_bookmarks(self) -> None:
        def go(mark: Bookmark) -> None:
            if self.open_document(mark.key) and self.letter.page:
                self.letter.go_to(self.letter.page.in_page(mark.offset), above=0)
                self.keep_place()

        choose_bookmark(self.app, self.own, self.status.say, go)

    def action_note(self) -> None:
        """A note on the citation under the cursor, or else on the line at the top."""
        page, reading = self.letter.page, self.reading
        if reading is None or page is None:
            self.status.say(f"{key_for('note')}: open a document to write a note on it")
            return
        if self._changes_of:  # the changes' page: its places are not the text's
            self.status.say(f"{key_for('changes')} again shows the text; write the note there")
            return
        link = self.letter.link
        at = link.start if link is not None else self.letter.offset_at_top()
        where = f"{reference_label(reading.key)}, line {int(self.letter.scroll_y) + 1}"

        def kept() -> None:
            page = self.letter.page
            if page is not None and self.reading is not None and page.key == reading.key:
                notes = self._notes_on(self.reading)
                self.letter.mark_notes(self._note_marks(self.reading, page, notes))
                self.finder.show_context(self.reading, notes)
                self.status.say("Note kept · kamerlezer notes exports your notes")

        write_note(self.app, self.own, reading.key, page.in_text(at), where, self.status.say, kept)

    def _notes_on(self, reading: Reading | None) -> list[Note]:
        """Your notes on the open document (none where your state cannot be read)."""
        if reading is None:
            return []
        return self.own.use(lambda state: notes_of(state, reading.key), [])

    @staticmethod
    def _note_marks(reading: Reading | None, page: Page, notes: list[Note]) -> frozenset[int]:
        """Where ``notes`` are in the page's text."""
        if reading is None:
            return frozenset()
        return frozenset(page.in_page(note.offset) for note in notes)

    @on(FinderPane.OpenNote)
    def _open_note(self, event: FinderPane.OpenNote) -> None:
        """To one of your notes: in the open document, a step within it (Back returns)."""
        if self.reading is None or self.reading.key != event.key:
            if not self.open_document(event.key) or self.letter.page is None:
                return
            self.letter.go_to(self.letter.page.in_page(event.offset))
        elif self.letter.page is not None:
            self._go_within(self.letter.page.in_page(event.offset))
        self.finder.clear()
        self.letter.focus()

    def action_changes(self) -> None:
        """``d``: the open version's text with what it changed against the one it replaces
        marked; ``d`` again, its text."""
        reading = self.reading
        if reading is None:
            self.status.say(
                f"{key_for('changes')}: open a gewijzigde motie or another new version first"
            )
            return
        key = reading.key
        if self._changes_of == key:
            self.open_document(key, remember=False)
            return
        replaced = [
            old
            for old in self.library.relations.replaces(key)
            if (document := self.library.documents.get(old)) is not None and not document.ghost
        ]
        if not replaced:
            self.status.say(
                f"{key_for('changes')}: this document replaces none that the library holds"
            )
            return
        old = self.library.documents.get(replaced[0])
        assert old is not None
        self.history.remember(self.letter.position)
        page, spans, count = changes_page(old, reading.document)
        self.query_one("#letter-head", Static).update(page.head)
        self.letter.notes = frozenset()
        self.letter.show(page)
        self.letter.mark(spans)
        self._changes_of = key
        noun = "change" if count == 1 else "changes"
        self.call_after_refresh(
            self.status.say,
            f"{count} {noun} against {reference_label(old.key)} · {changes_help()}",
        )

    def action_welcome(self) -> None:
        self.history.remember(self.letter.position)
        self._welcome()
        self.keep_place()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        """The side panes' widths for ``width`` columns (the breakpoints set which show)."""
        if width >= NARROW:
            self.remove_class("-show-tree")
        tree, finder = self.widths.for_width(width)
        self.dossier_tree.styles.width = tree
        self.finder.styles.width = finder

    def action_wider(self) -> None:
        self.widths = self.widths.wider()
        self._fit(self.size.width)

    def action_narrower(self) -> None:
        self.widths = self.widths.narrower()
        self._fit(self.size.width)

    # -- the library changing under the reader --------------------------------------------------
    def check_library(self) -> bool:
        """If another program loaded into the library since the last look, show what is
        there now: the tree, the finder and the open page (its "cited by", its outcome), each
        where the reader was. True when something changed."""
        try:
            changed = self.library_watch.changed()
        except LibraryError as exc:  # replaced by a file that is no library, or gone
            problem = f"the library file was replaced while the reader read it: {exc}"
            self.app.exit(return_code=1, message=Text(problem))
            return False
        if not changed:
            return False
        self.worker_library.refresh()
        self.dossier_tree.reload()
        current = self.history.current
        if current is not None and current.place == "document" and current.key:
            self.history.remember(self.letter.position)
            self.open_document(current.key, remember=False)
        elif current is not None and current.place == "welcome":
            self._stats = None
            self._show(None, self.letter.position)
        elif current is not None and current.place == "text":  # its verdicts as they are now
            self.history.remember(self.letter.position)
            self.open_text(Path(current.key), remember=False)
        return True

    def on_key(self, event: events.Key) -> None:
        """A key after a pause: a look at the library first (one pragma). Keys in a burst
        (stepping through citations) ask nothing. A key whose command cannot act here says
        why, on the status line, rather than nothing."""
        if self.library_watch.due():
            self.check_library()
        action = refused_by(event.key)
        if action and not isinstance(self.focused, Input) and not self.check_action(action, ()):
            self.status.say(why_not(action, self.reading, self._on_dossier_page()))

    def _on_dossier_page(self) -> bool:
        current = self.history.current
        return (
            current is not None and bool(current.key) and parse_dossier(current.key) == current.key
        )

    # -- opening documents --------------------------------------------------------------------
    def open_document(self, key: str, *, remember: bool = True, reveal: bool = True) -> bool:
        """Open the document (or ghost page) ``key``; False when the library has no such key.
        ``reveal``: the tree's cursor goes to it (not when it was chosen under New, where the
        reader goes on down the list)."""
        self.library_watch.looked()  # what it opens is read as the library is now
        reading = read_document(self.library, key)
        if reading is None or reading.is_ghost:  # an item of a meeting whose report is here
            reading = self._meeting_of(reading.key if reading else key) or reading
        if reading is None:
            if parse_dossier(key) == key:  # a citation of a whole dossier
                self._open_dossier(key, remember)
                return True
            self.notify(f"{reference_label(key)}: not in this library", severity="warning")
            return False
        if remember:
            self.history.remember(self.letter.position)
            self.history.open("document", reading.key)
        current = self.history.current
        position = current.position if not remember and current else None
        self._show(reading, position)
        if reveal:
            self.dossier_tree.reveal(reading.key, tree_place(reading.document))
        seen = self.own.mark_seen([reading.key])
        if seen:
            self.dossier_tree.seen(seen)
        self.keep_place()
        return True

    def open_text(self, path: Path, *, remember: bool = True) -> None:
        """A text someone wrote, its citations checked and marked by verdict; Enter follows
        one, Backspace comes back to it."""
        try:
            text = decode_text(path.read_bytes())
        except OSError as exc:
            self.notify(f"{path}: cannot read it ({exc.strerror})", severity="error")
            return
        if remember:
            self.history.remember(self.letter.position)
            self.history.open("text", str(path))
        current = self.history.current
        position = current.position if not remember and current else None
        self.reading = None
        self._changes_of = ""
        page = checked_page(self.library, path, text)
        self.query_one("#letter-head", Static).update(page.head)
        self.letter.notes = frozenset()
        self.letter.show(page, position)
        self.finder.show_checked(page.links)

    def _meeting_of(self, key: str) -> Reading | None:
        """The report of the whole meeting, for an item of the Handelingen not loaded."""
        meeting = self.library.meetings.meeting_in_library(key)
        if not meeting:
            return None
        self.notify(
            f"{reference_label(key)} is not in the library on its own: here is the report of"
            f" the whole meeting ({reference_label(meeting)})",
            timeout=6,
        )
        return read_document(self.library, meeting)

    def _show(self, reading: Reading | None, position: Position | None = None) -> None:
        self.reading = reading
        self._changes_of = ""
        if reading is not None:
            page = document_page(reading)
        else:  # counted after the first paint: the count grows with the library
            page = welcome_page(self.library, self._stats)
            if self._stats is None:
                self.call_after_refresh(self._count_library)
        self.query_one("#letter-head", Static).update(page.head)
        notes = self._notes_on(reading)
        self.letter.notes = self._note_marks(reading, page, notes)
        self.letter.show(page, position)
        self.finder.show_context(reading, notes)

    def _count_library(self) -> None:
        self._stats = self.library.rows.stats()
        current = self.history.current
        if current is not None and current.place == "welcome" and self.reading is None:
            self._show(None, self.letter.position)

    def _welcome(self) -> None:
        self.history.open("welcome")
        self._show(None)

    def _open_dossier(self, key: str, remember: bool, reveal: bool = True) -> None:
        """Its page in the letter pane, and its place in the tree."""
        if remember:
            self.history.remember(self.letter.position)
            self.history.open("document", key)
        self.reading = None
        page = dossier_page(self.library, key)
        self.query_one("#letter-head", Static).update(page.head)
        self.letter.show(page)
        self.finder.show_context(None)
        if reveal and self.dossier_tree.dossier_node(key) is not None:
            self.dossier_tree.reveal_dossier(key)
        self.keep_place()

    @on(LetterView.Follow)
    def _follow(self, event: LetterView.Follow) -> None:
        if event.to >= 0:
            self._go_within(event.to)
        else:
            self.open_document(event.target)

    def _go_within(self, offset: int) -> None:
        """To another place on the page (a footnote, or back to its mark); Back returns."""
        self.history.remember(self.letter.position)
        self.history.within()
        self.letter.go_to(offset)

    def action_follow(self) -> None:
        """Enter in the letter: at once, so that a Back typed right after goes back from it."""
        link = self.letter.link
        if link is not None and link.to >= 0:
            self._go_within(link.to)
        elif link is not None:
            self.open_document(link.target)
        elif self.letter.page is not None and self.letter.page.links:
            self.notify(f"Choose a citation with {key_for('next_citation')} first.", timeout=2)

    @on(FinderPane.Open)
    def _open_from_finder(self, event: FinderPane.Open) -> None:
        if self.open_document(event.key):
            self.finder.clear()
            self.letter.focus()

    @on(FinderPane.Leave)
    def _leave_finder(self) -> None:
        self.letter.focus()

    @on(FinderPane.SearchText)
    def _search_from_finder(self, event: FinderPane.SearchText) -> None:
        self.finder.clear()
        self._open_search(event.query)

    @on(DossierTree.NodeSelected)
    def _open_from_tree(self, event: DossierTree.NodeSelected[NodeData]) -> None:
        data = event.node.data
        if isinstance(data, DocumentNode):
            self.open_document(data.key, reveal=not self.dossier_tree.in_new(event.node))
        elif isinstance(data, DossierNode) and not without_page(data.key):  # its page, as opened
            self._open_dossier(data.key, remember=True, reveal=False)

    @on(LetterView.LinkFocused)
    def _link_focused(self, event: LetterView.LinkFocused) -> None:
        if event.page is not self.letter.page:  # about a page that is no longer open
            return
        rows = self.reading.rows if self.reading is not None else {}
        self.status.link(event.link, rows, event.is_ghost, event.number, event.count)
        if event.citation is not None:
            self.finder.highlight_citation(event.citation)

    @on(LetterView.HitMoved)
    def _hit_moved(self, event: LetterView.HitMoved) -> None:
        self.status.hits(event.count, event.hit)

    @on(LetterView.SpeechMoved)
    def _speech_moved(self, event: LetterView.SpeechMoved) -> None:
        self.status.speech(event.index, event.count, event.who, event.forward, event.noun)

    # -- actions ------------------------------------------------------------------------------
    def palette(self) -> Iterable[tuple[Command, DOMNode]]:
        """The reader's commands and the letter's, for the palette."""
        yield from ((command, self) for command in READER)
        yield from ((command, self.letter) for command in LETTER)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In a text box the keys that open a box are letters; F only on a ghost's page;
        Esc when there is something to cancel."""
        if action in _OPENING_BOXES and isinstance(self.focused, Input):
            return False
        if action == "fetch":
            return self.reading is not None and self.reading.is_ghost
        if action == "cancel":  # in the box of /, Esc is the box's own
            return self.fetching.running and not self.document_search.has_focus
        if action in ("copy_citation", "cite_as", "official_url"):
            return self.reading is not None
        if action == "votes":
            return self.reading is not None and self.reading.outcome is not None
        return True

    def action_find(self) -> None:
        if self.has_class("-narrow"):
            self.remove_class("-show-tree")
        self.finder.focus_search()

    def action_cancel(self) -> None:
        """At once, whatever the download is waiting for: the reader stops waiting, says so,
        and the fetch's late answer (if one comes) is dropped unloaded."""
        if key := self.fetching.cancel():
            self.status.activity(f"Fetching {key} cancelled")

    def action_go_back(self) -> None:
        self.history.remember(self.letter.position)
        self._revisit(self.history.back(), "Nothing to go back to.")

    def action_forward(self) -> None:
        self.history.remember(self.letter.position)
        self._revisit(self.history.forward(), "Nothing to go forward to.")

    def _revisit(self, visit: Visit | None, nothing: str) -> None:
        if visit is None:
            self.notify(nothing, timeout=2)
            return
        if visit.place == "search":
            self.app.push_screen(self._search_screen(), self._search_done)
            return
        if visit.place == "welcome":
            self._show(None, visit.position)
        elif visit.place == "text":
            self.open_text(Path(visit.key), remember=False)
        else:
            self.open_document(visit.key, remember=False)
        self.letter.focus()

    def action_copy_citation(self) -> None:
        if self.reading is not None:
            copy_citation(self.app, self.reading.document)

    def action_cite_as(self) -> None:
        if self.reading is not None:
            choose_citation_form(self.app, self.reading.document)

    def action_official_url(self) -> None:
        if self.reading is None:
            return
        url = official_url(self.reading.key)
        if not url:
            self.status.say(f"No official address: {no_official_page(self.reading.key)}")
            return
        remote = bool(os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"))
        if not remote and (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            self.app.open_url(url)
        self.app.copy_to_clipboard(url)
        self.status.address(url)  # on one line, where a terminal can make it a link
        self.notify(url, title="Official address, copied", timeout=8)

    def action_votes(self) -> None:
        if self.reading is None or self.reading.outcome is None:
            return
        document = self.reading.document
        title = " · ".join(p for p in (document.key, document.subject or document.title) if p)
        self.app.push_screen(VotesScreen(title, self.reading.outcome))

    def action_follow_dossier(self) -> None:
        dossier = self._open_dossier_key()
        if not dossier:
            self.status.say(
                f"{key_for('follow_dossier')}: nothing open to follow here; open a dossier,"
                " or a document of one, first"
            )
            return
        now = self.own.toggle("dossier", dossier)
        shown = format_dossier(dossier)
        if now is None:
            self.status.say(f"Cannot follow: {self.own.problem}")
            return
        self.dossier_tree.reload()
        if now:
            self.status.say(
                f"Following dossier {shown}: what is loaded into it from now on shows under"
                f" New ({key_for('follow_dossier')} again stops)"
            )
        else:
            self.status.say(f"No longer following dossier {shown}")

    def action_all_seen(self) -> None:
        seen = self.own.mark_seen(self.own.now.unseen)
        if self.own.problem:
            self.status.say(f"Cannot mark seen: {self.own.problem}")
            return
        self.dossier_tree.seen(seen)
        self.status.say(f"{len(seen)} marked seen" if seen else "Nothing new to mark seen")

    def _open_dossier_key(self) -> str:
        """The dossier that is open: the open document's, or the dossier whose page is open."""
        if self.reading is not None:
            place = tree_place(self.reading.document)
            return "" if place == DEBATES or place.startswith(KAMERVRAGEN) else place
        current = self.history.current
        if self._on_dossier_page() and current is not None:
            return current.key
        return ""

    def action_toggle_tree(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-show-tree")
            shown = self.has_class("-show-tree")
        else:
            self.toggle_class("-hide-tree")
            shown = not self.has_class("-hide-tree")
        if shown:
            self.dossier_tree.focus()
        elif self.focused is None or self.focused is self.dossier_tree:
            self.letter.focus()

    # -- searching ------------------------------------------------------------------------------
    def action_search(self) -> None:
        """``/``: search the open document."""
        self.document_search.open()

    @on(Input.Changed, "DocumentSearch")
    def _document_search_changed(self, event: Input.Changed) -> None:
        count = self.letter.search(event.value)
        if not event.value:
            self.status.clear()
        elif not count:
            self.status.hits(0, None)

    @on(DocumentSearch.Closed)
    def _document_search_closed(self) -> None:
        self.letter.focus()

    def action_search_all(self) -> None:
        """``s``: search every document, on the search screen."""
        self._open_search()

    def _open_search(self, query: str | None = None) -> None:
        screen = self._search_screen()
        screen.take_typing()  # the keys typed right after s belong to its box
        self.app.push_screen(screen, self._search_done)
        if query is not None:
            self.app.call_after_refresh(screen.search_for, query)  # once it is composed

    def _search_screen(self) -> SearchScreen:
        """One search screen for the session, installed so that leaving it keeps its query,
        results and selection."""
        if self._search is None:
            self._search = SearchScreen(self.library, self.worker_library, self.own)
            self.app.install_screen(self._search, name="search")
        return self._search

    def _search_done(self, chosen: Chosen | None) -> None:
        if self._search is not None and self._search.follows_changed:
            self._search.follows_changed = False
            self.dossier_tree.reload()
        if chosen is None:  # back to the letter
            current = self.history.current
            if current is not None and current.place == "search":  # it came back with Back
                self.history.forward()
            return
        self.history.remember(self.letter.position)
        self.history.open("search")
        if self.open_document(chosen.key):
            self.letter.highlight(chosen.terms)  # the bar says where the hits are
        self.letter.focus()

    # -- fetching a ghost -----------------------------------------------------------------------
    def action_fetch(self) -> None:
        """F on a ghost's page: get the document from the official sources, load it, open it;
        Esc cancels."""
        if self.reading is None or not self.reading.is_ghost:
            return
        self.fetching.start(self.reading.key)

    def _fetch_ended(self, key: str, result: Fetched | str) -> None:
        self.status.activity(None)
        if isinstance(result, str):
            self.notify(result, severity="error", timeout=8)
            return
        self.worker_library.refresh()
        self.dossier_tree.reload()
        self.notify(f"{key} fetched and loaded", timeout=4)
        if self.reading is not None and self.reading.key == key:  # still on its page
            self.open_document(key, remember=False)
