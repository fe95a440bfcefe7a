"""`quotegraph load` of the Spark job's Parquet output against `quotegraph ingest` of the
same output, on SQLite and PostgreSQL: the same store, by content, and the same answers."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from support.policy import corpus_path
from support.store import run
from support.store_content import content, store_counts

from quotegraph.store import open_store

pytestmark = pytest.mark.slow


@pytest.fixture
def ingested(spark_output, tmp_path) -> str:
    output, _ = spark_output
    db = str(tmp_path / "ingested.db")
    code, _, err = run("ingest", str(output), "--db", db)
    assert code == 1, err  # the job's output holds error rows
    return db


def test_load_makes_the_store_ingest_makes(spark_output, ingested, store_url):
    output, _ = spark_output
    code, out, err = run("load", str(output), "--db", store_url, "--workers", "2")
    assert code == 1, err
    assert out.startswith("20 articles stored (0 already there)"), out
    loaded, expected = content(store_url), content(ingested)
    assert loaded["counts"]["articles"] == 20 and loaded["counts"]["quote_clusters"] < loaded["counts"]["quotes"]
    for part in expected:
        assert loaded[part] == expected[part], part
    with open_store(store_url) as store, store.read() as connection:
        assert connection.scalar(sa.text("SELECT count(*) FROM quotes WHERE cluster_id IS NULL")) == 0
        command, status = connection.execute(sa.text("SELECT command, status FROM runs")).one()
    assert (command, status) == ("load", "finished")


def test_a_second_load_adds_nothing(spark_output, store_url):
    output, _ = spark_output
    assert run("load", str(output), "--db", store_url)[0] == 1
    before = content(store_url)
    code, out, _ = run("load", str(output), "--db", store_url)
    assert code == 1 and out.startswith("0 articles stored (20 already there)"), out
    after = content(store_url)
    assert {**after, "counts": {**after["counts"], "runs": before["counts"]["runs"]}} == before


def test_a_load_that_died_is_finished_by_the_next(spark_output, ingested, tmp_path):
    """A load killed after some parts (here: parts stored by an earlier load of a subset)
    finishes by storing the rest; the store is then the one ingest makes."""
    import shutil

    output, _ = spark_output
    subset = tmp_path / "subset"
    subset.mkdir()
    parts = sorted(output.glob("part-*.parquet"))
    shutil.copy(parts[0], subset / parts[0].name)
    db = str(tmp_path / "resumed.db")
    run("load", str(subset), "--db", db)
    first = store_counts(db)["articles"]
    assert 0 < first < 20
    code, out, _ = run("load", str(output), "--db", db)
    assert out.startswith(f"{20 - first} articles stored ({first} already there)"), out
    loaded, expected = content(db), content(ingested)
    for part in ("persons", "quotes", "events", "errors", "forms", "classes"):
        assert loaded[part] == expected[part], part
    assert {**loaded["counts"], "runs": 1} == expected["counts"]


def test_what_is_not_records_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("Not records.", encoding="utf-8")
    code, _, err = run("load", str(tmp_path), "--db", str(tmp_path / "x.db"))
    assert code == 2 and "not Parquet records of quotegraph spark" in err
    code, _, err = run("load", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.db"))
    assert code == 2 and "no such file or directory" in err


@pytest.fixture(scope="module")
def polnear_records(spark, tmp_path_factory) -> tuple[str, str]:
    """The Spark job's records of PolNeAR dev (read at run time: the corpus is not copied),
    and a SQLite store `ingest` made of them."""
    from quotegraph.spark.job import run_job

    folder = corpus_path("polnear", "dev", "text")
    work = tmp_path_factory.mktemp("polnear")
    output = work / "records"
    assert run_job(spark, [str(folder)], str(output), partitions=4).errors == 0
    db = str(work / "ingested.db")
    code, _, err = run("ingest", str(output), "--db", db)
    assert code == 0, err
    return str(output), db


@pytest.mark.corpus
def test_polnear_dev_loads_as_ingest_stores_it(polnear_records, store_url):
    output, ingested = polnear_records
    code, out, err = run("load", output, "--db", store_url, "--workers", "2")
    assert code == 0, err
    loaded, expected = content(store_url), content(ingested)
    assert loaded["counts"]["articles"] == 84 and loaded["counts"]["quotes"] > 500
    for part in expected:
        assert loaded[part] == expected[part], part


def test_an_article_in_two_parts_is_stored_once(spark_output, tmp_path, store_url):
    """The parts are written in parallel: an article two parts hold is stored by the first."""
    import shutil

    output, _ = spark_output
    twice = tmp_path / "twice"
    twice.mkdir()
    parts = sorted(output.glob("part-*.parquet"))
    for part in parts:
        shutil.copy(part, twice / part.name)
    shutil.copy(parts[0], twice / "part-99999-copy.parquet")
    code, out, err = run("load", str(twice), str(twice), "--db", store_url, "--workers", "2")
    assert code == 1, err
    assert out.startswith("20 articles stored ("), out
    assert store_counts(store_url)["articles"] == 20
