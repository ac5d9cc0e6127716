"""A parsed search (db.search.Query) asked of the search engine's index: the words as term,
phrase and prefix queries over every searched field, the filters inside the query (dossier,
kind, dates, who spoke), the best or newest hits as top-k, and exact totals and counts per
dossier and kind from the fast fields."""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import tantivy

from db.search_index.read_only import linked_view, remove_view
from db.search_index.schema import NAMES, WORDS, date_number
from db.search_index.writing import is_lock_refused, open_index
from loaders.debates import DEBATE_KINDS

if TYPE_CHECKING:
    from db.search import Query, Term
    from db.search_orders import Sort

# Added to the score of a document that holds the words themselves: more than bm25 gives.
_FIRST = 1_000_000.0
# What a search counts, in one pass over its hits: every hit (each has a date, 0 when not
# known), and the dossiers and kinds with the most. A segment hands on the count of every
# dossier and kind it holds (shard_size), so the counts shown are exact, not the estimate a
# segment's own top few would give.
_SHOWN = 10
_EVERY_BUCKET = 1_000_000
_COUNTS = {
    "total": {"value_count": {"field": "date"}},
    "dossiers": {"terms": {"field": "dossier", "size": _SHOWN, "shard_size": _EVERY_BUCKET}},
    "kinds": {"terms": {"field": "kind", "size": _SHOWN, "shard_size": _EVERY_BUCKET}},
}
# A regex's special characters, as tantivy's (Rust's) regex syntax escapes them.
_REGEX_SPECIAL = re.compile(r"([\\.+*?()|\[\]{}^$#&\-~])")

Expand = Callable[["Term", bool], list[str]]
"""A word's forms (and, when asked, the compounds that hold it), the word first."""


class IndexAnswer:
    """The keys of the hits, best (or newest) first, and the exact counts: these are counted
    while the caller reads the hits' documents, and wait for the count only when asked."""

    def __init__(self, keys: list[str], counting: Future[dict[str, object]]) -> None:
        self.keys = keys
        self._counting = counting

    @cached_property
    def _counts(self) -> dict[str, object]:
        return self._counting.result()

    @property
    def total(self) -> int:
        counted = self._counts.get("total")
        return int(counted.get("value") or 0) if isinstance(counted, dict) else 0

    @property
    def by_dossier(self) -> dict[str, int]:
        return _buckets(self._counts, "dossiers")

    @property
    def by_kind(self) -> dict[str, int]:
        return _buckets(self._counts, "kinds")


