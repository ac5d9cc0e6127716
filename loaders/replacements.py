"""What a document replaces or changes, read from its own title and metadata.

A gewijzigde motie says in its printed title which motie it replaces ("GEWIJZIGDE MOTIE VAN
HET LID KEIJZER TER VERVANGING VAN DIE GEDRUKT ONDER NR. 3219"), as do gewijzigde, nader
gewijzigde and vervangende amendementen ("ter vervanging van nr. 34"). The metadata's subject
often says it too ("(t.v.v. 29237-213)"), but there it can name the *root* of a chain rather
than the motie directly replaced (kst-29237-230 replaces nr. 229 and says "t.v.v.
29237-213"), so the title wins and the metadata counts only where the title names nothing.
A nota van wijziging changes the bill of its dossier: by parliamentary convention nr. 2, the
voorstel van wet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from loaders.ids import kst_key, parse_reference, split_kst_key

RelationKind = Literal["replaces", "changes", "answers", "answered in", "bijlage van", "postpones"]
# Where a relation was read. "subject": an answer's subject is the questions' (the open data
# names no zaak), an inference that the reader says is one.
Basis = Literal["title", "metadata", "kind", "subject"]

# "TER VERVANGING VAN DIE GEDRUKT ONDER NR. 3219", "ter vervanging van nr. 34",
# "ter vervanging van de nrs. 12 en 13", "TER VERVANGING VAN DIE GEDRUKT ONDER NR 12".
_IN_TITLE = re.compile(
    r"\bter\s+vervanging\s+van\s+(?:(?:die|dat|het|de|dat)\s+)?(?:gedrukt\s+onder\s+)?"
    r"(?:(?:stuk\s+)?(?:nrs?|nummers?)\.?)\s*"
    r"(?P<numbers>\d{1,5}[a-z]?(?:\s*(?:,|en|\+)\s*\d{1,5}[a-z]?)*)",
    re.I,
)
_NUMBER = re.compile(r"\d{1,5}[a-z]?", re.I)
# "(t.v.v. 29237-213)", "t.v.v. 32847-1315", "(t.v.v. 36410-XV-12)".
_IN_METADATA = re.compile(
    r"\bt\.\s?v\.\s?v\.?\s*(?P<ref>\d{5}(?:-(?:[IVXLC]+|[A-Z]{1,2}|\d{2}))?-\d{1,5}[a-z]?)\b",
    re.I,
)
_CHANGES_THE_BILL = re.compile(r"\bnota\s+van\s+wijziging\b", re.I)
BILL_ONDERNUMMER = "2"  # nr. 1 is the koninklijke boodschap, nr. 2 the voorstel van wet


# The zaak number of a set of kamervragen ("2021Z09739"), as an Aanhangsel's metadata gives it.
_ZAAK_NUMBER = re.compile(r"\d{4}Z\d{5}")


def answered(key: str, zaak_numbers: Sequence[str]) -> list[str]:
    """The kamervragen an Aanhangsel answers: by KOOP's id rule, the questions of zaak
    2021Z09739 are published as kv-tk-2021Z09739 (its chamber's)."""
    parts = key.split("-")
    if parts[0] != "ah" or len(parts) < 3 or parts[1] not in ("tk", "ek"):
        return []
    return [f"kv-{parts[1]}-{zaak}" for zaak in zaak_numbers if _ZAAK_NUMBER.fullmatch(zaak)]


@dataclass(frozen=True)
class Relation:
    """``target`` is the key of the document this one replaces or changes; ``basis`` says
    where that was read (the printed title, the metadata's subject, the kind)."""

    target: str
    kind: RelationKind
    basis: Basis


def find_relations(
    key: str,
    dossier: str,
    kind: str,
    title: str,
    subject: str = "",
    zaak_numbers: Sequence[str] = (),
    attached_to: str = "",
    answered_in: str = "",
    answers_kamervragen: str = "",
) -> list[Relation]:
    """The documents ``key`` replaces (or, for a nota van wijziging, changes; for an
    Aanhangsel, answers)."""
    if not dossier:
        split = split_kst_key(key)
        dossier = split[0] if split else ""
    found: list[Relation] = []
    if dossier and ("ervanging" in title or "ERVANGING" in title):  # cheap before the regex
        for match in _IN_TITLE.finditer(title):
            for number in _NUMBER.findall(match["numbers"]):
                found.append(Relation(kst_key(dossier, number), "replaces", "title"))
    if not found and ("v.v" in subject or "v. v" in subject or "V.V" in subject):
        for match in _IN_METADATA.finditer(subject):
            target = parse_reference(match["ref"])
            if target:
                found.append(Relation(target, "replaces", "metadata"))
    if dossier and (kind == "nota van wijziging" or _CHANGES_THE_BILL.match(title.lstrip())):
        found.append(Relation(kst_key(dossier, BILL_ONDERNUMMER), "changes", "kind"))
    # A mededeling that the answer is late is published in the Aanhangsel too: no answer.
    answer: RelationKind = "postpones" if kind == "mededeling" else "answers"
    found += [Relation(target, answer, "metadata") for target in answered(key, zaak_numbers)]
    if attached_to:  # a bijlage's hoofddocument
        found.append(Relation(attached_to, "bijlage van", "metadata"))
    if answered_in:  # kamervragen, and the Aanhangsel their metadata names
        found.append(Relation(answered_in, "answered in", "metadata"))
    if answers_kamervragen:  # an Aanhangsel, and the kamervragen its metadata names
        found.append(Relation(answers_kamervragen, answer, "metadata"))
    unique: dict[tuple[str, str], Relation] = {}
    for relation in found:
        if relation.target != key:  # never itself
            unique.setdefault((relation.target, relation.kind), relation)
    return list(unique.values())
