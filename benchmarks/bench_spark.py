"""What Spark gives and costs: `quotegraph spark` on local[2] against local[1], and against
`extract_many(n_process=2)` on the same articles, with each Python worker's peak memory.

    .venv/bin/python benchmarks/bench_spark.py                    # PolNeAR dev x3 (252 articles), 3 repeats
    .venv/bin/python benchmarks/bench_spark.py --copies 1 --repeat 1
    .venv/bin/python benchmarks/bench_spark.py --synthetic 500    # made-up articles, no data needed

The articles go into one JSON Lines file (PolNeAR dev texts from --data, $QUOTEGRAPH_DATA
or ../shared/data, each `--copies` times under distinct ids; PolNeAR is never copied into
the repository). Each measurement starts its own Spark session (or, for extract_many, its
own call), is warmed up on a few articles first, so that every Python worker has loaded
the pipeline (a fixed cost per worker, paid once on a cluster), and is then timed over
all the articles; the four are interleaved, `--repeat` times, and medians compared.

- scaling = local[1] time / local[2] time (the issue aims at >= 1.7);
- Spark overhead = local[2] time / extract_many(n_process=2) time - 1 (aims at <= 15%);
- controls: extract_many(n_process=2) against n_process=1 (what a second process gives
  this machine at all, Spark aside), and local[1] against extract_many(n_process=1)
  (Spark's overhead with one worker);
- peak memory per worker: the high-water RSS (VmHWM) of each Python worker process under
  this one (Spark's pyspark.daemon workers; spaCy's n_process workers), read from /proc.

Timings on a shared machine are noisy: read the medians, rerun for figures you quote.
The last line printed is one JSON object. Informational: exits 0 (or 0 with SKIP when there
are no articles).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import quotegraph
from quotegraph.eval.gate import find_data
from quotegraph.spark.job import run_job, spark_session

WARMUP_ARTICLES = 24
PARTITIONS = 16
SPARK_CONF = {"spark.driver.memory": "1g", "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"}


# -- articles ------------------------------------------------------------------------------

def polnear_articles(data: str | None, copies: int) -> list[dict] | None:
    root = find_data(data)
    if root is None:
        return None
    paths = sorted((root / "polnear" / "dev" / "text").glob("*.txt"))
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in paths]
    return [{"id": f"{stem}#{copy}", "text": text} for copy in range(copies) for stem, text in texts] or None


def synthetic_articles(count: int) -> list[dict]:
    names = ["Maria Lopez", "John Smith", "Jane Doe", "Ahmed Karim", "Olga Petrova"]
    rows = []
    for n in range(count):
        name = names[n % len(names)]
        paragraphs = [f'"We will build new schools in district {n} this year," {name} told reporters on Monday.',
                      f"Officials said the plan would cost more than expected, according to a report published "
                      f"on {1 + n % 28} March.",
                      f"{name.split()[-1]} said the council had approved the budget after a long debate."] * 4
        rows.append({"id": f"syn{n}", "text": "\n\n".join(paragraphs), "published": "2024-05-03"})
    return rows


def write_jsonl(rows: list[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


# -- memory of worker processes -------------------------------------------------------------

def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        found += children
        frontier += children
    return found


def _hwm_mib(pid: int) -> tuple[str, float] | None:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return cmdline, int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class PeakSampler:
    """Polls this process's descendants; keeps each one's high-water RSS by kind."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peaks: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "PeakSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.sample()
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        for pid in _descendants(os.getpid()):
            found = _hwm_mib(pid)
            if found:
                self.peaks[pid] = (found[0], max(found[1], self.peaks.get(pid, ("", 0.0))[1]))

    def worker_peaks(self) -> list[float]:
        """The Python processes under this one (Spark's pyspark.daemon and its workers, or
        spaCy's n_process workers), largest last."""
        return sorted(mib for cmd, mib in self.peaks.values() if not _is_java(cmd))

    def jvm_peak(self) -> float:
        return max((mib for cmd, mib in self.peaks.values() if _is_java(cmd)), default=0.0)


def _is_java(cmdline: str) -> bool:
    return cmdline.split(" ")[0].endswith("java")


# -- the measurements -----------------------------------------------------------------------

def time_spark(master: str, articles: Path, warmup: Path, workdir: Path, tag: str) -> dict:
    spark = spark_session(master, SPARK_CONF)
    spark.sparkContext.setLogLevel("ERROR")
    try:
        with PeakSampler() as sampler:
            run_job(spark, [str(warmup)], str(workdir / f"warm-{tag}"), partitions=PARTITIONS)
            started = time.perf_counter()
            result = run_job(spark, [str(articles)], str(workdir / f"out-{tag}"), partitions=PARTITIONS)
            seconds = time.perf_counter() - started
    finally:
        spark.stop()
    assert result.errors == 0, result.error_samples
    return {"seconds": seconds, "workers_mib": sampler.worker_peaks(), "jvm_mib": sampler.jvm_peak()}


