"""PostgreSQL's COPY for rows the store would otherwise INSERT: the bulk loader's way in."""
from __future__ import annotations

import json
from typing import Any, Sequence

import sqlalchemy as sa


def copy_rows(connection: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """COPY `rows` (dicts with the same keys) into `table` through the connection's psycopg,
    in its transaction; JSON columns are written as JSON text."""
    if not rows:
        return
    columns = list(rows[0])
    json_columns = {c for c in columns if isinstance(table.c[c].type, sa.JSON)}
    quote = connection.dialect.identifier_preparer.quote
    statement = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    raw = connection.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([json.dumps(row[c], ensure_ascii=False) if c in json_columns and row[c] is not None
                            else row[c] for c in columns])
