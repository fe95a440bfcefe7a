"""Fixtures for the store's tests: every test that takes `store_url` runs against SQLite and
against PostgreSQL.

PostgreSQL comes from $QUOTEGRAPH_TEST_POSTGRES_URL (.ci/run starts a server on loopback
and sets it: `source .ci/postgres.sh && pg_test_start` does the same by hand). Where it
is unset those cases skip with a message, except under CI, where they fail: CI must run
them. Each PostgreSQL case starts from an empty `public` schema.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa

POSTGRES_ENV_VAR = "QUOTEGRAPH_TEST_POSTGRES_URL"

def _reset_postgres(url: str) -> None:
    from quotegraph.store.url import database_url

    engine = sa.create_engine(database_url(url))
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for an empty store: a SQLite file, or the test PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    url = os.environ.get(POSTGRES_ENV_VAR)
    if not url:
        message = (f"${POSTGRES_ENV_VAR} is not set: no PostgreSQL to test against "
                   "(source .ci/postgres.sh && pg_test_start starts one)")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    _reset_postgres(url)
    return url


@pytest.fixture
def store(store_url: str) -> Iterator:
    from quotegraph.store import open_store

    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()

