"""Fixtures every folder's tests share, and the checks that hold the test policy.

The policy (tests/README.md): tests build their inputs by hand; only tests marked `corpus`
read corpora, through `support.policy.corpus_path`, and every one of them is also `slow`
(checked at collection below); what is optional and missing skips through
`support.policy.skip_or_fail`, which fails instead under CI (CI=true). Helpers live in
tests/support (imported as `support.<module>`), fixtures in conftest.py files: here the
spaCy pipelines and Spark; the store's and the web app's in their folders' conftest.py.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
from support import policy
from support.spark import BROKEN_ARTICLE, require_java, write_spark_corpus

from quotegraph.config import Options

# -- The policy ---------------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked `corpus` and not `slow` fails collection: `-m "not slow"` must never
    read a corpus (marked by hand, so that the test's source says so)."""
    unmarked = [item.nodeid for item in items
                if item.get_closest_marker("corpus") is not None and item.get_closest_marker("slow") is None]
    if unmarked:
        raise pytest.UsageError("tests marked corpus but not slow (every corpus test is slow; "
                                "tests/README.md):\n  " + "\n  ".join(unmarked))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[Any]:
    """Tell `corpus_path` which test asks, so that an unmarked test reading a corpus fails."""
    policy.running = item
    try:
        return (yield)
    finally:
        policy.running = None


# -- spaCy ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy pipeline with quotegraph's components, loaded once per session.

    `quotegraph.extract` goes through the same cached loader, so tests that call the API
    after requesting this fixture do not load the model again.
    """
    from quotegraph.errors import ModelError
    from quotegraph.pipeline.nlp import load_pipeline

    try:
        return load_pipeline(Options().model)
    except ModelError as err:  # pragma: no cover - depends on the environment
        policy.skip_or_fail(f"spaCy pipeline not available: {err}")


@pytest.fixture(scope="session")
def rules_nlp():
    """The same pipeline with attributions found by the rules alone, for tests of the
    layers above attribution written against the rules' quotes."""
    from quotegraph.errors import ModelError
    from quotegraph.pipeline.nlp import load_pipeline

    try:
        return load_pipeline(Options().model, "rules")
    except ModelError as err:  # pragma: no cover - depends on the environment
        policy.skip_or_fail(f"spaCy pipeline not available: {err}")


# -- Spark ---------------------------------------------------------------------------------
# Here, not in tests/spark/conftest.py, because tests/spark and tests/store both use them.


@pytest.fixture(scope="session")
def spark_available() -> None:
    """Skip (fail under CI) where Java is missing."""
    require_java()


@pytest.fixture(scope="session")
def spark(spark_available):
    """A local[2] SparkSession for the session (real pyspark, real JVM, two Python workers)."""
    from quotegraph.spark.job import spark_session

    session = spark_session("local[2]", {"spark.driver.memory": "1g", "spark.ui.enabled": "false",
                                         "spark.ui.showConsoleProgress": "false", "spark.sql.shuffle.partitions": "4"})
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def spark_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The made-up corpus (`corpus`, a folder) and the broken article (`broken`, a file)."""
    root = tmp_path_factory.mktemp("spark-inputs")
    write_spark_corpus(root / "corpus")
    (root / "broken.jsonl").write_text(BROKEN_ARTICLE, encoding="utf-8")
    return {"corpus": root / "corpus", "broken": root / "broken.jsonl"}


@pytest.fixture(scope="session")
def spark_output(spark, spark_inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    """The job's Parquet output for the corpus and the broken article, and its result."""
    from quotegraph.spark.job import run_job

    output = tmp_path_factory.mktemp("spark-output") / "records"
    result = run_job(spark, [str(spark_inputs["corpus"]), str(spark_inputs["broken"])], str(output),
                     fmt="parquet", partitions=3)
    return output, result


@pytest.fixture(scope="session")
def reference_records(spark_inputs: dict[str, Path]) -> list[dict[str, Any]]:
    """extract_many's records of the corpus, read by quotegraph's own readers (no Spark), with
    every quote: the Spark job writes what the store keeps (`Options.everything`)."""
    import pyarrow.parquet as pq

    from quotegraph import extract_many
    from quotegraph.readers import ReadError, read_inputs

    folder = spark_inputs["corpus"]
    items: list[Any] = [item for item in read_inputs([str(folder)]) if not isinstance(item, ReadError)]
    # Parquet is not a format of read_inputs: the job reads its columns as articles' fields.
    items += pq.read_table(folder / "archive.parquet").to_pylist()
    return [record.to_dict() for record in extract_many(items, options=Options().everything())]
