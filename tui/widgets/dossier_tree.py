"""The dossier tree: dossiers by number, their documents by ondernummer, loaded on expand.

Only dossiers are read at start (one row each), so a library of thousands of documents opens
at once; a dossier's documents are read when it is first expanded. Ghosts (cited, not loaded)
are dimmed and marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from db.kamervragen import NORM_DAYS
from db.library import DocumentRow, DossierRow, Library
from db.outcomes.outcome import Ended
from db.user_state.follows import NewDocument
from loaders.debates import DEBATE_KINDS
from loaders.kinds import ANSWER_KINDS, QUESTION_KINDS
from loaders.labels import format_dossier, reference_label
from loaders.model import Document
from loaders.sanitize import terminal_safe
from loaders.subject import short_subject
from tui.commands import TREE, bindings
from tui.own_state import OwnState
from tui.text.labels import GHOST_MARK, short_date
from tui.text.outcome import list_mark

# Up to this many dossiers the tree lists them all; a larger library groups them by thousand
# ("36 000 – 36 999"), each group filled when it is opened, so that the tree opens at once.
FLAT_LIMIT = 500
# A dossier of more documents than this is filled in chunks of this many, a paint between.
CHUNK = 250
# The node under which the debates are, newest first: they belong to no dossier.
DEBATES = "debates"
# The node of the kamervragen and their answers, a node a vergaderjaar under it ("kamervragen
# 2020-2021"), newest first.
KAMERVRAGEN = "kamervragen"
OPEN_QUESTIONS = f"{KAMERVRAGEN} open"  # no vergaderjaar reads "open"
# The node at the top: what is new in what you follow, newest first (up to NEW_LISTED).
NEW = "new"
NEW_LISTED = 500
# Before a document not seen since it arrived in what you follow; before a followed dossier.
UNSEEN_MARK = "●"
FOLLOWED_MARK = "★"


@dataclass(frozen=True)
class GroupNode:
    thousand: int


@dataclass(frozen=True)
class DossierNode:
    key: str
    loaded: bool = False


@dataclass(frozen=True)
class DocumentNode:
    key: str
    ghost: bool


@dataclass(frozen=True)
class HeadingNode:
    """A row that only folds what is under it (the kamervragen)."""

    name: str


NodeData = GroupNode | DossierNode | DocumentNode | HeadingNode


def _thousand(dossier: str) -> int:
    number = dossier.partition("-")[0]
    return int(number) // 1000 * 1000 if number.isdigit() else 0


def without_page(key: str) -> bool:
    """The tree's own rows (what is new, the debates, the kamervragen of a year): no
    dossier's page."""
    return key in (NEW, DEBATES) or key.startswith(KAMERVRAGEN)


def tree_place(document: Document) -> str:
    """The node a document is under: its dossier, the debates, the kamervragen of its year."""
    if document.kind in DEBATE_KINDS and not document.ghost:
        return DEBATES
    if document.kind in (*QUESTION_KINDS, *ANSWER_KINDS) and not document.dossiers:
        return f"{KAMERVRAGEN} {document.vergaderjaar}".strip()
    return document.dossier_key


def dossier_label(row: DossierRow, followed: bool = False, unseen: int = 0) -> Text:
    """Its number and title; a star when you follow it, and how many of its documents are
    new to you, before the title (where a narrow tree still shows them)."""
    label = Text(style="dim bold" if row.cited_only else "bold")
    if followed:
        label.append(f"{FOLLOWED_MARK} ")
    if row.cited_only:  # known only because documents cite into it
        label.append(f"{GHOST_MARK} {format_dossier(row.key)}")
    else:
        label.append(format_dossier(row.key))
    if unseen:
        label.append(f" {UNSEEN_MARK}{unseen} new")
    if row.cited_only:
        label.append(" " + (terminal_safe(row.title) or "not loaded"), style="dim italic")
    else:
        label.append(" " + terminal_safe(row.title))
    return label


def new_label(count: int, follows: int) -> Text:
    label = Text("New", style="bold")
    what = f"{follows} followed" if follows != 1 else "1 followed"
    label.append(
        f"  {count} unseen · {what}" if count else f"  nothing unseen · {what}", style="dim"
    )
    return label


