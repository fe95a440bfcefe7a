"""Corpus person linking as a Spark stage (quotegraph.spark.linking) on local[2], against
the store's own linking (`relink`): the same partition of persons, with the same reasons,
on the made-up linking corpus (with and without its aliases) and on PolNeAR dev."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from support.policy import corpus_path

from quotegraph.eval.linking import ALIASES, CORPUS, ingest_corpus, record
from quotegraph.store import open_store
from quotegraph.store.aliases import AliasEntry, add_aliases
from quotegraph.store.linking import Knowledge
from quotegraph.store.person_links import relink

pytestmark = pytest.mark.slow


def spark_partition(links) -> tuple[set[frozenset], dict[tuple, str]]:
    """(the persons as sets of (article key, local id), each member's reason)."""
    groups: dict[str, set] = {}
    reasons = {}
    for row in links.collect():
        groups.setdefault(row["person"], set()).add((row["key"], row["local_id"]))
        reasons[(row["key"], row["local_id"])] = row["reason"]
    return {frozenset(g) for g in groups.values()}, reasons


def store_partition(db: str) -> tuple[set[frozenset], dict[tuple, str]]:
    """The same, of the store's named persons after `relink`."""
    with open_store(db) as store:
        with store.write() as connection:
            relink(connection)
        with store.read() as connection:
            rows = connection.execute(sa.text(
                "SELECT ae.entity_id, a.key, ae.local_id, ae.link_reason FROM article_entities ae "
                "JOIN articles a ON a.id = ae.article_id WHERE ae.surname IS NOT NULL")).all()
    groups: dict[int, set] = {}
    for entity_id, key, local_id, _ in rows:
        groups.setdefault(entity_id, set()).add((key, local_id))
    return {frozenset(g) for g in groups.values()}, {(key, local_id): reason for _, key, local_id, reason in rows}


def corpus_rows(spark):
    from quotegraph.spark.schema import record_to_row, spark_schema
    from quotegraph.store.write import article_key

    rows = []
    for article in CORPUS:
        made = record(article)
        rows.append(record_to_row(made.to_dict(), key=article_key(made.url or "", made.text),
                                  input={"file": "corpus", "line": None, "position": None}))
    return spark.createDataFrame(rows, spark_schema())


@pytest.mark.parametrize("with_aliases", [False, True])
def test_the_made_up_corpus_links_as_relink(spark, tmp_path, with_aliases):
    from quotegraph.spark.linking import person_links

    db = str(tmp_path / "linking.db")
    with open_store(db) as store:
        ingest_corpus(store, CORPUS)
        if with_aliases:
            with store.write() as connection:
                add_aliases(connection, [AliasEntry(e["canonical"], tuple(e["aliases"]), e["wikidata"])
                                         for e in ALIASES])
        with store.read() as connection:
            knowledge = Knowledge.load(connection)
    expected, expected_reasons = store_partition(db)
    got, reasons = spark_partition(person_links(corpus_rows(spark), knowledge, partitions=3))
    assert len(expected) >= 10 and any(len(person) >= 3 for person in expected)
    assert got == expected
    assert reasons == expected_reasons


@pytest.mark.corpus
def test_polnear_dev_links_as_relink(spark, tmp_path):
    """The Spark job's records of PolNeAR dev, loaded into a store and relinked, against
    the Spark stage over the same Parquet (read at run time: the corpus is not copied)."""
    from quotegraph.spark.job import run_job
    from quotegraph.spark.linking import person_links
    from quotegraph.spark.load import load_records

    folder = corpus_path("polnear", "dev", "text")
    texts = sorted(folder.glob("*.txt"))
    assert texts, f"no PolNeAR dev texts in {folder}"
    output = tmp_path / "records"
    result = run_job(spark, [str(folder)], str(output), partitions=4)
    assert result.errors == 0 and result.records == len(texts)
    db = str(tmp_path / "polnear.db")
    load_records([output], db, workers=1)
    expected, expected_reasons = store_partition(db)
    got, reasons = spark_partition(person_links(spark.read.parquet(str(output)), partitions=3))
    assert sum(len(person) for person in expected) >= 200 and any(len(person) >= 5 for person in expected)
    assert got == expected
    assert reasons == expected_reasons
