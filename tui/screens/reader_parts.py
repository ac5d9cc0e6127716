"""What the parts of the reader that live in modules of their own (fetching a ghost,
searching) rely on the reader screen to have: declared once, for the type checker."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

from db.library import Library
from db.reading import Reading
from loaders.official.sources import OfficialSources
from tui.pages.history import History

if TYPE_CHECKING:
    from tui.screens.search import SearchScreen
    from tui.widgets.dossier_tree import DossierTree
    from tui.widgets.finder_pane import FinderPane
    from tui.widgets.letter_view import LetterView
    from tui.widgets.status_bar import StatusBar


class ReaderParts(Screen[None]):
    """The reader screen's state and panes (``ReaderScreen`` sets and composes them)."""

    library: Library
    sources: Callable[[], OfficialSources]
    history: History
    reading: Reading | None
    _search: SearchScreen | None

    if TYPE_CHECKING:

        @property
        def letter(self) -> LetterView: ...

        @property
        def status(self) -> StatusBar: ...

        @property
        def finder(self) -> FinderPane: ...

        @property
        def dossier_tree(self) -> DossierTree: ...

        def open_document(self, key: str, *, remember: bool = True) -> bool: ...
