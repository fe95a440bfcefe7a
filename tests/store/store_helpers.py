"""Fixtures and inputs for the store's tests (imported by name in each test module: a
conftest.py here would shadow tests/conftest.py for the modules that import from it).

`store_url` runs a test against SQLite and against PostgreSQL.

PostgreSQL comes from $QUOTEGRAPH_TEST_POSTGRES_URL (.ci/run starts a server on loopback
and sets it: `source .ci/postgres.sh && pg_test_start` does the same by hand). Where it
is unset those cases skip with a message, except under CI, where they fail: CI must run
them. Each PostgreSQL case starts from an empty `public` schema.
"""
from __future__ import annotations

import io
import json
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
    return postgres_url()


def postgres_url() -> str:
    """The test PostgreSQL database, emptied; skips (fails under CI) where there is none."""
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


GOOD_HTML = b"""<html><head><title>Minister speaks | Example News</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Minister speaks</h1>
<p>The minister said that the plan would go ahead next week, despite the protests in the capital.</p>
<p>"We will not back down," she told reporters on Tuesday evening at the ministry.</p>
</article></body></html>"""


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    """A gzipped WARC of HTTP responses (url, body, content type), each with its request."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for url, body, content_type in pages:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=StatusAndHeaders(
                f"GET {url} HTTP/1.1", [("Host", "news.example.com")], is_http_request=True))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path
