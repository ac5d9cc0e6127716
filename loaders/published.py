"""Which documents KOOP has published: the list of every parliamentary publication id shipped
with kamerlezer (``loaders/data/``), to its date. It says which numbers of a dossier exist, so
that a reader sees which of them the library lacks; a number published after the list was made
is known only from the library itself."""

from __future__ import annotations

import functools
import lzma
from importlib.resources import files

from loaders.ids import key_from_published_id, split_kst_key

LIST = "koop-parliamentary-ids.txt.xz"
# The list's own date, as a reader is told it: numbers after it are not in it.
LIST_DATE = "February 2025"


@functools.cache
def _published() -> str:
    """The whole list as one text (about 12 MB), read once a process, on first use."""
    data = (files("loaders") / "data" / LIST).read_bytes()
    return "\n" + lzma.decompress(data).decode("ascii") + "\n"


def published_numbers(dossier: str) -> list[str]:
    """The ondernummers of the dossier's Kamerstukken in the list, as keys spell them."""
    text = _published()
    prefix = f"\nkst-{dossier}-"
    numbers = []
    at = text.find(prefix)
    while at >= 0:
        end = text.index("\n", at + 1)
        split = split_kst_key(key_from_published_id(text[at + 1 : end]))
        # Not a dossier of its series ("21501-02"), nor a bijlage of a number ("12-b1").
        if split is not None and split[0] == dossier and "-" not in split[1]:
            numbers.append(split[1])
        at = text.find(prefix, end)
    return numbers


def is_published(key: str) -> bool:
    """Whether ``key`` is among the ids in the list (kst-, h-, ah- keys as KOOP spells them)."""
    return f"\n{key}\n" in _published()
