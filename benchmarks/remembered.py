"""Finder queries drawn the way people remember documents, from the real moties.

A reader rarely remembers a subject word for word. Each kind of query here is what one might
type after reading a motie once, drawn with a fixed seed from the moties whose subject the
Tweede Kamer itself wrote (their metadata's ``documenttitel``):

(a) a signer's surname (any signer, not only the first) and two words of the subject;
(b) three words of the subject, one of them misspelt;
(c) three words of the subject, each cut short as if still being typed;
(d) three rare words of the body, one of them misspelt;
(e) the kind, a word of the dossier's title, a signer's name, and the month and year;
and two kinds that the issue that asked for this benchmark did not name, for what those
leave out: people remember words in another form and misremember some altogether:
(f) a misspelt signer's surname and two subject words in the other number (a plural for a
    singular or the reverse), in a form that other documents of the corpus use;
(g) two subject words and one the motie does not hold at all (from another motie of its
    dossier);
(h), (i) as (b) and (c), but each word is needed: leaving out any one of the three leaves
    three documents or more that hold the other two, so the misspelt or cut word must be read
    right for the motie to come first.

Words must be distinctive: at most two documents of the library hold all the words of a query
(a, b, c, d) as typed before any typo or cut. For (e) every document that truly matches all of
it (a motie of that dossier-title word, signed by that name, in that month) is counted: the
intended one should be among the first that many.
"""

from __future__ import annotations

import random
import re
import sqlite3
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from loaders.dates import MONTHS
from loaders.folding import fold

KINDS = "abcdefghi"
DESCRIPTIONS = {
    "a": "a signer's surname + two subject words",
    "b": "three subject words, one misspelt",
    "c": "three subject words cut short",
    "d": "three rare body words, one misspelt",
    "e": "kind + dossier-title word + name + month and year",
    "f": "misspelt surname + two subject words in the other number",
    "g": "two subject words + one it does not hold",
    "h": "as (b), each word needed: without any one, three or more documents hold the rest",
    "i": "as (c), each word needed: without any one, three or more documents hold the rest",
}
SEED = 20261201
MOTIE_KINDS = ("motie", "gewijzigde motie", "nader gewijzigde motie")
# Words too common to be what anyone remembers a motie by.
STOPWORDS = frozenset(
    """aan alle als bij daarbij dan dat de deze die dit door een en er geen hebben het hun
    in is kan kunnen meer met moet na naar niet nog of om onder ook op over per te ten ter
    tot uit van voor waar wat wel worden wordt zich zijn zo zoals zonder tussen binnen
    motie regering kabinet kamer nederland nederlandse mogelijk verzoekt gaan komen maken
    brengen zorgen ervoor daar daarvan hiervoor houden blijven leden lid tegen laten rondom
    zodat omdat waarbij terwijl andere eerste nieuwe extra goede verder snel spoedig
    uiterlijk onderzoeken onderzoek inzetten bezien gesprek overleg""".split()
)
# A word held by more than this share of the documents is not what a motie is remembered by.
COMMON = 0.03
_WORD = re.compile(r"[^\W\d_]{5,}")
_OFFICIAL = re.compile(rb'name="OVERHEIDop\.documenttitel" scheme="" content="[^"]')
_MONTH_NAMES: dict[int, list[str]] = {}  # the full name first, then its abbreviations
for _name, _number in MONTHS.items():
    _MONTH_NAMES.setdefault(_number, []).append(_name)


@dataclass(frozen=True)
class Motie:
    """A motie of the library, as the queries are drawn from it."""

    key: str
    subject: str
    signatories: str
    dossier_title: str
    date: str
    text: str
    siblings: tuple[str, ...] = ()  # the subjects of the other moties of its dossier


@dataclass(frozen=True)
class Remembered:
    kind: str  # a..e
    query: str
    expected: str  # the key of the document it was drawn from
    matching: int = 1  # (e): how many documents truly match all of it


def with_official_subject(corpus: Path) -> set[str]:
    """Keys of the moties whose metadata holds the subject the Kamer wrote."""
    keys = set()
    with tarfile.open(corpus) as archive:
        for member in archive:
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is not None and _OFFICIAL.search(handle.read()):
                keys.add(member.name.rsplit("/", 1)[-1].removesuffix(".xml"))
    return keys


