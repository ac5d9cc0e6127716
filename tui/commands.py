"""Every command of the reader, declared once: its keys, its title and its help.

The bindings of each screen and widget, the help screen and the command palette are all
made from these declarations, so that none of them can drift from what the keys do. A
command belongs to the screen or widget whose action it runs; the palette offers it only
where that screen's or widget's ``check_action`` allows it now.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from textual.app import SystemCommand
from textual.binding import Binding


@dataclass(frozen=True)
class Command:
    action: str  # the action of the screen or widget it belongs to
    keys: str  # Textual key names, comma-separated: "backspace,alt+left"
    title: str  # as the footer and the palette name it
    help: str  # what it does, in a few words, for help and the palette
    footer: bool = False  # shown in the footer
    priority: bool = False  # before the focused widget sees the key
    in_palette: bool = True

    def binding(self) -> Binding:
        """Its binding, by its name: the user's config can give it other keys (a keymap)."""
        return Binding(
            self.keys,
            self.action,
            self.title,
            show=self.footer,
            priority=self.priority,
            id=self.action,
        )

    @property
    def bound_keys(self) -> str:
        """Its keys: the user's, where their config gives it others."""
        return _keymap.get(self.action, self.keys)


# The keys the user's config gives commands, by name (see use_keymap).
_keymap: dict[str, str] = {}


def use_keymap(keymap: dict[str, str]) -> None:
    """The user's keys, for help and the palette to show; the app applies them to the
    bindings themselves (Textual's keymap)."""
    _keymap.clear()
    _keymap.update(keymap)


def bindings(commands: tuple[Command, ...]) -> list[Binding]:
    return [command.binding() for command in commands]


# The App's: on every screen.
APP = (
    Command("help", "question_mark,f1", "Help", "every key, by pane", footer=True),
    Command("command_palette", "ctrl+p", "Commands", "every command, by name", in_palette=False),
    Command("quit", "q", "Quit", "leave kamerlezer", in_palette=False),
)

# The reader screen's. Keys that open a box (f, /, s) are priority bindings whose actions
# move focus at once, so that keys typed right after them in one burst (as over SSH) reach
# the box; in a text box they are letters (the reader's check_action).
READER = (
    Command(
        "find",
        "f,ctrl+f",
        "Find",
        "find a document: a number, or words you remember of it",
        footer=True,
        priority=True,
    ),
    Command("search", "slash", "Search this text", "search the open document", priority=True),
    Command(
        "search_all",
        "s",
        "Search all",
        "search the text of every document",
        footer=True,
        priority=True,
    ),
    # On the reader, not the letter, so that it opens before any key typed after it acts.
    Command("follow", "enter", "Follow", "open what the citation names", footer=True),
    Command("go_back", "backspace,alt+left", "Back", "back, as in a browser", footer=True),
    Command("forward", "alt+right", "Forward", "forward again"),
    Command("copy_citation", "y", "Copy citation", "copy how to cite the open document"),
    Command("cite_as", "Y", "Cite as…", "copy the citation as text, CSL-JSON, BibTeX or RIS"),
    Command("official_url", "o", "Official address", "show and copy the publication's address"),
    Command("toggle_tree", "t", "Tree", "show or hide the dossier tree"),
    # Before a text box: no query needs > or <, and a reader in the finder box resizes too.
    Command(
        "wider",
        "greater_than_sign",
        "Wider side panes",
        "widen the tree and the finder",
        priority=True,
    ),
    Command(
        "narrower", "less_than_sign", "Narrower side panes", "narrow them again", priority=True
    ),
    Command("fetch", "F", "Fetch this document", "get a cited document from the official sources"),
    Command(
        "follow_dossier",
        "w",
        "Follow dossier",
        "follow the open dossier, or stop: what is loaded into it shows under New",
    ),
    Command("all_seen", "W", "All seen", "mark everything under New seen"),
    Command("welcome", "H", "Welcome page", "the library's newest documents and how to start"),
    Command("changes", "d", "Changes", "what this version changed against the one it replaces"),
    Command("bookmark", "m", "Bookmark", "bookmark the place you read, with a name"),
    Command("bookmarks", "apostrophe", "Bookmarks", "your bookmarks: Enter goes to one"),
    Command("note", "a", "Note", "write a note on the line at the top (yours, in the margin)"),
    Command("votes", "v", "Votes", "how the Kamer voted on it: the 150 seats, by party"),
    # Before the focused widget (the finder leaves on Esc): a fetch is cancelled wherever one is.
    Command(
        "cancel",
        "escape",
        "Cancel",
        "cancel a fetch",
        in_palette=False,
        priority=True,
    ),
)

# The letter pane's.
LETTER = (
    Command(
        "next_citation",
        "right_square_bracket",
        "Next citation",
        "go to the next citation",
        footer=True,
    ),
    Command(
        "previous_citation", "left_square_bracket", "Previous citation", "go to the citation before"
    ),
    Command("next_speech", "right_curly_bracket", "Next speech", "in a debate: who speaks next"),
    Command(
        "previous_speech", "left_curly_bracket", "Previous speech", "in a debate: the speech before"
    ),
    Command("next_hit", "n", "Next hit", "the next place a search found"),
    Command("previous_hit", "N", "Previous hit", "the place before"),
    Command("scroll_down", "j,down", "Down", "scroll down", in_palette=False),
    Command("scroll_up", "k,up", "Up", "scroll up", in_palette=False),
    Command("page_down", "space,pagedown", "Page down", "a page down", in_palette=False),
    Command("page_up", "b,pageup", "Page up", "a page up", in_palette=False),
    Command("scroll_home", "g,home", "Top", "to the top", in_palette=False),
    Command("scroll_end", "G,end", "Bottom", "to the bottom", in_palette=False),
)

