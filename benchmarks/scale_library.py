"""The scale benchmark's libraries: 50,000, 100,000 and 200,000 documents shaped like the
real ones, and one of 720,000 (parliament's size) with letter-length text, each built once
and cached in ``benchmarks/.cache/``.

Each holds the 7,034 real moties and the samples, as a reader loads them, and then made-up
moties: a real motie's title, subject and signers, three to six real motie paragraphs
recombined, a date in 2015-2025, in one of 4,000 dossiers with real dossier titles, and two or
three compounds no document had before (two real words joined, as Dutch makes them:
"stikstofmissie"), so that the vocabulary keeps growing with the library, as a parliament's
does. One dossier (49 999) holds 5,000 of them. Loaded from JSON Lines files of 1,000
records, as any user's export would be, and the load rate of the last 50,000 is kept with the
library.

The library of 720,000 is made the same way, of letters (kind brief): each text addressed
to the Kamer's Voorzitter, as a real letter is, then six to
twelve real paragraphs of the long documents (letters, memories van toelichting, verslagen,
Handelingen) and six to sixteen of moties, about 6,800 characters, ten times a motie (715 at
the median), as real letters are; in 14,400 dossiers, and one of 5,000 letters. Built from
the real documents, not from the 200,000 (whose texts are moties').
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from finder_library import SOURCES, _current, real_documents

from db.library import Library
from db.loading.files import load_paths
from db.search_index.schema import index_path
from loaders.model import Document

SIZES = (50_000, 100_000, 200_000)
PARLIAMENT = 720_000  # letter-length: made by LetterMaker
LETTER_DOSSIERS = 14_400
LONG_PARAGRAPHS = (6, 12)
MOTIE_PARAGRAPHS = (6, 16)
# How a letter to the Kamer begins: words every letter holds, as every motie ends "en gaat
# over tot de orde van de dag".
ADDRESSED = "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"
EVERY_DOCUMENT_PHRASE = {
    "moties": '"gaat over tot de orde van de dag"',
    "letters": '"aan de voorzitter van de tweede kamer der staten generaal"',
}
CACHE = Path(__file__).resolve().parent / ".cache"
SEED = 20261203
DOSSIERS = 4_000
BIG_DOSSIER = "49999"
PER_FILE = 1_000
FRESH_WORDS = (2, 3)


def path_for(size: int) -> Path:
    return CACHE / f"scale-{size}.db"


def rate_for(size: int) -> Path:
    return CACHE / f"scale-{size}.load.json"


class Maker:
    """Made-up moties from the real ones, the same ones for the same seed."""

    def __init__(self, real: list[Document], dossiers: int = DOSSIERS) -> None:
        self.dossiers = dossiers
        self.big_every = 40 * dossiers // DOSSIERS  # the big dossier: 5,000 of 200,000
        self.real = [d for d in real if d.text and "motie" in d.kind]
        self.paragraphs = [
            p for d in self.real for p in d.text.split("\n\n") if len(p) > 60 and p[0].islower()
        ]
        words = {w for d in self.real for w in d.text.lower().split() if w.isalpha()}
        self.words = sorted(w for w in words if 4 <= len(w) <= 9)
        titles = sorted({d.dossiers[0].title for d in real if d.dossiers and d.dossiers[0].title})
        rng = random.Random(SEED)
        self.dossier_titles = {str(40_000 + n): rng.choice(titles) for n in range(dossiers)}
        self.dossier_titles[BIG_DOSSIER] = "Een dossier van vijfduizend stukken"
        self.counts: dict[str, int] = {}
        self.made = 0  # the records made so far are numbered 1 to this

    def record(self, number: int) -> dict[str, object]:
        rng = random.Random(SEED * 1_000_003 + number)
        like = rng.choice(self.real)
        dossier = (
            BIG_DOSSIER
            if number % self.big_every == 0
            else str(40_000 + rng.randrange(self.dossiers))
        )
        self.counts[dossier] = self.counts.get(dossier, 0) + 1
        self.made = max(self.made, number)
        fresh = [
            rng.choice(self.words) + rng.choice(self.words) for _ in range(rng.choice(FRESH_WORDS))
        ]
        paragraphs = ["De Kamer,", "gehoord de beraadslaging,"]
        paragraphs += rng.sample(self.paragraphs, rng.randint(3, 6))
        paragraphs.append(f"constaterende dat de {', de '.join(fresh)} aandacht vragen;")
        paragraphs.append("en gaat over tot de orde van de dag.")
        date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return {
            "key": f"kst-{dossier}-{self.counts[dossier]}",
            "dossier": dossier,
            "dossier_title": self.dossier_titles[dossier],
            "ondernummer": str(self.counts[dossier]),
            "kind": "motie",
            "title": like.title,
            "subject": like.subject,
            "date": date,
            "signatories": [{"name": s.name, "role": s.role} for s in like.signatories],
            "text": "\n\n".join(paragraphs),
            "citations": [],
        }


class LetterMaker(Maker):
    """Made-up letters from the real documents' paragraphs, the same ones for the same seed."""

    def __init__(self, real: list[Document]) -> None:
        super().__init__(real, dossiers=LETTER_DOSSIERS)
        long = [d for d in real if d.text and "motie" not in d.kind]
        self.long_paragraphs = [p for d in long for p in d.text.split("\n\n") if len(p) > 200]

    def record(self, number: int) -> dict[str, object]:
        record = super().record(number)
        rng = random.Random(SEED * 7_000_003 + number)
        paragraphs = [
            *rng.sample(self.long_paragraphs, rng.randint(*LONG_PARAGRAPHS)),
            *rng.sample(self.paragraphs, rng.randint(*MOTIE_PARAGRAPHS)),
        ]
        rng.shuffle(paragraphs)
        fresh = str(record["text"]).split("\n\n")[-2]  # the words no document had before
        title = self.dossier_titles[str(record["dossier"])]
        record |= {
            "kind": "brief",
            "title": f"{title}; Brief regering; {record['subject'] or record['title']}",
            "signatories": [],
            "text": "\n\n".join([ADDRESSED, *paragraphs, fresh]),
        }
        return record


