"""Full-text search over every loaded document, in a query language a reader can type.

    prosperity guardian          every word (diacritics and case ignored)
    "artikel 100-brief"          an exact phrase
    navo OR nato irak            either of two words (OR binds before the words around it)
    -kabinet                     without this word
    missie*                      words that start so
    missie                       also inside compounds: "vredesmissie", "navo-missie"
    dossier:29521 kind:motie from:2023-01-01 to:2024-12-31
    spreker:Omtzigt  spreker:"van baarle"   debates in which they spoke

The query is parsed here and answered from the search engine's index (db/search_index,
tantivy) when it holds what the library holds, else from FTS5: every word reaches either as a
term of letters and digits (FTS5: quoted), so no input can change the query's meaning or make
either fail. Words are matched inside compounds by expanding them to the index words that
begin or end with them and are true compounds of them (db/index_words.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from db.index_words import compounds_of
from db.library import Library
from db.search_index.querying import IndexSearch
from db.search_index.schema import index_path
from db.search_index.writing import IndexBusy, IndexState, current_state, sync_index
from db.search_orders import Sort
from loaders.debates import DEBATE_KINDS
from loaders.folding import fold
from loaders.ids import parse_dossier
from loaders.limits import MAX_QUERY_CHARS, MAX_QUERY_TERMS
from loaders.model import TABLE_CELL, TABLE_ROW

# Documents longer than this (in characters) get a snippet made here, from the first place one
# of the words stands within the first SNIPPET_SEARCHED characters.
SNIPPET_FROM_INDEX = 200_000
SNIPPET_SEARCHED = 2_000_000
# A word stands for at most this many index words containing it (most frequent first).
MAX_EXPANSIONS = 60
MARK_START, MARK_END = "\ue000", "\ue001"  # snippet highlight marks, never in document text
# What a search looks in: a document's own words and who signed it, not its dossier's title
# (which every document of the dossier shares) nor its kind (kind: filters on that).
SEARCHED_COLUMNS = "{title subject names numbers text}"

_TOKEN = re.compile(
    r'(?P<speaker>\bspreker:(?:"[^"]*"?|\S*))'
    r"|(?P<filter>\b(?:dossier|kind|from|to|note):\S*)"
    r'|(?P<phrase>-?"[^"]*"?)'
    r"|(?P<or>\bOR\b)"
    r"|(?P<word>-?[\w*]+)",
)
_WORD_CHARS = re.compile(r"\w+")


class SearchError(ValueError):
    """A query that cannot mean anything; the message says why, for the reader."""


@dataclass
class Term:
    text: str  # folded letters and digits, spaces between the words of a phrase
    kind: Literal["word", "prefix", "phrase"]


@dataclass
class Query:
    """A parsed query: groups of alternatives that must all match, terms that must not."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    dossier: str = ""
    kind: str = ""
    date_from: str = ""
    date_to: str = ""
    speakers: list[Term] = field(default_factory=list)  # spreker:…, in debates only
    notes: list[str] = field(default_factory=list)  # note:…, words of the reader's own notes

    def highlight_terms(self) -> list[str]:
        """The words and phrases a reader wants to see highlighted in a document, and who
        speaks (where the debate names them)."""
        return [term.text for group in self.groups for term in group] + [
            term.text for term in self.speakers
        ]


@dataclass(frozen=True)
class Hit:
    key: str
    kind: str
    date: str
    dossier: str
    title: str
    snippet: str  # plain text
    highlights: tuple[tuple[int, int], ...]  # spans of the snippet that matched
    rank: float
    subject: str = ""  # what a motie is about ("over ..."), where its title only names who moved it

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "kind": self.kind,
            "date": self.date,
            "dossier": self.dossier,
            "title": self.title,
            "subject": self.subject,
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
        }


@dataclass
class SearchResult:
    query: Query
    hits: list[Hit]
    total: int
    by_dossier: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]


