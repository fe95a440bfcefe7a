"""Bulk loading, the store side: records already extracted written a partition per
transaction, by several processes at once on PostgreSQL (COPY), with the linking done
once for the whole load instead of once per batch.

    persons = link_new_persons(connection, items)                 # one transaction, first,
    create_named_entities(connection, items)                      # with the other entities
    write_part(connection, part_items, part_errors, persons, ...)  # one transaction a partition

then statement clusters, in ingest's batches and order: in memory (bulk_clusters) for a
store that has none yet, else `assign_stored_clusters` batch by batch, as ingest does.

The order and why: docs/spark.md, "Loading".
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import sqlalchemy as sa

from ..entities.names import is_named_person, merge_key
from . import schema
from .bulk_rows import EntityRef, PartRows, PersonLink, part_rows
from .clusters import assign_clusters
from .copy import insert_rows
from .core import in_chunks
from .linking import Member, host_of
from .person_links import link_persons
from .upsert import insert_ignoring_conflicts
from .write import BatchCounts, NewArticle, NewError, _date, _entity_row, stored_article_keys

# Secondary indexes of the tables a load fills, dropped before loading into an empty store
# and built once at the end (unique ones stay: they make a re-run skip what is stored).
_BULK_TABLES = (schema.times, schema.article_entities, schema.mentions, schema.quotes, schema.quote_spans,
                schema.events, schema.event_participants)
_PG_SEARCH_INDEX = "CREATE INDEX IF NOT EXISTS ix_quotes_content_tsv ON quotes USING gin (content_tsv)"
# SQLite's full-text index is kept by this trigger (migration 0001's); a load into an empty
# store drops it and rebuilds the index once at the end, a sixth of the time of a row each.
_SQLITE_SEARCH_TRIGGER = ("CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN "
                          "INSERT INTO quotes_fts(rowid, content) VALUES (new.id, new.content); END")


@dataclass(frozen=True, slots=True)
class ArticleNames:
    """What linking reads of one article: its key, date, site and the record's entities."""

    key: str
    published: str | None
    url: str | None
    entities: list[dict[str, Any]]


def link_new_persons(connection: sa.Connection, articles: Iterable[ArticleNames], *, run_id: int,
                     now: dt.datetime) -> dict[EntityRef, PersonLink]:
    """Link the named persons of `articles` (not stored yet) with the store's own rule
    (`person_links.link_persons`, every block they touch at once): where each goes."""
    members = []
    for article in articles:
        day, host = _date(article.published), host_of(article.url)
        members += [Member(entity["name"], list(entity.get("titles") or ()), list(entity.get("affiliations") or ()),
                           None, article.key, str(entity.get("id")), day, host)
                    for entity in article.entities if is_named_person(entity)]
    if members:
        # Into a store without persons every block is new: regrouped whole, a few queries for
        # all of them, rather than block by block (what relink does; person_links.py: both
        # paths give what a regrouping of the block would)
        fresh = connection.scalar(sa.select(schema.article_entities.c.id).limit(1)) is None
        link_persons(connection, members, run_id=run_id, now=now, whole=fresh)
    return {(m.article_key, m.local_id): PersonLink(m.entity_id, m.link_reason, m.form_key, m.class_id,  # type: ignore[arg-type]
                                                    m.tokens[-1] if m.tokens else None) for m in members}


def create_named_entities(connection: sa.Connection, articles: Iterable[ArticleNames], *, run_id: int,
                          now: dt.datetime) -> dict[str, int]:
    """The corpus entities of the non-persons of `articles` (organisations, places...: one per
    label and name) that the store lacks, named as the first of `articles` names them,
    as `ingest` of the same articles in that order would; done before the parts are written
    in parallel, so that which part comes first does not decide a name. Returns the ids
    of all of them (stored before or now) by merge key."""
    first: dict[str, dict[str, Any]] = {}
    for article in articles:
        for entity in article.entities:
            if not is_named_person(entity) and (key := merge_key(entity)) is not None and key not in first:
                first[key] = _entity_row(entity, key, run_id=run_id, now=now)
    e = schema.entities
    ids: dict[str, int] = {}
    for chunk in in_chunks(list(first)):
        insert_ignoring_conflicts(connection, e, [first[key] for key in chunk], ["merge_key"])
        ids.update(connection.execute(sa.select(e.c.merge_key, e.c.id).where(e.c.merge_key.in_(chunk))).all())
    return ids


def write_part(connection: sa.Connection, items: Sequence[NewArticle], errors: Sequence[NewError],
               persons: dict[EntityRef, PersonLink], *, run_id: int, now: dt.datetime) -> BatchCounts:
    """Store one partition's articles (those not stored yet) and errors; the counts added."""
    counts = BatchCounts(errors=write_errors(connection, errors, run_id=run_id, now=now))
    stored: set[str] = set()
    for chunk in in_chunks([item.key for item in items]):
        stored |= stored_article_keys(connection, chunk)
    fresh = list({item.key: item for item in items if item.key not in stored}.values())
    if not fresh:
        return counts
    rows = part_rows(fresh, persons, run_id=run_id, now=now, allocate=_allocator(connection),
                     keyed_ids=lambda entity_rows: _keyed_ids(connection, entity_rows))
    _insert(connection, rows)
    counts.articles, counts.quotes = len(fresh), rows.quotes
    return counts


