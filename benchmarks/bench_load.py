"""Link + load throughput: `quotegraph load` of the Spark job's Parquet records against
`quotegraph ingest` of the same records (today's path), extraction excluded.

    .venv/bin/python benchmarks/bench_load.py                          # SQLite: 20,000 articles loaded, 1,000 ingested
    .venv/bin/python benchmarks/bench_load.py --articles 100000 --ingest-articles 2000
    .venv/bin/python benchmarks/bench_load.py --db postgresql://user@host:5432/db   # PostgreSQL (emptied first)

The records: PolNeAR dev extracted once with `extract_many` (from --data, $QUOTEGRAPH_DATA
or ../shared/data; made-up articles from bench_ingest where absent), replicated to
--articles under new ids and URLs (new article keys), each copy's persons renamed to
one of --persons-per-name surname variants, so that surname blocks grow with the corpus
as real ones do rather than into one block per name; written as Parquet part files of
--part-size rows, as the job writes them (the PolNeAR texts stay in the temporary folder).

Both commands run as subprocesses into fresh stores on the same records, ingest over the
first --ingest-articles (it is 10x+ slower; its rate is flat in the corpus size, see
bench_ingest.py's memory run), load over all of them with --workers. The figure is the
ratio of the two rates in articles/s; load's per-stage seconds (scan, link, write, index,
cluster) are printed too. The last line printed is one JSON object. Informational: exits 0.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import synthetic_articles  # noqa: E402

from quotegraph import extract_many  # noqa: E402
from quotegraph.config import Options  # noqa: E402
from quotegraph.eval.gate import find_data  # noqa: E402
from quotegraph.ingest import source_identity  # noqa: E402
from quotegraph.spark.schema import record_to_row, spark_schema  # noqa: E402
from quotegraph.store.write import article_key  # noqa: E402

QUOTEGRAPH = str(Path(sys.executable).with_name("quotegraph"))
LETTERS = "abcdefghij"


def base_records(data: str | None) -> tuple[list[dict], str]:
    root = find_data(data)
    paths = sorted((root / "polnear" / "dev" / "text").glob("*.txt")) if root else []
    if paths:
        articles = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "url": f"https://news.example/{p.stem}",
                     "published": f"2016-{1 + n % 12:02d}-{1 + n % 28:02d}"} for n, p in enumerate(paths)]
        label = f"PolNeAR dev ({len(paths)} articles)"
    else:
        articles = [{**a, "url": f"https://news.example/{a['id']}"} for a in synthetic_articles(200, varied=True)]
        label = "made-up articles (PolNeAR absent)"
    from quotegraph.article import coerce_article

    records = [r.to_dict() for r in extract_many([coerce_article(a, source=a["id"]) for a in articles],
                                                 batch_size=16, options=Options().everything())]
    return records, label


def variant(name: str, copy_number: int, persons_per_name: int) -> str:
    """`name` with its last word made one of `persons_per_name` others ("Lopez" -> "Lopezbc")."""
    suffix = "".join(LETTERS[int(d)] for d in str(copy_number % persons_per_name))
    return f"{name}{suffix}" if name else name


def replicate(record: dict, copy_number: int, persons_per_name: int) -> dict:
    out = copy.deepcopy(record)
    out["id"] = f"{record['id']}#{copy_number}"
    out["url"] = f"{record['url']}/{copy_number}"
    names = {}
    for entity in out["entities"]:
        if entity.get("label") == "PERSON":
            names[entity["name"]] = entity["name"] = variant(entity["name"], copy_number, persons_per_name)
    for quote in out["quotes"]:
        speaker = quote.get("speaker")
        if speaker and speaker.get("name"):
            speaker["name"] = names.get(speaker["name"], speaker["name"])
    return out


def arrow_rows(rows: list[tuple], schema) -> list[dict]:
    """Spark-schema tuples as the nested dicts pyarrow writes."""
    from pyspark.sql import types as T

    def convert(value, kind):
        if value is None:
            return None
        if isinstance(kind, T.StructType):
            return {f.name: convert(v, f.dataType) for f, v in zip(kind.fields, value)}
        if isinstance(kind, T.ArrayType):
            return [convert(v, kind.elementType) for v in value]
        return value
    return [convert(row, schema) for row in rows]


def write_parts(records: list[dict], total: int, part_size: int, persons_per_name: int, folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyspark.sql.pandas.types import to_arrow_schema

    schema = spark_schema()
    arrow_schema = to_arrow_schema(schema)
    folder.mkdir()
    rows, part = [], 0
    for n in range(total):
        record = replicate(records[n % len(records)], n // len(records), persons_per_name)
        key = article_key(source_identity_of(record), record["text"])
        rows.append(record_to_row(record, key=key, input={"file": "bench", "line": None, "position": None}))
        if len(rows) == part_size or n == total - 1:
            pq.write_table(pa.Table.from_pylist(arrow_rows(rows, schema), schema=arrow_schema),
                           folder / f"part-{part:05d}.parquet")
            rows, part = [], part + 1


def source_identity_of(record: dict) -> str:
    from quotegraph.record import Record

    return source_identity(Record.from_dict(record))


def subset(folder: Path, articles: int, part_size: int, out: Path) -> Path:
    out.mkdir()
    for part in sorted(folder.glob("part-*.parquet"))[:max(1, articles // part_size)]:
        (out / part.name).symlink_to(part)
    return out


def timed(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system, worker processes included) and output of a
    command. On a shared machine the CPU seconds are the steadier figure: another job's
    load stretches the wall time, not (much) the CPU time."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(args, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return seconds, cpu, done.stdout.strip()


def fresh(db: str | None, folder: Path, name: str) -> str:
    if db is None:
        return str(folder / f"{name}.db")
    import sqlalchemy as sa

    from quotegraph.store.url import database_url

    engine = sa.create_engine(database_url(db))
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000, help="articles loaded (replicated records)")
    parser.add_argument("--ingest-articles", type=int, default=1_000, help="of those, how many ingest stores")
    parser.add_argument("--part-size", type=int, default=1_000, help="rows per Parquet part file")
    parser.add_argument("--persons-per-name", type=int, default=200,
                        help="surname variants each person of the base records is spread over")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", help="PostgreSQL URL (its public schema is emptied); default: SQLite files")
    parser.add_argument("--data", help="the shared data folder (PolNeAR)")
    parser.add_argument("--records", type=Path,
                        help="keep the replicated records in this folder, and reuse them when it holds "
                             "--articles of them (writing a million takes about 90 minutes here)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        work = Path(tmp)
        records_dir = args.records or work / "records"
        if len(list(records_dir.glob("part-*.parquet"))) * args.part_size == args.articles:
            label = json.loads((records_dir / "_bench.json").read_text())["records"]
            print(f"{args.articles:,} records reused from {records_dir}", flush=True)
        else:
            if records_dir.exists():
                raise SystemExit(f"{records_dir} exists and does not hold {args.articles} records")
            started = time.perf_counter()
            records, label = base_records(args.data)
            print(f"base records: {label}, extracted in {time.perf_counter() - started:.1f}s", flush=True)
            started = time.perf_counter()
            write_parts(records, args.articles, args.part_size, args.persons_per_name, records_dir)
            (records_dir / "_bench.json").write_text(json.dumps({"records": label}))
            print(f"{args.articles:,} records in {args.articles // args.part_size} parts written in "
                  f"{time.perf_counter() - started:.1f}s", flush=True)
        few = subset(records_dir, args.ingest_articles, args.part_size, work / "few")
        ingested = len(list(few.glob("*.parquet"))) * args.part_size

        ingest_s, ingest_cpu, ingest_out = timed([QUOTEGRAPH, "ingest", str(few), "--db", fresh(args.db, work, "ingest")])
        print(f"ingest: {ingest_out}", flush=True)
        load_s, load_cpu, load_out = timed([QUOTEGRAPH, "load", str(records_dir), "--db", fresh(args.db, work, "load"),
                                  "--workers", str(args.workers)])
        print(f"load:   {load_out}", flush=True)
    result = {
        "benchmark": "load", "records": label, "database": "postgresql" if args.db else "sqlite",
        "workers": args.workers, "cpus": os.cpu_count(),
        "ingest_articles": ingested, "ingest_seconds": round(ingest_s, 2),
        "ingest_rate": round(ingested / ingest_s, 1),
        "load_articles": args.articles, "load_seconds": round(load_s, 2), "load_rate": round(args.articles / load_s, 1),
        "ingest_cpu_ms_per_article": round(1000 * ingest_cpu / ingested, 2),
        "load_cpu_ms_per_article": round(1000 * load_cpu / args.articles, 2),
    }
    result["speedup"] = round(result["load_rate"] / result["ingest_rate"], 2)
    result["cpu_speedup"] = round(result["ingest_cpu_ms_per_article"] / result["load_cpu_ms_per_article"], 2)
    print(f"ingest {result['ingest_rate']} articles/s, load {result['load_rate']} articles/s "
          f"(process start-up included): {result['speedup']}x; CPU per article: ingest "
          f"{result['ingest_cpu_ms_per_article']} ms, load {result['load_cpu_ms_per_article']} ms (all processes): "
          f"{result['cpu_speedup']}x")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
