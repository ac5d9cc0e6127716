"""The dossier tree: dossiers by number, their documents by ondernummer, loaded on expand.

Only dossiers are read at start (one row each), so a library of thousands of documents opens
at once; a dossier's documents are read when it is first expanded. Ghosts (cited, not loaded)
are dimmed and marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from db.library import DocumentRow, DossierRow, Library
from loaders.ids import format_dossier
from loaders.sanitize import terminal_safe
from loaders.subject import short_subject

GHOST_MARK = "◌"


@dataclass(frozen=True)
class DossierNode:
    key: str
    loaded: bool = False


@dataclass(frozen=True)
class DocumentNode:
    key: str
    ghost: bool


NodeData = DossierNode | DocumentNode


def short_date(iso: str) -> str:
    """``2022-12-13`` -> ``13-12-2022``, as Dutch lists print dates."""
    parts = iso.split("-")
    return "-".join(reversed(parts)) if len(parts) == 3 else iso


def dossier_label(row: DossierRow) -> Text:
    if not row.documents:  # known only because documents cite into it
        label = Text(f"{GHOST_MARK} {format_dossier(row.key)}", style="dim bold")
        label.append(" " + (terminal_safe(row.title) or "cited only"), style="dim italic")
        return label
    label = Text(format_dossier(row.key), style="bold")
    label.append(" " + terminal_safe(row.title))
    return label


def document_label(row: DocumentRow) -> Text:
    number = row.ondernummer or row.key
    label = Text()
    if row.ghost:
        label.append(f"{GHOST_MARK} ", style="dim")
    label.append(number, style="bold" if not row.ghost else "dim bold")
    for part in (row.kind.capitalize(), short_date(row.date)):
        if part:
            label.append(" " + part, style="dim" if row.ghost else "")
    short = short_subject(row.subject or row.title)
    if short:
        label.append(" " + terminal_safe(short), style="dim italic" if row.ghost else "")
    return label


class DossierTree(Tree[NodeData]):
    """Dossiers and their documents; selecting a document opens it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l", "expand_node", "Expand", show=False),
        Binding("left,h", "collapse_node", "Collapse", show=False),
    ]

    def __init__(self, library: Library, **kwargs: object) -> None:
        super().__init__("Dossiers", **kwargs)  # type: ignore[arg-type]
        self.library = library
        self.show_root = False
        self.guide_depth = 2
        self._dossier_nodes: dict[str, TreeNode[NodeData]] = {}

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the dossiers again (after a load), keeping what was expanded."""
        expanded = {key for key, node in self._dossier_nodes.items() if node.is_expanded}
        self.clear()
        self._dossier_nodes = {}
        for row in self.library.dossier_rows():
            node = self.root.add(dossier_label(row), data=DossierNode(row.key), expand=False)
            self._dossier_nodes[row.key] = node
            if row.key in expanded:
                self._fill(node)
                node.expand()

    def _fill(self, node: TreeNode[NodeData]) -> None:
        data = node.data
        if not isinstance(data, DossierNode) or data.loaded:
            return
        node.remove_children()
        for row in self.library.documents_in(data.key):
            node.add_leaf(document_label(row), data=DocumentNode(row.key, row.ghost))
        node.data = DossierNode(data.key, loaded=True)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        self._fill(event.node)

    def action_expand_node(self) -> None:
        node = self.cursor_node
        if node is not None and isinstance(node.data, DossierNode):
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

    def reveal(self, key: str, dossier: str) -> None:
        """Expand ``dossier`` and put the cursor on ``key``: the tree follows the open document."""
        node = self._dossier_nodes.get(dossier)
        if node is None:
            return
        self._fill(node)
        node.expand()
        for child in node.children:
            if isinstance(child.data, DocumentNode) and child.data.key == key:
                # The expanded children get their lines on the next refresh.
                self.call_after_refresh(self._put_cursor_on, child)
                return

    def _put_cursor_on(self, node: TreeNode[NodeData]) -> None:
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def reveal_dossier(self, dossier: str) -> None:
        node = self._dossier_nodes.get(dossier)
        if node is not None:
            self._fill(node)
            node.expand()
            self.call_after_refresh(self._put_cursor_on, node)

    def dossier_node(self, key: str) -> TreeNode[NodeData] | None:
        return self._dossier_nodes.get(key)
