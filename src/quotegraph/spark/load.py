"""`quotegraph load`: the Spark job's Parquet output into a store, a partition (part file)
per transaction, several at once on PostgreSQL.

    summary = load_records([Path("records/")], "postgresql://...", workers=4)

1. scan: read every part, set aside the articles the store already holds;
2. link: the named persons of the others, with the store's linking, and the other corpus
   entities (organisations, places) they name, in one transaction;
3. write: each part in its own transaction, from `workers` processes (COPY on PostgreSQL;
   on SQLite, one writer, the workers build the rows and the parent inserts them:
   load_parts.py); loading into an empty store, secondary indexes (and SQLite's
   full-text trigger) are dropped first and built after;
4. cluster: statement clusters for the new quotes, in the order and batches `ingest`
   would have made them.

Idempotent and resumable: a part is stored whole or not at all, and a run skips every
article already stored (its key), so running it again after a crash finishes the rest
(the indexes and clusters a dead run left unbuilt included). Why and the rates:
docs/spark.md, "Loading".
"""
from __future__ import annotations

import datetime as dt
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

import sqlalchemy as sa

from .. import __version__
from ..store import open_store, schema
from ..store.bulk import ArticleNames, build_indexes, create_named_entities, drop_bulk_indexes, link_new_persons
from ..store.profiles import block_entity_ids, refresh_genders, run_entity_ids
from .load_clusters import cluster
from .load_parts import PartsJob, write_parts
from .records import parquet_files


@dataclass
class LoadSummary:
    parts: int = 0
    read: int = 0  # articles read (errors not included)
    added: int = 0
    skipped: int = 0  # already stored
    quotes: int = 0
    errors: int = 0  # inputs that failed to read or extract, as rows of the Parquet
    errors_added: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # scan, link, write, index, cluster

    def line(self, db: str) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        stages = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in self.stage_seconds.items())
        return (f"{self.added} articles stored ({self.skipped} already there), {self.quotes} quotes, "
                f"{self.errors} errors from {self.parts} parts in {self.seconds:.1f}s ({rate:.1f} articles/s; "
                f"{stages}) -> {db}")


def scan_part(file: Path) -> tuple[list[ArticleNames], int]:
    """What linking needs of a part file's articles (its key, url, published and entities
    columns only: no text, no quotes; of the entities, no mentions nor gender evidence:
    held for the whole load, they were most of its memory), and how many of its rows are
    errors."""
    import pyarrow.parquet as pq

    table = pq.read_table(file, columns=["key", "url", "published", "entities", "error"])
    table = table.set_column(table.schema.get_field_index("entities"), "entities",
                             _entity_fields(table["entities"], _SCANNED))
    articles, errors = [], 0
    for row in table.to_pylist():
        if row["error"] is not None:
            errors += 1
        else:
            articles.append(ArticleNames(row["key"], row["published"], row["url"], row["entities"] or []))
    return articles, errors


# What linking and the corpus entities read of a record entity (names.is_named_person,
# merge_key, store.write._entity_row, the linking's Member).
_SCANNED = ("id", "name", "label", "titles", "affiliations", "source_type", "extra_json")


def _entity_fields(column: Any, names: Sequence[str]) -> Any:
    """A list<struct> column with only the struct fields `names`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not column.num_chunks:
        return column
    chunks = []
    for chunk in column.chunks:
        values = chunk.flatten()  # the structs of the chunk's lists (a sliced chunk's only)
        fields = dict(zip([f.name for f in values.type], values.flatten()))
        struct = pa.StructArray.from_arrays([fields[name] for name in names], names=list(names))
        offsets = pc.subtract(chunk.offsets, chunk.offsets[0])
        chunks.append(pa.ListArray.from_arrays(offsets, struct, mask=chunk.is_null()))
    return pa.chunked_array(chunks)


def load_records(tables: Sequence[Path], url: str, *, workers: int = 2,
                 produced_by: dict[str, Any] | None = None) -> LoadSummary:
    """Load the records of `tables` (Parquet files or job output directories) into the store at `url`."""
    started = time.perf_counter()
    summary = LoadSummary()
    files = list(dict.fromkeys(file for table in tables for file in parquet_files(table)))  # a file named twice: once
    summary.parts = len(files)
    store = open_store(url)
    now = dt.datetime.now(dt.timezone.utc)
    try:
        with _stage(summary, "scan"):
            new: list[ArticleNames] = []
            owned: dict[Path, set[str]] = {}  # a part stores the new articles it holds first
            seen: set[str] = set()
            for file in files:
                articles, errors = scan_part(file)
                summary.read += len(articles)
                summary.errors += errors
                seen |= store.stored_keys(article.key for article in articles)
                owned[file] = set()
                for article in articles:
                    if article.key not in seen:
                        seen.add(article.key)
                        owned[file].add(article.key)
                        new.append(article)
            del seen
            summary.skipped = summary.read - len(new)
        with _stage(summary, "link"), store.write() as connection:
            run_id = _create_run(connection, tables, workers, produced_by, now)
            persons = link_new_persons(connection, new, run_id=run_id, now=now)
            keyed = create_named_entities(connection, new, run_id=run_id, now=now)
            empty = not connection.scalar(sa.select(sa.func.count()).select_from(schema.articles))
            if empty:
                drop_bulk_indexes(connection)
        del new
        with _stage(summary, "write"):
            job = PartsJob(persons, run_id, now, owned, keyed)
            for counts in write_parts(store, url, files, job, workers):
                summary.added += counts[0]
                summary.quotes += counts[1]
                summary.errors_added += counts[2]
        surnames = {link.surname for link in persons.values()}
        del persons, job, owned, keyed  # (a few GB at a million articles, before the cluster stage's index)
        with _stage(summary, "index"), store.write() as connection:
            build_indexes(connection)
        with _stage(summary, "profile"), store.write() as connection:
            # persons' genders from all their articles, as ingest's batches leave them
            refresh_genders(connection, run_entity_ids(connection, run_id) | block_entity_ids(
                connection, surnames))
        with _stage(summary, "cluster"):
            cluster(store, url, files, now, workers)
        with store.write() as connection:
            connection.execute(schema.runs.update().where(schema.runs.c.id == run_id).values(
                finished=dt.datetime.now(dt.timezone.utc), status="finished", articles_added=summary.added,
                errors_added=summary.errors_added))
    finally:
        store.close()
    summary.seconds = time.perf_counter() - started
    return summary


@contextmanager
def _stage(summary: LoadSummary, name: str) -> Iterator[None]:
    """Times one stage into summary.stage_seconds."""
    started = time.perf_counter()
    try:
        yield
    finally:
        summary.stage_seconds[name] = time.perf_counter() - started


def _create_run(connection: sa.Connection, tables: Sequence[Path], workers: int, produced_by: dict[str, Any] | None,
                now: dt.datetime) -> int:
    import spacy

    versions = {"quotegraph_version": __version__, "spacy_version": spacy.__version__, "model_name": "",
                "model_version": None}
    if produced_by is not None:
        versions = {key: produced_by.get(key) for key in versions}
    return connection.execute(schema.runs.insert().returning(schema.runs.c.id), {
        "started": now, "status": "running", "command": "load", **versions,
        "options": {"inputs": [str(t) for t in tables], "workers": workers, "produced_by": produced_by},
    }).scalar_one()
