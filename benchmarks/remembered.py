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
    dossier).

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

KINDS = "abcdefg"
DESCRIPTIONS = {
    "a": "a signer's surname + two subject words",
    "b": "three subject words, one misspelt",
    "c": "three subject words cut short",
    "d": "three rare body words, one misspelt",
    "e": "kind + dossier-title word + name + month and year",
    "f": "misspelt surname + two subject words in the other number",
    "g": "two subject words + one it does not hold",
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
        "SELECT d.key, d.subject, d.signatories, coalesce(s.title, ''), d.date, d.kind, d.text"
        " FROM documents d LEFT JOIN dossiers s ON s.key = d.dossier"
        " WHERE d.ghost = 0 AND d.kind IN (SELECT value FROM json_each(?)) ORDER BY d.key",
        (f'["{MOTIE_KINDS[0]}", "{MOTIE_KINDS[1]}", "{MOTIE_KINDS[2]}"]',),
    ).fetchall()
    rng = random.Random(seed)
    drawn: list[Remembered] = []
    for kind in kinds:
        candidates = [r for r in rows if official is None or r[0] in official or kind in "de"]
        if kind == "g":
            by_dossier = _words_by_dossier(conn, rows)
        rng.shuffle(candidates)
        made = 0
        for row in candidates:
            if kind == "g":
                remembered = _draw_g(conn, rng, by_dossier, *row)
            else:
                remembered = _DRAWERS[kind](conn, rng, *row)
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


def _misspelt(word: str, rng: random.Random) -> str:
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


def _draw_a(
    conn: sqlite3.Connection, rng: random.Random, key: str, subject: str, signatories: str, *_: str
) -> Remembered | None:
    words, names = _subject_words(conn, subject), _surnames(signatories)
    if len(words) < 2 or not names:
        return None
    name = rng.choice(names)
    for _attempt in range(5):
        picked = rng.sample(words, 2)
        if _holders(conn, picked, name) <= 2:
            return Remembered("a", _typed([name, *picked]), key)
    return None


def _draw_b(
    conn: sqlite3.Connection, rng: random.Random, key: str, subject: str, *_: str
) -> Remembered | None:
    words = _subject_words(conn, subject)
    if len(words) < 3:
        return None
    for _attempt in range(5):
        picked = rng.sample(words, 3)
        if _holders(conn, picked) <= 2:
            typo = rng.randrange(3)
            picked[typo] = _misspelt(picked[typo], rng)
            return Remembered("b", _typed(picked), key)
    return None


def _draw_c(
    conn: sqlite3.Connection, rng: random.Random, key: str, subject: str, *_: str
) -> Remembered | None:
    words = [w for w in _subject_words(conn, subject) if len(w) >= 6]
    if len(words) < 3:
        return None
    for _attempt in range(5):
        picked = rng.sample(words, 3)
        if _holders(conn, picked) <= 2:
            return Remembered("c", _typed([_cut(w, rng) for w in picked]), key)
    return None


def _draw_d(
    conn: sqlite3.Connection,
    rng: random.Random,
    key: str,
    subject: str,
    signatories: str,
    dossier_title: str,
    date: str,
    kind: str,
    text: str,
) -> Remembered | None:
    shown = {fold(w) for w in _WORD.findall(f"{subject} {dossier_title} {signatories}")}
    body = [w for w in dict.fromkeys(_WORD.findall(text)) if len(w) >= 7]
    rare = [w for w in body if fold(w) not in shown and _holders(conn, [w]) <= 3]
    if len(rare) < 3:
        return None
    for _attempt in range(5):
        picked = rng.sample(rare, 3)
        if _holders(conn, picked) <= 2:
            typo = rng.randrange(3)
            picked[typo] = _misspelt(picked[typo], rng)
            return Remembered("d", _typed(picked), key)
    return None


