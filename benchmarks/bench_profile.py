"""What the source profile (gender evidence, source type, corpus gender) costs in an ingest.

One process, the same articles (PolNeAR dev texts, or synthetic ones where the data is
absent), `--repeat` ingests into fresh SQLite stores. In each, the time spent in the
profile's own steps is summed by timers wrapped around them: in extraction,
`entities/profile/gender.gender_profile` and the quotation scan it needs (`pipeline/assemble.find_quoted_regions`);
in the store, `store.profiles.article_profile_columns`, `block_entity_ids` and
`refresh_genders`. The figure is that time as a share of the whole ingest (extraction and
store) in the same run, median over repeats. Floor: <= 0.10.

    .venv/bin/python benchmarks/bench_profile.py                 # all 84 dev articles, 3 repeats
    .venv/bin/python benchmarks/bench_profile.py --limit 30 --repeat 5

The last line printed is one JSON object. Informational: exits 0 unless --check is given
and the floor is not met.
"""
from __future__ import annotations

import argparse
import functools
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import quotegraph.pipeline.assemble as assemble
import quotegraph.store.write as store_write
from quotegraph.article import Article
from quotegraph.eval.gate import find_data
from quotegraph.ingest import Ingester
from quotegraph.store import open_store

BATCH_SIZE = 16
FLOOR = 0.10  # profile time <= 10% of ingest time
_SPENT = {"extract": 0.0, "store": 0.0}


def _timed(function: Callable[..., Any], side: str) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _SPENT[side] += time.perf_counter() - start
    return wrapper


def instrument() -> None:
    """Timers around the profile's steps, where their callers look them up."""
    assemble.gender_profile = _timed(assemble.gender_profile, "extract")
    assemble.find_quoted_regions = _timed(assemble.find_quoted_regions, "extract")
    for name in ("article_profile_columns", "block_entity_ids", "refresh_genders"):
        setattr(store_write, name, _timed(getattr(store_write, name), "store"))


def articles(data: str | None, limit: int | None) -> tuple[list[Article], str]:
    root = find_data(data)
    if root is not None:
        paths = sorted((root / "polnear" / "dev" / "text").glob("*.txt"))[:limit]
        if paths:
            return [Article(text=p.read_text(encoding="utf-8"), id=p.stem) for p in paths], "PolNeAR dev"
    names = ["Maria Lopez", "John Smith", "Aisha Khan", "Peter Novak"]
    texts = [f'"The bridge will close on Monday," {names[n % 4]} said. {("She", "He", "She", "He")[n % 4]} added '
             f"that Mr. Novak, a spokesman for the ministry, agreed. Officials said the plan was sound."
             for n in range(limit or 80)]
    return [Article(text=t + f" ({n})", id=f"syn{n}") for n, t in enumerate(texts)], "synthetic"


def one_ingest(rows: list[Article], db: str) -> dict[str, float]:
    _SPENT.update(extract=0.0, store=0.0)
    store = open_store(db)
    try:
        start = time.perf_counter()
        summary = Ingester(store, batch_size=BATCH_SIZE).run(rows)
        total = time.perf_counter() - start
    finally:
        store.close()
    assert summary.added == len(rows), summary
    return {"total": total, "profile_extract": _SPENT["extract"], "profile_store": _SPENT["store"],
            "share": (_SPENT["extract"] + _SPENT["store"]) / total}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="the shared data folder [default: $QUOTEGRAPH_DATA or ../shared/data]")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help=f"exit 1 when the share is above {FLOOR}")
    args = parser.parse_args()
    rows, label = articles(args.data, args.limit)
    instrument()
    print(f"profile overhead: {len(rows)} {label} articles, batch size {BATCH_SIZE}, SQLite")
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        one_ingest(rows[:BATCH_SIZE], str(Path(tmp) / "warm.db"))  # loads the pipeline
        for n in range(args.repeat):
            run = one_ingest(rows, str(Path(tmp) / f"bench-{n}.db"))
            runs.append(run)
            print(f"  repeat {n + 1}: ingest {run['total']:.2f} s, profile {run['profile_extract']:.3f} s in "
                  f"extraction + {run['profile_store']:.3f} s in the store = {run['share']:.2%}")
    share = statistics.median(r["share"] for r in runs)
    print(f"median share of ingest time in the profile: {share:.2%} (floor {FLOOR:.0%})")
    print(json.dumps({"articles": len(rows), "data": label, "runs": runs, "median_share": share, "floor": FLOOR}))
    return 1 if args.check and share > FLOOR else 0


if __name__ == "__main__":
    sys.exit(main())
