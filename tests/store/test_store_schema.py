"""The store without the parser: URLs, migrations, writing hand-built records, full-text search.

Every test taking `store`/`store_url` runs against SQLite and PostgreSQL (see conftest.py).
"""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from support.store import TEXT, make_run, new_article, record

from quotegraph.errors import StoreError
from quotegraph.store import open_store, schema
from quotegraph.store.migrate import current_revision, head_revision, include_object, upgrade
from quotegraph.store.search import fts5_query, search_quotes
from quotegraph.store.url import database_url
from quotegraph.store.write import NewError, write_batch


def count(connection: sa.Connection, table: sa.Table) -> int:
    return connection.scalar(sa.select(sa.func.count()).select_from(table))


# -- URLs ---------------------------------------------------------------------------------

@pytest.mark.parametrize("given, drivername, database", [
    (None, "sqlite", "quotegraph.db"),
    ("corpus.db", "sqlite", "corpus.db"),
    ("sqlite:///corpus.db", "sqlite", "corpus.db"),
    ("postgresql://news@localhost:5432/corpus", "postgresql+psycopg", "corpus"),
    ("postgres://news@localhost/corpus", "postgresql+psycopg", "corpus"),
    ("postgresql+psycopg2://news@localhost/corpus", "postgresql+psycopg2", "corpus"),
])
def test_database_url(given: str | None, drivername: str, database: str) -> None:
    url = database_url(given)
    assert url.drivername == drivername
    assert url.database == database


def test_database_url_expands_home() -> None:
    assert database_url("~/q.db").database == str(Path.home() / "q.db")


@pytest.mark.parametrize("given", ["mysql://root@localhost/db", "oracle://x"])
def test_unsupported_database(given: str) -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        database_url(given)


def test_unreachable_database_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


# -- migrations ---------------------------------------------------------------------------

def test_migrations_build_the_schema_and_rerun_safely(store_url: str) -> None:
    store = open_store(store_url)
    try:
        with store.read() as connection:
            assert current_revision(connection) == head_revision()
            context = MigrationContext.configure(connection, opts={
                "include_object": include_object, "compare_type": True})
            assert compare_metadata(context, schema.metadata) == []
            names = set(sa.inspect(connection).get_table_names())
            assert {table.name for table in schema.TABLES} <= names
            if store.dialect == "sqlite":
                assert "quotes_fts" in names
                assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            else:
                columns = {c["name"] for c in sa.inspect(connection).get_columns("quotes")}
                assert "content_tsv" in columns
        assert upgrade(store.engine) is False  # already at head: nothing to do
    finally:
        store.close()
    again = open_store(store_url)  # re-opening migrates nothing and keeps the data
    try:
        assert again.counts()["articles"] == 0
    finally:
        again.close()


def test_concurrent_opens_of_a_new_store(store_url: str) -> None:
    failures: list[BaseException] = []

    def open_one() -> None:
        try:
            open_store(store_url).close()
        except BaseException as err:  # noqa: BLE001 - reported below
            failures.append(err)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []



def test_a_new_sqlite_store_waits_for_a_writer_before_switching_to_wal(tmp_path: Path) -> None:
    """SQLite refuses the WAL switch at once (no busy handler) while another connection
    writes to a file still in rollback mode: the race CI met with four threads opening a
    new store. Held here on purpose, the open must wait and succeed."""
    path = tmp_path / "store.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE other (a)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO other VALUES (1)")
    failures: list[BaseException] = []

    def open_one() -> None:
        try:
            open_store(str(path)).close()
        except BaseException as err:  # noqa: BLE001 - reported below
            failures.append(err)

    opener = threading.Thread(target=open_one)
    opener.start()
    time.sleep(0.3)
    holder.execute("COMMIT")
    opener.join()
    holder.close()
    assert failures == []
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("SELECT a FROM other").fetchall() == [(1,)]

# -- writing ------------------------------------------------------------------------------

def test_write_batch_stores_every_part_of_the_record(store) -> None:
    rec = record()
    with store.write() as connection:
        run_id = make_run(connection)
        counts = write_batch(connection, run_id, [new_article(rec)])
    assert (counts.articles, counts.quotes, counts.errors) == (1, 2, 0)
    assert store.counts() | {} == {
        "articles": 1, "quotes": 2, "entities": 3, "errors": 0, "runs": 1, "times": 1, "events": 1,
        "article_entities": 3, "mentions": 4, "quote_spans": 3, "quote_clusters": 2}
    q, ae, e, t = schema.quotes, schema.article_entities, schema.entities, schema.times
    with store.read() as connection:
        article = connection.execute(sa.select(schema.articles)).one()
        assert article.text == TEXT and str(article.published) == "2024-03-04" and article.external_id == "a1"
        rows = connection.execute(sa.select(q).order_by(q.c.local_id)).all()
        assert [r.content for r in rows] == ["We will not back down,", "the bridges were … banned from traffic"]
        first = rows[0]
        for prefix in ("cue", "source", "addressee"):
            start, end, text = (getattr(first, f"{prefix}_{part}") for part in ("start", "end", "text"))
            assert TEXT[start:end] == text
        assert TEXT[first.start:first.end] == "We will not back down,"
        speaker = connection.execute(sa.select(ae.c.name, ae.c.entity_id).where(
            ae.c.id == first.speaker_article_entity_id)).one()
        assert speaker == ("Joe Biden", first.speaker_entity_id)
        assert connection.scalar(sa.select(t.c.value).where(t.c.id == first.time_id)) == "2024-03-04"
        spans = connection.execute(sa.select(schema.quote_spans).order_by(schema.quote_spans.c.seq).where(
            schema.quote_spans.c.quote_id == rows[1].id)).all()
        assert [(s.seq, TEXT[s.start:s.end] == s.text) for s in spans] == [(0, True), (1, True)]
        extra = connection.scalar(sa.select(ae.c.extra).where(ae.c.local_id == "e2"))
        assert extra == {"role": "speaker"}
        participants = connection.execute(sa.select(schema.event_participants).order_by(
            schema.event_participants.c.id)).all()
        assert [p.role for p in participants] == ["agent", "patient"]
        assert participants[0].article_entity_id is not None
        assert participants[1].article_entity_id is None and participants[1].extra == {"entity": "e9"}
        assert connection.scalar(sa.select(e.c.titles).where(e.c.name == "Joe Biden")) == ["President"]


