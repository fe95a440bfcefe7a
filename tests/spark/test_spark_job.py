"""The Spark job on local[2] (real pyspark, a real JVM, two Python workers) against extract_many."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.offsets import assert_offsets
from support.spark import SPARK_ARTICLES

pytestmark = pytest.mark.slow


def parquet_records(spark, output: Path) -> dict[str, dict]:
    from quotegraph.spark.schema import record_from_row

    rows = spark.read.parquet(str(output)).collect()
    return {row["id"]: record_from_row(row.asDict(recursive=True)) for row in rows}


def test_records_equal_extract_many_field_by_field(spark, spark_output, reference_records):
    output, result = spark_output
    records = parquet_records(spark, output)
    good = {r["id"]: r for r in records.values() if "error" not in r}
    assert len(reference_records) == SPARK_ARTICLES and all("error" not in r for r in reference_records)
    assert sorted(good) == sorted(r["id"] for r in reference_records)
    for expected in reference_records:
        got = good[expected["id"]]
        for field in expected:
            assert got[field] == expected[field], (expected["id"], field)
        assert set(got) == set(expected), expected["id"]
    assert sum(len(r["quotes"]) for r in reference_records) >= 2 * SPARK_ARTICLES
    assert (result.records, result.errors) == (SPARK_ARTICLES + 3, 3)


def test_offsets_hold_through_parquet(spark, spark_output):
    output, _ = spark_output
    records = parquet_records(spark, output)
    assert sum("error" not in record for record in records.values()) == SPARK_ARTICLES
    for record in records.values():
        text = record["text"]
        assert_offsets(text, record)
        spans = [m for e in record["entities"] for m in e["mentions"]] + record["times"] \
            + [s for ev in record["events"] for s in (ev["trigger"], ev["sentence"]) if s]
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"], (record["id"], span)


def test_bad_inputs_are_rows_with_their_error(spark, spark_output, spark_inputs):
    """A binary file, a bad JSON line and an article that is not valid Unicode (half a
    surrogate pair) are rows with `error`, naming their input; the job goes on."""
    from pyspark.sql import functions as F

    output, result = spark_output
    failed = {row["id"]: row for row in spark.read.parquet(str(output)).where(F.col("error").isNotNull()).collect()}
    corpus = spark_inputs["corpus"]
    garbage, bad_line = failed[f"{corpus}/garbage.jsonl"], failed[f"{corpus}/wire.jsonl:9"]
    assert garbage["error"]["code"] == "QG100" and "binary file" in garbage["error"]["reason"]
    assert (bad_line["input"]["file"], bad_line["input"]["line"]) == (f"{corpus}/wire.jsonl", 9)
    assert "invalid JSON" in bad_line["error"]["reason"]
    broken, = [row for row in failed.values() if row["input"]["file"] == str(spark_inputs["broken"])]
    assert broken["error"]["code"] == "QG100" and "lone surrogate" in broken["error"]["reason"]
    assert broken["text"] == "" and broken["input"]["file"] == str(spark_inputs["broken"])
    assert sorted(source for source, _ in result.error_samples) == sorted(failed)


def test_the_same_input_gives_the_same_files(spark, spark_output, spark_inputs, tmp_path):
    """Rows are placed and ordered by content: a re-run (as a retried task) writes the
    same rows into the same part files, so a retry cannot duplicate or reorder."""
    import pyarrow.parquet as pq

    from quotegraph.spark.job import run_job

    first, _ = spark_output
    again = tmp_path / "again"
    run_job(spark, [str(spark_inputs["corpus"]), str(spark_inputs["broken"])], str(again), partitions=3)

    def parts(folder: Path) -> list[list[str]]:
        files = sorted(folder.glob("part-*.parquet"), key=lambda p: p.name.split("-")[1])
        return [pq.read_table(f, columns=["key", "id"]).column("id").to_pylist() for f in files]

    assert parts(again) == parts(first)
    assert sum(len(p) for p in parts(first)) == SPARK_ARTICLES + 3


def test_an_existing_output_is_never_overwritten(spark, spark_output, spark_inputs):
    from quotegraph.errors import OutputError
    from quotegraph.spark.job import run_job

    output, _ = spark_output
    before = sorted(p.name for p in output.iterdir())
    with pytest.raises(OutputError, match="already exists"):
        run_job(spark, [str(spark_inputs["corpus"])], str(output))
    assert sorted(p.name for p in output.iterdir()) == before


def test_the_command_writes_jsonl_as_extract_does(spark_inputs, reference_records, tmp_path):
    """`python -m quotegraph.spark` (the module spark-submit runs) in its own JVM: each
    line is the record as `quotegraph extract --format jsonl --min-confidence 0` writes it
    (the job keeps every quote, as the store does)."""
    output = tmp_path / "jsonl"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    done = subprocess.run([sys.executable, "-m", "quotegraph.spark", str(spark_inputs["corpus"]),
                           "--output", str(output), "--format", "jsonl", "--master", "local[2]", "--partitions", "2",
                           "--conf", "spark.driver.memory=1g", "--conf", "spark.ui.enabled=false"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 1, done.stderr  # some inputs failed, the others are written
    assert f"quotegraph: {spark_inputs['corpus']}/garbage.jsonl: binary file" in done.stderr
    assert done.stdout.startswith(f"{SPARK_ARTICLES} records, 2 errors")
    lines = [line for part in sorted(output.glob("part-*")) for line in part.read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(line) for line in lines if '"error": {' in line]
    assert sorted(e["error"]["code"] for e in errors) == ["QG100", "QG100"]
    written = sorted(line for line in lines if '"error": {' not in line)
    assert written == sorted(json.dumps(record, ensure_ascii=False) for record in reference_records)


def test_inputs_that_name_no_articles_are_error_rows(spark, tmp_path):
    """A missing path, and Parquet without a `text` column, are rows naming the input and
    saying why; the job still finishes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from quotegraph.spark.job import run_job

    missing, no_text = str(tmp_path / "nowhere" / "news.jsonl"), tmp_path / "titles.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "x", "title": "A title and no text"}]), no_text)
    result = run_job(spark, [missing, str(no_text)], str(tmp_path / "out"), partitions=2)
    reasons = dict(result.error_samples)
    assert (result.records, result.errors) == (2, 2)
    assert reasons[missing] == "no such file or directory"
    assert reasons[str(no_text)].startswith("Parquet without a 'text' column")


def test_a_zero_byte_file_is_an_error_row_like_any_empty_input(spark, tmp_path):
    """Spark's binaryFile source skips 0-byte files; the job reads them as `extract` does:
    each is a row naming the file and saying it is empty, in a folder or named alone."""
    from quotegraph.spark.job import run_job

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "blank.txt").write_bytes(b"")
    (folder / "wire.jsonl").write_bytes(b"")
    (folder / "good.txt").write_text('"We will win," Mayor Anna Kowalski said.', encoding="utf-8")
    alone, table = tmp_path / "alone.html", tmp_path / "articles.parquet"
    alone.write_bytes(b"")
    table.write_bytes(b"")
    result = run_job(spark, [str(folder), str(alone), str(table)], str(tmp_path / "out"), partitions=2)
    reasons = dict(result.error_samples)
    assert (result.records, result.errors) == (5, 4)
    assert reasons[str(folder / "blank.txt")] == "empty (no text, or only whitespace)"
    assert reasons[str(folder / "wire.jsonl")] == "empty (no JSON lines)"
    assert reasons[str(alone)] == "no article text found in the HTML"  # as `quotegraph extract` says
    assert reasons[str(table)] == "empty file (0 bytes): not Parquet"
