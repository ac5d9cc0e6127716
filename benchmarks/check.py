"""Does ``kamerlezer check`` catch what is wrong in a text that cites Kamerstukken, and leave
alone what is right?

From the real moties of the shared corpus (with the Tweede Kamer's own decisions and votes) and
the real letters of the demo, drawn with a fixed seed, each text is a paragraph of three
citations written the way memos and a model's answers write them: the kind ("de motie",
"de Kamerbrief"), often the mover ("de motie-Van Baarle", "van de leden Dobbe en Teunissen",
now and then misspelt), part of the subject in other order of words, a date (with or without
the year; the document's date or the one its text prints), a quotation of a few words of
its text (typographic quotes, a line broken with a hyphen) and, for a motie whose outcome
the open data links, the outcome. Then the same text with one thing wrong in one citation:

- number: the nr. one to five off, in the same dossier (a typo, or a model's guess);
- subject: the subject of another motie of another dossier;
- quotation: a word of the quotation changed for one from another motie, or a quotation of
  another motie altogether;
- outcome: aangenomen for verworpen or the reverse (only where the outcome is certain);
- date: a day, a month or a year off.

Printed: how many of the wrong citations are caught (a verdict that says wrong), and how many
right ones are flagged, with what the check said where it missed or flagged. A wrong number
that lands on a document the library lacks is counted apart: the check says it cannot tell,
and ``--fetch`` is the way to tell.

    uv run python benchmarks/check.py [--texts 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from remembered import misspelt

from db.citation_check import WRONG, check_text
from db.library import Library
from db.loading.files import load_paths
from loaders.dates import MONTHS_FULL
from loaders.labels import format_dossier
from loaders.model import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = [
    SHARED / "corpora" / "moties-2023-2025.tar.xz",
    SHARED / "kamerstukken-samples" / "tk-odata-stemmingen",
    ROOT / "loaders" / "demo",
]
SEED = 20261207
WRONG_KINDS = ("number", "subject", "quotation", "outcome", "date")
# Lines every motie has: a quotation of them tells no motie from another.
_BOILERPLATE = re.compile(r"orde van de dag|gehoord de beraadslaging", re.IGNORECASE)
_COMMON = frozenset("worden wordt zijn hebben kunnen regering kabinet kamer motie".split())
_WORDS = re.compile(r"[^\W\d_][\w-]*")


@dataclass(frozen=True)
class Cited:
    """One citation as a text gives it, with the words beside it."""

    document: Document
    number: str  # the nr. as cited
    signers: tuple[str, ...]
    subject: str
    date: str
    quote: str
    outcome: str  # aangenomen / verworpen, or ""

    def written(self, rng: random.Random) -> str:
        number = format_dossier(self.document.dossier_key)
        form = rng.choice(
            ("Kamerstuk {d}, nr. {n}", "Kamerstukken II, {d}, nr. {n}", "{d}, nr. {n}")
        )
        citation = form.format(d=number, n=self.number)
        motie = "motie" in self.document.kind
        kind = "motie" if motie else rng.choice(("Kamerbrief", "brief"))
        outcome_before = self.outcome == "aangenomen" and rng.random() < 0.5
        lead = ("de aangenomen " if outcome_before else "de ") + kind
        if self.signers:
            if rng.random() < 0.5:
                lead += f"-{self.signers[0]}"
            elif len(self.signers) == 1:
                lead += f" van het lid {self.signers[0]}"
            else:
                lead += f" van de leden {' en '.join(self.signers[:2])}"
        if self.date:
            lead += f" van {self.date}"
        if self.subject:
            lead += f" over {self.subject}"
        sentence = f"{lead} ({citation})"
        if self.quote:
            open_, close = rng.choice((("“", "”"), ('"', '"'), ("‘", "’")))
            verb = "verzoekt de regering" if motie else "schrijft het kabinet"
            sentence += f" {verb} {open_}{self.quote}{close}"
        if self.outcome and not outcome_before:
            sentence += f" en werd {self.outcome}"
        return sentence[0].upper() + sentence[1:] + "."


def _library() -> Path:
    path = Path(tempfile.gettempdir()) / "kamerlezer-check-benchmark.db"
    if not path.exists():
        with Library.open(path) as library:
            print(f"built {path}: {load_paths(library, SOURCES).summary()}")
    return path


def _subject_part(document: Document, rng: random.Random) -> str:
    """A part of a motie's subject as one remembers it: three to six words of what it is
    about, from its "over …"."""
    about = document.subject.partition(" over ")[2].split(" (t.v.v.")[0].rstrip("…. ")
    words = about.split()
    for _ in range(10):  # a part one would remember holds two telling words
        size = min(len(words), rng.randint(3, 6))
        start = rng.randrange(len(words) - size + 1)
        part = words[start : start + size]
        readable = not re.search(r"[()«»]|\bnrs?\.", " ".join(part))
        if readable and sum(_telling(w) for w in part) >= 2:
            if rng.random() < 0.3:  # a word in another form: "onderzoek" for "onderzoeken"
                at = rng.choice([i for i, w in enumerate(part) if _telling(w)])
                word = part[at]
                part[at] = word[:-2] if word.endswith("en") else word + "en"
            return " ".join(part)
    return ""


def _telling(word: str) -> bool:
    return len(word) >= 5 and word.isalpha() and word.lower() not in _COMMON


def _quote_part(document: Document, rng: random.Random) -> str:
    """Six to twelve words of the text, from a sentence of its body, as one quotes them."""
    lines = [
        line
        for line in document.text.splitlines()
        if len(line.split()) >= 8
        and not re.search(r"[“”\"«»‘’']", line)
        and not _BOILERPLATE.search(line)
    ]
    if not lines:
        return ""
    words = rng.choice(lines).split()
    size = min(len(words), rng.randint(6, 12))
    start = rng.randrange(len(words) - size + 1)
    quoted = words[start : start + size]
    if rng.random() < 0.15 and len(quoted) > 3:  # broken across a line, as PDF text is
        at = rng.randrange(1, len(quoted) - 1)
        word = quoted[at]
        if len(word) > 6:
            quoted[at] = word[: len(word) // 2] + "-\n" + word[len(word) // 2 :]
    return " ".join(quoted).strip(",;:")


def _date_part(document: Document, rng: random.Random) -> str:
    try:
        day = dt.date.fromisoformat(document.date)
    except ValueError:
        return ""
    printed = f"{day.day} {MONTHS_FULL[day.month - 1]}"
    return printed if rng.random() < 0.4 else f"{printed} {day.year}"


def _surnames(document: Document, rng: random.Random) -> tuple[str, ...]:
    names = tuple(s.name for s in document.signatories if s.role == "indiener")
    if names and rng.random() < 0.15:  # one misspelt, as people do
        *given, surname = names[0].split()
        if len(surname) > 4 and surname.isalpha():
            names = (" ".join([*given, misspelt(surname, rng)]), *names[1:])
    return names


def _cited(library: Library, document: Document, rng: random.Random) -> Cited:
    number = document.key.rsplit("-", 1)[1]
    cited = Cited(
        document,
        number,
        _surnames(document, rng) if rng.random() < 0.7 else (),
        _subject_part(document, rng) if rng.random() < 0.6 else "",
        _date_part(document, rng) if rng.random() < 0.4 else "",
        _quote_part(document, rng) if rng.random() < 0.5 else "",
        "",
    )
    decided = _decided(library, cited)
    return replace(cited, outcome=decided) if decided and rng.random() < 0.6 else cited


def _decided(library: Library, cited: Cited) -> str:
    return _decided_key(library, cited.document.key)


def _decided_key(library: Library, key: str) -> str:
    """Aangenomen or verworpen, where the open data links the decision; else ""."""
    outcome = library.outcomes.outcome(key)
    if outcome is None or not outcome.certain:
        return ""
    return outcome.decision if outcome.decision in ("aangenomen", "verworpen") else ""


def _made_wrong(
    cited: Cited, how: str, others: list[Document], rng: random.Random, library: Library
) -> Cited | None:
    """The citation with one thing wrong, or None where this one cannot be (no quotation
    to change, no outcome known)."""
    if how == "number":
        number = int(re.match(r"\d+", cited.number)[0])  # type: ignore[index]
        choices = [n for n in range(number - 5, number + 6) if n > 0 and n != number]
        return replace(cited, number=str(rng.choice(choices)))
    if how == "subject":
        other = rng.choice([d for d in others if d.dossier_key != cited.document.dossier_key])
        subject = _subject_part(other, rng)
        return replace(cited, subject=subject) if subject else None
    if how == "quotation":
        if not cited.quote:
            quote = _quote_part(cited.document, rng)
            if not quote:
                return None
            cited = replace(cited, quote=quote)
        other = rng.choice(others)
        if rng.random() < 0.5:
            return replace(cited, quote=_quote_part(other, rng) or cited.quote)
        words = cited.quote.split()
        strange = [
            w for w in _WORDS.findall(other.text) if len(w) > 4 and w not in cited.document.text
        ]
        if not strange:
            return None
        at = rng.randrange(len(words))
        words[at] = rng.choice(strange)
        return replace(cited, quote=" ".join(words))
    if how == "outcome":
        decided = _decided(library, cited)
        if not decided:
            return None
        flipped = "verworpen" if decided == "aangenomen" else "aangenomen"
        return replace(cited, outcome=flipped)
    try:
        day = dt.date.fromisoformat(cited.document.date)
    except ValueError:
        return None
    shift = rng.choice(("day", "month", "year"))
    if shift == "day":
        day += dt.timedelta(days=rng.choice((-3, -2, -1, 1, 2, 3)))
    elif shift == "month":
        month = (day.month + rng.choice((-2, -1, 1, 2)) - 1) % 12 + 1
        day = day.replace(month=month, day=min(day.day, 28))
    else:
        day = day.replace(year=day.year + rng.choice((-1, 1)), day=min(day.day, 28))
    return replace(cited, date=f"{day.day} {MONTHS_FULL[day.month - 1]} {day.year}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=1000, help="texts of three citations each")
    args = parser.parse_args()
    rng = random.Random(SEED)
    with Library.open(_library(), write=False) as library:
        keys = [
            r[0]
            for r in library.conn.execute(
                "SELECT key FROM documents WHERE ghost = 0 AND key LIKE 'kst-%'"
                " AND (kind LIKE '%motie%' OR kind = 'brief') ORDER BY key"
            )
        ]
        documents = [d for k in keys if (d := library.documents.get(k)) is not None and d.dossiers]
        decided = [d for d in documents if _decided_key(library, d.key)]
        caught: Counter[str] = Counter()
        tried: Counter[str] = Counter()
        unknown: Counter[str] = Counter()
        bare: Counter[str] = Counter()  # missed, with nothing beside the citation but its kind
        missed: list[str] = []
        right_flagged: list[str] = []
        right_total = 0
        for number in range(args.texts):
            three = [_cited(library, d, rng) for d in rng.sample(documents, 3)]
            how = WRONG_KINDS[number % len(WRONG_KINDS)]
            which = rng.randrange(3)
            if how == "outcome":  # one of the moties whose outcome the open data links
                three[which] = _cited(library, rng.choice(decided), rng)
            seeds = [rng.random() for _ in three]
            right = " ".join(c.written(random.Random(s)) for c, s in zip(three, seeds, strict=True))
            checked = check_text(library, right)
            right_total += len(checked)
            right_flagged += [
                f"{c.verdict}: {c.evidence} in: {right}" for c in checked if c.verdict in WRONG
            ]
            wrong = _made_wrong(three[which], how, documents, rng, library)
            if wrong is None:
                continue
            tried[how] += 1
            texts = [*three]
            texts[which] = wrong
            written = [c.written(random.Random(s)) for c, s in zip(texts, seeds, strict=True)]
            text = " ".join(written)
            start = len(" ".join(written[:which])) + (1 if which else 0)
            end = start + len(written[which])
            verdicts = [c for c in check_text(library, text) if start <= c.start < end]
            if any(c.verdict in WRONG for c in verdicts):
                caught[how] += 1
            elif any(c.verdict == "cannot tell: not in library" for c in verdicts):
                unknown[how] += 1
            else:
                if not (
                    wrong.signers or wrong.subject or wrong.date or wrong.quote or wrong.outcome
                ):
                    bare[how] += 1
                missed.append(
                    f"{how}: {[(c.verdict, c.evidence) for c in verdicts]} in: {written[which]}"
                )
    print(f"{len(documents)} documents; {args.texts} texts of three citations; seed {SEED}")
    print("wrong citations caught, by what was wrong:")
    for how in WRONG_KINDS:
        line = f"  {how:<10} {caught[how]:>4} / {tried[how]:<4}"
        if unknown[how]:
            line += f"  (+{unknown[how]} cannot tell: not in library)"
        if bare[how]:
            line += f"  ({bare[how]} missed with no words beside the citation but its kind)"
        print(line)
    total, known = tried.total(), tried.total() - unknown.total()
    print(f"  all        {caught.total():>4} / {total} = {caught.total() / total:.2%}", end="")
    print(f"; of those the library can tell: {caught.total() / known:.2%}")
    flagged = len(right_flagged)
    print(f"right citations flagged: {flagged} / {right_total} = {flagged / right_total:.2%}")
    for line in right_flagged[:8]:
        print("  flagged:", line[:400])
    for line in missed[:12]:
        print("  missed:", line[:400])


if __name__ == "__main__":
    main()
