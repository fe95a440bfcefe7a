"""Where extraction time goes: each component and each step inside the attribution model,
per 1,000 words, against spaCy's bare parse of the same texts timed in the same run; and
how it grows with article length and quote density.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_model_profile.py [--repeat R] [--limit N] [--data DIR]
    PYTHONPATH=src .venv/bin/python benchmarks/bench_model_profile.py --markdown   # tables for the README

It runs the real `quotegraph.extract_many` (batch size 16) with timers wrapped around the
functions that do each step (looked up where they are called, so the code timed is the
code shipped); a step's figure is its own time, without the steps it calls. "spaCy
pipeline in extract_many" is what is left of the total: the parse, quotegraph's sentence
starts and the generator's bookkeeping. Every figure is the best of `--repeat` runs (each
run times the bare `nlp.pipe` first, then `extract_many`), which holds up better on a busy
machine than a mean. The growth tables run the same on parts of the dev texts: length and
density terciles, and the dev texts joined in groups (the same words in longer articles).
The last line printed is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import spacy
from dev_texts import dev_texts

import quotegraph
from quotegraph import api
from quotegraph.config import Options
from quotegraph.pipeline import components
from quotegraph.pipeline.nlp import load_pipeline
from quotegraph.quotes import finder
from quotegraph.quotes.model import attribution, encoder, pieces, windows

BATCH_SIZE = 16
# What a figure measures: wall time (perf_counter), or with --cpu the process's CPU time
# (process_time: on a machine shared with other jobs it does not count the time they take;
# spaCy, the tokenizer and ONNX Runtime run in this one thread here).
CLOCK = time.perf_counter

# (label, owner, attribute): the function `owner.attribute` is timed as `label`.
STEPS: list[tuple[str, Any, str]] = [
    ("language check", api, "detect_language"),
    ("record building + reader confidence", api.RecordBuilder, "add"),
    ("record building + reader confidence", api.RecordBuilder, "build"),
    ("record building + reader confidence", api, "shown"),
    ("quotegraph_entities", components.EntityFinder, "run"),
    ("quotegraph_times", components.TimeFinder, "run"),
    ("quotegraph_events", components.EventFinder, "run"),
    ("quotes: after attribution (screening, speakers, kinds)", components.QuoteFinder, "run"),
    ("quotes: rules (candidates, scoring, decoding)", finder, "rule_attributions"),
    ("model: linking and the rest (roles, rules merged)", finder, "model_attributions"),
    ("model: tokenising (encoder tokenizer, rule roles)", attribution, "encode"),
    ("model: features", pieces, "piece_features"),
    ("model: windows (cutting, padding, owners, softmax)", attribution, "tag_probabilities"),
    ("model: windows (cutting, padding, owners, softmax)", windows, "window_batch"),
    ("model: ONNX run", encoder.AttributionModel, "__call__"),
    ("model: decoding (Viterbi, spans)", attribution, "role_spans"),
    ("model: decoding (Viterbi, spans)", attribution, "best_tags"),
    ("model: decoding (Viterbi, spans)", attribution, "decode_tags"),
    ("model: linking and the rest (roles, rules merged)", attribution, "link"),
    ("model: linking and the rest (roles, rules merged)", attribution, "_join_adjacent"),
]
REST = "spaCy pipeline in extract_many (parse, sentence starts, batching)"
ORDER = [REST, "language check", "quotegraph_entities", "quotegraph_times",
         "quotes: rules (candidates, scoring, decoding)",
         "model: tokenising (encoder tokenizer, rule roles)", "model: features",
         "model: windows (cutting, padding, owners, softmax)", "model: ONNX run",
         "model: decoding (Viterbi, spans)", "model: linking and the rest (roles, rules merged)",
         "quotes: after attribution (screening, speakers, kinds)", "quotegraph_events",
         "record building + reader confidence"]


class Profiler:
    """Own time per label: a wrapped call's time less that of wrapped calls inside it."""

    def __init__(self) -> None:
        self.own: dict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()
        self._inner: list[float] = []

    def wrap(self, label: str, function: Callable) -> Callable:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._inner.append(0.0)
            started = CLOCK()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = CLOCK() - started
                inner = self._inner.pop()
                self.own[label] += elapsed - inner
                self.calls[label] += 1
                if self._inner:
                    self._inner[-1] += elapsed
        return timed

    def reset(self) -> None:
        self.own.clear()
        self.calls.clear()


@contextmanager
def instrumented(profiler: Profiler) -> Iterator[None]:
    saved = [(owner, name, owner.__dict__[name]) for _, owner, name in STEPS]
    try:
        for label, owner, name in STEPS:
            setattr(owner, name, profiler.wrap(label, owner.__dict__[name]))
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def profile_once(bare_nlp: Any, texts: list[str], options: Options, profiler: Profiler) -> dict[str, float]:
    """One run: the bare parse, then the instrumented extraction; seconds per label."""
    started = CLOCK()
    for _ in bare_nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    bare = CLOCK() - started
    profiler.reset()
    with instrumented(profiler):
        started = CLOCK()
        for _ in quotegraph.extract_many(texts, batch_size=BATCH_SIZE, options=options):
            pass
        total = CLOCK() - started
    figures = {label: profiler.own.get(label, 0.0) for label in ORDER if label != REST}
    figures[REST] = total - sum(figures.values())
    figures["bare"], figures["total"] = bare, total
    figures["onnx calls"] = profiler.calls["model: ONNX run"]
    return figures


