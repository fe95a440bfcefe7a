"""Database URLs as users write them, to the SQLAlchemy URL of an installed driver.

    quotegraph.db, ./corpus/news.db, ~/q.db     a SQLite file (a path)
    sqlite:///quotegraph.db, sqlite:////abs.db  a SQLite file (SQLAlchemy's form)
    postgresql://user:pw@host:5432/dbname       PostgreSQL, through psycopg 3 (else psycopg2)
    postgres://...                              the same (the form some hosts hand out)
    postgresql+psycopg2://...                   a driver named explicitly is kept
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..errors import StoreError

DEFAULT_DB = "quotegraph.db"
# Drivers tried, in order, for a bare postgresql:// URL.
_PG_DRIVERS = (("psycopg", "postgresql+psycopg"), ("psycopg2", "postgresql+psycopg2"))


def database_url(url: str | URL | None = None) -> URL:
    """The SQLAlchemy URL for `url` (a path, sqlite:// or postgresql:// URL; default quotegraph.db)."""
    if isinstance(url, URL):
        return _with_driver(url)
    text = str(url).strip() if url is not None else DEFAULT_DB
    if not text:
        text = DEFAULT_DB
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser()))
    try:
        parsed = make_url(text)
    except ArgumentError as err:
        raise StoreError(f"not a database URL or path: {text!r} ({err})") from None
    return _with_driver(parsed)


def _with_driver(url: URL) -> URL:
    backend = url.get_backend_name()
    if backend == "sqlite":
        if url.drivername != "sqlite":
            return url
        database = url.database
        return url.set(database=str(Path(database).expanduser())) if database and database != ":memory:" else url
    if backend in ("postgresql", "postgres"):
        if "+" in url.drivername:
            return url
        for module, drivername in _PG_DRIVERS:
            if importlib.util.find_spec(module) is not None:
                return url.set(drivername=drivername)
        raise StoreError("PostgreSQL needs a driver: pip install 'psycopg[binary]'")
    raise StoreError(f"unsupported database {backend!r}: use a SQLite path or a postgresql:// URL")


def display_url(url: URL) -> str:
    """The URL with any password hidden, for messages."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


__all__ = ["DEFAULT_DB", "database_url", "display_url", "sa"]