def draw(
    library: Path,
    official: set[str] | None,
    per_kind: int = 25,
    kinds: str = KINDS,
    seed: int = SEED,
) -> list[Remembered]:
    """``per_kind`` queries of each of ``kinds``, the same ones for the same library and
    seed; subject words only of the moties in ``official`` (None: of every motie)."""
    conn = sqlite3.connect(f"{library.resolve().as_uri()}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT d.key, d.subject, d.signatories, coalesce(s.title, ''), d.date, d.text"
        " FROM documents d LEFT JOIN dossiers s ON s.key = d.dossier"
        " WHERE d.ghost = 0 AND d.kind IN (SELECT value FROM json_each(?)) ORDER BY d.key",
        (f'["{MOTIE_KINDS[0]}", "{MOTIE_KINDS[1]}", "{MOTIE_KINDS[2]}"]',),
    ).fetchall()
    by_dossier: dict[str, list[str]] = {}
    for key, subject, *_ in rows:
        by_dossier.setdefault(key.rsplit("-", 1)[0], []).append(subject)
    moties = []
    for key, subject, signatories, dossier_title, date, text in rows:
        siblings = tuple(s for s in by_dossier[key.rsplit("-", 1)[0]] if s != subject)
        moties.append(Motie(key, subject, signatories, dossier_title, date, text, siblings))
    rng = random.Random(seed)
    drawn: list[Remembered] = []
    for kind in kinds:
        candidates = [m for m in moties if official is None or m.key in official or kind in "de"]
        rng.shuffle(candidates)
        made = 0
        for motie in candidates:
            remembered = _DRAWERS[kind](conn, rng, motie)
            if remembered is not None:
                drawn.append(remembered)
                made += 1
                if made == per_kind:
                    break
    conn.close()
    return drawn


def _subject_words(conn: sqlite3.Connection, subject: str) -> list[str]:
    """The words of what it is about (after "over") that a reader would recall it by: no
    function words, nothing a few percent of all documents say."""
    about = subject.split(" over ", 1)[-1]
    words = [w for w in dict.fromkeys(_WORD.findall(about)) if fold(w) not in STOPWORDS]
    return [w for w in words if _holders(conn, [w]) <= COMMON * _size(conn)]