def test_corpus_entities_reused_only_when_trivially_the_same(store) -> None:
    one, two = record(id="a1"), record(id="a2", text=TEXT + " ")
    with store.write() as connection:
        run_id = make_run(connection)
        write_batch(connection, run_id, [new_article(one)])
    with store.write() as connection:  # a second batch: reuses rows committed by the first
        write_batch(connection, run_id, [new_article(two)])
    e, ae = schema.entities, schema.article_entities
    with store.read() as connection:
        per_name = dict(connection.execute(sa.select(ae.c.name, sa.func.count(sa.distinct(ae.c.entity_id)))
                                           .group_by(ae.c.name)).all())
        assert per_name == {"Joe Biden": 1, "Officials": 2, "Smith": 2}
        assert count(connection, e) == 5
        assert count(connection, ae) == 6


def test_entities_shared_within_one_batch(store) -> None:
    with store.write() as connection:
        write_batch(connection, make_run(connection), [new_article(record(id="a1")),
                                                       new_article(record(id="a2"))])
    with store.read() as connection:
        assert connection.scalar(sa.select(sa.func.count()).where(schema.entities.c.name == "Joe Biden")) == 1


def test_keys_already_stored_are_skipped(store) -> None:
    rec = record()
    with store.write() as connection:
        run_id = make_run(connection)
        assert write_batch(connection, run_id, [new_article(rec), new_article(rec)]).articles == 1
    with store.write() as connection:
        assert write_batch(connection, run_id, [new_article(rec)]).articles == 0
    assert store.stored_keys([new_article(rec).key, "0" * 64]) == {new_article(rec).key}
    assert store.counts()["quotes"] == 2


def test_errors_are_recorded_once(store) -> None:
    bad = [NewError("news.jsonl", "QG100", "invalid JSON", line=3), NewError("crawl.warc.gz", "QG100", "no text",
                                                                             position=1234)]
    with store.write() as connection:
        run_id = make_run(connection)
        assert write_batch(connection, run_id, [], bad + bad[:1]).errors == 2
    with store.write() as connection:
        assert write_batch(connection, run_id, [], bad).errors == 0
    with store.read() as connection:
        rows = connection.execute(sa.select(schema.errors).order_by(schema.errors.c.id)).all()
    assert [(r.input, r.line, r.position, r.reason) for r in rows] == [
        ("news.jsonl", 3, None, "invalid JSON"), ("crawl.warc.gz", None, 1234, "no text")]


def test_deleting_an_article_deletes_what_was_extracted_from_it(store) -> None:
    with store.write() as connection:
        write_batch(connection, make_run(connection), [new_article(record())])
    with store.write() as connection:
        connection.execute(schema.articles.delete())
    counts = store.counts()
    assert {name: counts[name] for name in ("articles", "quotes", "quote_spans", "mentions", "times", "events",
                                            "article_entities")} == dict.fromkeys(
        ("articles", "quotes", "quote_spans", "mentions", "times", "events", "article_entities"), 0)
    with store.read() as connection:
        assert search_quotes(connection, "bridges") == []


# -- full-text search ---------------------------------------------------------------------

@pytest.mark.parametrize("query, found", [
    ("bridges", ["the bridges were … banned from traffic"]),
    ("bridge", ["the bridges were … banned from traffic"]),  # stemmed
    ("BAN", ["the bridges were … banned from traffic"]),
    ('"back down"', ["We will not back down,"]),
    ("down -bridges", ["We will not back down,"]),
    ("bridges -traffic", []),
    ("giraffe", []),
    ('AND OR ( * "', []),  # syntax characters are words or nothing, never an error
])
def test_full_text_search(store, query: str, found: list[str]) -> None:
    with store.write() as connection:
        write_batch(connection, make_run(connection), [new_article(record())])
    with store.read() as connection:
        assert [row["content"] for row in search_quotes(connection, query)] == found


def test_fts5_query_quotes_every_term() -> None:
    assert fts5_query('court "ruled against" -appeal') == '"court" "ruled against" NOT "appeal"'
    assert fts5_query("-only -negative") == ""
