"""benchmarks/web_store.py's bulk path against the real writer: the same realistic records
stored both ways make the same store, table by table and query by query, with the same
schema and indexes (the bulk path builds the 1,000,000-statement store bench_web serves,
which the writer alone takes hours to reach)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from support.benchmarks import load_benchmark
from support.store_content import content

web_store = load_benchmark("web_store")


def _schema(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


@pytest.mark.parametrize("batch", [16, 200])
def test_the_bulk_path_makes_the_store_the_writer_makes(tmp_path, batch):
    written, bulk = tmp_path / "written.db", tmp_path / "bulk.db"
    web_store.build(written, quotes=3_000, speakers=300, batch=batch)
    web_store.build(bulk, quotes=3_000, speakers=300, batch=batch, bulk=True, part=97)
    expected, made = content(str(written)), content(str(bulk))
    assert expected["counts"]["quotes"] >= 3_000
    # statements reported again by other outlets: clusters of several reports exist
    assert expected["counts"]["quote_clusters"] < expected["counts"]["quotes"]
    for part in expected:
        assert made[part] == expected[part], part
    assert _schema(bulk) == _schema(written)


def test_prefix_candidates_offer_every_cluster_that_can_win():
    """PrefixClusterIndex against ClusterIndex on the same batches: the same clusters and
    members, whatever the order of the shingles."""
    import datetime as dt

    from quotegraph.store.bulk_clusters import ClusterIndex

    builder = web_store.Builder(50)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    rows = []
    for number in range(400):
        record = builder.record(number)
        for quote in record.quotes:
            people = builder.people
            speakerless = len(rows) % 9 == 0
            rows.append({"content": quote.content[0].text, "speaker_name": None if speakerless else quote.speaker.name,
                         "speaker_entity_id": None if speakerless else people.index(quote.speaker.name) % 40 or None,
                         "published": dt.date.fromisoformat(record.published)})
    indexes = [ClusterIndex(), web_store.PrefixClusterIndex(builder.shingle_order()),
               web_store.PrefixClusterIndex()]
    results = []
    for index in indexes:
        batches = [[dict(row) for row in rows[start:start + 37]] for start in range(0, len(rows), 37)]
        for batch in batches:
            index.assign(batch, [row["published"] for row in batch], now=now)
        results.append(([row["cluster_id"] for batch in batches for row in batch], index.rows))
    assert len(set(results[0][0])) < len(rows)
    assert results[1] == results[0] and results[2] == results[0]
