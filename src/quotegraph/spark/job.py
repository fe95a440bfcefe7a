"""The Spark job, driver side: inputs on any path Spark reads to records in Parquet or JSON Lines.

    result = run_job(spark_session("local[2]"), ["news/", "crawl.warc.gz"], "out/", fmt="parquet", partitions=8)

How inputs are listed, read, partitioned on the article key and committed, and why:
docs/spark.md, "What the job does".
"""
from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import PurePosixPath
from typing import Any, Sequence

from ..config import Options
from ..errors import InputError, OutputError
from ..readers import SUFFIXES, ReadError
from .partition import (
    article_schema,
    display_name,
    extract_rows,
    parquet_article_partition,
    read_error_row,
    read_file_partition,
    read_file_rows,
)
from .records import RUN_INFO
from .schema import spark_schema

FORMATS = ("parquet", "jsonl")

ARTICLE_COLUMNS = ("text", "id", "title", "published", "url")
# Errors listed by the summary (all are in the output).
ERRORS_SHOWN = 20


@dataclass
class JobResult:
    output: str
    records: int = 0  # rows written, errors included
    errors: int = 0  # rows with `error` (inputs that failed to read or to extract)
    error_samples: list[tuple[str, str]] = field(default_factory=list)  # (input, reason), at most ERRORS_SHOWN
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.records / self.seconds if self.seconds else 0.0
        return (f"{self.records - self.errors} records, {self.errors} errors in {self.seconds:.1f}s "
                f"({rate:.1f} articles/s) -> {self.output}")


def spark_session(master: str | None = None, conf: dict[str, str] | None = None) -> Any:
    """A SparkSession; `master` defaults to spark-submit's, else `local[*]`.

    In local mode the Python workers run this interpreter (the one with quotegraph and
    its pipeline installed) unless $PYSPARK_PYTHON says otherwise.
    """
    from pyspark.sql import SparkSession

    launched_by_spark_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    if master is None and not launched_by_spark_submit:
        master = "local[*]"
    if master is not None and master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("quotegraph")
    if master is not None:
        builder = builder.master(master)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run_job(spark: Any, inputs: Sequence[str], output: str, *, fmt: str = "parquet",
            partitions: int | None = None, options: Options | None = None) -> JobResult:
    """Extract every article of `inputs` into `output` (a new directory); raises OutputError
    if it exists. A bad input or article is an output row with its error, never a failure."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {FORMATS}")
    started = time.perf_counter()
    if _exists(spark, output):
        raise OutputError(f"{output} already exists: give a new --output directory (the job never overwrites)")
    options = (options or Options()).everything()  # the store (and its Parquet) keeps every quote
    articles = _article_rows(spark, inputs)
    count = partitions or 2 * spark.sparkContext.defaultParallelism
    ordered = articles.repartition(count, "key").sortWithinPartitions("key")
    rows = ordered.rdd.mapPartitions(partial(extract_rows, options=options, fmt=fmt))
    if fmt == "parquet":
        # (record_to_row gives each value its column's type: no per-row verification needed)
        spark.createDataFrame(rows, spark_schema(), verifySchema=False).write.mode("errorifexists").parquet(output)
    else:
        spark.createDataFrame(rows, "key string, value string").select("value").write.mode("errorifexists") \
            .text(output)
    _write_text(spark, f"{output.rstrip('/')}/{RUN_INFO}", json.dumps(run_info(options, fmt=fmt, partitions=count)))
    result = _summary(spark, output, fmt)
    result.seconds = time.perf_counter() - started
    return result


def run_info(options: Options, *, fmt: str, partitions: int) -> dict[str, Any]:
    """What produced a job's output: quotegraph, spaCy and the pipeline (as the store's
    runs table records them), and the job's options."""
    import spacy

    from .. import __version__
    from ..ingest import model_info

    name, version = model_info(options.model)
    return {"command": "spark", "quotegraph_version": __version__, "spacy_version": spacy.__version__,
            "model_name": name, "model_version": version, "chunk_chars": options.chunk_chars,
            "attribution": options.attribution,
            "format": fmt, "partitions": partitions}


def _write_text(spark: Any, uri: str, text: str) -> None:
    jvm, conf = spark.sparkContext._jvm, spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(uri)
    stream = path.getFileSystem(conf).create(path, False)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


