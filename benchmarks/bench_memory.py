"""Peak memory of `quotegraph.extract_many` over a stream of articles (issue 26: flat and
under 450 MiB with the attribution model over 1,000 articles).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_memory.py [--articles 1000] [--data DIR]

Streams `--articles` texts (the PolNeAR dev texts, cycled) through `extract_many`
(batch size 16) in this one process and prints the resident set (VmRSS) and its high-water
mark (VmHWM, from /proc/self/status) after loading and after every pass over the dev texts:
a peak that keeps rising pass after pass would be a leak, a flat one is the working set.
The last line printed is one JSON object.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

from dev_texts import dev_texts

import quotegraph
from quotegraph.config import Options
from quotegraph.pipeline.nlp import load_pipeline
from quotegraph.quotes.model.encoder import load_model


def memory_mib() -> dict[str, float]:
    """VmRSS and VmHWM of this process, in MiB (Linux)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
                  if line.startswith(("VmRSS", "VmHWM")))
    return {name: int(value.split()[0]) / 1024 for name, value in fields.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--data", default=None)
    args = parser.parse_args(argv)
    texts = dev_texts(args.data)
    if texts is None:
        return 0
    options = Options()
    load_pipeline(options.model, options.attribution)
    load_model()
    loaded = memory_mib()
    print(f"loaded: RSS {loaded['VmRSS']:.0f} MiB")
    checkpoints = []
    start = time.process_time()
    stream = itertools.islice(itertools.cycle(texts), args.articles)
    for done, _ in enumerate(quotegraph.extract_many(stream, batch_size=16, options=options), 1):
        if done % len(texts) == 0 or done == args.articles:
            now = memory_mib()
            checkpoints.append({"articles": done, "rss_mib": round(now["VmRSS"], 1), "peak_mib": round(now["VmHWM"], 1)})
            print(f"{done:5d} articles: RSS {now['VmRSS']:.0f} MiB, peak {now['VmHWM']:.0f} MiB, "
                  f"CPU {time.process_time() - start:.0f} s", flush=True)
    print(json.dumps({"benchmark": "memory", "articles": args.articles, "loaded_rss_mib": round(loaded["VmRSS"], 1),
                      "peak_mib": checkpoints[-1]["peak_mib"] if checkpoints else None, "checkpoints": checkpoints}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