def new_document_label(document: NewDocument) -> Text:
    """A document new to you: the mark, which one it is, what it is about, its date."""
    label = Text(f"{UNSEEN_MARK} ", style="bold")
    label.append(reference_label(document.key), style="bold")
    about = short_subject(document.subject or document.title)
    if about:
        label.append(" " + terminal_safe(about))
    if document.date:
        label.append(" " + short_date(document.date), style="dim")
    return label


def without_mark(label: Text) -> Text:
    """A document's label once it is seen."""
    mark = UNSEEN_MARK + " "
    return label[len(mark) :] if label.plain.startswith(mark) else label


_DECISION_STYLES = {"aangenomen": "green", "overgenomen": "green", "verworpen": "red"}


def document_label(
    row: DocumentRow, ended: Ended | None = None, replaced: bool = False, unseen: bool = False
) -> Text:
    """Its number and what it is about first, where a narrow tree still shows them ("474 ✗ Van
    Baarle: geen militaire bijdrage …"): how it ended as a mark (✓ ✗ ⏸ ⊘), its kind where
    the subject does not say it, its date last. A replaced version is dimmed; one new to you
    (in what you follow, not opened since) is marked."""
    number = row.ondernummer or row.key
    dim = "dim" if row.ghost or replaced else ""
    label = Text(f"{UNSEEN_MARK} ", style="bold") if unseen else Text()
    if row.ghost:
        label.append(f"{GHOST_MARK} ", style="dim")
    label.append(number, style="bold" if not dim else "dim bold")
    if ended is not None:
        style = _DECISION_STYLES.get(ended.decision, "") + (" dim" if dim else "")
        label.append(f" {list_mark(ended)}", style=style if ended.certain else f"{style} italic")
    subject = row.subject or row.title
    short = short_subject(subject)
    if row.kind and short is not subject:  # a motie: "Van Baarle: ...", kind implied
        if row.kind != "motie":
            label.append(f" ({row.kind.removesuffix(' motie').removesuffix('e')})", style="dim")
    elif row.kind and not subject.lower().startswith(row.kind):
        label.append(" " + row.kind.capitalize(), style=dim)
    if short:
        label.append(" " + terminal_safe(short), style="dim italic" if dim else "")
    if row.date:
        label.append(" " + short_date(row.date), style="dim")
    return label


def debate_label(row: DocumentRow) -> Text:
    """Its date first, then what was debated, and which meeting or item it is (dim)."""
    label = Text(short_date(row.date) or "–", style="bold")
    what = row.title
    if row.kind == "verslag":
        what = row.subject.partition(": ")[2] or row.title
    label.append(" " + terminal_safe(what))
    where = reference_label(row.key)
    label.append(" " + ("commissie" if where == row.key else where), style="dim")
    return label


# What a row of the kamervragen is, in a word: the questions, an answer, a delay announced.
_KAMERVRAGEN_WORDS = {
    "schriftelijke vragen": "vragen",
    "kamervragen": "vragen",
    "antwoord": "antwoord",
    "mededeling": "uitstel",
}


def kamervragen_label(row: DocumentRow) -> Text:
    """Its date, what it is in a word (vragen, antwoord, uitstel), what it is about."""
    label = Text(short_date(row.date) or "–", style="bold")
    label.append(" " + _KAMERVRAGEN_WORDS.get(row.kind, row.kind or "?"), style="dim")
    label.append(" " + terminal_safe(row.subject or row.title or reference_label(row.key)))
    return label


def waiting_label(row: DocumentRow, waited: int | None) -> Text:
    """Kamervragen without an answer in the library: how long since they were asked, red
    past the Kamer's norm of three weeks."""
    label = kamervragen_label(row)
    if waited is None:
        label.append("  asked on a date not known", style="dim")
    else:
        style = "bold red" if waited > NORM_DAYS else "dim"
        label.append(f"  {waited} days, no answer here", style=style)
    return label


def nest_rows(
    rows: list[DocumentRow],
    replaced_by: dict[str, list[str]],
    attached_to: dict[str, str] | None = None,
) -> dict[str, list[DocumentRow]]:
    """The rows under each key ("" for the dossier itself): a replaced version under the
    (first) version of the dossier that replaces it, so that a chain reads from the version
    that counts down to the first one; a bijlage under the letter it was sent with. A loop
    (bad data) stays flat."""
    keys = {row.key for row in rows}
    parent_of = {old: new[0] for old, new in replaced_by.items() if old in keys and new[0] in keys}
    for bijlage, letter in (attached_to or {}).items():
        if bijlage in keys and letter in keys:
            parent_of.setdefault(bijlage, letter)
    for old in list(parent_of):
        seen, current = {old}, parent_of[old]
        while current in parent_of:
            if current in seen:
                del parent_of[old]
                break
            seen.add(current)
            current = parent_of[current]
    children: dict[str, list[DocumentRow]] = {}
    for row in rows:
        children.setdefault(parent_of.get(row.key, ""), []).append(row)
    return children