def parse_query(text: str) -> Query:
    """Read what a reader typed; SearchError when nothing in it can be searched for, or when
    it is longer than any query a person types (each word costs a pass over the index)."""
    if len(text) > MAX_QUERY_CHARS:
        raise SearchError(
            f"the query is {len(text):,} characters long; a search takes at most"
            f" {MAX_QUERY_CHARS:,}"
        )
    query = Query()
    pending_or = False
    for match in _TOKEN.finditer(text):
        if match["filter"]:
            _apply_filter(query, match["filter"])
            continue
        if match["speaker"]:
            speaker = _term(match["speaker"].partition(":")[2])
            if speaker is None:
                raise SearchError(
                    'spreker: needs a name, as in spreker:Omtzigt or spreker:"van baarle"'
                )
            query.speakers.append(speaker)
            continue
        if match["or"]:
            pending_or = bool(query.groups)
            continue
        raw = match["phrase"] or match["word"] or ""
        negated = raw.startswith("-")
        term = _term(raw.lstrip("-"))
        if term is None:
            continue
        if negated:
            query.excluded.append(term)
        elif pending_or:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        pending_or = False
    terms = sum(map(len, query.groups)) + len(query.excluded) + len(query.speakers)
    if terms > MAX_QUERY_TERMS:
        raise SearchError(
            f"the query has {terms:,} words; a search takes at most {MAX_QUERY_TERMS}"
        )
    if not query.groups and not query.speakers and not query.notes:
        if query.excluded:
            raise SearchError(
                "a search needs at least one word to find, not only words to leave out"
            )
        if query.dossier or query.kind or query.date_from or query.date_to:
            raise SearchError("a search needs at least one word besides its filters")
        raise SearchError("nothing to search for: type one or more words")
    return query


def _term(raw: str) -> Term | None:
    if raw.startswith('"'):
        words = _WORD_CHARS.findall(fold(raw.strip('"')))
        if not words:
            return None
        return Term(" ".join(words), "phrase" if len(words) > 1 else "word")
    prefix = raw.endswith("*")
    words = _WORD_CHARS.findall(fold(raw.replace("*", " ")))
    if not words:
        return None
    if len(words) > 1:  # "artikel-100" typed without quotes: the words in order
        return Term(" ".join(words), "phrase")
    return Term(words[0], "prefix" if prefix else "word")


def _apply_filter(query: Query, text: str) -> None:
    name, _, value = text.partition(":")
    value = value.strip()
    if not value:
        raise SearchError(f"{name}: needs a value, as in {_EXAMPLES[name]}")
    if name == "dossier":
        dossier = parse_dossier(value)
        if dossier is None:
            raise SearchError(f"dossier:{value} is not a dossier number (as in dossier:29521)")
        query.dossier = dossier
    elif name == "kind":
        query.kind = fold(value)
    elif name == "note":
        words = _WORD_CHARS.findall(fold(value))
        if not words:
            raise SearchError(f"note:{value} has no word to look for (as in note:nagaan)")
        query.notes += words
    else:
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            raise SearchError(f"{name}:{value} is not a date (as in {_EXAMPLES[name]})") from None
        if name == "from":
            query.date_from = date.isoformat()
        else:
            query.date_to = date.isoformat()


_EXAMPLES = {
    "spreker": "spreker:Omtzigt",
    "dossier": "dossier:29521",
    "kind": "kind:motie",
    "from": "from:2023-01-01",
    "to": "to:2024-12-31",
    "note": "note:nagaan",
}

NotesHolding = Callable[[list[str]], list[str]]
"""The documents on which the reader's own notes hold all these words (note:…)."""


