"""What users know about persons: aliases (a file, or `entities merge`) and split pairs
(`entities split`), stored and applied by regrouping the blocks they touch.

An aliases file is JSON (a list of {"canonical": NAME, "aliases": [NAME, ...], "wikidata":
"Q..."}) or CSV (columns canonical, aliases with the names separated by "|", and an
optional wikidata).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import sqlalchemy as sa

from ..entities.names import PERSON, name_key, surname
from ..errors import QuotegraphError
from . import schema
from .linking import Knowledge, blocking_surname
from .person_links import link_persons
from .upsert import insert_ignoring_conflicts


@dataclass(frozen=True)
class AliasEntry:
    canonical: str
    aliases: tuple[str, ...]
    wikidata: str | None = None


def read_aliases(path: str | Path) -> list[AliasEntry]:
    """The entries of an aliases file (.json, else CSV); QuotegraphError when malformed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            rows: Iterable[dict[str, Any]] = json.loads(text)
            return [AliasEntry(str(r["canonical"]), tuple(str(a) for a in r.get("aliases") or ()),
                               r.get("wikidata") or None) for r in rows]
        return [AliasEntry(r["canonical"].strip(), tuple(a.strip() for a in (r.get("aliases") or "").split("|")
                                                         if a.strip()), (r.get("wikidata") or "").strip() or None)
                for r in csv.DictReader(text.splitlines())]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise QuotegraphError(f"{path}: not an aliases file ({err})") from err


def add_aliases(connection: sa.Connection, entries: Sequence[AliasEntry], *, origin: str = "file") -> int:
    """Store `entries` (an alias already stored takes the new canonical name) and regroup the
    persons they touch; the number of aliases stored."""
    a = schema.entity_aliases
    now = dt.datetime.now(dt.timezone.utc)
    rows = {}
    for entry in entries:
        for name in (entry.canonical, *entry.aliases):
            key = name_key(name, PERSON)
            if key and (name != entry.canonical or entry.wikidata):
                rows[key] = {"alias_key": key, "canonical": entry.canonical, "wikidata_id": entry.wikidata,
                             "origin": origin, "created": now}
    if not rows:
        return 0
    connection.execute(a.delete().where(a.c.alias_key.in_(sorted(rows))))
    insert_ignoring_conflicts(connection, a, list(rows.values()), ["alias_key"])
    touched = {s for e in entries for n in (e.canonical, *e.aliases) if (s := surname(n))}
    regroup(connection, touched)
    return len(rows)


def merge(connection: sa.Connection, canonical: str, other: str) -> None:
    """`other` is `canonical` (undoing a split of the two)."""
    s = schema.entity_splits
    a_key, b_key = name_key(canonical, PERSON), name_key(other, PERSON)
    connection.execute(s.delete().where(sa.or_(sa.and_(s.c.key_a == a_key, s.c.key_b == b_key),
                                               sa.and_(s.c.key_a == b_key, s.c.key_b == a_key))))
    add_aliases(connection, [AliasEntry(canonical, (other,))], origin="merge")


def split(connection: sa.Connection, first: str, second: str) -> None:
    """`first` and `second` are two people (undoing a merge or an alias of one to the other)."""
    a, s = schema.entity_aliases, schema.entity_splits
    a_key, b_key = sorted((name_key(first, PERSON), name_key(second, PERSON)))
    for alias, canonical in ((first, second), (second, first)):
        connection.execute(a.delete().where(a.c.alias_key == name_key(alias, PERSON),
                                            a.c.canonical == canonical))
    insert_ignoring_conflicts(connection, s, [{"key_a": a_key, "key_b": b_key,
                                               "created": dt.datetime.now(dt.timezone.utc)}], ["key_a", "key_b"])
    regroup(connection, {x for x in (surname(first), surname(second)) if x})


def regroup(connection: sa.Connection, surnames: set[str]) -> None:
    """Move the named persons of blocks `surnames` to the block their (canonical) name
    gives now, then regroup every block that lost or gained one. `surnames` must hold the
    natural surnames of the names whose aliases changed."""
    ae = schema.article_entities
    knowledge = Knowledge.load(connection)
    rows = connection.execute(sa.select(ae.c.id, ae.c.name, ae.c.surname).where(ae.c.surname.in_(sorted(surnames))))
    moves = []
    affected = set(surnames)
    for row in rows:
        block = blocking_surname(row.name, knowledge)
        if block and block != row.surname:
            moves.append({"target": row.id, "new_surname": block})
            affected.add(block)
    if moves:
        connection.execute(ae.update().where(ae.c.id == sa.bindparam("target")).values(
            surname=sa.bindparam("new_surname")), moves)
    link_persons(connection, [], run_id=None, now=dt.datetime.now(dt.timezone.utc), surnames=sorted(affected),
                 knowledge=knowledge)