def profile(bare_nlp: Any, texts: list[str], options: Options, repeat: int, profiler: Profiler) -> dict[str, float]:
    runs = [profile_once(bare_nlp, texts, options, profiler) for _ in range(repeat)]
    best = {key: min(run[key] for run in runs) for key in runs[0]}
    best["ratio"] = statistics.median(run["bare"] / run["total"] for run in runs)
    return best


def model_part(figures: dict[str, float]) -> float:
    return sum(v for k, v in figures.items() if k.startswith("model: "))


def terciles(texts: list[str], key: Callable[[int], float]) -> list[list[str]]:
    order = sorted(range(len(texts)), key=key)
    size = len(order)
    return [[texts[i] for i in order[size * n // 3: size * (n + 1) // 3]] for n in range(3)]


def joined(texts: list[str], group: int) -> list[str]:
    return ["\n\n".join(texts[i:i + group]) for i in range(0, len(texts), group)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-growth", action="store_true", help="only the main table")
    parser.add_argument("--markdown", action="store_true", help="print the tables as markdown")
    parser.add_argument("--cpu", action="store_true", help="CPU time of the process instead of wall time")
    args = parser.parse_args(argv)
    global CLOCK
    CLOCK = time.process_time if args.cpu else time.perf_counter
    texts = dev_texts(args.data, args.limit)
    if texts is None:
        return 0
    options = Options()
    bare_nlp = spacy.load(options.model)
    load_pipeline(options.model, options.attribution)
    profiler = Profiler()
    # warm-up, and the quotes each article has (for the density terciles)
    found = [len(r.quotes) for r in quotegraph.extract_many(texts, batch_size=BATCH_SIZE, options=options)]
    list(bare_nlp.pipe(texts[:BATCH_SIZE], batch_size=BATCH_SIZE))

    main_figures = profile(bare_nlp, texts, options, args.repeat, profiler)
    total_words = words(texts)
    per_k = 1000 / total_words
    md = args.markdown
    print(f"{len(texts)} PolNeAR dev articles, {total_words:,} words, {sum(len(t) for t in texts):,} characters; "
          f"model {options.model}; best of {args.repeat} runs; {main_figures['onnx calls']:.0f} ONNX calls; "
          f"{'CPU' if args.cpu else 'wall'} time")
    bare = main_figures["bare"]
    rows = [("bare spaCy parse (baseline, same run)", bare)] + [(label, main_figures[label]) for label in ORDER] \
        + [("all model steps", model_part(main_figures)), ("extract_many, summed", sum(main_figures[k] for k in ORDER)),
           ("extract_many, timed", main_figures["total"])]
    if md:
        print("\n| step | s | ms / 1,000 words | % of bare parse |\n| --- | ---: | ---: | ---: |")
    for label, seconds in rows:
        if md:
            print(f"| {label} | {seconds:.2f} | {seconds * 1000 * per_k:.1f} | {100 * seconds / bare:.1f}% |")
        else:
            print(f"  {label:58s} {seconds:7.2f} s {seconds * 1000 * per_k:8.1f} ms/1k words {100 * seconds / bare:6.1f}%")
    print(f"throughput ratio (bare / extract_many, median of runs): {main_figures['ratio']:.3f}")
    result: dict[str, Any] = {"benchmark": "model_profile", "articles": len(texts), "words": total_words,
                              "repeat": args.repeat, "clock": "cpu" if args.cpu else "wall", "seconds": {k: round(v, 4) for k, v in main_figures.items()}}
    if not args.no_growth:
        counts = [len(t.split()) for t in texts]
        groups = {
            **{f"length tercile {n + 1}": part for n, part in
               enumerate(terciles(texts, lambda i: counts[i]))},
            **{f"quote density tercile {n + 1}": part for n, part in
               enumerate(terciles(texts, lambda i: found[i] / max(1, counts[i])))},
            "dev texts joined by 4": joined(texts, 4),
            "dev texts joined by 12": joined(texts, 12),
        }
        density = {id(t): found[i] * 1000 / max(1, counts[i]) for i, t in enumerate(texts)}
        if md:
            print("\n| texts | articles | words / article | quotes / 1,000 words | bare parse | extract_many | "
                  "model steps | ONNX run | rest of quotegraph | ratio |\n"
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        else:
            print("growth (ms per 1,000 words): texts, articles, words/article, quotes/1k words, bare, extract_many, "
                  "model, ONNX, rest, ratio")
        result["growth"] = {}
        for name, part in groups.items():
            figures = profile(bare_nlp, part, options, args.repeat, profiler)
            k = 1000 / words(part)
            model = model_part(figures)
            rest = figures["total"] - model - figures[REST]
            quote_density = (statistics.mean(density[id(t)] for t in part) if all(id(t) in density for t in part)
                             else sum(found) * 1000 / total_words)
            cells = [figures["bare"] * 1000 * k, figures["total"] * 1000 * k, model * 1000 * k,
                     figures["model: ONNX run"] * 1000 * k, rest * 1000 * k]
            if md:
                print(f"| {name} | {len(part)} | {words(part) / len(part):.0f} | {quote_density:.1f} | "
                      + " | ".join(f"{c:.0f} ms" for c in cells) + f" | {figures['ratio']:.3f} |")
            else:
                print(f"  {name:26s} {len(part):3d} {words(part) / len(part):6.0f} {quote_density:5.1f} "
                      + " ".join(f"{c:7.0f}" for c in cells) + f"  {figures['ratio']:.3f}")
            result["growth"][name] = {"articles": len(part), "words": words(part),
                                      "seconds": {k2: round(v, 4) for k2, v in figures.items()}}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
