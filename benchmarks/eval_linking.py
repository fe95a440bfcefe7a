"""B-cubed precision and recall of the store's persons on the made-up corpus of
`quotegraph.eval.linking` (30 articles, 35 person mentions, every linking case), ingested
in three orders, without and then with its aliases file.

    python benchmarks/eval_linking.py                 # fresh SQLite files
    python benchmarks/eval_linking.py --db postgresql://user@host/db   # emptied each order

The last line printed is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import sqlalchemy as sa

from quotegraph.eval.linking import ALIASES, CORPUS, bcubed, gold_partition, ingest_corpus, orders, stored_partition
from quotegraph.store import open_store
from quotegraph.store.aliases import AliasEntry, add_aliases
from quotegraph.store.url import database_url


def _empty(db: str | None, workdir: Path, name: str) -> str:
    if db is None:
        return str(workdir / f"{name.replace(' ', '-')}.db")
    engine = sa.create_engine(database_url(db))
    with engine.begin() as connection:  # the evaluation's own database: emptied for each order
        connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    return db


def _groups(partition: dict[str, str]) -> frozenset[frozenset[str]]:
    """The partition as sets of mentions (entity ids differ between stores)."""
    members: dict[str, set[str]] = {}
    for mention, entity in partition.items():
        members.setdefault(entity, set()).add(mention)
    return frozenset(frozenset(m) for m in members.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="a PostgreSQL URL to use (emptied); default: SQLite files in a temp dir")
    args = parser.parse_args(argv)
    gold = gold_partition()
    results, partitions = [], set()
    with tempfile.TemporaryDirectory() as workdir:
        for name, articles in orders().items():
            store = open_store(_empty(args.db, Path(workdir), name))
            try:
                ingest_corpus(store, articles)
                with store.read() as connection:
                    plain = stored_partition(connection)
                with store.write() as connection:
                    add_aliases(connection, [AliasEntry(e["canonical"], tuple(e["aliases"]), e["wikidata"])
                                             for e in ALIASES])
                with store.read() as connection:
                    aliased = stored_partition(connection)
            finally:
                store.close()
            partitions.add(_groups(plain))
            p, r = bcubed(plain, gold)
            pa, ra = bcubed(aliased, gold)
            results.append({"order": name, "precision": round(p, 4), "recall": round(r, 4),
                            "entities": len(set(plain.values())), "precision_aliases": round(pa, 4),
                            "recall_aliases": round(ra, 4)})
            print(f"{name:<11} B-cubed P {p:.4f} R {r:.4f} ({len(set(plain.values()))} entities); "
                  f"with the aliases file P {pa:.4f} R {ra:.4f}")
    print(f"{len(CORPUS)} articles, {len(gold)} person mentions, {len(set(gold.values()))} persons in the gold "
          f"partition; the same partition in every order: {len(partitions) == 1}")
    print(json.dumps({"store": "postgresql" if args.db else "sqlite", "orders": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