class Searcher:
    """Searches one library; keeps the index's vocabulary for compound words."""

    def __init__(
        self, library: Library, *, use_index: bool = True, notes: NotesHolding | None = None
    ) -> None:
        self.library = library
        self.use_index = use_index  # off: FTS5 answers (to compare the two)
        self.notes = notes  # the reader's notes, for note:… (they are not the library's)
        self._expansions: dict[str, tuple[list[str], list[str]]] = {}
        self._engine: IndexSearch | None = None
        self._engine_state: IndexState | None = None

    def engine(self) -> IndexSearch | None:
        """The search engine's index when it holds what the library holds; None when it is
        missing or behind (a load from another shell is being indexed): then FTS5 answers."""
        path = index_path(self.library.path)
        state = IndexState.read(path) if self.use_index else None
        if state is None:
            return None
        current = current_state(self.library.conn)
        if state != current:
            # Behind (a load was stopped before it indexed its last documents): catch up,
            # unless another program is writing the index now, or it cannot be written here.
            try:
                sync_index(self.library.conn, path, wait=0)
            except (IndexBusy, ValueError, OSError):
                return None
            state = IndexState.read(path)
            if state != current:
                return None
        if self._engine is None:
            try:
                self._engine = IndexSearch(path)
            except (ValueError, OSError):  # not even read through links: FTS5 answers
                self.use_index = False
                return None
        elif state != self._engine_state:
            self._engine.reload()
        self._engine_state = state
        return self._engine

    def search(self, text: str, *, limit: int = 50, sort: Sort = "rank") -> SearchResult:
        query = parse_query(text)
        within: list[str] | None = None
        if query.notes:
            if self.notes is None:
                raise SearchError("note: looks in your own notes, which this search cannot read")
            within = self.notes(query.notes)
            if not within:
                return SearchResult(query, [], 0, [], [])
            if not query.groups and not query.speakers:
                return self._noted(query, within, limit)
        engine = self.engine()
        if engine is not None:
            return self._search_engine(engine, query, limit, sort, within)
        match = self.match_expression(query)
        where, parameters = _filters(query)
        if within is not None:
            where += " AND d.key IN (SELECT value FROM json_each(?))"
            parameters.append(json.dumps(within))
        base = (
            # CROSS JOIN keeps the index outermost: otherwise SQLite may walk the documents
            # and ask FTS5 about each one, a thousand times slower.
            "FROM documents_fts CROSS JOIN documents d ON d.rowid = documents_fts.rowid"
            f" WHERE documents_fts MATCH ? AND d.ghost = 0{where}"
        )
        order = {
            "rank": "ORDER BY rank",
            "date": "ORDER BY d.date DESC, rank",
            "oldest": "ORDER BY d.date = '', d.date, rank",
        }[sort]
        conn = self.library.conn
        # FTS5's snippet weighs every window of a document: on a document of megabytes it
        # runs for minutes. There the snippet is made from the words' first place instead.
        listing = (
            "SELECT d.key, d.kind, d.date, d.dossier, d.title,"
            f" CASE WHEN length(d.text) <= {SNIPPET_FROM_INDEX} THEN"
            f" snippet(documents_fts, -1, '{MARK_START}', '{MARK_END}', '…', 14) END,"
            f" rank, d.subject, CASE WHEN length(d.text) > {SNIPPET_FROM_INDEX} THEN"
            f" substr(d.text, 1, {SNIPPET_SEARCHED}) END"
            f" {base} {order} LIMIT ?"
        )
        rows = []
        if sort == "rank":
            # The word typed first: documents that hold the words themselves (and their
            # forms) before those that hold them only inside a compound.
            exact = self.match_expression(query, compounds=False)
            if exact != match:
                rows = conn.execute(listing, (exact, *parameters, limit)).fetchall()
        seen = {row[0] for row in rows}
        if len(rows) < limit:
            more = conn.execute(listing, (match, *parameters, limit + len(rows))).fetchall()
            rows += [row for row in more if row[0] not in seen][: limit - len(rows)]
        # One pass over the hits for every count (each pass joins every hit's document).
        dossiers: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        total = 0
        for dossier, kind, count in conn.execute(
            f"SELECT d.dossier, d.kind, count(*) {base} GROUP BY d.dossier, d.kind",
            (match, *parameters),
        ):
            total += count
            kinds[kind] += count
            if dossier:
                dossiers[dossier] += count
        by_dossier = sorted(dossiers.items(), key=lambda item: (-item[1], item[0]))[:10]
        by_kind = sorted(kinds.items(), key=lambda item: (-item[1], item[0] or ""))[:10]
        terms = query.highlight_terms()
        hits = [
            _hit((*row[:5], row[5] or _snippet_of(row[8] or "", terms), *row[6:8])) for row in rows
        ]
        return SearchResult(query, hits, total, by_dossier, by_kind)

    def found_since(self, text: str, generation: int, since_date: str = "") -> set[str]:
        """The documents the search ``text`` finds among those loaded after ``generation``
        (and dated on or after ``since_date``): what a followed search has that is new. Asked
        of FTS5, which knows each document's generation (the same documents as the engine's
        index: tests/test_search_index.py)."""
        query = parse_query(text)
        where, parameters = _filters(query)
        rows = self.library.conn.execute(
            "SELECT d.key FROM documents_fts CROSS JOIN documents d"
            " ON d.rowid = documents_fts.rowid"
            f" WHERE documents_fts MATCH ? AND d.ghost = 0{where}"
            " AND d.generation > ? AND d.date >= ?",
            (self.match_expression(query), *parameters, generation, since_date),
        )
        return {str(row[0]) for row in rows}

    def _noted(self, query: Query, keys: list[str], limit: int) -> SearchResult:
        """Only note:…: the documents your notes on them hold the words, newest first; the
        snippet is the document's beginning (the notes are the reader's to show)."""
        rows = self.library.conn.execute(
            "SELECT key, kind, date, dossier, title, substr(text, 1, 200), subject"
            " FROM documents WHERE key IN (SELECT value FROM json_each(?))"
            " ORDER BY date DESC, key",
            (json.dumps(keys),),
        ).fetchall()
        hits = [
            _hit((key, kind, date, dossier, title, _snippet_of(text or "", None), -n, subject))
            for n, (key, kind, date, dossier, title, text, subject) in enumerate(rows)
        ]
        by_dossier = Counter(str(row[3]) for row in rows if row[3])
        by_kind = Counter(str(row[1] or "") for row in rows)
        return SearchResult(
            query,
            hits[:limit],
            len(rows),
            sorted(by_dossier.items(), key=lambda item: (-item[1], item[0]))[:10],
            sorted(by_kind.items(), key=lambda item: (-item[1], item[0]))[:10],
        )

    def _search_engine(
        self,
        engine: IndexSearch,
        query: Query,
        limit: int,
        sort: Sort,
        within: list[str] | None = None,
    ) -> SearchResult:
        """The search asked of the search engine's index: the documents that hold the words
        themselves first (by rank), then those that hold them inside compounds."""
        answer = engine.answer(query, self.expand, limit=limit, sort=sort, within=within)
        keys = answer.keys
        rows = {
            row[0]: row
            for row in self.library.conn.execute(
                "SELECT key, kind, date, dossier, title, subject,"
                f" substr(text, 1, {SNIPPET_SEARCHED}), signatories FROM documents"
                " WHERE key IN (SELECT value FROM json_each(?))",
                (json.dumps(keys),),
            )
        }
        terms = [
            word
            for group in query.groups
            for term in group
            for word in (self.expand(term, True) if term.kind == "word" else [term.text])
        ] + [term.text for term in query.speakers]
        pattern = snippet_pattern(terms)
        hits = []
        for place, key in enumerate(keys):
            row = rows.get(key)
            if row is None:  # gone since the index was read
                continue
            _, kind, date, dossier, title, subject, text, signatories = row
            if not query.groups:  # only who spoke: the snippet is who did
                text = _names_of(signatories)
            hits.append(
                _hit(
                    (
                        key,
                        kind,
                        date,
                        dossier,
                        title,
                        _snippet_of(text or "", pattern),
                        -place,
                        subject,
                    )
                )
            )
        by_dossier = sorted(answer.by_dossier.items(), key=lambda item: (-item[1], item[0]))
        by_kind = sorted(answer.by_kind.items(), key=lambda item: (-item[1], item[0]))
        return SearchResult(query, hits, answer.total, by_dossier[:10], by_kind[:10])

    def match_expression(self, query: Query, *, compounds: bool = True) -> str:
        """The FTS5 expression: every term quoted, words expanded to their forms and (with
        ``compounds``) to the compounds in the index that hold them."""
        groups = [
            "(" + " OR ".join(self._term_expression(t, compounds=compounds) for t in group) + ")"
            for group in query.groups
        ]
        expression = " AND ".join(groups)
        for term in query.excluded:
            expression += f" NOT {self._term_expression(term)}"
        # A speaker is one of the debate's signatories: their names column, word for word.
        spoke = " AND ".join(f"names : {_exact(term)}" for term in query.speakers)
        if not expression:
            return spoke
        searched = f"{SEARCHED_COLUMNS} : ({expression})"
        return f"{searched} AND {spoke}" if spoke else searched

    def expand(self, term: Term, compounds: bool) -> list[str]:
        """A word with its inflected forms and, with ``compounds``, the true compounds that
        hold it: what a word of a query stands for, in either engine."""
        forms, held_in = self._compounds(term.text)
        return [term.text, *forms, *(held_in if compounds else [])]

    def _term_expression(self, term: Term, *, compounds: bool = True) -> str:
        """A term as FTS5 reads it: a word with its inflected forms and, with ``compounds``,
        the true compounds that hold it."""
        if term.kind == "phrase":
            return f'"{term.text}"'
        if term.kind == "prefix":
            return f'"{term.text}"*'
        words = self.expand(term, compounds)
        return "(" + " OR ".join(f'"{word}"' for word in words) + ")"

    def _compounds(self, word: str) -> tuple[list[str], list[str]]:
        """The word's inflected forms and the compounds that hold it, most frequent first,
        from the index of the index's words (not a pass over the vocabulary)."""
        if len(word) < 4:  # short words are inside too many others to mean anything there
            return [], []
        if word not in self._expansions:
            self._expansions[word] = compounds_of(self.library.conn, word, MAX_EXPANSIONS)
        return self._expansions[word]


