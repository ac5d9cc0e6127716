"""A motie's subject as the Tweede Kamer writes it, from its own words when no source gives
one: "Motie Ceder c.s. over de plannen voor de oprichting van een tankbataljon zo snel
mogelijk voorbereiden".

Its printed title says who moved it ("MOTIE VAN HET LID CEDER C.S."), its dictum what it asks
("verzoekt de regering de plannen ... zo snel mogelijk voor te bereiden, opdat ..."): the
subject keeps the dictum's first clause without whom it is addressed to, its verb as the
infinitive the Kamer's own subjects use ("voorbereiden").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.folding import fold
from loaders.model import Signatory

MAX_WHAT = 140  # characters of what it asks
SHORTEST_CLAUSE = 4  # words: a shorter first clause says too little, the next one is added

_WHO = re.compile(
    r"\bVAN\s+(?:HET\s+LID|DE\s+LEDEN)\s+(?P<who>.+?)(?:\s+TER\s+VERVANGING\b.*)?$", re.I | re.S
)
_ORDINAL = re.compile(r"^\s*(?P<ordinal>TWEEDE|DERDE|VIERDE|VIJFDE)\s", re.I)
_ADDRESSEE = re.compile(
    r"^(?:verzoekt|roept|draagt|vraagt|dringt|spoort|nodigt)\s+(?:er\s+bij\s+)?"
    r"(?:\S+\s+){0,3}?"  # "de", "het demissionaire", "deze"
    r"(?:regering|regerering|kabinet|bewindspersonen|bewindspersoon|presidium|(?:kamer)?voorzitter"
    r"|kamer|ministers?|staatssecretaris(?:sen)?|commissie)\b"
    r"(?:\s+(?:van|voor)\s+(?:[A-Z][\w'-]*|en|van|voor|de|het|,)"
    r"(?:\s+(?:[A-Z][\w'-]*|en|van|voor|de|het|,))*?)?"
    r"(?:\s+(?:op|aan|uit))?\s*,?\s*(?:(?:er\s+)?bij\s+(?:de|het)\s+\w+\s+)?(?:op\s+)?"
    r"(?:om\b\s*,?\s*)?",
    re.I,
)
_SPEAKS = re.compile(r"^spreekt\s+(?P<self>zich\s+)?uit\s*,?\s*", re.I)
_DECIDES = re.compile(r"^(?:besluit|stelt\s+vast)\s*,?\s*", re.I)
# Where the first clause ends: a comma or semicolon, or a colon before a list.
_CLAUSE_END = re.compile(r"\s*(?:[,;:]|\s-\s|\s–\s)")
_SENTENCE_END = re.compile(
    r"\s*(?:[;:]|,\s+(?=(?:en|maar|omdat|zodat|opdat|waarbij|terwijl|mede|gezien)\b))"
)
# "voor te bereiden" -> "voorbereiden", "te onderzoeken" -> "onderzoeken".
_PARTICLES = frozenset(
    "aan af bij door in mee na om op over terug toe uit vast vrij weg samen tegen los voor"
    " voort kenbaar bekend".split()
)
_TE = re.compile(r"\bte\s+(?P<verb>\w+)", re.I)
_PARTICLE_WORDS = frozenset("van de der den het ter ten te 't in op".split())
_LOWER_WORDS = frozenset({"en", "c.s.", "cs"})


def motie_subject(kind: str, title: str, dictum: str, indieners: list[Signatory]) -> str:
    """ "Motie Ceder c.s. over ..." for a motie of ``kind`` with printed ``title``; "" when
    the dictum says nothing a subject can be made of."""
    what = what_it_asks(dictum)
    if not what:
        return ""
    label = (kind or "motie").capitalize()
    if ordinal := _ORDINAL.match(title):
        label = f"{ordinal['ordinal'].capitalize()} {label.lower()}"
    who = who_moved_it(title, indieners)
    return f"{label} {who} over {what}" if who else f"{label} over {what}"


def who_moved_it(title: str, indieners: list[Signatory]) -> str:
    """The movers as the title names them, spelled as they signed: "Ceder c.s.",
    "Kostić en Graus", "Van der Werf c.s."."""
    match = _WHO.search(" ".join(title.split()))
    if match is None:
        return ""
    who = match["who"].strip(" .,")
    if who.upper().endswith(" C.S"):
        who += "."
    spelled = {fold(s.name).upper(): s.name for s in indieners if s.name}
    words = who.split()
    names: list[str] = []
    for part in re.split(r"(\s+EN\s+|,\s*|\s+C\.S\.)", " ".join(words), flags=re.I):
        if not part.strip(" ,"):
            names.append(part)
            continue
        if part.strip().upper() in ("EN", "C.S."):
            names.append(part.lower())
            continue
        key = fold(part.strip()).upper()
        names.append(spelled.get(key) or _name_case(part.strip()))
    return "".join(names).strip()


def _name_case(upper: str) -> str:
    """ "VAN DER WERF" -> "Van der Werf", "INGE VAN DIJK" -> "Inge van Dijk"."""
    words = upper.lower().split()
    cased = []
    for index, word in enumerate(words):
        if (index and word in _PARTICLE_WORDS) or word in _LOWER_WORDS:
            cased.append(word)
        else:
            cased.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
    return " ".join(cased)


def what_it_asks(dictum: str) -> str:
    """The first clause of a dictum, without whom it asks, its verb in the infinitive:
    "verzoekt de regering de plannen ... voor te bereiden, opdat ..." -> "de plannen ...
    voorbereiden"."""
    text = " ".join(dictum.split()).rstrip(" ,.;")
    if speaks := _SPEAKS.match(text):
        text = ("zich uitspreken " if speaks["self"] else "uitspreken ") + text[speaks.end() :]
    elif decides := _DECIDES.match(text):
        text = "besluiten " + text[decides.end() :]
    elif addressed := _ADDRESSEE.match(text):
        text = text[addressed.end() :]
    else:
        return ""
    clause = _infinitive(_first_clause(text)).strip(" ,;:")
    if len(clause) > MAX_WHAT:
        clause = clause[: MAX_WHAT - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return clause


def _first_clause(text: str) -> str:
    """Up to the first comma (or semicolon, colon, dash) after the clause's verb: a phrase
    set off by commas before the verb ("om, indien ..., over te gaan tot") stays. Without a
    "te" verb ("uitspreken dat ..."), commas of a list stay too."""
    verb = _te_verb(text)
    ends = _CLAUSE_END if verb else _SENTENCE_END
    end = ends.search(text, verb.end if verb else 0)
    if end is not None and len(text[: end.start()].split()) < SHORTEST_CLAUSE:
        # "om in kaart te brengen, mede aan de hand van ..., welke ...": what it asks follows
        end = ends.search(text, end.end())
    return text[: end.start()] if end else text


def _infinitive(clause: str) -> str:
    """The clause's "(particle) te verb" as the bare infinitive, and the verbs joined to it
    by "en"; a "te" after "om" belongs to a clause of its own and stays."""
    verb = _te_verb(clause)
    if verb is None:
        return clause
    result = clause[: verb.start] + verb.infinitive
    rest = clause[verb.end :]
    while (
        (following := _FOLLOWING.match(rest))
        and (more := _te_verb(rest, following.end(1)))
        and more.start == following.end(1)
    ):
        result += following.group(1) + more.infinitive
        rest = rest[more.end :]
    return result + rest


@dataclass(frozen=True)
class _TeVerb:
    start: int  # of the particle, where there is one
    end: int
    infinitive: str  # "voorbereiden" for "voor te bereiden"


_FOLLOWING = re.compile(r"(\s+en\s+)")


def _te_verb(text: str, at: int = 0) -> _TeVerb | None:
    """The first "(particle) te verb" from ``at`` that is not the end of an "om" clause."""
    for match in _TE.finditer(text, at):
        if _after_om(text, match.start()):
            continue
        start, infinitive = match.start(), match["verb"]
        words = text[max(at, start - 12) : start].split()  # particles are short words
        if words and words[-1].lower() in _PARTICLES and text[start - 1].isspace():
            particle = words[-1]
            begins = text.rindex(particle, at, start)
            if begins == at or not text[begins - 1].isalnum():  # a whole word, not a tail
                start, infinitive = begins, particle + infinitive
        return _TeVerb(start, match.end(), infinitive)
    return None


def _after_om(clause: str, at: int) -> bool:
    """Whether "te" at ``at`` completes an "om ... te" clause begun before it."""
    before = clause[:at]
    om = before.rfind(" om ")
    return om >= 0 and " te " not in before[om:] and om > len(before) - 80 and om > 0