def _size(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM documents WHERE ghost = 0").fetchone()[0])


def _surnames(signatories: str) -> list[str]:
    import json

    names = [s.get("name", "") for s in json.loads(signatories or "[]")]
    return [n for n in names if n and len(n) >= 3]


def _holders(conn: sqlite3.Connection, words: list[str], name: str = "") -> int:
    """How many documents hold every word (and the name among their signatories)."""
    clauses = [f'"{fold(w)}"' for w in words]
    if name:
        clauses.append("names : " + '"' + " ".join(re.findall(r"\w+", fold(name))) + '"')
    row = conn.execute(
        "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", (" AND ".join(clauses),)
    ).fetchone()
    return int(row[0])


def _distinctive(
    conn: sqlite3.Connection,
    rng: random.Random,
    words: list[str],
    count: int,
    name: str = "",
    every_word_counts: bool = False,
) -> list[str] | None:
    """``count`` of ``words`` that at most two documents hold together (with ``name`` among
    their signatories); with ``every_word_counts``, such that three or more hold all but any
    one of them. None when a few draws find none."""
    if len(words) < count:
        return None
    for _attempt in range(12 if every_word_counts else 5):
        picked = rng.sample(words, count)
        if _holders(conn, picked, name) > 2:
            continue
        if every_word_counts and any(
            _holders(conn, picked[:i] + picked[i + 1 :], name) < 3 for i in range(count)
        ):
            continue
        return picked
    return None


def _one_misspelt(words: list[str], rng: random.Random) -> list[str]:
    typo = rng.randrange(len(words))
    return [misspelt(w, rng) if i == typo else w for i, w in enumerate(words)]


def misspelt(word: str, rng: random.Random) -> str:
    """One edit a hurried typist makes: two letters swapped, one dropped, doubled or hit
    next to the right key; never the first letter."""
    keyboard = "qwertyuiop asdfghjkl zxcvbnm"
    at = rng.randrange(1, len(word) - 1)
    how = rng.choice(("swap", "drop", "double", "neighbour"))
    if how == "swap" and word[at] != word[at + 1]:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if how == "drop":
        return word[:at] + word[at + 1 :]
    if how == "double":
        return word[:at] + word[at] + word[at:]
    row = next((r for r in keyboard.split() if word[at] in r), "")
    if row:
        index = row.index(word[at])
        neighbour = row[index - 1] if index else row[index + 1]
        return word[:at] + neighbour + word[at + 1 :]
    return word[:at] + word[at + 1 :]


def _cut(word: str, rng: random.Random) -> str:
    shortest = max(4, round(len(word) * 0.6))
    return word[: rng.randint(shortest, max(shortest, len(word) - 1))]


def _typed(words: list[str]) -> str:
    return " ".join(w.lower() for w in words)


def _draw_a(conn: sqlite3.Connection, rng: random.Random, motie: Motie) -> Remembered | None:
    names = _surnames(motie.signatories)
    if not names:
        return None
    name = rng.choice(names)
    picked = _distinctive(conn, rng, _subject_words(conn, motie.subject), 2, name)
    return Remembered("a", _typed([name, *picked]), motie.key) if picked else None


def _draw_b(
    conn: sqlite3.Connection, rng: random.Random, motie: Motie, kind: str = "b"
) -> Remembered | None:
    words = _subject_words(conn, motie.subject)
    picked = _distinctive(conn, rng, words, 3, every_word_counts=kind == "h")
    return Remembered(kind, _typed(_one_misspelt(picked, rng)), motie.key) if picked else None


def _draw_c(
    conn: sqlite3.Connection, rng: random.Random, motie: Motie, kind: str = "c"
) -> Remembered | None:
    words = [w for w in _subject_words(conn, motie.subject) if len(w) >= 6]
    picked = _distinctive(conn, rng, words, 3, every_word_counts=kind == "i")
    if picked is None:
        return None
    return Remembered(kind, _typed([_cut(w, rng) for w in picked]), motie.key)


def _draw_d(conn: sqlite3.Connection, rng: random.Random, motie: Motie) -> Remembered | None:
    shown = f"{motie.subject} {motie.dossier_title} {motie.signatories}"
    seen = {fold(w) for w in _WORD.findall(shown)}
    body = [w for w in dict.fromkeys(_WORD.findall(motie.text)) if len(w) >= 7]
    rare = [w for w in body if fold(w) not in seen and _holders(conn, [w]) <= 3]
    picked = _distinctive(conn, rng, rare, 3)
    return Remembered("d", _typed(_one_misspelt(picked, rng)), motie.key) if picked else None


def _draw_e(conn: sqlite3.Connection, rng: random.Random, motie: Motie) -> Remembered | None:
    title_words = [w for w in _WORD.findall(motie.dossier_title) if fold(w) not in STOPWORDS]
    names = _surnames(motie.signatories)
    if not title_words or not names or len(motie.date) < 7:
        return None
    word, name = rng.choice(title_words), rng.choice(names)
    year, month = motie.date[:4], int(motie.date[5:7])
    signed = " ".join(re.findall(r"\w+", fold(name)))
    row = conn.execute(
        "SELECT count(*) FROM documents_fts f JOIN documents d ON d.rowid = f.rowid"
        " WHERE documents_fts MATCH ? AND d.date LIKE ? AND d.ghost = 0"
        " AND d.kind IN ('motie', 'gewijzigde motie', 'nader gewijzigde motie')",
        (f'dossier_title : "{fold(word)}" AND names : "{signed}"', f"{year}-{month:02d}-%"),
    ).fetchone()
    month_names = _MONTH_NAMES[month]
    month_name = month_names[0] if rng.random() < 0.7 else min(month_names, key=len)
    query = f"motie {word.lower()} {name.lower()} {month_name} {year}"
    return Remembered("e", query, motie.key, max(1, int(row[0])))


def _draw_f(conn: sqlite3.Connection, rng: random.Random, motie: Motie) -> Remembered | None:
    names = [n for n in _surnames(motie.signatories) if len(n) >= 5 and " " not in n]
    if not names:
        return None
    held = set(_WORD.findall(fold(motie.subject)))
    others: dict[str, str] = {}
    for word in _subject_words(conn, motie.subject):
        forms = [f for f in _number_forms(fold(word)) if f not in held and _holders(conn, [f])]
        if forms:
            others[word] = rng.choice(sorted(forms))
    name = rng.choice(names)
    picked = _distinctive(conn, rng, list(others), 2, name)
    if picked is None:
        return None
    typed = [misspelt(name.lower(), rng), *(others[w] for w in picked)]
    return Remembered("f", _typed(typed), motie.key)


def _number_forms(word: str) -> set[str]:
    """The word in the other number, by the plain spelling rules; the caller keeps those
    that documents use."""
    if word.endswith("en"):
        stem = word[:-2]
        return {stem, stem[:-1] + "f" if stem.endswith("v") else stem, stem + stem[-1:]}
    if word.endswith("s"):
        return {word[:-1]}
    return {word + "en", word + "s", word[:-1] + "ven" if word.endswith("f") else word + "en"}


def _draw_g(conn: sqlite3.Connection, rng: random.Random, motie: Motie) -> Remembered | None:
    held = set(_WORD.findall(fold(f"{motie.subject} {motie.text}")))
    strangers = {
        w for other in motie.siblings for w in _subject_words(conn, other) if fold(w) not in held
    }
    if not strangers:
        return None
    picked = _distinctive(conn, rng, _subject_words(conn, motie.subject), 2)
    if picked is None:
        return None
    typed = [*picked, rng.choice(sorted(strangers))]
    rng.shuffle(typed)
    return Remembered("g", _typed(typed), motie.key)


_DRAWERS: dict[str, Callable[[sqlite3.Connection, random.Random, Motie], Remembered | None]] = {
    "a": _draw_a,
    "b": _draw_b,
    "c": _draw_c,
    "d": _draw_d,
    "e": _draw_e,
    "f": _draw_f,
    "g": _draw_g,
    "h": lambda conn, rng, motie: _draw_b(conn, rng, motie, "h"),
    "i": lambda conn, rng, motie: _draw_c(conn, rng, motie, "i"),
}
