"""The web app's fixtures: `web_db`, a store made the way users make one (`quotegraph
ingest` over support.web.ARTICLES), once per test module and database: a SQLite file, and
PostgreSQL from $QUOTEGRAPH_TEST_POSTGRES_URL (skipped with a message where unset, failed
under CI, as the store's tests do); `client`, the app over it; `browser`, a real headless
Chromium (skipped where absent, failed under CI)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support.browser import chromium
from support.store import postgres_url
from support.web import ingest_corpus


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def web_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding ARTICLES, ingested by the command line, on SQLite and on PostgreSQL."""
    folder = tmp_path_factory.mktemp("web")
    db = str(folder / "store.db") if request.param == "sqlite" else postgres_url()
    ingest_corpus(db, folder / "articles")
    return db


@pytest.fixture(scope="module")
def client(web_db: str) -> Iterator:
    from fastapi.testclient import TestClient

    from quotegraph.web import create_app

    with TestClient(create_app(web_db), raise_server_exceptions=False) as opened:
        yield opened


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium driven by the system's chromedriver, one per test module."""
    with chromium() as opened:
        yield opened