def _article_rows(spark: Any, inputs: Sequence[str]) -> Any:
    """One DataFrame of article rows (`partition.article_schema()`) for all `inputs`."""
    files, parquet, empty, errors = _list_inputs(spark, inputs)
    schema = article_schema()
    # Spark's binaryFile source skips 0-byte files: they are read here, on the driver, as
    # `quotegraph extract` reads them (an error row saying the input is empty).
    driver_rows = [read_error_row(e, file=e.source) for e in errors]
    driver_rows += [row for uri in empty for row in read_file_rows(uri, b"")]
    frames = [spark.createDataFrame(driver_rows, schema)]
    if files:
        raw = spark.read.format("binaryFile").load(files).select("path", "content")
        frames.append(spark.createDataFrame(raw.rdd.mapPartitions(read_file_partition), schema))
    frames += [_parquet_articles(spark, name, paths) for name, paths in parquet.items()]
    union = frames[0]
    for frame in frames[1:]:
        union = union.unionByName(frame)
    return union


def _parquet_articles(spark: Any, name: str, paths: list[str]) -> Any:
    from pyspark.sql import functions as F

    table = spark.read.parquet(*paths)
    columns = set(table.columns)
    if "text" not in columns:
        error = ReadError(name, InputError.code, "Parquet without a 'text' column: articles need text, "
                                                 "and may have id, title, published, url")
        return spark.createDataFrame([read_error_row(error, file=name)], article_schema())
    selected = table.select(*[F.col(c).cast("string") if c in columns else F.lit(None).cast("string").alias(c)
                              for c in ARTICLE_COLUMNS], F.input_file_name().alias("file"))
    return spark.createDataFrame(selected.rdd.mapPartitions(parquet_article_partition), article_schema())


def _list_inputs(spark: Any, inputs: Sequence[str]
                 ) -> tuple[list[str], dict[str, list[str]], list[str], list[ReadError]]:
    """(files for the readers, Parquet files by input, 0-byte files, errors for inputs that
    name nothing or an empty Parquet file)."""
    jvm, conf = spark.sparkContext._jvm, spark.sparkContext._jsc.hadoopConfiguration()
    files: list[str] = []
    parquet: dict[str, list[str]] = {}
    empty: list[str] = []
    errors: list[ReadError] = []
    for name in inputs:
        path = jvm.org.apache.hadoop.fs.Path(name)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path) or []
        if not statuses:
            errors.append(ReadError(name, InputError.code, "no such file or directory"))
            continue
        found: list[tuple[str, int]] = []
        for status in statuses:
            if status.isDirectory():
                found.extend(_walk(fs, status.getPath()))
            else:  # named explicitly: read whatever its suffix
                found.append((status.getPath().toString(), status.getLen()))
        if not found:
            errors.append(ReadError(name, InputError.code, f"no {', '.join(SUFFIXES)} or .parquet files here"))
        for uri, size in sorted(found):
            is_parquet = uri.lower().endswith(".parquet")
            if size == 0 and is_parquet:
                errors.append(ReadError(display_name(uri), InputError.code, "empty file (0 bytes): not Parquet"))
            elif size == 0:
                empty.append(uri)
            elif is_parquet:
                parquet.setdefault(name, []).append(uri)
            else:
                files.append(uri)
    return files, parquet, empty, errors


def _walk(fs: Any, directory: Any) -> list[tuple[str, int]]:
    """(URI, size in bytes) of the readable files under `directory`."""
    found, listing = [], fs.listFiles(directory, True)
    while listing.hasNext():
        status = listing.next()
        uri = status.getPath().toString()
        name = PurePosixPath(uri).name.lower()
        if name.startswith((".", "_")):
            continue
        if name.endswith((*SUFFIXES, ".parquet")):
            found.append((uri, status.getLen()))
    return found


def _exists(spark: Any, output: str) -> bool:
    jvm, conf = spark.sparkContext._jvm, spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(output)
    return bool(path.getFileSystem(conf).exists(path))


def _summary(spark: Any, output: str, fmt: str) -> JobResult:
    """Counts read back from what was written (the error columns only, not the records)."""
    from pyspark.sql import functions as F

    if fmt == "parquet":
        table = spark.read.parquet(output)
        failed = table.where(F.col("error").isNotNull()).select(
            F.coalesce(F.col("id"), F.col("input.file")).alias("input"), F.col("error.reason").alias("reason"))
    else:
        table = spark.read.text(output)
        failed = table.select(F.get_json_object("value", "$.id").alias("input"),
                              F.get_json_object("value", "$.error.reason").alias("reason")) \
            .where(F.col("reason").isNotNull())
    result = JobResult(output=display_name(output), records=table.count(), errors=failed.count())
    result.error_samples = [(row["input"], row["reason"]) for row in failed.orderBy("input").limit(ERRORS_SHOWN).collect()]
    return result