def _exact(term: Term) -> str:
    return f'"{term.text}"*' if term.kind == "prefix" else f'"{term.text}"'


def _filters(query: Query) -> tuple[str, list[str]]:
    clauses: list[str] = []
    parameters: list[str] = []
    if query.speakers:
        clauses.append(f"d.kind IN ({', '.join('?' for _ in DEBATE_KINDS)})")
        parameters.extend(DEBATE_KINDS)
    if query.dossier:
        clauses.append("d.key IN (SELECT document FROM document_dossiers WHERE dossier = ?)")
        parameters.append(query.dossier)
    if query.kind:
        clauses.append("d.kind LIKE ? ESCAPE '\\'")
        parameters.append("%" + query.kind.replace("%", "\\%").replace("_", "\\_") + "%")
    if query.date_from:
        clauses.append("d.date >= ?")
        parameters.append(query.date_from)
    if query.date_to:
        clauses.append("d.date != '' AND d.date <= ?")
        parameters.append(query.date_to)
    return "".join(f" AND {clause}" for clause in clauses), parameters


_Row = tuple[str, str | None, str | None, str | None, str | None, str | None, float, str | None]


def _hit(row: _Row) -> Hit:
    key, kind, date, dossier, title, marked, rank, subject = row
    plain, spans = _unmark(_readable_names(marked or ""))
    return Hit(
        key, kind or "", date or "", dossier or "", title or "", plain, spans, rank, subject or ""
    )


