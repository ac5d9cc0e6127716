"""The publications a key can name, by the prefix of its id: written once here, so that the key
parser, the citation grammar, the loader's choice of what to load, the finder and the labels
all agree on which prefixes exist, what each is called and which of them are parliament's.

Every other list of prefixes, pattern of ids or kind of citation in the code is derived from
this table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# What a citation points at: a publication of one of the kinds below, a whole dossier, or a
# publication whose kind the citation does not tell.
CitationKind = Literal[
    "kamerstuk",
    "handelingen",
    "aanhangsel",
    "kamervragen",
    "niet-dossierstuk",
    "bijlage",
    "agenda",
    "verslag",
    "staatsblad",
    "staatscourant",
    "tractatenblad",
    "gemeenteblad",
    "provinciaal blad",
    "waterschapsblad",
    "blad gemeenschappelijke regeling",
    "dossier",
    "document",
    # A motie as it is moved in a debate ("Zij krijgt nr. 12"), not cited.
    "moved",
]
CITATION_KINDS: frozenset[str] = frozenset(CitationKind.__args__)  # type: ignore[attr-defined]

# The year of a gazette: "stb-2024-88", "stcrt-1995-12".
_GAZETTE_ID = r"-(?:1[89]|20)\d\d-[a-z0-9]{1,10}(?:-[a-z0-9]{1,10})*"


@dataclass(frozen=True)
class Publication:
    """One kind of publication, named by the prefix of its ids."""

    prefix: str
    kind: CitationKind
    # What a reader calls it ("Gemeenteblad"); the gazettes' short label in a citation ("Stb.").
    name: str
    gazette_label: str = ""
    # Parliament's own, or the State's gazettes its documents cite: loaded by default. Others
    # (a Gemeenteblad, ...) only when asked for.
    parliamentary: bool = True
    # What a valid published id of it looks like, in full; None for keys kamerlezer makes
    # itself (a VLOS report of a meeting), which are never published or cited as ids.
    published_id: re.Pattern[str] | None = None


def _gazette(prefix: str, kind: CitationKind, name: str, label: str) -> Publication:
    """One of the State's gazettes: ids of a year and a number ("stb-2024-88")."""
    pattern = re.compile(prefix + _GAZETTE_ID, re.I)
    return Publication(prefix, kind, name, gazette_label=label, published_id=pattern)


PUBLICATIONS: tuple[Publication, ...] = (
    Publication(
        "kst",
        "kamerstuk",
        "Kamerstuk",
        published_id=re.compile(
            r"kst-(?:\d{7}|\d{4,8}(?:-[a-z0-9]{1,12}){1,4}|[CLXVI]{1,8}-[A-Z]{1,2}(?:-n\d)?)", re.I
        ),
    ),
    Publication(
        "h",
        "handelingen",
        "Handelingen",
        published_id=re.compile(
            r"h-(?:(?:tk|ek|vv)-\d{8}-\w{1,8}(?:-\w{1,8}){0,4}|\d{5})", re.I | re.A
        ),
    ),
    Publication(
        "ah",
        "aanhangsel",
        "Aanhangsel Handelingen",
        published_id=re.compile(
            r"ah-(?:(?:tk|ek)-\d{8}-[a-z]{0,2}\d{1,5}[a-z]?(?:-[a-z]\d{1,2})?|\d{6,8})", re.I
        ),
    ),
    Publication(
        "kv",
        "kamervragen",
        "Kamervragen",
        published_id=re.compile(
            r"kv-(?:(?:tk|ek)-)?(?:\d{4}Z\d{5}[a-z]?|\d{6,10}[a-z]?|\d{8}-KVR\d{3,7}"
            r"|\d{4}-\d{2}-\d{2})(?:-[a-z]\d{0,2})?",
            re.I,
        ),
    ),
    Publication(
        "nds",
        "niet-dossierstuk",
        "Niet-dossierstuk",
        published_id=re.compile(
            r"nds-(?:(?:tk|ek)-)?(?:\d{4}D\d{5}|[a-z]{1,4}\d{4,10}|\d{4,5})(?:-[a-z]\d{1,2})?", re.I
        ),
    ),
    Publication(
        "blg",
        "bijlage",
        "Bijlage",
        published_id=re.compile(r"blg-\d{4,8}(?:-[a-z0-9]{1,6})?", re.I),
    ),
    Publication(
        "ag",
        "agenda",
        "Agenda",
        # "ag-tk-2021-05-21", "ag-ek-2019-03-12-n1", older ones numbered: "ag-10656".
        published_id=re.compile(
            r"ag-(?:(?:tk|ek|vv)-(?:\d{4}-\d\d-\d\d|\d\d-\d\d-\d{4})(?:-n\d)?|\d{4,6})", re.I
        ),
    ),
    Publication("vlos", "verslag", "Verslag"),
    _gazette("stb", "staatsblad", "Staatsblad", "Stb."),
    _gazette("stcrt", "staatscourant", "Staatscourant", "Stcrt."),
    _gazette("trb", "tractatenblad", "Tractatenblad", "Trb."),
    Publication("gmb", "gemeenteblad", "Gemeenteblad", parliamentary=False),
    Publication("prb", "provinciaal blad", "Provinciaal blad", parliamentary=False),
    Publication("wsb", "waterschapsblad", "Waterschapsblad", parliamentary=False),
    Publication(
        "bgr",
        "blad gemeenschappelijke regeling",
        "Blad gemeenschappelijke regeling",
        parliamentary=False,
    ),
)

BY_PREFIX: dict[str, Publication] = {p.prefix: p for p in PUBLICATIONS}
# The prefixes of keys as the library stores them (kamerlezer's own VLOS keys excepted: they
# are never typed, cited or published as ids).
KEY_PREFIXES: tuple[str, ...] = tuple(p.prefix for p in PUBLICATIONS if p.prefix != "vlos")
# The gazettes, by every name a citation gives them ("Stb", "Staatsblad", "stb").
GAZETTES: dict[str, Publication] = {
    name: p
    for p in PUBLICATIONS
    if p.gazette_label
    for name in (p.gazette_label.rstrip("."), p.name, p.prefix)
}
# The ids the citation grammar finds in running text ("kst-36200-x-5", "h-tk-…"): parliament's
# published ones; a Handelingen id only with its chamber, so that a stray "h-" is none.
CITED_ID_PREFIXES: tuple[str, ...] = tuple(
    prefix
    for p in PUBLICATIONS
    if p.parliamentary and p.published_id is not None
    for prefix in ((p.prefix,) if p.prefix != "h" else ("h-tk", "h-ek", "h-vv"))
)
# A key being typed: its prefix and a hyphen ("kst-", "Stcrt-").
KEY_START = re.compile(rf"^(?:{'|'.join(KEY_PREFIXES)})-", re.I)


def publication_of(key: str) -> Publication | None:
    """The publication a key's prefix names; None for a prefix nobody publishes."""
    return BY_PREFIX.get(key.split("-", 1)[0].lower())


def kind_of_target(key: str) -> CitationKind:
    """The kind of publication a cited key names ("kst-…" is a kamerstuk)."""
    publication = publication_of(key)
    return publication.kind if publication is not None else "document"
