"""Ingest: read items into the store through `extract_many`, in committed batches.

    summary = Ingester(open_store("quotegraph.db"), batch_size=16).run(read_inputs(["news.jsonl"]))

Idempotent, resumable, and bad inputs are never fatal: docs/store.md, "Ingest".
"""
from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import signal
import threading
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

import spacy
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from . import __version__
from .api import extract_many
from .article import Article
from .config import Options
from .readers import ReadError, ReadItem
from .record import Record
from .store import Store, schema
from .store.write import BatchCounts, NewArticle, NewError, article_key, write_batch

# Articles looked up in the store at once before extraction (at least one batch).
LOOKUP_CHUNK = 256

# What an ingest reads besides read errors: articles to extract (run), or records extracted
# elsewhere (run_records); the store sees one or the other, never both.
_Item = TypeVar("_Item", Article, Record)


@dataclass(slots=True)
class IngestSummary:
    """What one run did; `store_seconds` is the time spent in the store (lookups and writes)."""

    read: int = 0  # articles read (not counting inputs that failed to read)
    added: int = 0  # articles stored by this run
    skipped: int = 0  # articles already stored (or twice in the input)
    quotes: int = 0  # quotes stored by this run
    errors: int = 0  # inputs that failed in this run (read or extraction), stored or not
    errors_added: int = 0  # new rows of the errors table
    batches: int = 0
    seconds: float = 0.0
    store_seconds: float = 0.0
    run_id: int | None = None
    started: float = field(default_factory=time.perf_counter, repr=False)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("started")
        return out

    def line(self, db: str) -> str:
        rate = self.added / self.seconds if self.seconds else 0.0
        return (f"{self.added} articles stored ({self.skipped} already there), {self.quotes} quotes, "
                f"{self.errors} errors in {self.seconds:.1f}s ({rate:.1f} articles/s) -> {db}")


def source_identity(article: Article | Record) -> str:
    """What, with the text, identifies an article: its URL, else its reader id."""
    return article.url or article.id or ""


def model_info(model: str) -> tuple[str, str | None]:
    """(name, version) of a spaCy pipeline, without loading it (package metadata or meta.json)."""
    path = Path(model)
    if path.exists():
        try:
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
            return f"{meta.get('lang', 'xx')}_{meta.get('name', path.name)}", meta.get("version")
        except (OSError, ValueError):
            return str(path), None
    try:
        return model, importlib.metadata.version(model)
    except importlib.metadata.PackageNotFoundError:
        try:
            return model, importlib.metadata.version(model.replace("_", "-"))
        except importlib.metadata.PackageNotFoundError:
            return model, None


