"""INSERT ... ON CONFLICT DO NOTHING on both databases: two writers that create the same
keyed row (a corpus entity, a statement cluster) end with one."""
from __future__ import annotations

from typing import Any, Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite


def insert_ignoring_conflicts(connection: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]],
                              keys: Sequence[str]) -> None:
    """Insert `rows`, skipping those whose `keys` columns (a unique index) are already stored."""
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).on_conflict_do_nothing(index_elements=[table.c[k] for k in keys])
    connection.execute(statement, list(rows))
