"""The citation grammar: how Kamerstukken, Handelingen and the official gazettes are cited.

One regular expression with a named branch per form, tried left to right at each position,
most specific first (DESIGN section 3). Whitespace is ``\\s``, which in Python also matches
non-breaking and narrow spaces and line breaks, so "Kamerstuk\\n29 521,\\u00a0nr. 447" is one
citation. What a match means is decided in ``loaders.citations``.
"""

from __future__ import annotations

import re

from loaders.dates import MONTHS

# 5-digit dossier numbers as printed ("29 521", "29521", "29.521"); never the tail of a
# longer number, an amount ("€ 29 521" is excluded by the caller) or a decimal.
DOSSIER = r"(?<![\d.,/-])\d{2}[\s.]?\d{3}(?!\d|[.,]\d)"
# Budget chapter (XVI, IXB), fund letter (A), council series (-32): joined by a hyphen, an en
# dash, a space or nothing ("36 410A").
# A comma too, as in "Kamerstuk 35300, XIV, nr. 67".
SUFFIX = r"(?:(?:\s?[-–]\s?|,\s?|\s)?(?:[IVXLC]+B?|[A-Z])(?![\w-])|\s?[-–]\s?\d{2,3}(?!\d))"
NUMBER = r"\d{1,5}[a-z]?(?![\w])"
# Further numbers of a list, but never the start of the next dossier number: in
# "35 228, nr. 8 en 32 824, nr. 432" the list is "8" and "32 824" starts a new citation.
NUMBER_LIST = (
    rf"{NUMBER}(?:\s*(?:,|en|t/m|tot\s+en\s+met|[–-])\s*(?!\d{{2}}[\s.]?\d{{3}}(?!\d)){NUMBER})*"
)
VERGADERJAAR = r"\d{4}\s*[/–-]\s*\d{2,4}"
NR = r"(?:stuk\s+)?(?P<{name}>nrs?|letter)\.?"

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = rf"\d{{1,2}}\s+(?:{_MONTH_NAMES})\.?(?:\s+\d{{4}})?"

GRAMMAR = re.compile(
    rf"""
    # Handelingen and their Aanhangsel: "Handelingen II 2022/23, nr. 84, item 12".
    (?P<handelingen>
        (?P<h_aanhangsel>Aanhangsel\s+(?:van\s+de\s+)?)?Handelingen
        (?:\s+(?P<h_chamber>II|I|TK|EK)(?![\w]))?
        ,?\s+(?:vergaderjaar\s+)?(?P<h_vj>{VERGADERJAAR})
        ,?\s+(?:nr\.?\s*)?(?P<h_nr>\d{{1,5}})(?!\d)
        (?:,?\s+item\s+(?P<h_item>\d{{1,3}})(?!\d))?
    )
    # The gazettes: "Stb. 2024, 88", "Staatscourant 2022, nr. 12345", "Trb. 2015, 196".
    | (?P<gazette>
        (?P<g_name>Stb|Staatsblad|Stcrt|Staatscourant|Trb|Tractatenblad)\.?
        \s+(?P<g_year>(?:1[89]|20)\d\d),?\s+(?:nr\.?\s*)?(?P<g_nr>\d{{1,6}})(?!\d)
    )
    # A KOOP id written out: "kst-36200-IV-58".
    | (?P<id>(?<![\w-])kst-\d{{4,8}}(?:-[A-Za-z0-9]{{1,6}}){{1,3}}(?![\w-]))
    # Motie style, the number before the dossier: "op stuk nr. 1181 (33 529)",
    # "nr. 9 (36 410-XIV)", "op stuk nr. 292, 33576".
    | (?P<motie>
        (?:(?:op\s+)?stuk\s+)?nrs?\.?\s*(?P<m_nrs>{NUMBER_LIST})
        \s*(?:\(\s*(?P<m_dossier>{DOSSIER})(?P<m_suffix>{SUFFIX})?\s*\)
            |,\s*(?P<m_bare>(?<![\d.,/-])\d{{5}}(?!\d)))
    )
    # The full form: "Kamerstukken II 2021/22, 29 521, nr. 446", "29 521, nrs. 383 en 309",
    # "31 293 en 31 289, nr. 653", "36 600 XVII, letter M", "Kamerstukken I 2014/15, 33802, C",
    # and the compact "21501-32-1740", "29521-493".
    | (?P<kamerstuk>
        (?P<k_prefix>Kamerstuk(?:ken)?\s+(?:(?P<k_chamber>II|I),?\s+)?(?:{VERGADERJAAR},?\s+)?)?
        (?P<k_dossier>{DOSSIER})(?P<k_suffix>{SUFFIX})?
        (?:\s+en\s+\d{{2}}[\s.]?\d{{3}}(?:{SUFFIX})?|\s?/\s?\d{{2}}[\s.]?\d{{3}}(?:{SUFFIX})?)?
        (?:,?\s+{NR.format(name="k_word")}\s*(?P<k_nrs>{NUMBER_LIST}|[A-Z]{{1,2}}(?![\w]))
          |[-–](?P<k_compact>\d{{1,4}}[a-z]?)(?![\w-])
          |,\s*(?P<k_letter>[A-Z]{{1,2}})(?=[\s,.;)]|$)
        )
    )
    # A dossier as a whole: "Kamerstukken II 1999/2000, 26 855".
    | (?P<dossier>
        Kamerstuk(?:ken)?\s+(?:(?:II|I),?\s+)?(?:{VERGADERJAAR},?\s+)?
        (?P<d_dossier>{DOSSIER})(?P<d_suffix>{SUFFIX})?
    )
    # Short forms, in the citing document's own dossier or the one last cited:
    # "ter vervanging van die gedrukt onder nr. 12", "(nr. 12)", "op stuk nr. 12".
    | (?P<short>
        (?:gedrukt\s+onder|(?:op\s+)?stuk)\s+nrs?\.?\s*(?P<s_nrs>{NUMBER_LIST})
        | (?<=\()nrs?\.?\s*(?P<s_paren>{NUMBER_LIST})(?=\))
    )
    """,
    re.X,
)

# Every citation holds a dossier number or one of these words; the grammar is only tried near
# them, which is what makes extraction fast (most text is prose without any). Two simple scans
# are several times faster than one alternation, and [0-9] than \d.
TRIGGERS = (
    re.compile(r"[0-9][0-9][\s.]?[0-9][0-9][0-9]"),
    re.compile(r"Handelingen|St(?:b|aatsblad|crt|aatscourant)|Tr(?:b|actatenblad)|kst-|nrs?\b"),
)
# How far before a trigger a citation may start ("Aanhangsel van de Handelingen II,
# vergaderjaar", "Kamerstukken II 2021/22, "), and how far after it it may end.
LOOKBEHIND = 64
LOOKAHEAD = 160

DATE_BEFORE = re.compile(rf"(?:d\.\s?d\.|van|dd\.?)\s+(?P<date>{DATE})(?P<jl>\s+jl\.?)?[\s,]*$")
DATE_AFTER = re.compile(rf"^,?\s*(?:d\.\s?d\.|van|dd\.?)\s+(?P<date>{DATE})(?P<jl>\s+jl\.?)?")
TITLE = re.compile(r"«(?P<title>[^«»]{3,400})»")
# What may stand between a title in «» and the citation it names.
TITLE_GAP = re.compile(rf"^[\s,(:]*(?:(?:d\.\s?d\.|van)\s+{DATE}(?:\s+jl\.?)?[\s,]*)?$")
