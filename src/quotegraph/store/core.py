"""Opening a store: an engine set up for its database, migrated to the current schema."""
from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from . import schema
from .migrate import upgrade
from .url import database_url, display_url

# A lookup of stored keys asks for at most this many at once (SQLite's default limit on
# bound parameters is 32766; PostgreSQL's 65535).
KEY_LOOKUP_CHUNK = 500

# How long a SQLite writer waits for another one to finish its transaction.
SQLITE_BUSY_TIMEOUT_S = 60

_T = TypeVar("_T")


def in_chunks(values: Sequence[_T]) -> Iterator[Sequence[_T]]:
    """`values` in slices of at most KEY_LOOKUP_CHUNK, for `IN (...)` lookups and deletes."""
    for start in range(0, len(values), KEY_LOOKUP_CHUNK):
        yield values[start:start + KEY_LOOKUP_CHUNK]


class Store:
    """A quotegraph database: SQLite or PostgreSQL, one schema.

    Use `write()` for a transaction that writes (on SQLite it takes the write lock at
    BEGIN, so two writers queue instead of failing), `read()` for one that reads.
    """

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return display_url(self.engine.url)

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """One write transaction: committed on exit, rolled back on any exception."""
        with self.engine.connect() as connection:
            connection = connection.execution_options(quotegraph_write=True)
            with connection.begin():
                yield connection

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as connection:
            yield connection

    def stored_keys(self, keys: Iterable[str]) -> set[str]:
        """Those of `keys` already in the articles table."""
        keys = list(dict.fromkeys(keys))
        found: set[str] = set()
        column = schema.articles.c.key
        with self.read() as connection:
            for chunk in in_chunks(keys):
                found.update(connection.scalars(sa.select(column).where(column.in_(chunk))))
        return found

    def counts(self) -> dict[str, int]:
        """Row counts: articles, quotes, entities, errors, runs, times, events and the rest."""
        names = {
            "articles": schema.articles, "quotes": schema.quotes, "entities": schema.entities,
            "errors": schema.errors, "runs": schema.runs, "times": schema.times, "events": schema.events,
            "article_entities": schema.article_entities, "mentions": schema.mentions,
            "quote_spans": schema.quote_spans, "quote_clusters": schema.quote_clusters,
        }
        with self.read() as connection:
            return {name: connection.scalar(sa.select(sa.func.count()).select_from(table)) or 0
                    for name, table in names.items()}

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def open_store(url: str | URL | None = None, *, migrate: bool = True) -> Store:
    """Open (creating and migrating as needed) the store at `url`.

    `url`: a SQLite path (default `quotegraph.db`), `sqlite:///file.db`, or
    `postgresql://user@host:port/dbname` (psycopg 3 or psycopg2, whichever is installed).
    Raises StoreError when the database cannot be reached or migrated.
    """
    sa_url = database_url(url)
    try:
        engine = _engine(sa_url)
        if migrate:
            upgrade(engine)
    except SQLAlchemyError as err:
        raise StoreError(f"cannot open the store at {display_url(sa_url)}: {_reason(err)}") from err
    return Store(engine)


def _engine(url: URL) -> sa.Engine:
    if url.get_backend_name() == "sqlite":
        engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
        _setup_sqlite(engine, in_memory=url.database in (None, "", ":memory:"))
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def _setup_sqlite(engine: sa.Engine, *, in_memory: bool) -> None:
    """WAL, foreign keys, and transactions that SQLAlchemy (not the sqlite3 module) begins.

    Python's sqlite3 starts transactions only before DML, so DDL (migrations) would run
    outside them; with autocommit at the driver level and BEGIN emitted here, every
    transaction, migrations included, is atomic. Write transactions BEGIN IMMEDIATE: they
    take the write lock up front and wait for it (busy timeout) rather than fail midway.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not in_memory:
            _switch_to_wal(cursor)
            # In WAL mode NORMAL loses no committed transaction when the process dies
            # (only, at worst, the last ones on power loss), and never corrupts the file.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        immediate = connection.get_execution_options().get("quotegraph_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """Put the database file in WAL mode (it stays so), waiting out other connections.

    The switch needs the file to itself, and SQLite answers it "database is locked" at once
    instead of calling the busy handler: processes opening a new store together (a Spark
    job's workers, parallel CLI runs) would fail. So it is retried, up to the busy timeout.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    delay = 0.001
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def _reason(err: SQLAlchemyError) -> str:
    orig = getattr(err, "orig", None)
    return str(orig or err).strip().splitlines()[0]
