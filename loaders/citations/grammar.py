"""The citation grammar: how Kamerstukken, Handelingen and the official gazettes are cited.

One regular expression with a named branch per form, tried left to right at each position,
most specific first (DESIGN section 3). Whitespace is ``\\s``, which in Python also matches
non-breaking and narrow spaces and line breaks, so "Kamerstuk\\n29 521,\\u00a0nr. 447" is one
citation. What a match means is decided in ``loaders.citations.find``.
"""

from __future__ import annotations

import re

from loaders.dates import MONTH_NAMES
from loaders.publications import CITED_ID_PREFIXES, GAZETTES, PUBLICATIONS

# 5-digit dossier numbers as printed ("29 521", "29521", "29.521"); never the tail of a
# longer number, an amount ("€ 29 521" is excluded by the caller) or a decimal.
DOSSIER = r"(?<![\d.,/-])\d{2}[\s.]?\d{3}(?!\d|[.,]\d)"
# After a label ("Kamerstukken", "TK") a dossier number may also be written "31-700".
LABELLED_DOSSIER = r"(?<![\d.,/-])\d{2}[\s.\-]?\d{3}(?!\d|[.,]\d)"
# Budget chapter (XVI, IXB), fund letter (A), council series (-32): joined by a hyphen, an en
# dash, a space, a full stop ("31700.VIII"), a comma ("35300, XIV, nr. 67"), "hoofdstuk"
# ("19 700 hoofdstuk XV") or nothing ("36 410A"). A Roman suffix may be followed by the
# number in the compact form ("36200-I-3"), never by a word ("36200-Irak").
SUFFIX = (
    r"(?:(?:\s?[-–.]\s?|,\s?|\s+hoofdstuk\s+|\s)?(?:[IVXLC]+B?|[A-Z])(?!\w)(?!-[^\W\d])"
    r"|\s?[-–]\s?\d{2,3}(?!\d))"
)
# A Rijkswet's number inside the citation: "36 351 (R 2184), nr. 5".
RIJKSWET = r"(?:\s*\(\s*R\s?\d{3,4}\s*\))?"
NUMBER = r"\d{1,5}[a-z]?(?![\w])"
# Further numbers of a list, but never the start of the next dossier number: in
# "35 228, nr. 8 en 32 824, nr. 432" the list is "8" and "32 824" starts a new citation.
NUMBER_LIST = (
    rf"{NUMBER}(?:\s*(?:,|en|t/m|tot\s+en\s+met|[–-])\s*(?!\d{{2}}[\s.]?\d{{3}}(?!\d)){NUMBER})*"
)
# "2021/22", "2008-2009", "2014-15", "1985/- 86" (as typeset in the 1980s).
VERGADERJAAR = r"\d{4}\s*[/–-]\s*-?\s*\d{2,4}"
# Several, before one dossier: "Kamerstukken II 2018/19 en 2019/20, 35 000 VII, nr. 5".
VERGADERJAREN = (
    rf"(?:(?:zitting|vergaderjaar)\s+)?{VERGADERJAAR}(?:\s*(?:,|en|;)\s*{VERGADERJAAR})*"
)
NR = r"(?:stuk\s+)?(?P<{name}>nrs?|[Nn]ummers?|letter)\.?"
# Who published it: "Kamerstukken II", "Kamerstuk I", "Kamerstukken 2", "Kamerstukken EK",
# "Kamerstukken Tweede Kamer", or the chamber alone: "TK", "Eerste Kamer".
CHAMBER = r"(?:II|I|2|1|11|TK|EK|Tweede\s+Kamer|Eerste\s+Kamer)(?![\w/.-])"
LABEL = (
    rf"(?:[Kk]amerstuk(?:ken)?(?:\s+(?P<k_chamber>{CHAMBER}))?"
    r"|(?P<k_house>TK|EK|Tweede\s+Kamer|Eerste\s+Kamer)(?=,?\s+\d))"
)

DATE = rf"\d{{1,2}}\s+(?:{MONTH_NAMES})\.?(?:\s+\d{{4}})?"

