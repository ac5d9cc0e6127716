"""When a longer word holds a typed one: as its inflected form ("missies"), as a true
compound of it, where what is left on either side is itself a word ("handels·missie",
"kabinet·s·formatie"), or only by its letters ("e·missie", "com·missie", "Hirak·beweging" for
irak), which says nothing of the word. Search and the finder both ask here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

# What may follow a word and leave it the same word: plural, genitive, diminutive endings.
INFLECTIONS = ("", "s", "n", "en", "e", "es", "tje", "tjes", "je", "jes")
# What may join two words of a compound ("vredes·missie", "arbeids·markt").
_LINKS = ("s", "en", "e")
# A part shorter than this is no word of its own: "e·missie", "com·missie".
PART_LEAST = 4
# A word with a letter or more before it is a longer word ("e·missie") also with one of these
# after it ("e·missies"): each is one of INFLECTIONS.
_LONGER_ENDINGS = ("", "s", "n", "en")

Held = Literal["form", "compound"] | None


def part_of(word: str, candidate: str, known: Callable[[str], bool]) -> Held:
    """How ``candidate`` holds ``word``; ``known`` says whether a string is a word."""
    at = candidate.find(word)
    if at < 0:
        return None
    if is_form(word, candidate):
        return "form"
    before, after = candidate[:at], candidate[at + len(word) :]
    if _inside_longer_word(before, word, known):
        return None  # "stikstof·emissie": the part is emissie, not missie
    if before and not _is_part(before, known, before_word=True):
        return None
    if after in INFLECTIONS or _is_part(after, known, before_word=False):
        return "compound"
    return None


def is_form(word: str, candidate: str) -> bool:
    """Whether ``candidate`` is ``word`` inflected ("missies", "kabinetten"): no word asked."""
    after = candidate[len(word) :]
    doubled = (word[-1:] + "en", word[-1:] + "e")  # kabinet·ten
    return candidate.startswith(word) and (after in INFLECTIONS or after in doubled)


def strings_asked(word: str, candidate: str) -> set[str]:
    """Every string ``part_of(word, candidate, known)`` may ask ``known`` about: asked all
    at once (one query for a word's candidates, not one for each string), its answers are
    the same."""
    at = candidate.find(word)
    if at < 0:
        return set()
    before = candidate[:at]
    asked = {
        before[-k:] + word + ending
        for k in range(1, min(3, len(before)) + 1)
        for ending in _LONGER_ENDINGS
    }
    return asked | parts_asked(word, candidate)


def parts_asked(word: str, candidate: str) -> set[str]:
    """The strings of ``strings_asked`` that are the candidate's other parts, the rest being
    ``word`` with a letter or more before it: where every word that ends in ``word`` is known
    already, only these are left to ask."""
    at = candidate.find(word)
    if at < 0:
        return set()
    before, after = candidate[:at], candidate[at + len(word) :]
    asked = {before, *(before[: -len(link)] for link in _LINKS if before.endswith(link))}
    asked |= {after, *(after[len(link) :] for link in _LINKS if after.startswith(link))}
    return {string for string in asked if len(string) >= PART_LEAST}


def _inside_longer_word(before: str, word: str, known: Callable[[str], bool]) -> bool:
    """Whether the letters just before ``word`` make a longer word of it ("e" + "missie")."""
    return any(
        known(before[-k:] + word + ending)
        for k in range(1, min(3, len(before)) + 1)
        for ending in _LONGER_ENDINGS
    )


def _is_part(part: str, known: Callable[[str], bool], *, before_word: bool) -> bool:
    """Whether ``part`` is a word, with or without the letters that join a compound's parts
    (after it when it comes first, "vrede·s"; before it when it comes second, "s·formatie")."""
    options = [part]
    if before_word:
        options += [part[: -len(link)] for link in _LINKS if part.endswith(link)]
    else:
        options += [part[len(link) :] for link in _LINKS if part.startswith(link)]
    return any(len(option) >= PART_LEAST and known(option) for option in options)