class Ingester:
    """One ingest run into `store`. `on_batch(summary)` is called after each committed batch."""

    def __init__(self, store: Store, *, n_process: int = 1, batch_size: int = 16, options: Options | None = None,
                 run_options: dict[str, Any] | None = None,
                 on_batch: Callable[[IngestSummary], None] | None = None,
                 on_error: Callable[[str, str], None] | None = None,
                 produced_by: dict[str, Any] | None = None) -> None:
        self.store = store
        # For records extracted elsewhere (run_records): the quotegraph, spaCy and model
        # versions that extracted them (`quotegraph.spark.job.run_info`), for the runs row.
        self.produced_by = produced_by
        self.n_process = n_process
        self.batch_size = max(1, batch_size)
        self.options = (options or Options()).everything()  # the store keeps every quote
        self.run_options = run_options or {}
        self.on_batch = on_batch
        self.on_error = on_error  # (input, reason) of each record whose extraction failed
        self.summary = IngestSummary()
        self._read_errors: list[NewError] = []
        # (key, source) of each article handed to extract_many, in order; records come back
        # in the same order, one per article.
        self._in_flight: deque[tuple[str, str]] = deque()
        self._in_flight_keys: set[str] = set()

    # -- the run ---------------------------------------------------------------------------

    def run(self, items: Iterable[ReadItem]) -> IngestSummary:
        """Ingest `items`; KeyboardInterrupt propagates after the batch in progress is rolled back."""
        return self._store(extract_many(self._articles(items), n_process=self.n_process,
                                        batch_size=self.batch_size, options=self.options))

    def run_records(self, items: Iterable[Record | ReadError]) -> IngestSummary:
        """Ingest records extracted elsewhere (`quotegraph spark`'s Parquet output,
        `quotegraph.spark.records.read_records`), with their read errors: the same keys,
        skipping, batches, entity merging and clusters as `run`, without the parser."""
        return self._store(self._articles(items))

    def _store(self, records: Iterable[Record]) -> IngestSummary:
        """Write `records`, one per article registered in flight by `_articles`, in batches."""
        try:
            batch: list[NewArticle] = []
            extract_errors: list[NewError] = []
            for record in records:
                key, source = self._in_flight.popleft()
                if record.error:
                    self.summary.errors += 1
                    self._in_flight_keys.discard(key)
                    extract_errors.append(NewError(input=source, code=record.error.code, reason=record.error.reason))
                    if self.on_error is not None:
                        self.on_error(source, extract_errors[-1].reason)
                else:
                    batch.append(NewArticle(key=key, source=source, record=record))
                if len(batch) + len(extract_errors) >= self.batch_size:
                    self._flush(batch, extract_errors)
                    batch, extract_errors = [], []
            self._flush(batch, extract_errors)
            self.finish("finished")
        finally:
            self.summary.seconds = time.perf_counter() - self.summary.started
        return self.summary

    def finish(self, status: str) -> None:
        """Mark this run's row (if it wrote anything) finished or interrupted."""
        self.summary.seconds = time.perf_counter() - self.summary.started
        if self.summary.run_id is None:
            return
        with self.store.write() as connection:
            connection.execute(schema.runs.update().where(schema.runs.c.id == self.summary.run_id).values(
                finished=dt.datetime.now(dt.timezone.utc), status=status))

    # -- reading and skipping --------------------------------------------------------------

    def _articles(self, items: Iterable[_Item | ReadError]) -> Iterator[_Item]:
        """The articles (or records) of `items` not yet stored; read errors are set aside
        for the next batch, or written as a batch of their own once there are batch_size."""
        chunk: list[tuple[str, str, _Item]] = []
        for item in items:
            if isinstance(item, ReadError):
                self.summary.errors += 1
                self._read_errors.append(_read_error(item))
                if len(self._read_errors) >= self.batch_size:  # a long run of bad inputs: stored as it comes
                    self._flush([], [])
                continue
            self.summary.read += 1
            source = source_identity(item)
            chunk.append((article_key(source, item.text), source, item))
            if len(chunk) >= max(LOOKUP_CHUNK, self.batch_size):
                yield from self._unstored(chunk)
                chunk = []
        yield from self._unstored(chunk)

    def _unstored(self, chunk: list[tuple[str, str, _Item]]) -> Iterator[_Item]:
        if not chunk:
            return
        started = time.perf_counter()
        stored = self.store.stored_keys(key for key, _, _ in chunk)
        self.summary.store_seconds += time.perf_counter() - started
        for key, source, article in chunk:
            if key in stored or key in self._in_flight_keys:
                self.summary.skipped += 1
                continue
            self._in_flight_keys.add(key)
            self._in_flight.append((key, source))
            yield article

    # -- writing ---------------------------------------------------------------------------

    def _flush(self, batch: list[NewArticle], extract_errors: list[NewError]) -> None:
        errors = self._read_errors + extract_errors
        self._read_errors = []
        if not batch and not errors:
            return
        started = time.perf_counter()
        # Ctrl-C (or SIGTERM) waits for the commit and the counts that report it (a few
        # milliseconds), so that "N articles stored" is exact; before the commit, it would roll back.
        with _interrupts_deferred():
            try:
                counts = self._write(batch, errors)
            except IntegrityError:
                # Another process stored some of these keys between our check and our insert
                # (PostgreSQL; SQLite writers are serialized): the retry skips them.
                counts = self._write(batch, errors)
            self.summary.added += counts.articles
            self.summary.skipped += len(batch) - counts.articles
            self.summary.quotes += counts.quotes
            self.summary.errors_added += counts.errors
            self.summary.batches += 1
        self.summary.store_seconds += time.perf_counter() - started
        for item in batch:
            self._in_flight_keys.discard(item.key)
        if self.on_batch is not None:
            self.on_batch(self.summary)

    def _write(self, batch: Sequence[NewArticle], errors: Sequence[NewError]) -> BatchCounts:
        try:
            with self.store.write() as connection:
                run_id = self.summary.run_id
                if run_id is None:
                    run_id = self._create_run(connection)
                counts = write_batch(connection, run_id, batch, errors)
                if not counts.articles and not counts.errors and self.summary.run_id is None:
                    raise _NothingNew(counts)  # roll the new run row back: a re-run adds no row
                connection.execute(schema.runs.update().where(schema.runs.c.id == run_id).values(
                    articles_added=schema.runs.c.articles_added + counts.articles,
                    errors_added=schema.runs.c.errors_added + counts.errors))
        except _NothingNew as nothing:
            return nothing.counts
        self.summary.run_id = run_id
        return counts

    def _create_run(self, connection: sa.Connection) -> int:
        name, version = model_info(self.options.model)
        options = {"n_process": self.n_process, "batch_size": self.batch_size,
                   "chunk_chars": self.options.chunk_chars, "attribution": self.options.attribution,
                   **self.run_options}
        versions = {"quotegraph_version": __version__, "spacy_version": spacy.__version__,
                    "model_name": name, "model_version": version}
        if self.produced_by is not None:
            versions = {key: self.produced_by.get(key) for key in versions}
            options = {"batch_size": self.batch_size, **self.run_options, "produced_by": self.produced_by}
        return connection.execute(schema.runs.insert().returning(schema.runs.c.id), {
            "started": dt.datetime.now(dt.timezone.utc), "status": "running", "command": "ingest",
            **versions, "options": options,
        }).scalar_one()


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """SIGINT and SIGTERM held back (delivered on exit) in the main thread, where signals can be masked."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C's KeyboardInterrupt so that a run stops the same way."""


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block (main thread only), SIGTERM raises `Terminated`."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_terminated(signum: int, frame: object) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _NothingNew(Exception):
    def __init__(self, counts: BatchCounts) -> None:
        super().__init__()
        self.counts = counts


def _read_error(error: ReadError) -> NewError:
    return NewError(input=error.file or error.source, code=error.code, reason=error.reason,
                    line=error.line, position=error.position)


def ingest(inputs: Sequence[str] | Iterable[ReadItem], store: Store, **kwargs: Any) -> IngestSummary:
    """Ingest paths (files, directories; as `quotegraph extract` reads them) or read items."""
    from .readers import read_inputs

    if isinstance(inputs, (list, tuple)) and all(isinstance(name, str) for name in inputs):
        items: Iterable[ReadItem] = read_inputs(inputs)
    else:
        items = inputs  # type: ignore[assignment]
    return Ingester(store, **kwargs).run(items)


__all__ = ["IngestSummary", "Ingester", "Terminated", "ingest", "model_info", "source_identity", "terminate_as_interrupt"]