# Publication ids as KOOP writes them (also inside an address, and in capitals): kst-, blg-,
# stb-, ah-, h-, ...; which of them is what is ``loaders.ids``'s.
_PUBLISHED_PREFIXES = "|".join(p.prefix for p in PUBLICATIONS if p.published_id is not None)
PUBLICATION_ID = (
    rf"(?<![\w-])(?i:{_PUBLISHED_PREFIXES})-[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+){{0,6}}"
    r"(?![\w-])"
)
# The gazettes by every name a citation gives them, the longest first.
_GAZETTE_NAMES = "|".join(sorted(GAZETTES, key=len, reverse=True))

GRAMMAR = re.compile(
    rf"""
    # Every citation starts with a letter, a digit or "(": other positions fail at once.
    (?=[A-Za-z0-9(])
    (?:
    # Handelingen and their Aanhangsel: "Handelingen II 2022/23, nr. 84, item 12".
    (?P<handelingen>
        (?P<h_aanhangsel>Aanhangsel\s+(?:van\s+de\s+)?)?Handelingen
        (?:\s+(?P<h_chamber>II|I|TK|EK|Tweede\s+Kamer|Eerste\s+Kamer)(?![\w]))?
        ,?\s+(?:(?:vergaderjaar|zitting)\s+)?(?P<h_vj>{VERGADERJAAR})
        ,?\s+(?:nr\.?\s*)?(?P<h_nr>\d{{1,5}})(?!\d)
        (?:,?\s+item\s+(?P<h_item>\d{{1,3}})(?!\d))?
    )
    # The gazettes: "Stb. 2024, 88", "Staatscourant 2022, nr. 12345", "Trb. 2015, 196",
    # "stb 2024 88".
    | (?P<gazette>
        (?P<g_name>{_GAZETTE_NAMES})\.?
        \s+(?P<g_year>(?:1[89]|20)\d\d),?\s+(?:nr\.?\s*)?(?P<g_nr>\d{{1,6}})(?!\d)
    )
    # A publication id written out: "kst-36200-IV-58", "blg-1093410", "stb-2024-88".
    | (?P<id>{PUBLICATION_ID})
    # Before 1970 the vergaderjaar and the dossier were one number: "Zitting 1960-1961-6012,
    # Nr. 4".
    | (?P<zitting>
        (?:Kamerstuk(?:ken)?\s+(?:II|I),?\s+)?[Zz]itting\s+\d{{4}}\s*-\s*\d{{4}}
        \s*-\s*(?P<z_dossier>\d{{3,5}})(?!\d),?\s+[Nn]r\.?\s*(?P<z_nr>{NUMBER})
    )
    # Motie style, the number before the dossier: "op stuk nr. 1181 (33 529)",
    # "nr. 9 (36 410-XIV)", "op stuk nr. 292, 33576".
    | (?P<motie>
        (?:(?:op\s+)?stuk\s+)?nrs?\.?\s*(?P<m_nrs>{NUMBER_LIST})
        (?:,\s*was\s+nr\.?\s*(?P<m_was>{NUMBER}))?  # "Zij krijgt nr. 726, was nr. 719 (…)"
        \s*(?:\(\s*(?P<m_dossier>{DOSSIER})(?P<m_suffix>{SUFFIX})?{RIJKSWET}\s*\)
            |,\s*(?P<m_bare>(?<![\d.,/-])\d{{5}}(?!\d)))
    )
    # The full form: "Kamerstukken II 2021/22, 29 521, nr. 446", "29 521, nrs. 383 en 309",
    # "31 293 en 31 289, nr. 653", "36 600 XVII, letter M", "Kamerstukken I 2014/15, 33802, C",
    # "TK 2008-2009, 31473, nummer 25", and the compact "21501-32-1740", "36200-I-3". After a
    # label, the ondernummer may stand alone: "Kamerstukken II, 31 459 22", "33 328, AI".
    | (?P<kamerstuk>
        (?P<k_prefix>{LABEL},?\s+(?:{VERGADERJAREN},?\s+)?)?
        (?P<k_dossier>(?(k_prefix){LABELLED_DOSSIER}|{DOSSIER}))(?P<k_suffix>{SUFFIX})?{RIJKSWET}
        (?:\s+en\s+\d{{2}}[\s.]?\d{{3}}(?:{SUFFIX})?|\s?/\s?\d{{2}}[\s.]?\d{{3}}(?:{SUFFIX})?)?
        (?:,?\s+{NR.format(name="k_word")}\s*(?P<k_nrs>{NUMBER_LIST}|[A-Z]{{1,2}}(?![\w]))
          |[-–](?P<k_compact>\d{{1,4}}[a-z]?)(?![\w-])
          |,\s*(?P<k_letter>[A-Z]{{1,2}})(?=[\s,.;)]|$)
          |(?(k_prefix)(?:,\s*|\s+)(?P<k_bare>\d{{1,4}}[a-z]?|[A-Z]{{1,2}})(?![\w-])|(?!))
        )
    )
    # A dossier as a whole: "Kamerstukken II 1999/2000, 26 855", "kamerstuk 36200",
    # "dossier 36200".
    | (?P<dossier>
        (?:[Kk]amerstuk(?:ken)?\s+(?:(?:II|I),?\s+)?(?:{VERGADERJAREN},?\s+)?|dossier\s+)
        (?P<d_dossier>{DOSSIER})(?P<d_suffix>{SUFFIX})?
    )
    # Short forms, in the citing document's own dossier or the one last cited:
    # "ter vervanging van die gedrukt onder nr. 12", "(nr. 12)", "op stuk nr. 12", and a
    # further number after a citation: "nr. 4, p. 12 en 13, en nr. 6", "nr. 6; nr. 7".
    | (?P<short>
        (?:gedrukt\s+onder|(?:op\s+)?stuk)\s+nrs?\.?\s*(?P<s_nrs>{NUMBER_LIST})
        | (?<=\()nrs?\.?\s*(?P<s_paren>{NUMBER_LIST})(?=\))
        | (?:(?<=\sen\s)|(?<=[,;]\s))nrs?\.?\s*(?P<s_after>{NUMBER_LIST})
    )
    )
    """,
    re.X,
)