def build_parliament() -> Path:
    """The library of 720,000 letters (built once, a load of its own)."""
    path = path_for(PARLIAMENT)
    if _current(path) and rate_for(PARLIAMENT).exists():
        return path
    maker = LetterMaker(list(real_documents().values()))
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    shutil.rmtree(index_path(partial), ignore_errors=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    with Library.open(partial) as library:  # the real ones first, as in the others
        load_paths(library, SOURCES)
    _load_made_up(maker, partial, range(1, PARLIAMENT - 7_034 + 1), PARLIAMENT)
    partial.rename(path)
    return path


def _load_made_up(maker: Maker, library: Path, numbers: range, size: int) -> None:
    """The made-up documents ``numbers`` as JSON Lines files, loaded into ``library`` as a user
    loads them; how fast is kept as the load rate of the library of ``size``."""
    with tempfile.TemporaryDirectory(dir=CACHE) as folder:
        for first in range(numbers.start, numbers.stop, PER_FILE):
            lines = [
                json.dumps(maker.record(n), ensure_ascii=False)
                for n in range(first, min(first + PER_FILE, numbers.stop))
            ]
            (Path(folder) / f"{first:07d}.jsonl").write_text("\n".join(lines) + "\n")
        loaded, seconds, peak_mb = load_as_a_user_does(library, Path(folder))
        with Library.open(library) as opened:
            opened.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    made = len(numbers)
    if loaded != made:  # documents that took the number of one loaded before: a wrong library
        raise SystemExit(f"{library}: {made:,} documents made, {loaded:,} loaded as new")
    rate_for(size).write_text(
        json.dumps({"documents": loaded, "seconds": seconds, "made": made, "peak_mb": peak_mb})
    )


def load_as_a_user_does(library: Path, folder: Path) -> tuple[int, float, float]:
    """``kamerlezer load`` in a process of its own: documents loaded, seconds, and the peak
    memory (MB) of that process and the reading process it starts."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--db", str(library), "load", str(folder), "--json"],
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"the load failed (status {status}): {out[-500:]!r}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the reading process too
    return json.loads(out)["loaded"], seconds, max(usage.ru_maxrss, children) / 1024


def build(size: int, maker: Maker | None = None) -> Path:
    """The library of ``size`` documents: the next smaller one (built first) and the rest."""
    path = path_for(size)
    if _current(path) and rate_for(size).exists():
        return path
    maker = maker or Maker(list(real_documents().values()))
    smaller = [s for s in SIZES if s < size]
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    CACHE.mkdir(parents=True, exist_ok=True)
    if smaller:
        smaller_path = build(smaller[-1], maker)
        shutil.copy(smaller_path, partial)
        # Copying a library is copying both: its search index too (a load then indexes only
        # what it adds, as a user's load does).
        shutil.rmtree(index_path(partial), ignore_errors=True)
        if index_path(smaller_path).exists():
            shutil.copytree(index_path(smaller_path), index_path(partial))
        start = smaller[-1]
    else:
        with Library.open(partial) as library:
            load_paths(library, SOURCES)
        start = 7_034
    # The dossiers' counts so far, the same way: a maker that built the smaller library has
    # them already (made again, its documents would take numbers the library has).
    for number in range(maker.made + 1, start - 7_034 + 1):
        maker.record(number)
    _load_made_up(maker, partial, range(start - 7_034 + 1, size - 7_034 + 1), size)
    partial.rename(path)
    return path
