"""The one error a loader raises: it names the file and says what is wrong with it."""

from __future__ import annotations


class LoadError(Exception):
    """A file that cannot be read as any document; the message is one line for the user."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class UnknownFormat(LoadError):
    """Not a format any loader reads: named on the command line it fails, found while walking
    a folder or an archive (a README, an image) it is skipped."""