def _names_of(signatories: str | None) -> str:
    """ "Stephan van Baarle (DENK), Graus": the signatories as a reader writes them."""
    try:
        people = json.loads(signatories or "[]")
    except ValueError:
        return ""
    return ", ".join(
        f"{p.get('name', '')} ({p['role']})" if p.get("role") else str(p.get("name", ""))
        for p in people
        if isinstance(p, dict)
    )


def snippet_pattern(terms: list[str]) -> re.Pattern[str] | None:
    """What a snippet marks: where one of ``terms`` (folded words, phrases, prefixes) begins
    a word, a phrase's words in a row whatever the spaces between them. Made once a search."""
    phrases = [term.rstrip("*").split() for term in terms]
    words = {phrase[0] for phrase in phrases if len(phrase) == 1}
    # A word that begins with another is found by it: "missie" finds "missiegebied" (the rest
    # of a word is always taken), so the pattern needs only the shortest, put in a trie.
    shortest = {w for w in words if not any(w[:n] in words for n in range(1, len(w)))}
    alternatives = [_trie(sorted(shortest))] if shortest else []
    alternatives += [r"\W+".join(map(re.escape, phrase)) for phrase in phrases if len(phrase) > 1]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\w*") if alternatives else None


def _trie(words: list[str]) -> str:
    """Sorted words, none the beginning of another, as one regex that reads each letter once
    ("missie|misstand" → "miss(?:ie|tand)"): a search of dozens of compounds reads a text as
    fast as of one."""
    if len(words) == 1:
        return re.escape(words[0])
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(first) + _trie(rest) for first, rest in by_first.items()]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


