"""Cross-article person linking on PolNeAR train: what it changes, and what it costs.

Three steps, so that the code before and after linking can be compared on the same records:

  extract   PolNeAR train texts (publication date and publisher from metadata.tsv; the
            publisher becomes the URL's site) through `extract_many`, timed, written to a
            JSON Lines file of records (outside the repository: corpus-derived data).
  ingest    the records into a fresh store with `write_batch`, BATCH articles a
            transaction, timed, and the time spent regrouping persons (store/linking.py)
            timed inside it. Run it with PYTHONPATH pointing at another checkout (e.g.
            main, before linking) to build the "before" store; the linking time is then 0.
  measure   on a store (read without migrating it): the share of quotes whose speaker is
            a bare surname while a person of that surname is named in full in the store,
            and the ten most-quoted speakers.

    python benchmarks/bench_linking.py extract --records /tmp/polnear-train.jsonl
    python benchmarks/bench_linking.py ingest --records /tmp/polnear-train.jsonl --db /tmp/after.db
    PYTHONPATH=../main/src python benchmarks/bench_linking.py ingest --records ... --db /tmp/before.db
    python benchmarks/bench_linking.py measure --db /tmp/before.db --db /tmp/after.db
    python benchmarks/bench_linking.py ingest --records ... --db /tmp/reversed.db --reverse
    python benchmarks/bench_linking.py compare --db /tmp/after.db --db /tmp/reversed.db

The linking's cost is reported as a ratio within one run: linking time over the rest of
ingest (extraction, from the extract step's timing, plus the store without linking).
Floor: <= 0.10. Each step prints one JSON object last.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

BATCH = 16


def _train(data: Path) -> list[dict]:
    with (data / "metadata.tsv").open(encoding="utf-8") as stream:
        meta = {row["filename"]: row for row in csv.DictReader(stream, delimiter="\t") if row["compartment"] == "train"}
    rows = []
    for path in sorted((data / "train" / "text").glob("*.txt")):
        info = meta.get(path.stem, {})
        rows.append({"id": path.stem, "text": path.read_text(encoding="utf-8"),
                     "published": info.get("publication_date") or None,
                     "url": f"https://{info.get('publisher') or 'unknown'}.example/{path.stem}"})
    return rows


def extract(args: argparse.Namespace) -> dict:
    import quotegraph
    from quotegraph.config import Options
    from quotegraph.writers import write_jsonl

    rows = _train(Path(args.data))[:args.limit]
    options = Options(attribution=args.attribution) if args.attribution else None
    start = time.perf_counter()
    with open(args.records, "w", encoding="utf-8") as stream:
        count = write_jsonl(quotegraph.extract_many(rows, batch_size=BATCH, options=options), stream)
    seconds = time.perf_counter() - start
    Path(args.records + ".timing.json").write_text(json.dumps({"articles": count, "extract_s": seconds}))
    return {"articles": count, "extract_s": round(seconds, 2), "attribution": args.attribution or "default"}


def ingest(args: argparse.Namespace) -> dict:
    import datetime as dt

    import sqlalchemy as sa

    import quotegraph.store.write as write
    from quotegraph.record import Record
    from quotegraph.store import open_store

    linking = {"s": 0.0}
    if hasattr(write, "link_persons"):  # after: time the regrouping inside the writer
        inner = write.link_persons

        def timed(*a, **k):  # noqa: ANN002, ANN003, ANN202
            start = time.perf_counter()
            try:
                return inner(*a, **k)
            finally:
                linking["s"] += time.perf_counter() - start

        write.link_persons = timed
    with open(args.records, encoding="utf-8") as stream:
        records = [Record.from_dict(json.loads(line)) for line in stream]
    if args.reverse:
        records.reverse()
    store = open_store(args.db)
    try:
        with store.write() as connection:
            run_id = connection.execute(sa.text(
                "INSERT INTO runs (started, quotegraph_version, spacy_version, model_name) "
                "VALUES (:now, 'bench', 'bench', 'bench') RETURNING id"),
                {"now": dt.datetime.now(dt.timezone.utc)}).scalar_one()
        start = time.perf_counter()
        for first in range(0, len(records), BATCH):
            batch = [write.NewArticle(write.article_key(r.url or r.id or "", r.text), r.url or r.id or "", r)
                     for r in records[first:first + BATCH] if not r.error]
            with store.write() as connection:
                write.write_batch(connection, run_id, batch)
        store_s = time.perf_counter() - start
    finally:
        store.close()
    timing = Path(args.records + ".timing.json")
    extract_s = json.loads(timing.read_text())["extract_s"] if timing.exists() else None
    out = {"articles": len(records), "store_s": round(store_s, 2), "linking_s": round(linking["s"], 2),
           "extract_s": round(extract_s, 2) if extract_s else None}
    if extract_s:
        out["linking_ratio"] = round(linking["s"] / (extract_s + store_s - linking["s"]), 4)
    return out


def measure_store(db: str) -> dict:
    """Bare-surname share and top ten, read with plain SQL (any schema revision)."""
    import sqlalchemy as sa

    from quotegraph.entities.names import person_tokens
    from quotegraph.store import open_store

    store = open_store(db, migrate=False)
    try:
        with store.read() as connection:
            entities = {r.id: r for r in connection.execute(sa.text(
                "SELECT id, name, label, anonymous, collective FROM entities"))}
            speakers = Counter(connection.execute(sa.text(
                "SELECT speaker_entity_id FROM quotes WHERE speaker_entity_id IS NOT NULL")).scalars())
            total = connection.scalar(sa.text("SELECT count(*) FROM quotes WHERE speaker_entity_id IS NOT NULL"))
            articles = dict(connection.execute(sa.text(
                "SELECT speaker_entity_id, count(DISTINCT article_id) FROM quotes "
                "WHERE speaker_entity_id IS NOT NULL GROUP BY speaker_entity_id")).all())
    finally:
        store.close()
    named = {i: person_tokens(e.name) for i, e in entities.items()
             if e.label == "PERSON" and not e.anonymous and not e.collective}
    full_surnames = {t[-1] for t in named.values() if len(t) >= 2}
    bare = {i for i, t in named.items() if len(t) == 1 and t[0] in full_surnames}
    bare_quotes = sum(n for i, n in speakers.items() if i in bare)
    top = [{"name": entities[i].name, "quotes": n, "articles": articles[i]}
           for i, n in sorted(speakers.items(), key=lambda kv: (-kv[1], entities[kv[0]].name))
           if not entities[i].anonymous][:10]
    return {"db": db, "attributed_quotes": total, "bare_surname_quotes": bare_quotes,
            "bare_surname_share": round(bare_quotes / total, 4) if total else 0.0,
            "person_entities": len(named), "top10": top}


def compare(args: argparse.Namespace) -> dict:
    """Whether two stores of the same records (ingested in different orders) group the
    article entities alike: B-cubed of the second's partition against the first's."""
    import sqlalchemy as sa

    from quotegraph.eval.linking import bcubed
    from quotegraph.store import open_store

    partitions = []
    for db in args.db:
        store = open_store(db, migrate=False)
        try:
            with store.read() as connection:
                partitions.append({f"{r.key}:{r.local_id}": str(r.entity_id) for r in connection.execute(sa.text(
                    "SELECT a.key, ae.local_id, ae.entity_id FROM article_entities ae "
                    "JOIN articles a ON a.id = ae.article_id"))})
        finally:
            store.close()
    first, second = partitions[:2]
    precision, recall = bcubed(second, first)
    groups = [{frozenset(m for m, e in p.items() if e == entity) for entity in set(p.values())} for p in (first, second)]
    out = {"article_entities": len(first), "identical": groups[0] == groups[1],
           "bcubed_precision": round(precision, 6), "bcubed_recall": round(recall, 6)}
    print(f"{args.db[0]} vs {args.db[1]}: {len(first)} article entities, the same partition: {out['identical']} "
          f"(B-cubed P {precision:.6f} R {recall:.6f})")
    return out


def measure(args: argparse.Namespace) -> dict:
    results = [measure_store(db) for db in args.db]
    for result in results:
        print(f"\n{result['db']}: {result['bare_surname_quotes']} of {result['attributed_quotes']} attributed quotes "
              f"({result['bare_surname_share']:.1%}) have a bare-surname speaker while a full name with that "
              f"surname exists; {result['person_entities']} person entities")
        print(f"{'#':>2}  {'speaker':<32} {'quotes':>6} {'articles':>8}")
        for rank, row in enumerate(result["top10"], 1):
            print(f"{rank:>2}  {row['name'][:32]:<32} {row['quotes']:>6} {row['articles']:>8}")
    return {"stores": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = parser.add_subparsers(dest="step", required=True)
    one = steps.add_parser("extract")
    one.add_argument("--data", default="../shared/data/polnear", help="the PolNeAR folder (metadata.tsv, train/)")
    one.add_argument("--records", required=True)
    one.add_argument("--attribution", choices=["rules", "model"], default=None)
    one.add_argument("--limit", type=int, default=None)
    two = steps.add_parser("ingest")
    two.add_argument("--records", required=True)
    two.add_argument("--db", required=True, help="an empty store")
    two.add_argument("--reverse", action="store_true", help="ingest the records in reverse order")
    three = steps.add_parser("measure")
    three.add_argument("--db", action="append", required=True)
    four = steps.add_parser("compare")
    four.add_argument("--db", action="append", required=True, help="two stores of the same records")
    args = parser.parse_args(argv)
    result = {"extract": extract, "ingest": ingest, "measure": measure, "compare": compare}[args.step](args)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
