"""Throughput of `extract_many(n_process=2)` against one process, same articles, same records.

Times `quotegraph.extract_many(texts, n_process=N, batch_size=16)` for N = 1 and N = 2
(default; `--processes`) on PolNeAR dev texts (repeated `--copies` times so that each worker
has batches enough to amortise its start), interleaved over `--repeat` runs, wall time, and
checks that every record is the same whichever N made it. The second process's start-up
(loading spaCy and the attribution model) is in its time, as it is in a user's run.

    .venv/bin/python benchmarks/bench_processes.py [--copies 2] [--repeat 2] [--data DIR]

speedup = one process's median time / N processes' median time (issue 26 asks >= 1.7 for
2 processes on 2 cores). The last line printed is one JSON object. Informational: exits 0
unless the records differ (exit 1) or --min-speedup is given and not met.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

from dev_texts import DATA_HELP, dev_texts

import quotegraph
from quotegraph.config import Options

BATCH_SIZE = 16


def run(texts: list[str], processes: int, options: Options) -> tuple[float, list[dict]]:
    start = time.perf_counter()
    records = [record.to_dict() for record in quotegraph.extract_many(
        texts, n_process=processes, batch_size=BATCH_SIZE, options=options)]
    return time.perf_counter() - start, records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help=DATA_HELP)
    parser.add_argument("--copies", type=int, default=2, help="times the 84 dev articles are repeated (default 2)")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs of each (default 2)")
    parser.add_argument("--processes", type=int, default=2, help="processes to compare with one (default 2)")
    parser.add_argument("--min-speedup", type=float, default=None, help="exit 1 when the speedup is below this")
    args = parser.parse_args(argv)

    dev = dev_texts(args.data)
    if dev is None:
        print(json.dumps({"benchmark": "extract_many_processes", "skipped": True}))
        return 0
    texts = dev * args.copies
    options = Options()
    print(f"{len(texts)} articles ({args.copies} x PolNeAR dev), {sum(map(len, texts)):,} characters; "
          f"1 vs {args.processes} processes; {os.cpu_count()} CPUs; attribution {options.attribution}")
    run(texts[:BATCH_SIZE], 1, options)  # warm-up: the model loaded in this process

    times: dict[int, list[float]] = {1: [], args.processes: []}
    reference: list[dict] | None = None
    same = True
    for i in range(args.repeat):
        for n in ((1, args.processes) if i % 2 == 0 else (args.processes, 1)):
            seconds, records = run(texts, n, options)
            times[n].append(seconds)
            reference = reference if reference is not None else records
            same = same and records == reference
            print(f"  run {i + 1}, {n} process(es): {seconds:.2f}s, {len(texts) / seconds:.2f} articles/s")

    one, many = statistics.median(times[1]), statistics.median(times[args.processes])
    speedup = one / many if many else float("inf")
    print(f"speedup with {args.processes} processes: {speedup:.2f}x; records identical: {same}")
    print(json.dumps({"benchmark": "extract_many_processes", "articles": len(texts), "processes": args.processes,
                      "cpus": os.cpu_count(), "repeat": args.repeat, "one_median_s": round(one, 2),
                      "many_median_s": round(many, 2), "speedup": round(speedup, 3), "records_identical": same}))
    if not same:
        return 1
    return 1 if args.min_speedup is not None and speedup < args.min_speedup else 0


if __name__ == "__main__":
    sys.exit(main())
