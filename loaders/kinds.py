"""What kind of document a Kamerstuk is, read from its printed title.

The printed title ("GEWIJZIGDE MOTIE VAN HET LID ...", "BRIEF VAN DE MINISTER ...") is the
most reliable signal in every format and every decade; metadata types are a fallback.
"""

from __future__ import annotations

import re

# Most specific first: "NADER GEWIJZIGDE MOTIE" before "GEWIJZIGDE MOTIE" before "MOTIE".
_KINDS: list[tuple[str, str]] = [
    (r"NADER GEWIJZIGDE MOTIE", "nader gewijzigde motie"),
    (r"GEWIJZIGDE MOTIE", "gewijzigde motie"),
    (r"MOTIE", "motie"),
    (r"(?:NADER )?GEWIJZIGD AMENDEMENT", "gewijzigd amendement"),
    (r"AMENDEMENT", "amendement"),
    (r"MEMORIE VAN TOELICHTING", "memorie van toelichting"),
    (r"MEMORIE VAN ANTWOORD", "memorie van antwoord"),
    (r"NOTA NAAR AANLEIDING VAN HET (?:NADER )?VERSLAG", "nota naar aanleiding van het verslag"),
    (r"(?:TWEEDE |DERDE |VIERDE )?NOTA VAN WIJZIGING", "nota van wijziging"),
    (r"(?:GEWIJZIGD )?VOORSTEL VAN (?:RIJKS)?WET", "voorstel van wet"),
    (r"ADVIES (?:AFDELING ADVISERING )?RAAD VAN STATE", "advies raad van state"),
    (r"LIJST VAN VRAGEN EN ANTWOORDEN", "lijst van vragen en antwoorden"),
    (r"(?:VOORLOPIG |NADER |EIND)?VERSLAG", "verslag"),
    (r"KONINKLIJKE BOODSCHAP", "koninklijke boodschap"),
    (r"BRIEF", "brief"),
    (r"NOTA", "nota"),
    (r"BESLUIT", "besluit"),
    (r"JAARVERSLAG", "jaarverslag"),
]
_PATTERNS = [(re.compile(rf"^\s*{p}\b"), kind) for p, kind in _KINDS]
_ANYWHERE = re.compile(r"\bBRIEF VAN\b")


def kind_from_title(title: str, fallback: str = "") -> str:
    """``"MOTIE VAN HET LID VAN BAARLE"`` -> ``"motie"``; ``fallback`` (lower-cased) else."""
    upper = title.upper()
    for pattern, kind in _PATTERNS:
        if pattern.search(upper):
            return kind
    if _ANYWHERE.search(upper):
        return "brief"
    return fallback.strip().lower()
