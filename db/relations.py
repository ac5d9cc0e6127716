"""What replaces what: a gewijzigde motie and the motie it replaces, a nota van wijziging and the
bill it changes, an Aanhangsel and the kamervragen it answers. Stored one row per link with an
index on the target, so that "replaced by" is one indexed query, as "cited by" is."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from db.query_group import QueryGroup
from loaders.ids import split_kst_key
from loaders.model import Document
from loaders.replacements import Relation, find_relations


@dataclass(frozen=True)
class Relations:
    """A document's links to other versions, each a list of keys in number order."""

    replaces: list[str] = field(default_factory=list)
    replaced_by: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    changed_by: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # the kamervragen an Aanhangsel answers
    answered_by: list[str] = field(default_factory=list)
    attached_to: list[str] = field(default_factory=list)  # a bijlage's letter
    attachments: list[str] = field(default_factory=list)  # a letter's bijlagen
    postpones: list[str] = field(default_factory=list)  # a mededeling: the answer is late
    postponed_by: list[str] = field(default_factory=list)
    # Links that rest on an inference, and why: key -> reason.
    inferred: dict[str, str] = field(default_factory=dict)

    @property
    def keys(self) -> list[str]:
        return [
            *self.replaces,
            *self.replaced_by,
            *self.changes,
            *self.changed_by,
            *self.answers,
            *self.answered_by,
            *self.attached_to,
            *self.attachments,
            *self.postpones,
            *self.postponed_by,
        ]


def relations_in(document: Document) -> list[Relation]:
    return find_relations(
        document.key,
        document.dossier_key,
        document.kind,
        document.title,
        document.subject,
        document.zaak_numbers,
        document.attached_to,
        document.answered_in,
        document.answers_kamervragen,
    )


def write_relations(conn: sqlite3.Connection, key: str, relations: list[Relation]) -> set[str]:
    """Replace what ``key`` is stored to replace; the targets it no longer names."""
    old = {r[0] for r in conn.execute("SELECT target FROM relations WHERE source = ?", (key,))}
    conn.execute("DELETE FROM relations WHERE source = ?", (key,))
    conn.executemany(
        "INSERT OR IGNORE INTO relations (source, target, kind, basis) VALUES (?, ?, ?, ?)",
        [(key, r.target, r.kind, r.basis) for r in relations],
    )
    return old - {r.target for r in relations}


_BY_NUMBER = "ORDER BY length(d.ondernummer), d.ondernummer, k"


class RelationQueries(QueryGroup):
    """What replaces and changes what (``library.relations``)."""

    def _linked(self, column: str, other: str, key: str, kind: str) -> list[str]:
        rows = self.conn.execute(
            f"SELECT r.{other} AS k FROM relations r LEFT JOIN documents d ON d.key = r.{other}"
            f" WHERE r.{column} = ? AND r.kind = ? {_BY_NUMBER}",
            (key, kind),
        )
        return [row[0] for row in rows]

    def replaces(self, key: str) -> list[str]:
        return self._linked("source", "target", key, "replaces")

    def replaced_by(self, key: str) -> list[str]:
        return self._linked("target", "source", key, "replaces")

    def replacements_in(self, dossier: str) -> dict[str, list[str]]:
        """For the documents of ``dossier`` that are replaced: what replaces each."""
        rows = self.conn.execute(
            "SELECT r.target, r.source FROM relations r WHERE r.kind = 'replaces' AND r.source IN"
            " (SELECT document FROM document_dossiers WHERE dossier = ?) ORDER BY r.source",
            (dossier,),
        )
        found: dict[str, list[str]] = {}
        for target, source in rows:
            found.setdefault(target, []).append(source)
        return found

    def attachments_in(self, dossier: str) -> dict[str, str]:
        """For the bijlagen of ``dossier``: the letter each was sent with."""
        rows = self.conn.execute(
            "SELECT r.source, r.target FROM relations r WHERE r.kind = 'bijlage van'"
            " AND r.source IN (SELECT document FROM document_dossiers WHERE dossier = ?)"
            " ORDER BY r.source",
            (dossier,),
        )
        return {source: target for source, target in rows}

    def relations_of(self, key: str) -> Relations:
        """Every link of ``key``, both ways, in two indexed queries."""
        found: dict[str, list[str]] = {name: [] for pair in _FIELDS.values() for name in pair}
        inferred: dict[str, str] = {}
        for column, other, way in (("source", "target", 0), ("target", "source", 1)):
            rows = self.conn.execute(
                f"SELECT r.{other} AS k, r.kind, r.basis FROM relations r"
                f" LEFT JOIN documents d ON d.key = r.{other} WHERE r.{column} = ? {_BY_NUMBER}",
                (key,),
            )
            for other_key, kind, basis in rows:
                if kind in _FIELDS:
                    found[_FIELDS[kind][way]].append(other_key)
                    if basis in INFERENCES:
                        inferred[other_key] = INFERENCES[basis]
        # Both ends may say it: the answer's metadata and the questions' metadata.
        lists = {name: list(dict.fromkeys(keys)) for name, keys in found.items()}
        return Relations(**lists, inferred=inferred)