def time_extract_many(rows: list[dict], warmup: list[dict], n_process: int) -> dict:
    with PeakSampler() as sampler:
        for _ in quotegraph.extract_many(warmup, n_process=n_process):
            pass
        started = time.perf_counter()
        records = list(quotegraph.extract_many(rows, n_process=n_process))
        seconds = time.perf_counter() - started
    assert not any(r.error for r in records)
    return {"seconds": seconds, "workers_mib": sampler.worker_peaks()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="data folder holding polnear/dev (default: $QUOTEGRAPH_DATA or ../shared/data)")
    parser.add_argument("--copies", type=int, default=3, help="each PolNeAR dev article this many times (default 3)")
    parser.add_argument("--synthetic", type=int, help="N made-up articles instead of PolNeAR")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    rows = synthetic_articles(args.synthetic) if args.synthetic else polnear_articles(args.data, args.copies)
    if not rows:
        print("SKIP: PolNeAR dev texts not found (--data, $QUOTEGRAPH_DATA or ../shared/data); "
              "--synthetic N runs on made-up articles")
        return 0
    warm_rows = [{**row, "id": f"warm-{row['id']}"} for row in rows[:WARMUP_ARTICLES]]
    chars = sum(len(row["text"]) for row in rows)
    print(f"{len(rows)} articles, {chars:,} characters ({chars / len(rows):,.0f} per article), "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    runs: dict[str, list[dict]] = {"local[2]": [], "local[1]": [], "extract_many(n_process=2)": [],
                                   "extract_many(n_process=1)": []}
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as tmp:
        workdir = Path(tmp)
        articles, warmup = write_jsonl(rows, workdir / "articles.jsonl"), write_jsonl(warm_rows, workdir / "warm.jsonl")
        for repeat in range(args.repeat):
            order = list(runs)[repeat % len(runs):] + list(runs)[:repeat % len(runs)]
            for name in order:
                if name.startswith("local"):
                    run = time_spark(name, articles, warmup, workdir, f"{repeat}-{name[6]}")
                else:
                    run = time_extract_many(rows, warm_rows, n_process=int(name[-2]))
                runs[name].append(run)
                print(f"repeat {repeat + 1} {name:<26} {run['seconds']:7.1f}s  {len(rows) / run['seconds']:5.2f} articles/s"
                      f"  worker peaks {', '.join(f'{m:.0f}' for m in run['workers_mib'])} MiB", flush=True)
    median = {name: statistics.median(r["seconds"] for r in rs) for name, rs in runs.items()}
    two, one = median["local[2]"], median["local[1]"]
    many, single = median["extract_many(n_process=2)"], median["extract_many(n_process=1)"]
    spark_workers = [m for name in ("local[2]", "local[1]") for r in runs[name] for m in r["workers_mib"]]
    summary = {
        "articles": len(rows), "characters": chars, "repeat": args.repeat,
        "median_seconds": {name: round(s, 2) for name, s in median.items()},
        "articles_per_second": {name: round(len(rows) / s, 2) for name, s in median.items()},
        "scaling_local2_over_local1": round(one / two, 3),
        "spark_overhead_vs_extract_many": round(two / many - 1, 3),
        # The controls: what two processes give this machine without Spark, and Spark's
        # overhead with one core (no contention between workers to muddle it).
        "scaling_extract_many_n2_over_n1": round(single / many, 3),
        "spark_overhead_local1_vs_extract_many_n1": round(one / single - 1, 3),
        "spark_worker_peak_mib": round(max(spark_workers), 1),
        "extract_many_worker_peak_mib": round(max((m for r in runs["extract_many(n_process=2)"]
                                                   for m in r["workers_mib"]), default=0.0), 1),
        "jvm_peak_mib": round(max(r["jvm_mib"] for name in ("local[2]", "local[1]") for r in runs[name]), 1),
        "articles_per_second_per_core_local2": round(len(rows) / two / 2, 3),
    }
    print(f"scaling local[2] / local[1]: {summary['scaling_local2_over_local1']:.2f}x (aim >= 1.7)")
    print(f"Spark overhead vs extract_many(n_process=2): {summary['spark_overhead_vs_extract_many']:+.1%} (aim <= 15%)")
    print(f"controls: extract_many n_process=2 / n_process=1 {summary['scaling_extract_many_n2_over_n1']:.2f}x; "
          f"local[1] vs extract_many(n_process=1) {summary['spark_overhead_local1_vs_extract_many_n1']:+.1%}")
    print(f"peak RSS per Python worker: Spark {summary['spark_worker_peak_mib']:.0f} MiB, "
          f"spaCy n_process {summary['extract_many_worker_peak_mib']:.0f} MiB; JVM {summary['jvm_peak_mib']:.0f} MiB")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
