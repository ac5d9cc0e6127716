"""The reader's colour themes: Textual's own, by name."""

from __future__ import annotations


def theme_names() -> list[str]:
    from textual.theme import BUILTIN_THEMES  # Textual only when a theme is asked for

    return sorted(BUILTIN_THEMES)


def theme_problem(name: str) -> str:
    """ "" for a theme there is; else a line that names the themes there are."""
    names = theme_names()
    if name in names:
        return ""
    return f"--theme {name}: no such theme; there are: {', '.join(names)}"
