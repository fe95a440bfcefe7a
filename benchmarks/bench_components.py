"""Each quotegraph component's cost as a share of the spaCy parse, on the same docs.

Less noisy than `bench_extract.py` on a busy machine: the texts are parsed once by the
bare pipeline (timed), then each quotegraph component runs over the parsed docs (timed
alone); every figure is the best of `--repeat` runs. The ratio printed is
parse / (parse + all components): the throughput share the components leave.

    .venv/bin/python benchmarks/bench_components.py [--limit N] [--repeat R] [--data DIR]
"""
from __future__ import annotations

import argparse
import json
import time

import spacy
from dev_texts import dev_texts

from quotegraph import keys
from quotegraph.config import Options
from quotegraph.pipeline.nlp import COMPONENTS, load_pipeline

BATCH_SIZE = 16


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", default=None, help="the shared data folder [default: $QUOTEGRAPH_DATA or ../shared/data]")
    args = parser.parse_args(argv)
    texts = dev_texts(args.data, args.limit)
    if texts is None:
        return 0
    model = Options().model
    bare = spacy.load(model)
    ours = load_pipeline(model)
    parse = float("inf")
    costs = {name: float("inf") for name in COMPONENTS}
    for _ in range(args.repeat):
        started = time.perf_counter()
        docs = list(bare.pipe(texts, batch_size=BATCH_SIZE))
        parse = min(parse, time.perf_counter() - started)
        for doc in docs:
            doc.user_data[keys.PUBLISHED] = "2016-10-15"  # PolNeAR dev: October 2016
        for name in COMPONENTS:
            component = ours.get_pipe(name)
            started = time.perf_counter()
            for doc in docs:
                component(doc)
            costs[name] = min(costs[name], time.perf_counter() - started)
    total = sum(costs.values())
    print(f"{len(texts)} articles; spaCy parse {parse:.2f} s (best of {args.repeat})")
    for name, cost in costs.items():
        print(f"  {name:22s} {cost:6.3f} s  {100 * cost / parse:5.1f}% of the parse")
    print(f"  {'all components':22s} {total:6.3f} s  {100 * total / parse:5.1f}% of the parse; "
          f"throughput ratio {parse / (parse + total):.3f} (floor 0.8)")
    print(json.dumps({"benchmark": "components_vs_parse", "articles": len(texts), "parse_s": round(parse, 3),
                      "components_s": {k: round(v, 4) for k, v in costs.items()},
                      "ratio": round(parse / (parse + total), 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
