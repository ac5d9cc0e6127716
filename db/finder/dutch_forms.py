"""The other forms of a Dutch word that a reader may type for it: the singular of a plural
("dierproeven" -> "dierproef", "vrouwen" -> "vrouw", "scholen" -> "school") and the plural of
a singular ("huis" -> "huizen", "stad" -> "steden"), an inflected adjective's base form
("nieuwe" -> "nieuw", "grote" -> "groot").

A rough set of rules, not a stemmer: the finder keeps only the forms its index holds, so a
wrong guess costs nothing.
"""

from __future__ import annotations

import re

_VOWELS = "aeiou"
_DOUBLED_END = re.compile(r"([bcdfgklmnprst])\1$")  # "bommen" -> "bomm" -> "bom"
_OPEN_SYLLABLE = re.compile(rf"([^{_VOWELS}]|^)([{_VOWELS}])([^{_VOWELS}])$")  # "schol"
_IRREGULAR = {"steden": "stad", "stad": "steden", "schepen": "schip", "schip": "schepen"}


def other_forms(word: str) -> set[str]:
    """Forms of ``word`` in the other number (and an adjective's base form), as guesses."""
    forms: set[str] = set()
    if len(word) < 3 or not word.isalpha():
        return forms
    if word in _IRREGULAR:
        forms.add(_IRREGULAR[word])
    forms |= _singulars(word)
    if not word.endswith(("en", "els", "ens", "ers", "'s")):  # not already a plural
        forms |= _plurals(word)
    forms.discard(word)
    return forms


def _singulars(word: str) -> set[str]:
    found: set[str] = set()
    if word.endswith("eren") and len(word) > 6:  # kinderen -> kind
        found.add(word[:-4])
    if word.endswith("en") and len(word) > 4:
        stem = word[:-2]
        found |= _base_of(stem)
    if word.endswith("s") and len(word) > 4 and word[-2] in "elnr" + _VOWELS:
        found.add(word[:-1])  # regels -> regel, wapens -> wapen, meisjes -> meisje
    if word.endswith("'s"):
        found.add(word[:-2])
    if word.endswith("e") and len(word) > 4:  # nieuwe -> nieuw, grote -> groot
        found |= _base_of(word[:-1])
    return found


def _base_of(stem: str) -> set[str]:
    """A stem with the spelling of its word alone: "dierproev" -> "dierproef", "huiz" ->
    "huis", "bomm" -> "bom", "schol" -> "school"."""
    found = {stem}
    if stem.endswith("v"):
        found.add(stem[:-1] + "f")
    if stem.endswith("z"):
        found.add(stem[:-1] + "s")
    if _DOUBLED_END.search(stem):
        found.add(stem[:-1])
    if match := _OPEN_SYLLABLE.search(stem):  # an open syllable had a long vowel: schol-en
        vowel = match.group(2)
        found.add(stem[: match.start(2)] + vowel + vowel + stem[match.end(2) :])
    return found


def _plurals(word: str) -> set[str]:
    found = {word + "en", word + "s", word + "e"}
    if word.endswith("f"):
        found.add(word[:-1] + "ven")
    if word.endswith("s"):
        found.add(word[:-1] + "zen")
    if re.search(rf"([{_VOWELS}])\1[^{_VOWELS}]$", word):  # school -> scholen
        found.add(word[:-2] + word[-1] + "en")
    if re.search(rf"[{_VOWELS}][bdfgklmnprst]$", word) and not re.search(
        rf"[{_VOWELS}]{{2}}[^{_VOWELS}]$", word
    ):  # bom -> bommen
        found.add(word + word[-1] + "en")
    return found
