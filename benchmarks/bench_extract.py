"""How much quotegraph costs on top of the spaCy pipeline it runs in.

Times `quotegraph.extract_many(texts, batch_size=16)` against bare
`nlp.pipe(texts, batch_size=16)` of the same spaCy pipeline without quotegraph's
components, on PolNeAR dev texts, in one process: a warm-up of both first, then
interleaved repeats (alternating which goes first), reporting medians.

    .venv/bin/python benchmarks/bench_extract.py [--limit N] [--repeat R] [--data DIR] [--attribution rules]

ratio = bare median time / quotegraph median time = quotegraph's throughput as a fraction
of the bare pipeline's (1.0: free; the floors: 0.8 with the rules, 0.5 with the trained
attribution model). The last line printed is
one JSON object. Informational: exits 0 unless --min-ratio is given and not met.
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import sys
import time

import spacy
from dev_texts import DATA_HELP, dev_texts

import quotegraph
from quotegraph.config import Options
from quotegraph.pipeline.nlp import load_pipeline

BATCH_SIZE = 16
# From the issues: quotegraph keeps >= 80% of the bare pipeline's throughput with the rules,
# >= 50% with the trained attribution model (a transformer over every word piece).
RATIO_FLOORS = {"rules": 0.8, "model": 0.5}


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


# CPU time of the process beside wall time: on a machine shared with other jobs, wall time
# counts the time they take too; spaCy, the tokenizer and ONNX Runtime (one thread) all run
# in this process's one thread.
CPU_TIMES: dict[str, list[float]] = {"bare": [], "ours": []}


def run_ours(texts: list[str], options: Options) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    for _ in quotegraph.extract_many(texts, batch_size=BATCH_SIZE, options=options):
        pass
    CPU_TIMES["ours"].append(time.process_time() - cpu)
    return time.perf_counter() - start


def run_bare(nlp, texts: list[str]) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    CPU_TIMES["bare"].append(time.process_time() - cpu)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help=DATA_HELP)
    parser.add_argument("--limit", type=int, default=None, help="only the first N dev articles")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--attribution", choices=sorted(RATIO_FLOORS), default=None,
                        help="model or rules [default: $QUOTEGRAPH_ATTRIBUTION or model]")
    parser.add_argument("--min-ratio", type=float, default=None,
                        help="exit 1 when the ratio is below this")
    args = parser.parse_args(argv)
    options = Options(attribution=args.attribution) if args.attribution else Options()
    floor = RATIO_FLOORS[options.attribution]

    texts = dev_texts(args.data, args.limit)
    if texts is None:
        print(json.dumps({"benchmark": "extract_many_vs_bare_pipe", "skipped": True}))
        return 0
    if not texts:
        print("SKIP: no texts to time")
        return 0
    chars = sum(len(t) for t in texts)
    model = options.model

    bare_nlp = spacy.load(model)  # the same pipeline, without quotegraph's components
    ours_nlp = load_pipeline(model, options.attribution)  # what extract_many uses (cached)
    extra = [name for name in ours_nlp.pipe_names if name not in bare_nlp.pipe_names]
    print(f"{len(texts)} PolNeAR dev articles, {chars:,} characters; model {model}; "
          f"attribution {options.attribution}; "
          f"bare pipes {bare_nlp.pipe_names}; quotegraph adds {extra}")

    warm = texts[: min(len(texts), 2 * BATCH_SIZE)]
    run_bare(bare_nlp, warm)
    run_ours(warm, options)

    bare_times, our_times = [], []
    CPU_TIMES["bare"].clear()
    CPU_TIMES["ours"].clear()
    for i in range(args.repeat):
        if i % 2 == 0:
            bare_times.append(run_bare(bare_nlp, texts))
            our_times.append(run_ours(texts, options))
        else:
            our_times.append(run_ours(texts, options))
            bare_times.append(run_bare(bare_nlp, texts))
        print(f"  run {i + 1}: bare {bare_times[-1]:.2f}s  quotegraph {our_times[-1]:.2f}s  "
              f"(CPU: bare {CPU_TIMES['bare'][-1]:.2f}s  quotegraph {CPU_TIMES['ours'][-1]:.2f}s)")

    bare, ours = statistics.median(bare_times), statistics.median(our_times)
    ratio = bare / ours if ours else float("inf")
    # Each repeat times both back to back, so a per-pair ratio cancels slow drifts in load.
    paired = statistics.median(b / o for b, o in zip(bare_times, our_times) if o)
    bare_cpu, ours_cpu = statistics.median(CPU_TIMES["bare"]), statistics.median(CPU_TIMES["ours"])
    cpu_ratio = bare_cpu / ours_cpu if ours_cpu else float("inf")
    result = {
        "benchmark": "extract_many_vs_bare_pipe",
        "articles": len(texts), "chars": chars, "batch_size": BATCH_SIZE, "repeat": args.repeat,
        "model": model, "attribution": options.attribution, "quotegraph_version": quotegraph.__version__, "spacy_version": spacy.__version__,
        "python": platform.python_version(), "machine": platform.machine(),
        "bare_median_s": round(bare, 3), "quotegraph_median_s": round(ours, 3),
        "bare_articles_per_s": round(len(texts) / bare, 2), "quotegraph_articles_per_s": round(len(texts) / ours, 2),
        "quotegraph_chars_per_s": round(chars / ours), "ratio": round(ratio, 3),
        "paired_ratio_median": round(paired, 3), "ratio_floor": floor,
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "bare_median_cpu_s": round(bare_cpu, 3), "quotegraph_median_cpu_s": round(ours_cpu, 3),
        "cpu_ratio": round(cpu_ratio, 3),
    }
    print(f"bare nlp.pipe:         median {bare:.2f}s  {result['bare_articles_per_s']:.1f} articles/s")
    print(f"quotegraph.extract_many: median {ours:.2f}s  {result['quotegraph_articles_per_s']:.1f} articles/s")
    print(f"throughput ratio (bare time / quotegraph time): {ratio:.3f}  (floor {floor}: "
          f"{'meets it' if ratio >= floor else 'BELOW it'}); median of per-repeat ratios {paired:.3f}")
    print(f"CPU time: bare median {bare_cpu:.2f}s, quotegraph median {ours_cpu:.2f}s; "
          f"CPU-time ratio {cpu_ratio:.3f}")
    print(f"peak RSS: {result['peak_rss_mib']:.0f} MiB (both pipelines loaded)")
    print(json.dumps(result))
    if args.min_ratio is not None and ratio < args.min_ratio:
        print(f"FAIL: ratio {ratio:.3f} < {args.min_ratio}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
