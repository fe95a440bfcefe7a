"""What the sources report (`quotegraph sources`, /sources) costs on a realistic store.

Times `quotegraph.store.sources.sources_report` on the store at --db (a copy: opening it
migrates it to the current schema) grouped by outlet, by month, by both, and by outlet with
a full-text search, --repeat times each, against the bare count of the same
statements (`SELECT count(*) FROM quotes WHERE ...`, the same filters): the **ratio**
report / bare count is what the report costs beyond finding its statements (grouping,
outlets, distinct speakers, gender and source type, the per-row filters). Medians of interleaved runs; the last line is one JSON object.

    cp /work/tmp/bench/web20k.db /tmp/web20k.db
    .venv/bin/python benchmarks/bench_sources.py --db /tmp/web20k.db --repeat 7
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any, Callable

import sqlalchemy as sa

from quotegraph.config import DEFAULT_MIN_CONFIDENCE
from quotegraph.store import open_store, schema
from quotegraph.store.sources import SourceFilters, sources_report

CASES: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "outlet": (("outlet",), {}),
    "month": (("month",), {}),
    "outlet,month": (("outlet", "month"), {}),
    "outlet+search": (("outlet",), {"search": "hielor"}),
}


def bare_count(connection: sa.Connection, filters: SourceFilters) -> int:
    """How many statements the report counts, nothing else."""
    statement = sa.select(sa.func.count()).select_from(schema.quotes).where(*filters.conditions(connection.dialect.name))
    return connection.execute(statement).scalar_one()


def timed(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a COPY of a store (it is migrated)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    store = open_store(str(args.db))
    results: dict[str, Any] = {}
    try:
        with store.read() as connection:
            quotes = connection.scalar(sa.select(sa.func.count()).select_from(schema.quotes))
            for name, (by, extra) in CASES.items():
                filters = SourceFilters(min_confidence=DEFAULT_MIN_CONFIDENCE, **extra)
                report_times, bare_times = [], []
                rows = len(sources_report(connection, filters, by)["rows"])  # warm up
                bare_count(connection, filters)
                for turn in range(args.repeat):
                    pair = [lambda: sources_report(connection, filters, by), lambda: bare_count(connection, filters)]
                    first, second = timed(pair[turn % 2]), timed(pair[1 - turn % 2])
                    report_times.append(first if turn % 2 == 0 else second)
                    bare_times.append(second if turn % 2 == 0 else first)
                report_s, bare_s = statistics.median(report_times), statistics.median(bare_times)
                results[name] = {"rows": rows, "report_s": round(report_s, 4), "bare_count_s": round(bare_s, 4),
                                 "ratio": round(report_s / bare_s, 2)}
                print(f"{name:14} rows {rows:5}  report {report_s * 1000:8.1f} ms  bare count {bare_s * 1000:7.1f} ms"
                      f"  ratio {report_s / bare_s:5.2f}")
    finally:
        store.close()
    print(json.dumps({"quotes": quotes, "repeat": args.repeat, "cases": results}))


if __name__ == "__main__":
    main()
