"""Query latency on a large SQLite store: a speaker query and a full-text query, p50 and p95.

Builds (once, then reuses: --db, default /tmp/quotegraph-bench-query.db) a store of
--quotes synthetic quotes (default 1,000,000) in --articles articles, inserted in bulk
through the schema (migrations run, FTS5 triggers fire, so the store is what ingest
would leave): speakers drawn from a Zipf-like distribution over --speakers persons (a
few are quoted tens of thousands of times, most a handful), contents drawn from a
Zipf-like vocabulary of 5,000 words, publication dates over five years.

Then times `quotegraph.store.queries.find_quotes` (the function `quotegraph quotes`
calls, with its default --limit 50) --repeat times each, with varied arguments:

  speaker    --speaker NAME: full names drawn by how often they are quoted (the
             busiest speakers dominate, which is the hard case), a quarter of them with
             an honorific, some surnames alone
  fulltext   --search QUERY: one or two words drawn from the vocabulary by frequency,
             some "phrases", some with -word

Floor (issue 5): p95 < 100 ms for both. The last line printed is one JSON object;
--check exits 1 when a floor is not met.

    .venv/bin/python benchmarks/bench_query.py                  # build once (minutes), then measure
    .venv/bin/python benchmarks/bench_query.py --repeat 500 --check
    .venv/bin/python benchmarks/bench_query.py --rebuild        # a fresh store
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import statistics
import sys
import time
from pathlib import Path

from quotegraph.entities.names import name_key
from quotegraph.store import open_store, schema
from quotegraph.store.queries import find_quotes

FLOOR_MS = 100.0
SEED = 20260521
FIRST = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan "
         "Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Sandra "
         "Mark Ashley Donald Kimberly Steven Emily Andrew Donna Paul Michelle Joshua Carol Kenneth Amanda Kevin "
         "Melissa Brian Deborah George Stephanie Timothy Rebecca Ronald Laura Jason Helen Edward Sharon Jeffrey "
         "Cynthia Ryan Kathleen Jacob Amy Gary Shirley Nicholas Angela Eric Anna Jonathan Ruth Stephen Brenda "
         "Larry Pamela Justin Nicole Scott Katherine Brandon Samantha Benjamin Christine Samuel Emma Gregory "
         "Catherine Alexander Debra Frank Virginia Patrick Rachel Raymond Carolyn Jack Janet Dennis Maria").split()
SYLLABLES = "ka lo mi ne ra to su vi de an el or is un ba co fe gu hi jo".split()
HONORIFICS = ("President", "Senator", "Minister", "Dr.", "Mr.", "Ms.", "Governor")


def _surnames(count: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(names)


def _zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return [1.0 / (rank ** s) for rank in range(1, n + 1)]


def _cumulative(weights: list[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def build(path: Path, *, quotes: int, articles: int, speakers: int) -> None:
    """A store at `path` with `quotes` synthetic quotes (see the module's docstring)."""
    rng = random.Random(SEED)
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = open_store(str(path))
    now = dt.datetime.now(dt.timezone.utc)
    vocabulary = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(8000)})[:5000]
    rng.shuffle(vocabulary)
    word_cum = _cumulative(_zipf_weights(len(vocabulary)))
    surnames = _surnames(max(speakers // 4, 10), rng)
    people = sorted({f"{rng.choice(FIRST)} {rng.choice(surnames)}" for _ in range(speakers * 2)})[:speakers]
    rng.shuffle(people)
    speaker_cum = _cumulative(_zipf_weights(len(people)))
    start_day = dt.date(2021, 1, 1)
    started = time.perf_counter()
    with store.write() as connection:
        run_id = connection.execute(schema.runs.insert().returning(schema.runs.c.id), {
            "started": now, "quotegraph_version": "bench", "spacy_version": "bench", "model_name": "synthetic",
            "command": "bench"}).scalar_one()
        entity_ids = list(connection.scalars(schema.entities.insert().returning(
            schema.entities.c.id, sort_by_parameter_order=True), [
            {"name": name, "norm_name": name.lower(), "label": "PERSON", "merge_key": f"PERSON:{name.lower()}",
             "name_key": name_key(name, "PERSON"), "surname": name.split()[-1].lower(),
             "anonymous": False, "collective": False, "run_id": run_id, "created": now} for name in people]))
    per_article = max(quotes // articles, 1)
    chunk = 2000  # articles per transaction
    made = 0
    article_no = 0
    while made < quotes:
        with store.write() as connection:
            rows = []
            for _ in range(chunk):
                if made + len(rows) * per_article >= quotes:
                    break
                article_no += 1
                rows.append({"key": f"{article_no:064x}", "source": f"https://news.example/{article_no}",
                             "external_id": f"a{article_no}", "title": f"Article {article_no}",
                             "url": f"https://news.example/{article_no}",
                             "published": start_day + dt.timedelta(days=rng.randrange(5 * 365)),
                             "text": "Synthetic article.", "run_id": run_id, "created": now})
            if not rows:
                break
            ids = list(connection.scalars(schema.articles.insert().returning(
                schema.articles.c.id, sort_by_parameter_order=True), rows))
            quote_rows = []
            for article_id, article in zip(ids, rows):
                for number in range(per_article):
                    if made + len(quote_rows) >= quotes:
                        break
                    who = rng.choices(range(len(people)), cum_weights=speaker_cum)[0]
                    words = rng.choices(vocabulary, cum_weights=word_cum, k=rng.randint(8, 30))
                    content = " ".join(words).capitalize() + "."
                    quote_rows.append({
                        "article_id": article_id, "local_id": f"q{number}", "type": "direct", "content": content,
                        "start": 0, "end": len(content), "speaker_name": people[who],
                        "speaker_entity_id": entity_ids[who], "confidence": 0.9, "run_id": run_id,
                        "published": article["published"]})
            connection.execute(schema.quotes.insert(), quote_rows)
            made += len(quote_rows)
        print(f"\rbuilding: {made:,} quotes", end="", file=sys.stderr, flush=True)
    with store.write() as connection:
        connection.exec_driver_sql("ANALYZE")
    store.close()
    print(f"\rbuilt {made:,} quotes in {article_no:,} articles in {time.perf_counter() - started:.0f}s -> {path}",
          file=sys.stderr)
    meta = {"quotes": made, "articles": article_no, "speakers": len(people), "seed": SEED,
            "vocabulary": vocabulary[:2000], "people": people}
    Path(str(path) + ".json").write_text(json.dumps(meta))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def speaker_queries(meta: dict, count: int, rng: random.Random) -> list[dict]:
    people = meta["people"]
    cum = _cumulative(_zipf_weights(len(people)))
    out = []
    for _ in range(count):
        name = rng.choices(people, cum_weights=cum)[0]
        roll = rng.random()
        if roll < 0.25:
            name = f"{rng.choice(HONORIFICS)} {name}"
        elif roll < 0.35:
            name = name.split()[-1]  # a surname alone: every person with it
        out.append({"speaker": name})
    return out


def fulltext_queries(meta: dict, count: int, rng: random.Random) -> list[dict]:
    words = meta["vocabulary"]
    cum = _cumulative(_zipf_weights(len(words), 0.8))
    out = []
    for _ in range(count):
        a, b = rng.choices(words, cum_weights=cum, k=2)
        roll = rng.random()
        if roll < 0.4:
            query = a
        elif roll < 0.7:
            query = f"{a} {b}"
        elif roll < 0.85:
            query = f'"{a} {b}"'
        else:
            query = f"{a} -{b}"
        out.append({"search": query})
    return out


def measure(store_path: Path, name: str, arguments: list[dict], limit: int) -> dict:
    store = open_store(str(store_path))
    times, found = [], []
    try:
        with store.read() as connection:
            for kwargs in arguments[:5]:  # warm the page cache
                find_quotes(connection, limit=limit, **kwargs)
            for kwargs in arguments:
                started = time.perf_counter()
                rows = find_quotes(connection, limit=limit, **kwargs)
                times.append((time.perf_counter() - started) * 1000)
                found.append(len(rows))
    finally:
        store.close()
    slowest = max(range(len(times)), key=times.__getitem__)
    return {"query": name, "repeats": len(times), "p50_ms": round(percentile(times, 50), 2),
            "p95_ms": round(percentile(times, 95), 2), "max_ms": round(max(times), 2),
            "mean_rows": round(statistics.mean(found), 1), "slowest": arguments[slowest]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/quotegraph-bench-query.db"))
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--speakers", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=300, help="Queries timed per kind.")
    parser.add_argument("--limit", type=int, default=50, help="Rows per query (quotegraph quotes --limit).")
    parser.add_argument("--rebuild", action="store_true", help="Build the store again even if cached.")
    parser.add_argument("--check", action="store_true", help="Exit 1 when a p95 is not under the floor.")
    args = parser.parse_args(argv)

    meta_path = Path(str(args.db) + ".json")
    meta = json.loads(meta_path.read_text()) if meta_path.exists() and args.db.exists() else None
    if args.rebuild or meta is None or meta["quotes"] != args.quotes:
        build(args.db, quotes=args.quotes, articles=args.articles, speakers=args.speakers)
        meta = json.loads(meta_path.read_text())
    else:
        print(f"reusing {args.db} ({meta['quotes']:,} quotes; --rebuild to build it again)", file=sys.stderr)
    rng = random.Random(SEED + 1)
    results = [measure(args.db, "speaker", speaker_queries(meta, args.repeat, rng), args.limit),
               measure(args.db, "fulltext", fulltext_queries(meta, args.repeat, rng), args.limit)]
    for result in results:
        verdict = "ok" if result["p95_ms"] < FLOOR_MS else "ABOVE FLOOR"
        print(f"{result['query']:<9} p50 {result['p50_ms']:7.2f} ms  p95 {result['p95_ms']:7.2f} ms  "
              f"max {result['max_ms']:7.2f} ms  ({result['repeats']} queries, {result['mean_rows']} rows on "
              f"average; floor p95 < {FLOOR_MS:.0f} ms: {verdict})")
    summary = {"store": str(args.db), "quotes": meta["quotes"], "articles": meta["articles"],
               "speakers": meta["speakers"], "limit": args.limit, "floor_ms": FLOOR_MS, "results": results}
    print(json.dumps(summary))
    if args.check and any(result["p95_ms"] >= FLOOR_MS for result in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
