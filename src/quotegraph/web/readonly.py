"""The store opened for reading only: what the web app serves from.

SQLite is opened through a `file:...?mode=ro` URI (the file cannot be written through
this connection, whatever the SQL) with `PRAGMA query_only` besides; PostgreSQL sessions
start with `default_transaction_read_only = on`, so every transaction the app begins is a
read-only one. Nothing is migrated: a store at an older schema revision is refused with a
message saying how to bring it up to date.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..store import Store, database_url
from ..store.migrate import current_revision, head_revision
from ..store.url import display_url

# Enough connections for the server's worker threads (a page holds one while it renders).
POOL_SIZE = 16
SQLITE_BUSY_TIMEOUT_MS = 5_000


def open_readonly(db: str) -> Store:
    """The quotegraph store at `db` (a SQLite path or a database URL), read-only.

    Raises StoreError when it does not exist, is not a quotegraph store, or is at an
    older schema revision than this version of quotegraph reads.
    """
    url = database_url(db)
    if url.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url)
    else:
        engine = sa.create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=0,
                                  connect_args={"options": "-c default_transaction_read_only=on"})
    store = Store(engine)
    try:
        with store.read() as connection:
            revision = current_revision(connection)
    except SQLAlchemyError as err:
        store.close()
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        raise StoreError(f"cannot open the store at {display_url(url)}: {reason}") from err
    if revision is None:
        store.close()
        raise StoreError(f"{display_url(url)} is not a quotegraph store (create one with quotegraph ingest)")
    if revision != head_revision():
        store.close()
        raise StoreError(f"the store at {display_url(url)} is at schema revision {revision}, older than this "
                         f"quotegraph reads ({head_revision()}); bring it up to date with "
                         f"`quotegraph stats --db {display_url(url)}` and serve it again")
    return store


def _sqlite_engine(url: URL) -> sa.Engine:
    path = url.database
    if path in (None, "", ":memory:") or not Path(path).is_file():
        raise StoreError(f"no store at {path or ':memory:'} (create one with quotegraph ingest)")
    uri = "file:" + quote(str(Path(path).resolve()), safe="/")
    engine = sa.create_engine(URL.create("sqlite", database=uri, query={"mode": "ro", "uri": "true"}),
                              pool_size=POOL_SIZE, max_overflow=0)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA query_only=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    return engine
