"""How quotegraph scales with the number of quotes in one article.

News articles hold tens of quotes, but transcripts, live blogs and hearings hold thousands
in one text, where any step that compares every quote with every other quote takes over.
This times `quotegraph.extract_many` on one synthetic article of N short attributed
statements (no corpus needed) against bare `nlp.pipe` of the same text with the same
spaCy pipeline, in one process, interleaved, medians of `--repeat` runs:

    .venv/bin/python benchmarks/bench_dense.py [--quotes N] [--paragraph-every K] [--repeat R]

ratio = bare median time / quotegraph median time, as in bench_extract.py. With
`--paragraph-every 0` (the default) the article is one paragraph: the worst case for
steps that look within a paragraph. The last line printed is one JSON object.
Informational: exits 0.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import spacy

import quotegraph
from quotegraph.config import Options
from quotegraph.pipeline.nlp import load_pipeline

_STATEMENTS = (
    '"We will act now," said Mayor Jane Doe.',
    'Senator Tom Reed told reporters that the plan was sound.',
    '"The numbers are clear," the minister said on Monday.',
    'According to the agency, prices rose for the third month.',
)


def dense_article(quotes: int, paragraph_every: int) -> str:
    parts = []
    for i in range(quotes):
        parts.append(_STATEMENTS[i % len(_STATEMENTS)])
        parts.append("\n\n" if paragraph_every and (i + 1) % paragraph_every == 0 else " ")
    return "".join(parts).strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=2500, help="statements in the article (default 2500)")
    parser.add_argument("--paragraph-every", type=int, default=0,
                        help="a paragraph break after every K statements (default 0: one paragraph)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (default 3)")
    args = parser.parse_args(argv)
    text = dense_article(args.quotes, args.paragraph_every)
    options = Options()
    bare_nlp = spacy.load(options.model)
    bare_nlp.max_length = max(bare_nlp.max_length, len(text) + 1)
    load_pipeline(options.model, options.attribution)
    print(f"one article of {args.quotes} statements, {len(text):,} characters, "
          f"paragraph break every {args.paragraph_every or 'never'}; model {options.model}; "
          f"attribution {options.attribution}")

    found = 0
    bare_times, our_times = [], []
    for i in range(args.repeat):
        order = ("bare", "ours") if i % 2 == 0 else ("ours", "bare")
        for which in order:
            start = time.perf_counter()
            if which == "bare":
                for _ in bare_nlp.pipe([text], batch_size=16):
                    pass
                bare_times.append(time.perf_counter() - start)
            else:
                records = list(quotegraph.extract_many([text], options=options, batch_size=16))
                our_times.append(time.perf_counter() - start)
                found = len(records[0].quotes)
        print(f"  run {i + 1}: bare {bare_times[-1]:.2f}s  quotegraph {our_times[-1]:.2f}s")

    bare, ours = statistics.median(bare_times), statistics.median(our_times)
    result = {
        "benchmark": "extract_dense_article_vs_bare_pipe", "statements": args.quotes,
        "paragraph_every": args.paragraph_every, "chars": len(text), "repeat": args.repeat,
        "quotes_found": found, "bare_median_s": round(bare, 3), "quotegraph_median_s": round(ours, 3),
        "ms_per_statement": round(1000 * ours / args.quotes, 2), "ratio": round(bare / ours, 3),
        "quotegraph_version": quotegraph.__version__,
    }
    print(f"quotes found: {found}; quotegraph {result['ms_per_statement']} ms per statement; "
          f"throughput ratio (bare time / quotegraph time): {result['ratio']:.3f}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
