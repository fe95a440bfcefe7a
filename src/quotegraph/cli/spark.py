"""`quotegraph spark`: the Spark job from the command line, and the same command for
spark-submit (`python -m quotegraph.spark`, `quotegraph/spark/__main__.py`)."""
from __future__ import annotations

import sys

import click

from ..errors import QuotegraphError
from .common import (
    EXIT_NOTHING_DONE,
    EXIT_OK,
    EXIT_SOME_FAILED,
    fail,
    format_option,
    options_from,
    pipeline_options,
    report,
)

SPARK_HELP = """Extract quotes from news articles on Apache Spark, into Parquet or JSON Lines.

INPUTS are files, directories or globs on any path Spark reads (local, hdfs://, s3a://):
.txt, .html/.htm, .jsonl (each also gzipped), .warc and .warc.gz as for `quotegraph extract`, and Parquet
files of articles (a `text` column; optionally id, title, published, url). Each
partition of articles is extracted by `extract_many`, the spaCy pipeline loaded once per
Python worker.

\b
--output DIR must not exist. Parquet (default): one row per input article, the JSON
record as nested columns (quotes with their spans, entities, times, events), plus `key`
(the store's article key) and `input` (file, and line or byte offset of a read error);
`quotegraph ingest DIR` loads it into a store. --format jsonl: one record a line, as
`quotegraph extract --format jsonl` writes them. An input that cannot be read or
extracted is a row with `error` (code, reason), never a failed task, and is reported
on stderr at the end.

\b
Under spark-submit, give the master and resources to spark-submit, not here:
  spark-submit --master yarn .../site-packages/quotegraph/spark/__main__.py \\
      s3a://bucket/cc-news/ --output s3a://bucket/records/ --partitions 50000
(docs/spark.md: shipping the package and its model to YARN, Kubernetes, EMR, Databricks)

\b
Exit codes: 0 every input extracted; 1 some inputs failed (their rows hold the errors);
2 usage error, the output exists, nothing could be read, or the job itself failed.
"""


def _conf_option(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    conf = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r} is not KEY=VALUE")
        conf[key] = setting
    return conf


@click.command(help=SPARK_HELP)
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, metavar="DIR", help="Output directory (must not exist).")
@format_option(["parquet", "jsonl"], default="parquet")
@click.option("--master", metavar="URL", help="Spark master [default: spark-submit's, else local[*]].")
@click.option("--partitions", type=click.IntRange(min=1), metavar="N",
              help="Extraction partitions [default: 2 x the default parallelism]; about one per 1,000 articles.")
@pipeline_options
@click.option("--conf", "conf", multiple=True, metavar="KEY=VALUE", callback=_conf_option,
              help="A Spark setting, e.g. --conf spark.driver.memory=2g (repeatable).")
def spark(inputs: tuple[str, ...], output: str, fmt: str, master: str | None, partitions: int | None,
          model: str | None, attribution: str | None, conf: dict[str, str]) -> None:
    try:
        from ..spark.job import run_job, spark_session
    except ImportError as err:
        raise click.ClickException(f"pyspark is not installed ({err}): pip install 'quotegraph[spark]'") from err
    from py4j.protocol import Py4JError
    from pyspark.errors import PySparkException

    options = options_from(model, attribution)
    try:
        session = spark_session(master, conf)
    except PySparkException as err:  # no Java, a bad master URL...
        fail(f"cannot start Spark ({str(err).strip().splitlines()[0]}); it needs Java 17 "
             "(java on PATH or $JAVA_HOME)", EXIT_NOTHING_DONE)
    try:
        result = run_job(session, inputs, output, fmt=fmt, partitions=partitions, options=options)
    except QuotegraphError as err:
        fail(str(err), EXIT_NOTHING_DONE)
    except (Py4JError, PySparkException) as err:
        fail(f"the Spark job failed: {str(err).strip().splitlines()[0]}", EXIT_NOTHING_DONE)
    finally:
        session.stop()
    for source, reason in result.error_samples:
        report(f"{source}: {reason}")
    if result.errors > len(result.error_samples):
        report(f"... and {result.errors - len(result.error_samples)} more errors (rows with `error` in {result.output})")
    click.echo(result.line())
    if result.records == result.errors:
        sys.exit(EXIT_NOTHING_DONE)
    sys.exit(EXIT_SOME_FAILED if result.errors else EXIT_OK)
