"""Running the shipped Alembic migrations on open: safe to re-run, and to race.

`upgrade(engine)` brings a database to the newest revision in one transaction. A
database already there costs one query. Two processes opening a new database at once are
serialized: SQLite by the write lock (BEGIN IMMEDIATE), PostgreSQL by an advisory lock,
and the second finds the work done.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .schema import FTS_OBJECTS

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock key: any constant; "qgraph" in ASCII.
_PG_LOCK_KEY = 0x716772617068


def alembic_config(connection: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(connection: sa.Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: sa.Engine) -> bool:
    """Migrate to the newest revision; True when anything was done."""
    with engine.connect() as connection:
        if current_revision(connection) == head_revision():
            return False
    with engine.connect() as connection:
        connection = connection.execution_options(quotegraph_write=True)
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
            if current_revision(connection) == head_revision():  # another process got here first
                return False
            command.upgrade(alembic_config(connection), "head")
    return True


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Leave the database-specific full-text search objects out of schema comparisons."""
    return name not in FTS_OBJECTS and not (name or "").startswith("quotes_fts")
