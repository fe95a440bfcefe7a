"""What the app keeps between requests (web/cache.py) follows the store: a write to a store
being served shows on the next page, on a real SQLite store written by `quotegraph ingest`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from fastapi.testclient import TestClient
from support.web import ingest_corpus

from quotegraph.cli import main
from quotegraph.store import open_store
from quotegraph.web import create_app
from quotegraph.web.cache import StoreCache

LATER = {"id": "herald-2", "title": "Bridge vote set", "url": "https://herald.example/bridge-set",
         "published": "2024-05-02",
         "text": "\"The vote will be held in June,\" Mayor Anna Kowalski said on Thursday."}


def speaker(client: TestClient, name: str) -> dict[str, Any]:
    overview = client.get("/index.json").json()
    entity_id = next(row["entity_id"] for row in overview["top_speakers"] if row["name"] == name)
    response = client.get(f"/speakers/{entity_id}.json")
    assert response.status_code == 200
    return response.json()


def test_speaker_page_follows_a_write_to_the_store_it_serves(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    ingest_corpus(db, tmp_path / "articles")
    with TestClient(create_app(db)) as client:
        before = speaker(client, "Anna Kowalski")
        assert speaker(client, "Anna Kowalski") == before  # kept, and the same
        assert not any(bar["period"] == "2024-05" for bar in before["chart"])
        folder = tmp_path / "later"
        folder.mkdir()
        (folder / "later.jsonl").write_text(json.dumps(LATER) + "\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        after = speaker(client, "Anna Kowalski")
    assert after["quote_count"] == before["quote_count"] + 1
    assert {"period": "2024-05", "count": 1} in after["chart"]
    assert after["quotes"][0]["content"].startswith("The vote will be held in June")


def test_store_version_changes_with_every_write_on_sqlite(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    ingest_corpus(db, tmp_path / "articles")
    store = open_store(db)
    try:
        cache = StoreCache(store)
        first = cache.version()
        assert first is not None and cache.version() == first
        assert cache.get("k", lambda: 1) == 1 and cache.get("k", lambda: 2) == 1
        with store.write() as connection:
            connection.exec_driver_sql("UPDATE articles SET title = title || '.'")
        assert cache.version() != first
        assert cache.get("k", lambda: 2) == 2
    finally:
        store.close()


def test_pages_are_kept_whole_until_the_store_changes(tmp_path: Path) -> None:
    """web/page_cache.py: a repeat GET is answered with the kept bytes without reaching the
    page; errors are not kept; HEAD of a kept page has no body; a write drops them all."""
    db = str(tmp_path / "news.db")
    ingest_corpus(db, tmp_path / "articles")
    app = create_app(db)
    reached: list[str] = []

    @app.middleware("http")
    async def count(request, call_next):  # type: ignore[no-untyped-def]
        reached.append(request.url.path)
        return await call_next(request)

    with TestClient(app) as client:
        first = client.get("/quotes?q=vote")
        again = client.get("/quotes?q=vote")
        assert first.status_code == again.status_code == 200 and again.content == first.content
        assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
        assert reached == ["/quotes"]
        head = client.head("/quotes?q=vote")
        assert head.status_code == 200 and head.content == b"" and reached == ["/quotes"]
        assert client.get("/quotes?q=bridge").status_code == 200 and len(reached) == 2
        assert client.get("/articles/999999").status_code == 404
        assert client.get("/articles/999999").status_code == 404 and reached.count("/articles/999999") == 2
        with open_store(db) as store, store.write() as connection:
            connection.exec_driver_sql("UPDATE articles SET title = title || '.'")
        assert client.get("/quotes?q=vote").status_code == 200 and reached.count("/quotes") == 3