class IndexSearch:
    """One library's index, open for searching."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.view: Path | None = None  # the folder of links it is read through, if any
        try:
            self.index = open_index(path)
        except ValueError as exc:
            if not is_lock_refused(exc):
                raise
            self.index = self._open_through_links()  # a read-only mount
        self.schema = self.index.schema
        self._counter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-counts")

    def reload(self) -> None:
        """Read what the index holds now (after another program wrote to it)."""
        if self.view is None:
            self.index.reload()
        else:
            self.index = self._open_through_links()  # its new files linked too

    def _open_through_links(self) -> tantivy.Index:
        """The index opened through a new folder of links to its files (the old one gone)."""
        old, self.view = self.view, linked_view(self.path)
        index = open_index(self.view)
        if old is not None:
            remove_view(old)
        return index

    def answer(
        self,
        query: Query,
        expand: Expand,
        *,
        limit: int,
        sort: Sort,
        within: list[str] | None = None,
    ) -> IndexAnswer:
        """The hits of ``query`` and how many there are, by dossier and kind. By rank, the
        documents that hold the words themselves come first (what a reader expects), in one
        search: those get a score no compound's bm25 reaches added to theirs."""
        searched = self.engine_query(query, expand, compounds=True)
        if within is not None:  # only these documents (note:…)
            among = tantivy.Query.term_set_query(self.schema, "key", within)
            searched = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, searched), (tantivy.Occur.Must, among)]
            )
        searcher = self.index.searcher()
        # The counts in a thread of their own while this one finds the top hits and the caller
        # reads their documents: tantivy lets go of Python's lock, so the two passes over the
        # hits run on two cores (a phrase in every document takes half as long). No count in
        # the top-k search: it would visit every hit a second time (and could no longer skip
        # what cannot make the top).
        counting = self._counter.submit(searcher.aggregate, searched, _COUNTS)
        if sort == "date":  # documents of no known date (0) come last of themselves
            found = searcher.search(searched, limit, count=False, order_by_field="date")
            addresses = [address for _, address in found.hits]
        elif sort == "oldest":
            addresses = self._oldest(searcher, searched, limit)
        else:
            exact = self.engine_query(query, expand, compounds=False)
            ranked = searched
            if _stands_for_compounds(query, expand):  # else the two are the same query
                first = tantivy.Query.const_score_query(exact, _FIRST)
                ranked = tantivy.Query.boolean_query(
                    [(tantivy.Occur.Must, searched), (tantivy.Occur.Should, first)]
                )
            found = searcher.search(ranked, limit, count=False)
            addresses = [address for _, address in found.hits]
        keys = [str(searcher.doc(address)["key"][0]) for address in addresses]
        return IndexAnswer(keys, counting)

    def _oldest(
        self, searcher: tantivy.Searcher, searched: tantivy.Query, limit: int
    ) -> list[tantivy.DocAddress]:
        """The oldest hits as top-k on the date, then those of no known date (0) after."""
        found: list[tantivy.DocAddress] = []
        for lowest, highest in ((1, None), (0, 0)):
            dated = tantivy.Query.range_query(
                self.schema, "date", tantivy.FieldType.Integer, lowest, highest
            )
            within = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, searched), (tantivy.Occur.Must, dated)]
            )
            hits = searcher.search(
                within,
                limit - len(found),
                count=False,
                order_by_field="date",
                order=tantivy.Order.Asc,
            ).hits
            found += [address for _, address in hits]
            if len(found) >= limit:
                break
        return found

    def engine_query(self, query: Query, expand: Expand, *, compounds: bool) -> tantivy.Query:
        """The search as the engine's query: every group must match, no excluded term may."""
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for group in query.groups:
            alternatives = [self._term(term, expand, compounds) for term in group]
            clauses.append((tantivy.Occur.Must, _any(alternatives)))
        for term in query.excluded:
            clauses.append((tantivy.Occur.MustNot, self._term(term, expand, True)))
        for speaker in query.speakers:  # one of a debate's signatories, word for word
            clauses.append((tantivy.Occur.Must, self._in_field(NAMES, speaker)))
        clauses += [(tantivy.Occur.Must, q) for q in self._filters(query)]
        return tantivy.Query.boolean_query(clauses)

    def _term(self, term: Term, expand: Expand, compounds: bool) -> tantivy.Query:
        if term.kind in ("phrase", "prefix"):
            return self._in_field(WORDS, term)
        words = expand(term, compounds)
        return _any([tantivy.Query.term_query(self.schema, WORDS, word) for word in words])

    def _in_field(self, field: str, term: Term) -> tantivy.Query:
        if term.kind == "prefix":
            return tantivy.Query.regex_query(self.schema, field, _escaped(term.text) + ".*")
        words = term.text.split()
        if len(words) > 1:
            return tantivy.Query.phrase_query(
                self.schema, field, list[str | tuple[int, str]](words)
            )
        return tantivy.Query.term_query(self.schema, field, term.text)

    def _filters(self, query: Query) -> list[tantivy.Query]:
        schema = self.schema
        found: list[tantivy.Query] = []
        if query.speakers:
            found.append(_any([tantivy.Query.term_query(schema, "kind", k) for k in DEBATE_KINDS]))
        if query.dossier:
            found.append(tantivy.Query.term_query(schema, "dossier", query.dossier))
        if query.kind:  # a part of the kind: kind:motie finds a gewijzigde motie too
            pattern = ".*" + _escaped(query.kind) + ".*"
            found.append(tantivy.Query.regex_query(schema, "kind", pattern))
        if query.date_from or query.date_to:
            lowest = date_number(query.date_from) if query.date_from else 1  # 0: not known
            highest = date_number(query.date_to) if query.date_to else None
            found.append(
                tantivy.Query.range_query(
                    schema, "date", tantivy.FieldType.Integer, lowest, highest
                )
            )
        return found


def _stands_for_compounds(query: Query, expand: Expand) -> bool:
    """Whether a word of ``query`` finds compounds that hold it, besides itself."""
    return any(
        len(expand(term, True)) > len(expand(term, False))
        for group in query.groups
        for term in group
        if term.kind == "word"
    )


def _any(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def _escaped(text: str) -> str:
    return _REGEX_SPECIAL.sub(r"\\\1", text)


def _buckets(counts: dict[str, object], name: str) -> dict[str, int]:
    found = counts.get(name)
    buckets = found.get("buckets", []) if isinstance(found, dict) else []
    return {str(b["key"]): int(b["doc_count"]) for b in buckets if isinstance(b, dict)}