# Each kind of relation, as the Relations field of its source and of its target.
_FIELDS = {
    "replaces": ("replaces", "replaced_by"),
    "changes": ("changes", "changed_by"),
    "answers": ("answers", "answered_by"),
    "answered in": ("answered_by", "answers"),
    "bijlage van": ("attached_to", "attachments"),
    "postpones": ("postpones", "postponed_by"),
}
# What a relation read by inference rests on, as the reader and the JSON say it.
INFERENCES = {
    "subject": "linked by subject: the answer's subject is the questions', the open data"
    " names no zaak",
}


def add_relations_of_loaded(conn: sqlite3.Connection, index_columns: tuple[str, ...]) -> None:
    """Migration: the relations of the documents loaded before relations were kept (loading
    them again would change nothing, their content being the same), and a ghost for each
    target the library lacks, indexed like any ghost."""
    rows = conn.execute(
        "SELECT key, dossier, kind, title, subject FROM documents WHERE ghost = 0"
    ).fetchall()
    new_ghosts: list[int] = []
    for key, dossier, kind, title, subject in rows:
        relations = find_relations(key, dossier or "", kind or "", title or "", subject or "")
        write_relations(conn, key, relations)
        for relation in relations:
            split = split_kst_key(relation.target)
            if split is None:
                continue
            exists = conn.execute(
                "SELECT 1 FROM documents WHERE key = ?", (relation.target,)
            ).fetchone()
            if exists:
                continue
            number, _, toevoeging = split[0].partition("-")
            conn.execute(
                "INSERT OR IGNORE INTO dossiers (key, number, toevoeging, title, rijkswet)"
                " VALUES (?, ?, ?, '', '')",
                (split[0], number, toevoeging),
            )
            cursor = conn.execute(
                "INSERT INTO documents (key, published_id, dossier, ondernummer, kind, title,"
                " subject, date, vergaderjaar, chamber, signatories, text, source_path,"
                " source_format, content_hash, document_number, zaak_numbers, ghost)"
                " VALUES (?, ?, ?, ?, '', '', '', '', '', '', '[]', '', '', '', '', '', '[]', 1)",
                (relation.target, relation.target, split[0], split[1]),
            )
            conn.execute(
                "INSERT OR IGNORE INTO document_dossiers VALUES (?, ?, 0)",
                (relation.target, split[0]),
            )
            if cursor.lastrowid is not None:
                new_ghosts.append(cursor.lastrowid)
    if new_ghosts:
        columns = ", ".join(index_columns)
        conn.execute(
            f"INSERT INTO documents_fts (rowid, {columns}) SELECT rid, {columns}"
            " FROM document_index WHERE rid IN (SELECT value FROM json_each(?))",
            (json.dumps(new_ghosts),),
        )
