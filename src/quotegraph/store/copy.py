"""The bulk loader's way in for rows the store would otherwise INSERT one statement at a
time: COPY on PostgreSQL, one executemany of plain tuples on SQLite."""
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
    assert raw is not None, "an open Connection's pooled connection holds its DBAPI connection"
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([json.dumps(row[c], ensure_ascii=False) if c in json_columns and row[c] is not None
                            else row[c] for c in columns])


def insert_rows(connection: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """`rows` (dicts with the same keys) into `table`, in the connection's transaction."""
    if connection.dialect.name == "postgresql":
        copy_rows(connection, table, rows)
    elif rows:
        sqlite_insert(connection, table, rows)


def sqlite_insert(connection: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """One executemany of plain tuples on the sqlite3 cursor: a third of the time of
    SQLAlchemy's executemany of dicts, which builds the parameters of every row."""
    columns = list(rows[0])
    connection.exec_driver_sql(sqlite_statement(table, columns),
                               sqlite_values(table, columns, rows, connection.dialect))


def sqlite_statement(table: sa.Table, columns: Sequence[str]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' for _ in columns)})"


def sqlite_values(table: sa.Table, columns: Sequence[str], rows: Sequence[dict[str, Any]],
                  dialect: sa.Dialect) -> list[tuple]:
    """`rows` as tuples of `columns`, each value converted by its column type as SQLAlchemy
    would (dates, JSON); column by column, so that only the few typed columns pay for it."""
    values = []
    for column in columns:
        convert = table.c[column].type.bind_processor(dialect)
        values.append([row[column] for row in rows] if convert is None else
                      [None if row[column] is None else convert(row[column]) for row in rows])
    return list(zip(*values))
