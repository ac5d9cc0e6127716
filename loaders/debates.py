"""What the reports of debates (KOOP Handelingen, the Tweede Kamer's VLOS "Verslag") have in
common: a speech is a paragraph that starts with the speaker as the report names them ("De
heer Van Baarle (DENK):", "Minister Agema:"), an interruption says so, the speakers are the
document's signatories (so the finder and ``spreker:`` find them), and the moties moved in
the debate ("Zij krijgt nr. 456 (36800-XVI)") are citations of their own kind.
"""

from __future__ import annotations

import re
from dataclasses import replace

from loaders.model import Citation, Signatory
from loaders.publications import CitationKind

# A citation of a motie as it is moved: "Zij krijgt nr. 456 (36800-XVI)", "Zij krijgt
# nr. 726, was nr. 719 (21501-08)" (the motie it changes is moved too, in a way).
MOVED: CitationKind = "moved"
# The kinds of the reports of debates: KOOP's Handelingen, the Tweede Kamer's VLOS "Verslag".
DEBATE_KINDS = ("handelingen", "verslag")
_MOVED_BEFORE = re.compile(r"(?:Zij|Hij|Deze)\s+krijgt\s+(?:nr\.?\s*)?$|,\s*was\s+(?:nr\.?\s*)?$")
INTERRUPTION = "(interruptie) "
# The start of a speech in a report's text, for the reader to step between them.
SPEECH_START = re.compile(
    r"^(?:\(interruptie\) )?(?:De heer|Mevrouw|De voorzitter|Minister|Staatssecretaris|"
    r"Minister-president|De minister|De staatssecretaris|[A-Z][\w.'-]+(?: [\w.'-]+){0,5}"
    r" \([^()\n]{1,40}\))[^:\n]{0,80}:\s"
)
_SPACES = re.compile(r"\s+")


def speaker_label(
    prefix: str, name: str, party: str = "", function: str = "", chair: bool = False
) -> str:
    """How the report names a speaker: "De heer Van Baarle (DENK)", "Mevrouw Dobbe (SP)",
    "Minister Agema", "De voorzitter"."""
    if chair or name.lower() == "voorzitter":
        return "De voorzitter"
    name = " ".join(name.split())
    lowered = function.lower()
    for office in ("minister-president", "minister", "staatssecretaris"):
        if lowered.startswith(office):
            return f"{office.capitalize()} {name}".strip()
    who = f"{' '.join(prefix.split())} {name}".strip()
    return f"{who} ({' '.join(party.split())})" if party.strip() else who


def normalise_speaker(text: str) -> str:
    """A speaker as typeset ("De heer Graus ( PVV ):"), in one line without the colon."""
    text = _SPACES.sub(" ", text).strip().rstrip(":").strip()
    return text.replace("( ", "(").replace(" )", ")")


def speakers(names: list[tuple[str, str]]) -> list[Signatory]:
    """The document's speakers (name, party or office), each once, the chair left out."""
    seen: dict[str, Signatory] = {}
    for name, role in names:
        name = " ".join(name.split())
        if name and name.lower() != "voorzitter" and name not in seen:
            seen[name] = Signatory(name, role)
    return list(seen.values())


def mark_moved(text: str, citations: list[Citation]) -> list[Citation]:
    """Citations of moties as they are moved in the debate get the kind ``moved``."""
    marked = []
    for citation in citations:
        before = text[max(0, citation.start - 30) : citation.start]
        if citation.target.startswith("kst-") and _MOVED_BEFORE.search(before):
            citation = replace(citation, kind=MOVED)
        marked.append(citation)
    return marked


_TUSSENVOEGSELS = frozenset("van de der den ter ten het 't in op te aan uit".split())


def full_name(first: str, surname: str) -> str:
    """ "Stephan" and "Van Baarle" -> "Stephan van Baarle": after a first name, the words
    before a surname are written small."""
    if not first:
        return surname
    if surname.split()[:1] == [first]:  # "Olger van Dijk": the report named them in full
        return surname
    words = surname.split()
    for index, word in enumerate(words[:-1]):
        if word.lower() not in _TUSSENVOEGSELS:
            break
        words[index] = word.lower()
    return " ".join([first, *words])