# Every citation holds a dossier number or one of these words; the grammar is only tried near
# them, which is what makes extraction fast (most text is prose without any). Two simple scans
# are several times faster than one alternation, and [0-9] than \d.
TRIGGERS = (re.compile(r"[0-9][0-9][\s.\-]?[0-9][0-9][0-9]"),)
# The rest is found by plain string search, which costs next to nothing (a pattern of
# alternatives, or one that ignores case, makes the engine try every position): the
# Handelingen and the gazettes (also written small: "stb 2024 88"), the old "Zitting
# 1960-1961-6012", "nr" as a word; and, at each hyphen, publication ids in any case
# ("KST-36200-x-5", "blg-1093410").
TRIGGER_WORDS = ("Handelingen", *GAZETTES, "itting ")
ID_PREFIXES = CITED_ID_PREFIXES
# How far before a trigger a citation may start ("Aanhangsel van de Handelingen II,
# vergaderjaar", "Kamerstukken II 2021/22, "), and how far after it it may end.
LOOKBEHIND = 64
LOOKAHEAD = 100

DATE_BEFORE = re.compile(rf"(?:d\.\s?d\.|van|dd\.?)\s+(?P<date>{DATE})(?P<jl>\s+jl\.?)?[\s,(]*$")
DATE_AFTER = re.compile(rf"^,?\s*(?:d\.\s?d\.|van|dd\.?)\s+(?P<date>{DATE})(?P<jl>\s+jl\.?)?")
TITLE = re.compile(r"«(?P<title>[^«»]{3,400})»")
# What may stand between a title in «» and the citation it names.
TITLE_GAP = re.compile(rf"^[\s,(:]*(?:(?:d\.\s?d\.|van)\s+{DATE}(?:\s+jl\.?)?[\s,]*)?$")
