"""An article's outlet: the host of its URL without "www." ("nytimes.com"), the way
linking.host_of and the web pages name a site. Neither the record nor the store has a
publisher field, so the host is the outlet; an article without a URL has none (NO_OUTLET).

`outlet_column` computes it in SQL, the same expression on SQLite and PostgreSQL (string
functions both have), so that a report can group by it and a listing filter by it without
reading every article into Python. It agrees with `host_of` on what news URLs look like
(scheme://[user@]host[:port][/path][?query][#fragment]); a bracketed IPv6 host is not read.
"""
from __future__ import annotations

import sqlalchemy as sa

from . import schema
from .linking import host_of

# What stands for "no outlet" (an article stored without a URL) in filters and reports.
NO_OUTLET = "none"


def outlet_name(value: str) -> str:
    """A user's outlet as the store names it: a URL or a host, case and "www." ignored
    (NO_OUTLET stays itself)."""
    text = value.strip()
    host = host_of(text) if "://" in text else text.lower().removeprefix("www.")
    return host or text.lower()


def outlet_column(dialect: str) -> sa.ColumnElement[str]:
    """SQL for the outlet of `schema.articles`' row (NULL without a URL or a host)."""
    url = schema.articles.c.url

    def position(text: sa.ColumnElement[str], part: str) -> sa.ColumnElement[int]:
        return sa.func.instr(text, part) if dialect == "sqlite" else sa.func.strpos(text, part)

    scheme_end = position(url, "://")
    rest = sa.func.substr(url, scheme_end + 3)
    # the authority ends at the first "/", "?" or "#" (or the end)
    cut = sa.func.replace(sa.func.replace(rest, "?", "/"), "#", "/").op("||")("/")
    authority = sa.func.substr(cut, 1, position(cut, "/") - 1)
    host_port = sa.case((position(authority, "@") > 0, sa.func.substr(authority, position(authority, "@") + 1)),
                        else_=authority)
    with_colon = host_port.op("||")(":")
    host = sa.func.lower(sa.func.substr(with_colon, 1, position(with_colon, ":") - 1))
    bare = sa.case((host.like("www.%"), sa.func.substr(host, 5)), else_=host)
    return sa.case((scheme_end > 0, sa.func.nullif(bare, "")), else_=sa.null())


def articles_of_outlet(dialect: str, name: str) -> sa.Select[tuple[int]]:
    """The ids of the articles from outlet `name` (NO_OUTLET: those without one)."""
    column = outlet_column(dialect)
    where = column.is_(None) if name == NO_OUTLET else column == outlet_name(name)
    return sa.select(schema.articles.c.id).where(where)


def has_outlet(connection: sa.Connection, name: str) -> bool:
    """Whether any stored article is from outlet `name`."""
    found = articles_of_outlet(connection.dialect.name, name).limit(1)
    return connection.execute(found).first() is not None


def stored_outlets(connection: sa.Connection, limit: int = 10) -> list[str]:
    """Some outlets of the store, the most articles first (for an error's suggestions)."""
    column = outlet_column(connection.dialect.name).label("outlet")
    statement = (sa.select(column, sa.func.count().label("n")).select_from(schema.articles)
                 .where(column.is_not(None)).group_by(column).order_by(sa.desc("n"), column).limit(limit))
    return [row.outlet for row in connection.execute(statement)]
