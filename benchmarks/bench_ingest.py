"""What the store costs on top of extraction, and whether ingest memory stays flat.

Two measurements (either or both; see benchmarks/README.md):

  overhead  `quotegraph.ingest.Ingester` into a fresh store against plain
            `extract_many` written to a JSON Lines file, on the same articles (PolNeAR
            dev texts, or synthetic ones where the data is absent), in one process,
            interleaved repeats, medians. The store's overhead is the time spent in the
            store (key lookups and batch transactions, timed inside the ingester) as a
            fraction of the rest (extraction); the end-to-end ratio is printed beside it.
            Floor: <= 0.10.
  memory    peak RSS of ingest subprocesses (os.wait4 rusage) over 1,000 and --articles
            (default 100,000) short synthetic articles, and the time per committed batch at
            the end of the large run against its start. Floors: the large peak within 1.2x
            the small one; the last batches within 1.5x the time of the first. `--varied`:
            a year of dates, two sites and bare surnames, which person linking decides by
            the evidence.

    .venv/bin/python benchmarks/bench_ingest.py                       # both
    .venv/bin/python benchmarks/bench_ingest.py --only overhead --repeat 5
    .venv/bin/python benchmarks/bench_ingest.py --only memory --articles 20000 --attribution rules
    .venv/bin/python benchmarks/bench_ingest.py --db postgresql://user@host/db   # overhead on PostgreSQL

The last line printed is one JSON object. Informational: exits 0 unless --check is given
and a floor is not met.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

import quotegraph
from quotegraph.article import Article
from quotegraph.eval.gate import find_data
from quotegraph.ingest import Ingester
from quotegraph.store import open_store
from quotegraph.writers import write_jsonl

BATCH_SIZE = 16
OVERHEAD_FLOOR = 0.10  # store time <= 10% of extraction time
MEMORY_FLOOR = 1.2  # peak RSS of the large ingest <= 1.2x the small one
BATCH_TIME_FLOOR = 1.5  # time per batch at the end of the large ingest <= 1.5x the start

# A fixed vocabulary, so that the parser's string store does not grow with the corpus and
# what is measured is the ingest's own memory.
_NAMES = ["Maria Lopez", "John Smith", "Aisha Khan", "Peter Novak", "Chen Wei", "Olga Petrova", "David Cohen"]
_TITLES = ["Governor", "Senator", "Mayor", "Minister", "Judge"]
_TOPICS = ["schools", "bridges", "hospitals", "roads", "ports", "prisons", "farms", "railways"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_PLACES = ["Leeds", "Dublin", "Lyon", "Porto", "Graz", "Turin"]
_YEAR_START = dt.date(2024, 1, 1)


def synthetic_articles(count: int, *, long: bool = False, varied: bool = False) -> Iterator[dict]:
    """`count` news-like articles, each with quotes (a direct one, an indirect one). `varied`:
    published over a year from two sites, every fifth full name another person of the same
    surname ("Daniel Lopez"), every third speaker named by title and surname alone ("Governor
    Lopez"), so person linking decides bare surnames by the evidence."""
    combos = itertools.cycle(itertools.product(_NAMES, _TITLES, _TOPICS, _DAYS, _PLACES))
    for n, (name, title, topic, day, place) in zip(range(count), combos):
        speaker = name
        if varied and n % 3 == 0:
            speaker = name.split()[-1]
        elif varied and n % 5 == 1:
            speaker = "Daniel " + name.split()[-1]
        text = (f'"We will build new {topic} in {place} this year," {title} {speaker} told reporters on {day}. '
                f"Officials said the {topic} would cost more than planned.")
        if long:
            text += (f" The opposition said the plan for the {topic} was too expensive and would fail, "
                     f"according to a statement released on {day}. {name} did not answer questions about "
                     f"the cost. \"The people of {place} deserve better {topic},\" a spokesman said.")
        if varied:
            yield {"id": f"syn{n}", "text": text, "url": f"https://{'ab'[n % 2]}.example/syn{n}",
                   "published": (_YEAR_START + dt.timedelta(days=n * 7 % 365)).isoformat()}
        else:
            yield {"id": f"syn{n}", "text": text, "published": "2024-05-03"}


def polnear_articles(data: str | None, limit: int | None) -> list[dict] | None:
    root = find_data(data)
    if root is None:
        return None
    paths = sorted((root / "polnear" / "dev" / "text").glob("*.txt"))[:limit]
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in paths] or None


# -- overhead ------------------------------------------------------------------------------

def time_jsonl(rows: list[dict], out: Path) -> float:
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as stream:
        write_jsonl(quotegraph.extract_many(rows, batch_size=BATCH_SIZE), stream)
    return time.perf_counter() - start