def _draw_e(
    conn: sqlite3.Connection,
    rng: random.Random,
    key: str,
    subject: str,
    signatories: str,
    dossier_title: str,
    date: str,
    *_: str,
) -> Remembered | None:
    title_words = [w for w in _WORD.findall(dossier_title) if fold(w) not in STOPWORDS]
    names = _surnames(signatories)
    if not title_words or not names or len(date) < 7:
        return None
    word, name = rng.choice(title_words), rng.choice(names)
    year, month = date[:4], int(date[5:7])
    rows = conn.execute(
        "SELECT count(*) FROM documents_fts f JOIN documents d ON d.rowid = f.rowid"
        " WHERE documents_fts MATCH ? AND d.date LIKE ? AND d.ghost = 0"
        " AND d.kind IN ('motie', 'gewijzigde motie', 'nader gewijzigde motie')",
        (
            f'dossier_title : "{fold(word)}" AND names : "'
            + " ".join(re.findall(r"\w+", fold(name)))
            + '"',
            f"{year}-{month:02d}-%",
        ),
    ).fetchone()
    names = _MONTH_NAMES[month]
    month_name = names[0] if rng.random() < 0.7 else min(names, key=len)
    query = f"motie {word.lower()} {name.lower()} {month_name} {year}"
    return Remembered("e", query, key, max(1, int(rows[0])))


def _draw_f(
    conn: sqlite3.Connection, rng: random.Random, key: str, subject: str, signatories: str, *_: str
) -> Remembered | None:
    names = [n for n in _surnames(signatories) if len(n) >= 5 and " " not in n]
    if not names:
        return None
    held = set(_WORD.findall(fold(subject)))
    others = []
    for word in _subject_words(conn, subject):
        forms = [f for f in _number_forms(fold(word)) if f not in held and _holders(conn, [f])]
        if forms:
            others.append((word, rng.choice(sorted(forms))))
    if len(others) < 2:
        return None
    for _attempt in range(5):
        picked = rng.sample(others, 2)
        name = rng.choice(names)
        if _holders(conn, [w for w, _ in picked], name) <= 2:
            misspelt = _misspelt(name.lower(), rng)
            return Remembered("f", _typed([misspelt, *(form for _, form in picked)]), key)
    return None


def _number_forms(word: str) -> set[str]:
    """The word in the other number, by the plain spelling rules; the caller keeps those
    that documents use."""
    if word.endswith("en"):
        stem = word[:-2]
        return {stem, stem[:-1] + "f" if stem.endswith("v") else stem, stem + stem[-1:]}
    if word.endswith("s"):
        return {word[:-1]}
    return {word + "en", word + "s", word[:-1] + "ven" if word.endswith("f") else word + "en"}


def _words_by_dossier(
    conn: sqlite3.Connection, rows: list[tuple[str, ...]]
) -> dict[str, list[tuple[str, str]]]:
    """For each dossier, its moties' keys and subjects."""
    found: dict[str, list[tuple[str, str]]] = {}
    for key, subject, *_ in rows:
        dossier = key.rsplit("-", 1)[0]
        found.setdefault(dossier, []).append((key, subject))
    return found


def _draw_g(
    conn: sqlite3.Connection,
    rng: random.Random,
    by_dossier: dict[str, list[tuple[str, str]]],
    key: str,
    subject: str,
    signatories: str,
    dossier_title: str,
    date: str,
    kind: str,
    text: str,
) -> Remembered | None:
    words = _subject_words(conn, subject)
    if len(words) < 2:
        return None
    held = set(_WORD.findall(fold(f"{subject} {text}")))
    siblings = [s for k, s in by_dossier.get(key.rsplit("-", 1)[0], []) if k != key]
    strangers = [w for s in siblings for w in _subject_words(conn, s) if fold(w) not in held]
    if not strangers:
        return None
    for _attempt in range(5):
        picked = rng.sample(words, 2)
        if _holders(conn, picked) <= 2:
            wrong = rng.choice(sorted(set(strangers)))
            typed = [*picked, wrong]
            rng.shuffle(typed)
            return Remembered("g", _typed(typed), key)
    return None


_DRAWERS: dict[str, Callable[..., Remembered | None]] = {
    "a": _draw_a,
    "b": _draw_b,
    "c": _draw_c,
    "d": _draw_d,
    "e": _draw_e,
    "f": _draw_f,
}
