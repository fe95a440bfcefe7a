"""The store: SQLite or PostgreSQL, one schema (SQLAlchemy Core), migrated on open (Alembic).

    from quotegraph.store import open_store
    store = open_store("quotegraph.db")            # or "postgresql://user@host:5432/db"
    store.counts()                                 # {"articles": ..., "quotes": ..., ...}
"""
from __future__ import annotations

from . import schema
from .core import Store, open_store
from .url import DEFAULT_DB, database_url

__all__ = ["DEFAULT_DB", "Store", "database_url", "open_store", "schema"]