def time_ingest(rows: list[dict], db: str) -> tuple[float, float, int]:
    """(total seconds, seconds in the store, quotes stored) of one ingest into an empty store."""
    articles = [Article(text=r["text"], id=r["id"], published=r.get("published")) for r in rows]
    store = open_store(db)
    try:
        start = time.perf_counter()
        summary = Ingester(store, batch_size=BATCH_SIZE).run(articles)
        total = time.perf_counter() - start
    finally:
        store.close()
    assert summary.added == len({(a.id, a.text) for a in articles}), summary
    return total, summary.store_seconds, summary.quotes


def fresh_db(workdir: Path, db: str | None, n: int) -> str:
    if db is None:
        return str(workdir / f"bench-{n}.db")
    import sqlalchemy as sa

    from quotegraph.store.url import database_url

    engine = sa.create_engine(database_url(db))
    with engine.begin() as connection:  # the benchmark's own database: emptied each repeat
        connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    return db


def overhead(rows: list[dict], label: str, repeat: int, db: str | None) -> dict:
    chars = sum(len(r["text"]) for r in rows)
    print(f"overhead: {len(rows)} {label} articles, {chars:,} characters, batch size {BATCH_SIZE}, "
          f"store {'SQLite file' if db is None else 'PostgreSQL'}")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        warm = rows[: 2 * BATCH_SIZE]
        time_jsonl(warm, workdir / "warm.jsonl")
        time_ingest(warm, fresh_db(workdir, db, -1))
        plain, ingest, store_s = [], [], []
        for i in range(repeat):
            order = ("jsonl", "ingest") if i % 2 == 0 else ("ingest", "jsonl")
            for what in order:
                if what == "jsonl":
                    plain.append(time_jsonl(rows, workdir / "out.jsonl"))
                else:
                    total, in_store, quotes = time_ingest(rows, fresh_db(workdir, db, i))
                    ingest.append(total)
                    store_s.append(in_store)
            print(f"  run {i + 1}: extract_many->JSONL {plain[-1]:.2f}s  ingest {ingest[-1]:.2f}s "
                  f"(of which store {store_s[-1]:.3f}s)")
    store_ratio = statistics.median(s / (t - s) for s, t in zip(store_s, ingest))
    end_to_end = statistics.median(t / p - 1 for t, p in zip(ingest, plain))
    result = {
        "articles": len(rows), "corpus": label, "chars": chars, "repeat": repeat, "quotes": quotes,
        "jsonl_median_s": round(statistics.median(plain), 3), "ingest_median_s": round(statistics.median(ingest), 3),
        "store_median_s": round(statistics.median(store_s), 3),
        "store_overhead": round(store_ratio, 4), "end_to_end_overhead": round(end_to_end, 4),
        "ingest_articles_per_s": round(len(rows) / statistics.median(ingest), 1),
        "floor": OVERHEAD_FLOOR, "meets_floor": store_ratio <= OVERHEAD_FLOOR,
    }
    print(f"store overhead (store time / extraction time): {store_ratio:.2%} (floor {OVERHEAD_FLOOR:.0%}: "
          f"{'meets it' if result['meets_floor'] else 'ABOVE it'}); end to end, ingest vs JSONL: {end_to_end:+.2%}; "
          f"{result['ingest_articles_per_s']} articles/s")
    return result


# -- memory and time per batch -------------------------------------------------------------

def ingest_child(source: str, db: str, out: str, attribution: str) -> None:
    """(In a subprocess) ingest `source` into `db`; write when each batch committed, and the
    seconds spent in the store by then, to `out`."""
    from quotegraph.config import Options
    from quotegraph.readers import read_inputs

    stamps: list[tuple[float, float]] = []
    store = open_store(db)
    try:
        summary = Ingester(store, batch_size=BATCH_SIZE, options=Options(attribution=attribution),
                           on_batch=lambda done: stamps.append((time.perf_counter(), done.store_seconds))
                           ).run(read_inputs([source]))
    finally:
        store.close()
    Path(out).write_text(json.dumps({"stamps": stamps, "summary": summary.to_dict()}), encoding="utf-8")


def ingest_run(count: int, workdir: Path, attribution: str, varied: bool = False) -> dict:
    """Peak RSS (MiB), seconds and batch times of an ingest subprocess over `count` short articles."""
    source = workdir / f"news-{count}.jsonl"
    with source.open("w", encoding="utf-8") as stream:
        for row in synthetic_articles(count, varied=varied):
            stream.write(json.dumps(row) + "\n")
    out = workdir / f"batches-{count}.json"
    command = [sys.executable, __file__, "--child", str(source), str(workdir / f"mem-{count}.db"), str(out),
               "--attribution", attribution]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    err = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ingest of {count} articles failed: {err}")
    data = json.loads(out.read_text(encoding="utf-8"))
    summary, stamps = data["summary"], data["stamps"]
    assert summary["added"] == count, summary
    rss = usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux
    print(f"  {count:>7,} articles: peak RSS {rss:.0f} MiB in {seconds:.0f}s, {len(stamps)} batches, "
          f"{summary['quotes']} quotes")
    return {"rss": rss, "seconds": seconds,
            "batch_seconds": [b[0] - a[0] for a, b in zip(stamps, stamps[1:])],
            "store_seconds": [b[1] - a[1] for a, b in zip(stamps, stamps[1:])]}


