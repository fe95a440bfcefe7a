"""The write stage of `quotegraph load`: each part file's rows built and stored, a part a
transaction, by `workers` processes at once.

PostgreSQL takes several writers: each worker reads a part, builds its rows and COPYs them
itself. SQLite has one writer, so there the workers read the parts and build the rows
(ids drawn from counters the workers share, the non-person entities' ids from the map
made after linking; no database) and the parent only inserts them: reading and building
were two thirds of the stage's time, the inserts one third. (The counters start at the
tables' largest ids when the stage starts: another process writing to the same SQLite
store meanwhile makes a part's insert fail, and the load stop; running it again finishes.)

Either way a part stores only the articles it owns (`PartsJob.owned`: the new articles
whose key it holds first), so that two parts holding one article store it once, as a
sequential load would.
"""
from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..ingest import source_identity
from ..readers import ReadError
from ..store import open_store, schema
from ..store.bulk import write_errors, write_part
from ..store.bulk_rows import EntityRef, PersonLink, part_rows
from ..store.copy import sqlite_statement, sqlite_values
from ..store.write import NewArticle, NewError, article_key
from .records import read_records

# The tables whose ids the SQLite workers draw from shared counters.
_ALLOCATED = (schema.articles, schema.times, schema.entities, schema.article_entities, schema.mentions,
              schema.quotes, schema.quote_spans, schema.events, schema.event_participants)


@dataclass
class Part:
    items: list[NewArticle]
    errors: list[NewError]


@dataclass
class PartsJob:
    """What every part's writing needs, shared with the workers by fork."""

    persons: dict[EntityRef, PersonLink]
    run_id: int
    now: dt.datetime
    owned: dict[Path, set[str]]  # the new article keys each part stores
    keyed: dict[str, int] = field(default_factory=dict)  # SQLite: non-person entity ids by merge_key
    counters: dict[str, Any] = field(default_factory=dict)  # SQLite: table name -> shared last id


@dataclass
class BuiltPart:
    """A part's rows as SQLite inserts them (statement, value tuples), and its errors."""

    inserts: list[tuple[str, list[tuple]]]
    errors: list[NewError]
    articles: int
    quotes: int


def read_part(file: Path) -> Part:
    """One part file as `ingest` sees it: articles with their keys, and errors."""
    part = Part([], [])
    for item in read_records(file):
        if isinstance(item, ReadError):
            part.errors.append(NewError(input=item.file or item.source, code=item.code, reason=item.reason,
                                        line=item.line, position=item.position))
            continue
        source = source_identity(item)
        if item.error:
            part.errors.append(NewError(input=source, code=item.error.code, reason=item.error.reason))
        else:
            part.items.append(NewArticle(key=article_key(source, item.text), source=source, record=item))
    return part


def write_parts(store: Any, url: str, files: list[Path], job: PartsJob, workers: int) -> Iterator[tuple[int, int, int]]:
    """(articles, quotes, errors) added by each part, as they are stored."""
    if store.dialect == "postgresql":
        yield from _write_postgresql(store, url, files, job, workers)
        return
    with store.read() as connection:
        job.counters = {table.name: multiprocessing.get_context("fork").Value(
            "q", connection.scalar(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))))
            for table in _ALLOCATED}
    for built in _built_parts(files, job, workers, store.engine.dialect):
        with store.write() as connection:
            errors = write_errors(connection, built.errors, run_id=job.run_id, now=job.now)
            for statement, values in built.inserts:
                connection.exec_driver_sql(statement, values)
        yield built.articles, built.quotes, errors


# What the worker processes share with the parent (set before forking them).
_JOB: dict[str, Any] = {}


@contextmanager
def forked_pool(workers: int, **options: Any) -> Iterator[Any]:
    """A pool of forked workers that share the parent's objects: the parent's collector
    state frozen first, so that the workers' garbage collections do not touch (and so
    copy) every page the parent holds: at 100,000 articles each worker had copied 6.6 GB."""
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers, **options) as pool:
            yield pool
    finally:
        gc.unfreeze()


def _built_parts(files: list[Path], job: PartsJob, workers: int, dialect: Any) -> Iterator[BuiltPart]:
    """Each part built, in part order, at most two parts a worker ahead of the writer."""
    if workers <= 1:
        for file in files:
            yield build_part(file, job, dialect)
        return
    _JOB.update(job=job, dialect=dialect)
    try:
        with forked_pool(workers) as pool:
            yield from bounded_map(pool, _build_in_worker, files, ahead=2 * workers)
    finally:
        _JOB.clear()


def bounded_map(pool: Any, function: Callable[[Any], Any], items: Iterable[Any], *, ahead: int) -> Iterator[Any]:
    """`pool.imap(function, items)` with at most `ahead` results computed and not yet taken
    (imap runs ahead without bound: at a million articles, gigabytes of parts waiting)."""
    pending: deque[Any] = deque()
    for item in items:
        pending.append(pool.apply_async(function, (item,)))
        if len(pending) > ahead:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def _build_in_worker(file: Path) -> BuiltPart:
    return build_part(file, _JOB["job"], _JOB["dialect"])


def build_part(file: Path, job: PartsJob, dialect: Any) -> BuiltPart:
    """A part's rows for SQLite, without the database."""
    part = read_part(file)
    owned = job.owned.get(file, set())
    items = [item for item in part.items if item.key in owned]
    rows = part_rows(items, job.persons, run_id=job.run_id, now=job.now,
                     allocate=lambda table, n: _allocate(job.counters[table.name], n),
                     keyed_ids=lambda entity_rows: {row["merge_key"]: job.keyed[row["merge_key"]]
                                                    for row in entity_rows})
    inserts = []
    for name, table_rows in rows.tables.items():
        table = schema.metadata.tables[name]
        columns = list(table_rows[0])
        inserts.append((sqlite_statement(table, columns), sqlite_values(table, columns, table_rows, dialect)))
    return BuiltPart(inserts, part.errors, len(items), rows.quotes)


def _allocate(counter: Any, n: int) -> list[int]:
    """n new ids from a counter shared by the workers."""
    with counter.get_lock():
        start = counter.value + 1
        counter.value += n
    return list(range(start, start + n))


def _write_postgresql(store: Any, url: str, files: list[Path], job: PartsJob,
                      workers: int) -> Iterator[tuple[int, int, int]]:
    if workers <= 1:
        for file in files:
            yield _write_one(store, file, job)
        return
    _JOB.update(url=url, job=job)
    try:
        # fork: the workers inherit the persons' links instead of receiving them pickled
        with forked_pool(workers, initializer=_open_worker_store) as pool:
            yield from pool.imap_unordered(_write_in_worker, files)
    finally:
        _JOB.clear()


def _open_worker_store() -> None:
    _JOB["store"] = open_store(_JOB["url"], migrate=False)


def _write_in_worker(file: Path) -> tuple[int, int, int]:
    return _write_one(_JOB["store"], file, _JOB["job"])


def _write_one(store: Any, file: Path, job: PartsJob) -> tuple[int, int, int]:
    part = read_part(file)
    owned = job.owned.get(file, set())
    with store.write() as connection:
        counts = write_part(connection, [item for item in part.items if item.key in owned], part.errors, job.persons,
                            run_id=job.run_id, now=job.now)
    return counts.articles, counts.quotes, counts.errors
