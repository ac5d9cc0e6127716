"""What the search engine's index holds of a document, and how it reads words.

The index is derived data beside the library file (``library.db`` → ``library.index/``):
SQLite stays the store of record, and the index can always be rebuilt from it. It holds no
text to show (snippets are made from the library's text), only what a search matches, filters,
counts and orders by: the words of a document's title, subject, signatories, numbers and
text (and who signed apart), and as fast fields its key, kind, dossiers and date.
"""

from __future__ import annotations

from pathlib import Path

import tantivy

# Raised whenever the schema or the reading of words changes: an index of another version is
# rebuilt, never read.
INDEX_VERSION = 2
# What a search looks in: one field holding a document's title, subject, signatories,
# numbers and text (the FTS5 index's columns, db/schema.INDEX_COLUMNS), each a value of its
# own, so that a phrase never runs from one into the next. One field, not five: a word is one
# term to look up, not five, and it is ranked as FTS5's bm25 ranks a row, over all of it.
WORDS = "words"
# Who signed or spoke, apart: spreker: looks only here.
NAMES = "names"
# Words as SQLite's unicode61 tokenizer with remove_diacritics 2 reads them (and as
# loaders.folding folds a query): runs of letters and digits, lower case, no diacritics.
ANALYZER = "kamerlezer_words"
# A word longer than this is no word a reader types (a URL, a line of dashes).
LONGEST_WORD = 64


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, fast=True, tokenizer_name="raw")
    builder.add_text_field("kind", fast=True, tokenizer_name="raw")
    builder.add_text_field("dossier", fast=True, tokenizer_name="raw")  # one a dossier
    builder.add_integer_field("date", fast=True, indexed=True)  # yyyymmdd, 0 when unknown
    for name in (WORDS, NAMES):
        builder.add_text_field(name, tokenizer_name=ANALYZER, index_option="position")
    return builder.build()


def words_analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(LONGEST_WORD))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


def index_path(library_path: Path) -> Path:
    """Where a library's index lives: beside it, named after it."""
    return library_path.with_name(library_path.stem + ".index")


def date_number(iso: str) -> int:
    """ "2023-01-05" → 20230105; 0 for a date not known."""
    digits = iso.replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0