def batch_drift(batch_seconds: list[float]) -> tuple[float, float, int]:
    """(median s per batch at the start, at the end, batches in each window): the first and the
    last 5% of the batches (at least 20), the first batch (loading the pipeline) left out."""
    window = max(20, len(batch_seconds) // 20)
    return statistics.median(batch_seconds[:window]), statistics.median(batch_seconds[-window:]), window


def memory(small: int, large: int, attribution: str, varied: bool = False) -> dict:
    print(f"memory: peak RSS of ingest subprocesses, {small:,} vs {large:,} short synthetic articles "
          f"(attribution: {attribution}{', varied' if varied else ''}); time per batch of {BATCH_SIZE} at the start and the end of the large run")
    with tempfile.TemporaryDirectory() as tmp:
        small_run = ingest_run(small, Path(tmp), attribution, varied)
        large_run = ingest_run(large, Path(tmp), attribution, varied)
    ratio = large_run["rss"] / small_run["rss"]
    first, last, window = batch_drift(large_run["batch_seconds"])
    store_first, store_last, _ = batch_drift(large_run["store_seconds"])
    drift = last / first
    result = {"small": small, "large": large, "attribution": attribution, "varied": varied, "batch_size": BATCH_SIZE,
              "small_peak_rss_mib": round(small_run["rss"], 1), "large_peak_rss_mib": round(large_run["rss"], 1),
              "ratio": round(ratio, 3), "small_s": round(small_run["seconds"], 1),
              "large_s": round(large_run["seconds"], 1), "floor": MEMORY_FLOOR,
              "batch_window": window, "first_batch_s": round(first, 4), "last_batch_s": round(last, 4),
              "first_batch_store_s": round(store_first, 4), "last_batch_store_s": round(store_last, 4),
              "batch_time_ratio": round(drift, 3), "batch_time_floor": BATCH_TIME_FLOOR,
              "meets_floor": ratio <= MEMORY_FLOOR and drift <= BATCH_TIME_FLOOR}
    print(f"peak memory ratio {large:,} / {small:,} articles: {ratio:.2f}x (floor {MEMORY_FLOOR}x); "
          f"time per batch, last {window} / first {window} batches of the {large:,} run: "
          f"{last * 1000:.1f} / {first * 1000:.1f} ms = {drift:.2f}x (floor {BATCH_TIME_FLOOR}x): "
          f"{'meets both' if result['meets_floor'] else 'ABOVE a floor'}; of which in the store "
          f"{store_last * 1000:.1f} / {store_first * 1000:.1f} ms")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["overhead", "memory"], help="run one of the two measurements")
    parser.add_argument("--data", help="data folder holding polnear/dev (default: $QUOTEGRAPH_DATA or ../shared/data)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N PolNeAR dev articles")
    parser.add_argument("--synthetic", type=int, default=None,
                        help="time N synthetic articles instead of PolNeAR (the default where it is absent: 300)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--db", help="a PostgreSQL URL to time the overhead on (emptied!) instead of a SQLite file")
    parser.add_argument("--small", type=int, default=1000, help="articles of the small memory run (default 1,000)")
    parser.add_argument("--articles", "--large", dest="large", type=int, default=100_000,
                        help="articles of the large memory run (default 100,000)")
    parser.add_argument("--attribution", choices=["model", "rules"], default="model",
                        help="attribution engine of the memory runs (rules: faster, the store's work the same)")
    parser.add_argument("--varied", action="store_true",
                        help="memory runs over a year of dates, two sites and bare surnames (person linking's evidence)")
    parser.add_argument("--child", nargs=3, metavar=("SOURCE", "DB", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--check", action="store_true", help="exit 1 when a floor is not met")
    args = parser.parse_args(argv)
    if args.child:
        ingest_child(*args.child, attribution=args.attribution)
        return 0

    result: dict = {"benchmark": "ingest", "quotegraph_version": quotegraph.__version__,
                    "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count()}
    if args.only in (None, "overhead"):
        rows = None if args.synthetic else polnear_articles(args.data, args.limit)
        label = "PolNeAR dev"
        if rows is None:
            rows, label = list(synthetic_articles(args.synthetic or 300, long=True)), "synthetic"
        result["overhead"] = overhead(rows, label, args.repeat, args.db)
    if args.only in (None, "memory"):
        result["memory"] = memory(args.small, args.large, args.attribution, args.varied)
    print(json.dumps(result))
    failed = [name for name in ("overhead", "memory") if name in result and not result[name]["meets_floor"]]
    if args.check and failed:
        print(f"FAIL: {', '.join(failed)} above the floor", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
