"""Text folded for matching: lower case without diacritics, one character for one.

"financiële" matches "financiele", and a position in the folded text is the same position in
the original, so matches can be highlighted where they are.
"""

from __future__ import annotations

import re
import unicodedata


def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKD", char)[:1].lower()
    return folded if len(folded) == 1 else char


# Latin letters with their diacritics (and upper case) to plain lower case.
_FOLD_TABLE = {code: _fold_char(chr(code)) for code in range(0x250) if chr(code).isalpha()}


_NOT_ASCII = re.compile(r"([^\x00-\x7f]+)")


def fold(text: str) -> str:
    """``"Financiële"`` -> ``"financiele"``, the same length as ``text``."""
    if text.isascii():  # most text: lower() is many times faster than translate()
        return text.lower()
    # Dutch text is ASCII but for a letter here and there: lower() the ASCII runs, translate
    # only the rest (twice as fast as translating all of it; the same).
    runs = _NOT_ASCII.split(text)
    runs[::2] = [run.lower() for run in runs[::2]]
    runs[1::2] = [run.translate(_FOLD_TABLE) for run in runs[1::2]]
    return "".join(runs)
