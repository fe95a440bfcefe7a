"""A Python worker killed (SIGKILL) in the middle of extraction: Spark retries its task,
and the output holds every article exactly once, with the records extract_many gives."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.spark import made_up_article

import quotegraph

pytestmark = pytest.mark.slow

ARTICLES = 60
# A Python worker is extracting once it holds the spaCy pipeline: well past this size.
LOADED_MIB = 150


def _descendants(root: int) -> list[int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent == frontier[-1]]
        frontier.pop()
        found += children
        frontier += children
    return found


def _extracting_worker(root: int) -> int | None:
    """A pyspark worker process under `root` that has loaded the pipeline, if any."""
    for pid in _descendants(root):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            rss = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                       if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
        if b"pyspark.daemon" in cmdline and rss / 1024 > LOADED_MIB:
            return pid
    return None


def test_a_killed_worker_is_retried_without_duplicates(spark_available, tmp_path):
    # Articles four times the usual length, so that each of the two tasks extracts for a while.
    rows = [{**article, "text": "\n\n".join([article["text"]] * 4)} for article in map(made_up_article, range(ARTICLES))]
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    output = tmp_path / "out"
    # local[2,4]: two cores, and a failed task is tried up to 4 times (local mode's default is once).
    job = subprocess.Popen(
        [sys.executable, "-m", "quotegraph.spark", str(source), "--output", str(output), "--format", "jsonl",
         "--master", "local[2,4]", "--partitions", "2", "--conf", "spark.driver.memory=1g",
         "--conf", "spark.ui.enabled=false", "--conf", "spark.ui.showConsoleProgress=false"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYSPARK_PYTHON": sys.executable})
    killed, deadline = None, time.monotonic() + 300
    while killed is None and job.poll() is None and time.monotonic() < deadline:
        killed = _extracting_worker(job.pid)
        if killed is None:
            time.sleep(0.1)
    assert killed is not None, "no worker was seen extracting"
    os.kill(killed, signal.SIGKILL)
    stdout, stderr = job.communicate(timeout=600)

    assert job.returncode == 0, stderr
    assert "Lost task" in stderr or "exited unexpectedly" in stderr, "the kill did not fail a task"
    lines = [line for part in sorted(output.glob("part-*")) for line in part.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == ARTICLES and stdout.startswith(f"{ARTICLES} records, 0 errors")
    expected = sorted(json.dumps(record.to_dict(), ensure_ascii=False) for record in quotegraph.extract_many(rows, options=quotegraph.Options().everything()))
    assert sorted(lines) == expected