# The finder pane's.
FINDER = (
    Command("to_results", "down", "Results", "from the box to the results", in_palette=False),
    Command("leave", "escape", "Back to the letter", "close the finder", in_palette=False),
)

# The box of / (search the open document).
DOCUMENT_SEARCH = (
    Command("close", "escape", "Back to the letter", "close the search box", in_palette=False),
)

# The dossier tree's (Textual's own Tree keys move and select).
TREE = (
    Command("expand_node", "right,l", "Expand", "open a dossier", in_palette=False),
    Command("collapse_node", "left,h", "Collapse", "close it", in_palette=False),
)

# The search screen's.
SEARCH = (
    Command("close", "escape", "Back to the letter", "leave the search", footer=True),
    Command(
        "toggle_sort",
        "ctrl+d",
        "Sort: rank, newest, oldest",
        "sort the hits",
        footer=True,
        priority=True,
    ),
    Command("to_results", "down", "Results", "from the box to the hits", in_palette=False),
    # On the hits (in the box it is a letter).
    Command(
        "follow_search",
        "w",
        "Follow this search",
        "on the hits: follow the search, or stop; what it finds from now on shows under New",
    ),
)

# The help screen's.
HELP = (
    Command("dismiss", "escape,q,question_mark,f1", "Close help", "close this help", footer=True),
    Command("scroll_down", "j,down", "Down", "scroll down", in_palette=False),
    Command("scroll_up", "k,up", "Up", "scroll up", in_palette=False),
    Command("page_down", "space,pagedown", "Page down", "a page down", in_palette=False),
    Command("page_up", "b,pageup", "Page up", "a page up", in_palette=False),
)

# The votes screen's.
VOTES = (
    Command("dismiss", "escape,v,q", "Close", "close the votes", footer=True),
    Command("scroll_down", "j,down", "Down", "scroll down", in_palette=False),
    Command("scroll_up", "k,up", "Up", "scroll up", in_palette=False),
)

# The list of bookmarks (').
BOOKMARKS = (
    Command("dismiss_list", "escape,apostrophe,q", "Close", "close the list", footer=True),
    Command("remove", "d,delete", "Remove", "remove the bookmark under the cursor", footer=True),
)

# The box of a note (a).
NOTE = (
    Command("keep", "ctrl+s", "Keep", "keep the note", footer=True, priority=True),
    Command("drop", "escape", "Cancel", "close without keeping it", footer=True, priority=True),
)

# The formats of a citation (Y).
CITE_AS = (Command("close", "escape,Y,q", "Close", "close without copying", footer=True),)

# Where each applies, as help lists them.
SECTIONS: tuple[tuple[str, tuple[Command, ...]], ...] = (
    ("Everywhere", APP),
    ("Reader", READER),
    ("Letter", LETTER),
    ("Finder", FINDER),
    ("Search box (/)", DOCUMENT_SEARCH),
    ("Tree", TREE),
    ("Search screen (s)", SEARCH),
    ("Bookmarks (')", BOOKMARKS),
    ("Note (a)", NOTE),
    ("Cite as (Y)", CITE_AS),
)

_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "apostrophe": "'",
    "backspace": "⌫",
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "tab": "Tab",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}


def command_named(commands: tuple[Command, ...], action: str) -> Command:
    """The command of ``commands`` that runs ``action``."""
    return next(command for command in commands if command.action == action)


def key_for(action: str, among: tuple[Command, ...] | None = None) -> str:
    """The key that runs the command named ``action`` now (the user's, where their config
    gives it one), as shown: for the hints in what the reader says ("w again stops").
    ``among``: the screen's commands, where several screens have one of that name."""
    every = among or tuple(c for _, commands in SECTIONS for c in commands)
    command = next(c for c in every if c.action == action)
    key = command.bound_keys.split(",")[0]
    return "Backspace" if key == "backspace" else key_display(key)  # in words, not ⌫


def key_display(keys: str) -> str:
    """How kamerlezer shows a key or keys, everywhere: "backspace,alt+left" -> "⌫ / Alt+←"."""
    return " / ".join(_one_key(key.strip()) for key in keys.split(",") if key.strip())


def _one_key(key: str) -> str:
    *modifiers, name = key.split("+")
    shown = _NAMES.get(
        name, name.upper() if len(name) > 1 and name[0] == "f" and name[1:].isdigit() else name
    )
    if modifiers and len(shown) == 1:
        shown = shown.upper()  # "Ctrl+P", as keys are printed
    return "+".join([*(m.capitalize() for m in modifiers), shown])


def palette_commands(screen: object) -> Iterator[SystemCommand]:
    """The palette's entries for ``screen``: its commands that apply now (its or its
    widget's ``check_action`` allows them), each with its help and keys."""
    offered = screen.palette() if hasattr(screen, "palette") else ()
    for command, node in offered:
        if not command.in_palette or node.check_action(command.action, ()) is False:
            continue
        yield SystemCommand(
            command.title,
            f"{command.help} · {key_display(command.bound_keys)}",
            functools.partial(node.run_action, command.action),
        )