def write_errors(connection: sa.Connection, errors: Sequence[NewError], *, run_id: int, now: dt.datetime) -> int:
    """Store the errors not stored yet; how many."""
    if not errors:
        return 0
    rows = {e.key: {"key": e.key, "run_id": run_id, "input": e.input, "line": e.line, "position": e.position,
                    "code": e.code, "reason": e.reason, "created": now} for e in errors}
    known: set[str] = set()
    for chunk in in_chunks(list(rows)):
        known.update(connection.scalars(sa.select(schema.errors.c.key).where(schema.errors.c.key.in_(chunk))))
    insert_ignoring_conflicts(connection, schema.errors, [r for k, r in rows.items() if k not in known], ["key"])
    return len(rows) - len(known)


def loaded_quotes(connection: sa.Connection, article_keys: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The quotes of `article_keys` that have no statement cluster yet, by article key, in
    the order they were written (what clustering reads of them)."""
    q, a = schema.quotes, schema.articles
    found: dict[str, list[dict[str, Any]]] = {}
    for chunk in in_chunks(list(article_keys)):
        for row in connection.execute(
                sa.select(q.c.id, q.c.content, q.c.speaker_name, q.c.speaker_entity_id, q.c.published, a.c.key)
                .join(a, a.c.id == q.c.article_id).where(a.c.key.in_(chunk), q.c.cluster_id.is_(None))
                .order_by(q.c.id)):
            found.setdefault(row.key, []).append(dict(row._mapping))
    return found


def assign_stored_clusters(connection: sa.Connection, quote_rows: list[dict[str, Any]], *, now: dt.datetime) -> None:
    """Statement clusters for one batch of stored quotes against the stored clusters
    (`assign_clusters`, as ingest does), written to the quotes."""
    q = schema.quotes
    assign_clusters(connection, quote_rows, [row["published"] for row in quote_rows], now=now)
    if quote_rows:
        connection.execute(q.update().where(q.c.id == sa.bindparam("target")).values(cluster_id=sa.bindparam("new")),
                           [{"target": row["id"], "new": row["cluster_id"]} for row in quote_rows])


def drop_bulk_indexes(connection: sa.Connection) -> None:
    """Drop the secondary indexes `build_indexes` makes again (for loading an empty store)."""
    for table in _BULK_TABLES:
        for index in table.indexes:
            if not index.unique:
                index.drop(connection, checkfirst=True)
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("DROP INDEX IF EXISTS ix_quotes_content_tsv"))
    else:
        connection.execute(sa.text("DROP TRIGGER IF EXISTS quotes_fts_insert"))


def build_indexes(connection: sa.Connection) -> None:
    """Every index of the loaded tables that is missing (after a load, or a load that died)."""
    for table in _BULK_TABLES:
        for index in table.indexes:
            index.create(connection, checkfirst=True)
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text(_PG_SEARCH_INDEX))
    elif not connection.scalar(sa.text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                                       "AND name = 'quotes_fts_insert'")):
        connection.execute(sa.text(_SQLITE_SEARCH_TRIGGER))
        connection.execute(sa.text("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')"))


def _allocator(connection: sa.Connection) -> Any:
    """allocate(table, n): n new ids. PostgreSQL draws them from the table's sequence (safe
    with other writers); SQLite, whose writers are serialized, counts on from the largest."""
    if connection.dialect.name == "postgresql":
        def allocate(table: sa.Table, n: int) -> list[int]:
            if not n:
                return []
            return list(connection.scalars(
                sa.text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
                {"table": table.name, "n": n}))
        return allocate
    last: dict[str, int] = {}

    def allocate_sqlite(table: sa.Table, n: int) -> list[int]:
        if table.name not in last:
            last[table.name] = connection.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar_one()
        start = last[table.name] + 1
        last[table.name] += n
        return list(range(start, start + n))
    return allocate_sqlite


def _keyed_ids(connection: sa.Connection, rows: list[dict[str, Any]]) -> dict[str, int]:
    """The ids of the non-person entities of `rows` by merge_key, created where missing
    (in key order, so that concurrent loaders lock them in one order)."""
    e = schema.entities
    insert_ignoring_conflicts(connection, e, rows, ["merge_key"])
    found: dict[str, int] = {}
    for chunk in in_chunks([row["merge_key"] for row in rows]):
        found.update(connection.execute(sa.select(e.c.merge_key, e.c.id).where(e.c.merge_key.in_(chunk))).all())
    return found


def _insert(connection: sa.Connection, rows: PartRows) -> None:
    for name, table_rows in rows.tables.items():
        table = schema.metadata.tables[name]
        insert_rows(connection, table, table_rows)
