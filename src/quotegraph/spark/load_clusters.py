"""The cluster stage of `quotegraph load`: statement clusters for the loaded quotes, in
the batches and order `ingest` would have made them (so that they are its clusters).

Matching a quote against the clusters made before it is sequential; what each quote
brings to it is not: `workers` processes read each part's quotes back and compute their
content keys, speaker keys and MinHash values (the costliest part), the parent tokenises
them again for their shingles and matches, batch by batch.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..store import open_store, schema
from ..store.bulk import assign_stored_clusters, loaded_quotes
from ..store.bulk_clusters import ClusterIndex, write_clusters
from ..store.clusters import (
    Prepared,
    content_key,
    content_tokens,
    minhashes,
    shingles,
    speaker_key,
)
from .load_parts import bounded_map, forked_pool

# Articles (and failed extractions) per clustering batch: ingest's default --batch-size,
# so that the clusters are the ones ingest makes.
CLUSTER_BATCH = 16

# A part's rows that ingest batches: (article key, extraction failed), and its unclustered
# quotes by article key, each with its keys and MinHash values ("_keys": content key,
# speaker key, MinHash values).
PartQuotes = tuple[list[tuple[str, bool]], dict[str, list[dict[str, Any]]]]


def cluster(store: Any, url: str, files: list[Path], now: dt.datetime, workers: int) -> None:
    """Statement clusters for the loaded quotes that have none: in memory and written once
    where the store has no cluster yet, else batch by batch against the stored ones."""
    with store.read() as connection:
        fresh = not connection.scalar(sa.select(sa.func.count()).select_from(schema.quote_clusters))
    batches = _quote_batches(_parts_quotes(url, files, workers))
    if not fresh:
        for batch in batches:
            with store.write() as connection:
                assign_stored_clusters(connection, batch, now=now)
        return
    index, pairs = ClusterIndex(), []
    for batch in batches:
        index.assign(batch, [row["published"] for row in batch], now=now, prepared=[_prepared(row) for row in batch])
        pairs += [(row["id"], row["cluster_id"]) for row in batch]
    with store.write() as connection:
        write_clusters(connection, index, pairs)


def _prepared(row: dict[str, Any]) -> Prepared:
    tokens = content_tokens(row["content"])
    key, speaker, hashes = row.pop("_keys")
    return tokens, key, shingles(tokens), speaker, hashes


def _quote_batches(parts: Iterator[PartQuotes]) -> Iterator[list[dict[str, Any]]]:
    """The unclustered quotes of each batch `ingest` would have written, in its order:
    rows in part order, a batch full at CLUSTER_BATCH articles or failed extractions."""
    batch: list[dict[str, Any]] = []
    size = 0
    for order, quotes in parts:
        for key, failed in order:
            size += 1
            if not failed:
                batch += quotes.get(key, [])
            if size >= CLUSTER_BATCH:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch


# What the worker processes share with the parent (set before forking them).
_JOB: dict[str, Any] = {}


def _parts_quotes(url: str, files: list[Path], workers: int) -> Iterator[PartQuotes]:
    """Each part's quotes, in part order (a few parts ahead of the matching at most)."""
    if workers <= 1:
        _JOB["store"] = open_store(url, migrate=False)
        try:
            yield from map(_part_quotes, files)
        finally:
            _JOB.pop("store").close()
        return
    with forked_pool(workers, initializer=_open_worker_store, initargs=(url,)) as pool:
        yield from bounded_map(pool, _part_quotes, files, ahead=2 * workers)


def _open_worker_store(url: str) -> None:
    _JOB["store"] = open_store(url, migrate=False)


def _part_quotes(file: Path) -> PartQuotes:
    order = row_order(file)
    with _JOB["store"].read() as connection:
        quotes = loaded_quotes(connection, [key for key, failed in order if not failed])
    for rows in quotes.values():
        for row in rows:
            tokens = content_tokens(row["content"])
            row["_keys"] = (content_key(tokens), speaker_key(row.get("speaker_name")), minhashes(shingles(tokens)))
    return order, quotes


def row_order(file: Path) -> list[tuple[str, bool]]:
    """(article key, extraction failed) of each row of a part file that ingest batches (a
    read error, an error row without text, is not one), in order; only three columns read."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(file, columns=["key", "error", "text"])
    has_text = pc.fill_null(pc.greater(pc.utf8_length(table["text"]), 0), False).to_pylist()
    failed = pc.is_valid(table["error"]).to_pylist()
    return [(key, bad) for key, bad, text in zip(table["key"].to_pylist(), failed, has_text) if text or not bad]