# A text is folded and searched a window at a time, up to the first place found: a letter's
# words are mostly found in its first pages, and folding all of it cost more than the search
# (14 of 24 ms for the 48 letters of a dossier). Windows overlap by as much as a query is
# long, so that a match across two is found whole.
_SNIPPET_WINDOW = 4_000
_SNIPPET_OVERLAP = MAX_QUERY_CHARS


def _first_in(window: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """Where ``pattern`` (folded words) is first found in ``window``: in the window lowered
    (many times faster to make than folded, and the same length but for one letter, İ) where
    a word is written without diacritics, else in the window folded. A match in the one is a
    match in the other, at the same place."""
    found = pattern.search(window.lower()) if "\u0130" not in window else None
    return found if found is not None else pattern.search(fold(window))


def _snippet_of(text: str, terms: list[str] | re.Pattern[str] | None) -> str:
    """A snippet of a long document, marked as FTS5 marks one: the words around the first
    place where one of ``terms`` (or the ``snippet_pattern`` made of them) begins a word."""
    pattern = snippet_pattern(terms) if isinstance(terms, list) else terms
    if pattern is None:
        return text[:120]
    first = None
    for at in range(0, len(text), _SNIPPET_WINDOW):  # overlapping, for a match across
        window = text[at : at + _SNIPPET_WINDOW + _SNIPPET_OVERLAP]
        found = _first_in(window, pattern)
        if found is not None:
            first = (at + found.start(), at + found.end())
            break
    if first is None:
        return text[:120].rsplit(" ", 1)[0] + "…"
    start = text.rfind(" ", 0, max(0, first[0] - 60)) + 1
    end = text.find(" ", min(len(text), first[1] + 100))
    end = len(text) if end == -1 else end
    shown = text[start:end]
    pieces, at = [], 0
    for found in pattern.finditer(fold(shown)):
        pieces += [shown[at : found.start()], MARK_START, shown[found.start() : found.end()]]
        pieces.append(MARK_END)
        at = found.end()
    pieces.append(shown[at:])
    return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")


# A snippet from the names column shows it as the index reads it, the signatories' JSON
# without its keys: '[{"Stephan van Baarle", "DENK"}, {"Graus", null}]'. Readers get
# "Stephan van Baarle (DENK), Graus", also where the snippet cuts an entry in two.
def _readable_names(marked: str) -> str:
    if '{"' not in marked and '"}' not in marked:
        return marked  # not the names column: the text's own quotes stay as they are
    head = "…" if marked.startswith("…") else ""
    tail = "…" if marked.endswith("…") else ""
    inner = marked.strip("…")
    entries = []
    for entry in re.split(r'"?\}, \{"?', inner):
        name, _, role = entry.strip('[]{}"').partition('", ')
        role = role.strip('"')
        known = role and not "null".startswith(role)  # null, or null cut short
        entries.append(f"{name} ({role})" if known else name)
    return head + ", ".join(entries) + tail


def _unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet without its marks, and the spans the marks enclosed."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = -1
    # One line: paragraphs and a table's rows are not shown in a snippet; its cells stay apart.
    marked = marked.replace("\n\n", " ").replace(TABLE_ROW, " · ").replace(TABLE_CELL, " │ ")
    for piece in re.split(f"([{MARK_START}{MARK_END}])", marked):
        if piece == MARK_START:
            start = length
        elif piece == MARK_END:
            if start >= 0:
                spans.append((start, length))
            start = -1
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), tuple(spans)