def _find(node: TreeNode[NodeData], key: str) -> TreeNode[NodeData] | None:
    """The document ``key`` under ``node``, replaced versions (nested) included."""
    for child in node.children:
        if isinstance(child.data, DocumentNode) and child.data.key == key:
            return child
        found = _find(child, key)
        if found is not None:
            return found
    return None


class DossierTree(Tree[NodeData]):
    """Dossiers and their documents; selecting a document opens it."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(TREE)]

    def on_focus(self) -> None:
        """Entering the tree shows where one is in it: a row is always highlighted."""
        if self.cursor_line < 0 and self.root.children:
            self.cursor_line = 0

    def __init__(
        self,
        library: Library,
        followed: OwnState | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__("Dossiers", id=id, classes=classes)
        self.library = library
        self.followed = followed or OwnState(library)
        self._dossier_rows: dict[str, DossierRow] = {}  # to label a dossier again
        self.show_root = False
        self.guide_depth = 2
        # Enter on a dossier opens its page and its documents, and never closes it again (a
        # reader going back to the page would lose their place); space still folds it.
        self.auto_expand = False
        self._dossier_nodes: dict[str, TreeNode[NodeData]] = {}
        self._groups: dict[int, TreeNode[NodeData]] = {}
        self._rows_by_group: dict[int, list[DossierRow]] = {}
        self._filling: dict[str, TreeNode[NodeData]] = {}  # dossier: its "loading…" row
        self._waiting: tuple[str, str] | None = None  # (key, dossier) to put the cursor on

    def on_mount(self) -> None:
        # After the first paint: the dossiers are as many as the library holds.
        self.call_after_refresh(self.reload)

    def reload(self) -> None:
        """Read the dossiers again (after a load), keeping what was open."""
        expanded = {key for key, node in self._dossier_nodes.items() if node.is_expanded}
        groups = {t for t, node in self._groups.items() if node.is_expanded}
        self.clear()
        self._dossier_nodes, self._groups, self._rows_by_group = {}, {}, {}
        self._filling = {}
        now = self.followed.read()
        if now.follows:
            label = new_label(len(now.new), len(now.follows))
            self._dossier_nodes[NEW] = self.root.add(label, data=DossierNode(NEW))
        rows = self.library.rows.dossier_rows()
        if len(rows) <= FLAT_LIMIT:
            self._add_dossiers(self.root, rows)
        else:
            for row in rows:
                self._rows_by_group.setdefault(_thousand(row.key), []).append(row)
            for thousand, members in self._rows_by_group.items():
                label = Text(
                    f"{format_dossier(str(thousand))} – {format_dossier(str(thousand + 999))}"
                )
                count = len(members)
                label.append(f"  {count} dossier{'s' if count > 1 else ''}", style="dim")
                self._groups[thousand] = self.root.add(label, data=GroupNode(thousand))
            for thousand in groups:
                self._open_group(thousand)
        debates = self.library.meetings.debate_count()
        if debates:
            label = Text("Debates", style="bold")
            label.append(f"  {debates} report{'s' if debates > 1 else ''}", style="dim")
            self._dossier_nodes[DEBATES] = self.root.add(label, data=DossierNode(DEBATES))
        if self.library.kamervragen.count():
            self._add_kamervragen()
        for key in expanded:
            node = self._node_of(key)
            if node is not None:
                self._fill(node)
                node.expand()
        if self._waiting is not None:  # the open document, asked for before the tree was read
            self.reveal(*self._waiting)

    def _add_kamervragen(self) -> None:
        years = self.library.kamervragen.vergaderjaren()
        label = Text("Kamervragen", style="bold")
        total = sum(n for _, n in years)
        label.append(f"  {total} document{'s' if total != 1 else ''}", style="dim")
        top = self.root.add(label, data=HeadingNode(KAMERVRAGEN))
        waiting = self.library.kamervragen.open_questions()
        if waiting:
            shown = Text("Open questions", style="bold")
            overdue = sum(q.overdue for q in waiting)
            shown.append(f"  {len(waiting)} · {overdue} over three weeks", style="dim")
            self._dossier_nodes[OPEN_QUESTIONS] = top.add(shown, data=DossierNode(OPEN_QUESTIONS))
        for year, count in years:
            key = f"{KAMERVRAGEN} {year}".strip()
            shown = Text(year or "vergaderjaar not known")
            shown.append(f"  {count}", style="dim")
            self._dossier_nodes[key] = top.add(shown, data=DossierNode(key))

    def _add_dossiers(self, parent: TreeNode[NodeData], rows: list[DossierRow]) -> None:
        now = self.followed.now
        for row in rows:
            label = dossier_label(row, row.key in now.dossiers, now.unseen_in(row.key))
            node = parent.add(label, data=DossierNode(row.key), expand=False)
            self._dossier_nodes[row.key] = node
            self._dossier_rows[row.key] = row

    def _fill_group(self, thousand: int) -> TreeNode[NodeData] | None:
        group = self._groups.get(thousand)
        if group is not None and not group.children:
            self._add_dossiers(group, self._rows_by_group.get(thousand, []))
        return group

    def _open_group(self, thousand: int) -> None:
        group = self._fill_group(thousand)
        if group is not None and not group.is_expanded:
            group.expand()

    def _fill(self, node: TreeNode[NodeData]) -> None:
        """The dossier's documents under it. A large dossier gets a "loading…" row and its
        documents in chunks, one chunk between two paints, so that keys are handled and the
        open document is drawn while the rest are added."""
        data = node.data
        if not isinstance(data, DossierNode) or data.loaded:
            return
        node.data = DossierNode(data.key, loaded=True)
        node.remove_children()
        if data.key == NEW:
            new = self.followed.now.new
            for document in new[:NEW_LISTED]:
                node.add_leaf(new_document_label(document), data=DocumentNode(document.key, False))
            if len(new) > NEW_LISTED:
                more = f"… {len(new) - NEW_LISTED:,} more: kamerlezer new lists them all"
                node.add_leaf(Text(more, style="dim italic"))
            return
        unseen = self.followed.now.unseen
        decisions: dict[str, Ended] = {}
        replaced_by: dict[str, list[str]] = {}
        attached_to: dict[str, str] = {}
        waited: dict[str, int | None] = {}
        if data.key == DEBATES:
            rows = self.library.meetings.debate_rows()
        elif data.key == OPEN_QUESTIONS:
            waiting = self.library.kamervragen.open_questions()
            found = self.library.rows.get_rows([q.key for q in waiting])
            rows = [found[q.key] for q in waiting if q.key in found]
            waited = {q.key: q.waited for q in waiting}
        elif data.key.startswith(KAMERVRAGEN):
            rows = self.library.kamervragen.rows_of(data.key.removeprefix(KAMERVRAGEN).strip())
        else:
            rows = self.library.rows.documents_in(data.key)
            decisions = self.library.outcomes.decisions_in(data.key)
            replaced_by = self.library.relations.replacements_in(data.key)
            attached_to = self.library.relations.attachments_in(data.key)
        children = nest_rows(rows, replaced_by, attached_to)
        replaced = {
            row.key
            for key, members in children.items()
            if key
            for row in members
            if row.key not in attached_to
        }

        def label_of(row: DocumentRow) -> Text:
            if data.key == OPEN_QUESTIONS:
                return waiting_label(row, waited.get(row.key))
            if data.key.startswith(KAMERVRAGEN):
                return kamervragen_label(row)
            if data.key == DEBATES:
                return debate_label(row)
            return document_label(
                row, decisions.get(row.key), row.key in replaced, row.key in unseen
            )

        def add(parent: TreeNode[NodeData], key: str) -> None:
            for row in children.get(key, []):
                label = label_of(row)
                data = DocumentNode(row.key, row.ghost)
                if row.key in children:
                    add(parent.add(label, data=data, expand=True), row.key)
                else:
                    parent.add_leaf(label, data=data)

        top = children.get("", [])
        if len(rows) <= CHUNK:
            add(node, "")
            return
        loading = node.add_leaf(Text("loading…", style="dim italic"))
        self._filling[data.key] = loading

        def add_chunk(start: int) -> None:
            if self._filling.get(data.key) is not loading:
                return  # the tree was read again meanwhile
            for row in top[start : start + CHUNK]:
                label = label_of(row)
                document = DocumentNode(row.key, row.ghost)
                if row.key in children:
                    subtree = node.add(label, data=document, expand=True, before=loading)
                    add(subtree, row.key)
                else:
                    node.add_leaf(label, data=document, before=loading)
            if start + CHUNK < len(top):
                self.call_after_refresh(add_chunk, start + CHUNK)
                self._reveal_waiting(node)
                return
            loading.remove()
            del self._filling[data.key]
            self._reveal_waiting(node)

        self.call_after_refresh(add_chunk, 0)  # the first chunk too: paint first

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        """Enter opens a dossier (its page is the reader's to show) and folds the rows that
        have no page of their own (a group of dossiers, the debates) as a tree does."""
        node = event.node
        if isinstance(node.data, DossierNode) and not without_page(node.data.key):
            node.expand()
        elif not isinstance(node.data, DocumentNode):
            node.toggle()

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        data = event.node.data
        if isinstance(data, GroupNode):
            self._fill_group(data.thousand)
        else:
            self._fill(event.node)

    def action_expand_node(self) -> None:
        node = self.cursor_node
        if node is not None and isinstance(node.data, GroupNode):
            self._open_group(node.data.thousand)
        elif node is not None and isinstance(node.data, DossierNode):
            self._fill(node)
            node.expand()

    def action_collapse_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if isinstance(node.data, DocumentNode) and node.parent is not None:
            node = node.parent
            self.move_cursor(node)
        node.collapse()

    def seen(self, documents: list[NewDocument]) -> None:
        """Documents just seen: their marks gone, their dossiers' and New's counts less."""
        now = self.followed.now
        for document in documents:
            for place in (NEW, document.dossier):
                node = self._dossier_nodes.get(place)
                found = _find(node, document.key) if node is not None else None
                if found is not None:
                    label = found.label
                    found.set_label(without_mark(label if isinstance(label, Text) else Text(label)))
            row = self._dossier_rows.get(document.dossier)
            node = self._dossier_nodes.get(document.dossier)
            if row is not None and node is not None:
                followed, unseen = row.key in now.dossiers, now.unseen_in(row.key)
                node.set_label(dossier_label(row, followed, unseen))
        new = self._dossier_nodes.get(NEW)
        if new is not None:
            new.set_label(new_label(len(now.new), len(now.follows)))

    def in_new(self, node: TreeNode[NodeData]) -> bool:
        """Whether ``node`` is a row of the New list."""
        return node.parent is not None and node.parent is self._dossier_nodes.get(NEW)

    def reveal(self, key: str, dossier: str) -> None:
        """Expand ``dossier`` and put the cursor on ``key``: the tree follows the open document
        (in a dossier still being filled, once its row is there)."""
        self._waiting = (key, dossier)
        node = self._node_of(dossier)
        if node is None:
            return  # not read yet (the tree is read after the first paint): once it is
        self._fill(node)
        node.expand()
        parent = node.parent
        while parent is not None and parent is not self.root:  # the kamervragen heading
            parent.expand()
            parent = parent.parent
        self._reveal_waiting(node)

    def _reveal_waiting(self, node: TreeNode[NodeData]) -> None:
        if self._waiting is None or not isinstance(node.data, DossierNode):
            return
        key, dossier = self._waiting
        if node.data.key != dossier:
            return
        found = _find(node, key)
        if found is not None:
            self._waiting = None
            parent = found.parent
            while parent is not None and parent is not node:
                parent.expand()
                parent = parent.parent
            # The expanded children get their lines on the next refresh.
            self.call_after_refresh(self._put_cursor_on, found)

    def _put_cursor_on(self, node: TreeNode[NodeData]) -> None:
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def _node_of(self, dossier: str) -> TreeNode[NodeData] | None:
        """The dossier's node, opening its group when the tree has groups."""
        if dossier not in self._dossier_nodes and self._groups and dossier != DEBATES:
            self._open_group(_thousand(dossier))
        return self._dossier_nodes.get(dossier)

    def reveal_dossier(self, dossier: str) -> None:
        node = self._node_of(dossier)
        if node is not None:
            self._fill(node)
            node.expand()
            self.call_after_refresh(self._put_cursor_on, node)

    def dossier_node(self, key: str) -> TreeNode[NodeData] | None:
        return self._node_of(key)
