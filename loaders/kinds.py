"""What kind of document a Kamerstuk is, read from its printed title.

The printed title ("GEWIJZIGDE MOTIE VAN HET LID ...", "BRIEF VAN DE MINISTER ...") is the
most reliable signal in every format and every decade; metadata types are a fallback. Titles
are typeset by hand and carry typos ("GEWIJZGIDE MOTIE", "GEWIJZIGE MOTIE"): a word of six
letters or more still counts when it is one edit (a swap included) from the word it should be.
A numbered version ("TWEEDE NADER GEWIJZIGDE MOTIE") is of the kind it numbers.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

# Most specific first: "NADER GEWIJZIGDE MOTIE" before "GEWIJZIGDE MOTIE" before "MOTIE".
# Each title begins with one of the phrases (words in brackets may be left out).
_KINDS: list[tuple[str, str]] = [
    ("NADER GEWIJZIGDE MOTIE", "nader gewijzigde motie"),
    ("GEWIJZIGDE MOTIE", "gewijzigde motie"),
    ("MOTIE", "motie"),
    ("[NADER] GEWIJZIGD AMENDEMENT", "gewijzigd amendement"),
    ("AMENDEMENT", "amendement"),
    ("MEMORIE VAN TOELICHTING", "memorie van toelichting"),
    ("MEMORIE VAN ANTWOORD", "memorie van antwoord"),
    ("NOTA NAAR AANLEIDING VAN HET [NADER] VERSLAG", "nota naar aanleiding van het verslag"),
    ("NOTA VAN WIJZIGING", "nota van wijziging"),
    ("[GEWIJZIGD] VOORSTEL VAN WET", "voorstel van wet"),
    ("[GEWIJZIGD] VOORSTEL VAN RIJKSWET", "voorstel van wet"),
    ("ADVIES [AFDELING] [ADVISERING] RAAD VAN STATE", "advies raad van state"),
    ("LIJST VAN VRAGEN EN ANTWOORDEN", "lijst van vragen en antwoorden"),
    ("[VOORLOPIG] VERSLAG", "verslag"),
    ("NADER VERSLAG", "verslag"),
    ("EINDVERSLAG", "verslag"),
    ("KONINKLIJKE BOODSCHAP", "koninklijke boodschap"),
    ("BRIEF", "brief"),
    ("NOTA", "nota"),
    ("BESLUIT", "besluit"),
    ("JAARVERSLAG", "jaarverslag"),
]
_NUMBERED = frozenset({"TWEEDE", "DERDE", "VIERDE", "VIJFDE", "ZESDE"})
_WORD = re.compile(r"[A-ZÀ-Þ]+(?:-[A-ZÀ-Þ]+)*")
_ANYWHERE = re.compile(r"\bBRIEF VAN\b")
FUZZY_FROM = 6  # letters: shorter words must be exact ("MOTIE", "NOTA", "BRIEF")


def _phrases(pattern: str) -> list[tuple[str, ...]]:
    """Every reading of a phrase with optional words: "[NADER] VERSLAG" -> both."""
    readings: list[list[str]] = [[]]
    for word in pattern.split():
        if word.startswith("["):
            plain = word.strip("[]")
            readings = [[*r, plain] for r in readings] + readings
        else:
            readings = [[*r, word] for r in readings]
    return [tuple(r) for r in readings]


_PATTERNS = [(phrase, kind) for pattern, kind in _KINDS for phrase in _phrases(pattern)]


# The kinds the Kamer votes on (each with its gewijzigde and nader gewijzigde versions).
VOTED_ON = ("motie", "amendement")


# The words people use for a kind ("kamerbrief", "moties"), longest first, each with the
# kinds it names, the best match first: the finder's queries and a checked text's claims.
_MOTIES = ("motie", "gewijzigde motie", "nader gewijzigde motie")
_AMENDEMENTEN = ("amendement", "gewijzigd amendement")
KIND_WORDS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("nader", "gewijzigde", "motie"), ("nader gewijzigde motie", "gewijzigde motie")),
    (("gewijzigde", "motie"), ("gewijzigde motie", "nader gewijzigde motie")),
    (("gewijzigd", "amendement"), ("gewijzigd amendement",)),
    (("memorie", "van", "toelichting"), ("memorie van toelichting",)),
    (("nota", "van", "wijziging"), ("nota van wijziging",)),
    (("motie",), _MOTIES),
    (("moties",), _MOTIES),
    (("brief",), ("brief",)),
    (("brieven",), ("brief",)),
    (("kamerbrief",), ("brief",)),
    (("amendement",), _AMENDEMENTEN),
    (("amendementen",), _AMENDEMENTEN),
    (("nota",), ("nota", "nota van wijziging", "nota naar aanleiding van het verslag")),
    (("mvt",), ("memorie van toelichting",)),
    (("verslag",), ("verslag",)),
    (("wetsvoorstel",), ("voorstel van wet",)),
]


def is_voted_on(kind: str) -> bool:
    return any(voted in kind for voted in VOTED_ON)


def kind_from_title(title: str, fallback: str = "") -> str:
    """``"MOTIE VAN HET LID VAN BAARLE"`` -> ``"motie"``; ``fallback`` (lower-cased) else."""
    upper = title.upper()
    words = _WORD.findall(upper)
    while words and words[0] in _NUMBERED:
        words = words[1:]
    for phrase, kind in _PATTERNS:
        if len(words) >= len(phrase) and all(
            _same_word(typed, word) for typed, word in zip(words, phrase, strict=False)
        ):
            return kind
    if _ANYWHERE.search(upper):
        return "brief"
    return fallback.strip().lower()


def _same_word(typed: str, word: str) -> bool:
    if typed == word:
        return True
    return len(word) >= FUZZY_FROM and OSA.distance(typed, word, score_cutoff=1) <= 1


# Kamervragen: the written questions (as their metadata types them) and what answers them.
QUESTION_KINDS = ("schriftelijke vragen", "kamervragen")
ANSWER_KINDS = ("antwoord", "mededeling")
