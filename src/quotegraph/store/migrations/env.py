"""Alembic environment: run by `quotegraph.store.migrate.upgrade` on an open connection.

Offline mode (SQL scripts) is not supported: migrations run when a store is opened.
"""
from __future__ import annotations

from alembic import context

from quotegraph.store.migrate import include_object
from quotegraph.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through quotegraph.store
    raise RuntimeError("quotegraph migrations run through quotegraph.store.open_store(url)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    include_object=include_object,
    render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE on SQLite: copy and move
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
