"""The store's fixtures: `store_url` runs a test against SQLite and against PostgreSQL
(support/store.py: where PostgreSQL comes from, and why a case skips or fails)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from support.store import postgres_url


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for an empty store: a SQLite file, or the test PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return postgres_url()


@pytest.fixture
def store(store_url: str) -> Iterator:
    from quotegraph.store import open_store

    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()
