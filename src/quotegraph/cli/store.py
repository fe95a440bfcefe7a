"""`quotegraph ingest` and `quotegraph stats`: articles into a store, and what it holds."""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, TypeVar

import click
from sqlalchemy.exc import SQLAlchemyError
from tqdm import tqdm

from ..article import Article
from ..errors import QuotegraphError
from ..readers import ReadError, read_inputs
from ..record import Record
from ..store import DEFAULT_DB, Store, database_url, open_store
from .common import (
    DB_ENV_VAR,
    EXIT_INTERRUPTED,
    EXIT_NOTHING_DONE,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_TERMINATED,
    db_option,
    fail,
    format_option,
    name_prior_option,
    options_from,
    pipeline_options,
    published_option,
    report,
)

INGEST_HELP = f"""Extract quotes from news articles into a store (SQLite or PostgreSQL).

INPUTS are .txt, .html/.htm, .jsonl (each also gzipped), .warc and .warc.gz files
(WARC: every HTML response, as Common Crawl News publishes them), directories
(searched recursively for those), .json files named (an article object or a list of
them), or - for standard input (JSON Lines unless --stdin-format text).

\b
Records already extracted by `quotegraph spark` (its Parquet output directory, or
.parquet files) are stored as they are, without the parser; such inputs cannot be
mixed with articles in one run.

\b
Articles are committed in batches of --batch-size, each with everything extracted
from it, in one transaction. An article already stored (same source, i.e. URL or id,
and same text) is skipped before extraction, so running the same command again adds
nothing, and after a crash or Ctrl-C it completes the rest. Inputs that cannot be read
or extracted are recorded in the store's errors table and reported on stderr; the run
goes on.

\b
--db takes a SQLite file (default {DEFAULT_DB}, or ${DB_ENV_VAR}) or a URL:
  sqlite:///corpus.db   postgresql://user:password@host:5432/dbname

\b
Exit codes: 0 all read and stored (or already there); 1 some inputs failed, the
others are stored; 2 usage error, the store or the pipeline cannot be opened, or no
input could be read; 130 interrupted by Ctrl-C, 143 by SIGTERM (whole batches
stay stored; the run is marked interrupted).
"""


def _open(db: str, *, must_exist: bool = False) -> Store:
    try:
        url = database_url(db)
        if must_exist and url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
                and not Path(url.database).exists():
            raise click.ClickException(f"no store at {url.database} (create one with quotegraph ingest)")
        return open_store(url)
    except QuotegraphError as err:
        fail(str(err), EXIT_NOTHING_DONE)


@click.command(help=INGEST_HELP)
@click.argument("inputs", nargs=-1, required=True)
@db_option()
@click.option("--n-process", type=click.IntRange(min=1), default=1, show_default=True, help="Parser processes.")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles per parser batch and per committed transaction.")
@published_option()
@pipeline_options
@name_prior_option
@click.option("--stdin-format", type=click.Choice(["jsonl", "text"]), default="jsonl", show_default=True,
              help="How to read - (standard input).")
@click.option("--aliases", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Names of one person (JSON or CSV: canonical, aliases, wikidata), stored before ingesting.")
def ingest(inputs: tuple[str, ...], db: str, n_process: int, batch_size: int, published: str | None,
           model: str | None, attribution: str | None, name_prior: bool, stdin_format: str,
           aliases: Path | None) -> None:
    # imported here: spaCy is not needed for --help
    from ..ingest import Ingester, IngestSummary, Terminated, terminate_as_interrupt

    record_tables = _record_tables(inputs)
    produced_by = _produced_by(record_tables)
    if record_tables and published:
        raise click.UsageError("--published applies to articles, not to records already extracted (Parquet)")
    store = _open(db)
    if aliases is not None:
        from .entities import apply_aliases_file

        try:
            apply_aliases_file(store, aliases)
        except QuotegraphError as err:
            store.close()
            fail(str(err), EXIT_NOTHING_DONE)
    options = options_from(model, attribution, name_prior=name_prior)
    bar = tqdm(file=sys.stderr, unit=" articles", disable=not sys.stderr.isatty(), dynamic_ncols=True)
    done = 0

    def on_batch(summary: IngestSummary) -> None:
        nonlocal done
        total = summary.added + summary.skipped + summary.errors
        bar.update(total - done)
        done = total
        bar.set_postfix(quotes=summary.quotes, errors=summary.errors, refresh=False)

    ingester = Ingester(store, n_process=n_process, batch_size=batch_size, options=options, on_batch=on_batch,
                        on_error=lambda source, reason: report(f"{source}: {reason}"),
                        run_options={"inputs": list(inputs), "published": published},
                        produced_by=produced_by)
    summary = ingester.summary
    try:
        with terminate_as_interrupt():
            if record_tables:
                ingester.run_records(_reported(_read_record_tables(record_tables), None))
            else:
                ingester.run(_reported(read_inputs(inputs, stdin=getattr(sys.stdin, "buffer", None),
                                                   stdin_format=stdin_format), published))
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM (Terminated)
        bar.close()
        try:
            ingester.finish("interrupted")
        except (KeyboardInterrupt, SQLAlchemyError):
            pass
        how = "terminated (SIGTERM)" if isinstance(stop, Terminated) else "interrupted"
        report(f"{how}: {summary.added} articles stored by this run (whole batches only); run the same "
               "command again to ingest the rest")
        sys.exit(EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED)
    except QuotegraphError as err:  # the pipeline could not be loaded: nothing can run
        bar.close()
        fail(str(err), EXIT_NOTHING_DONE)
    finally:
        store.close()
    bar.close()
    click.echo(summary.line(store.url))
    if summary.errors and not summary.read:
        sys.exit(EXIT_NOTHING_DONE)
    sys.exit(EXIT_SOME_FAILED if summary.errors else EXIT_OK)


def _record_tables(inputs: tuple[str, ...]) -> list[Path]:
    """The inputs, when they are all Parquet records (quotegraph spark's output); else []."""
    from ..spark.records import is_record_table

    tables = [Path(name) for name in inputs if name != "-" and is_record_table(Path(name))]
    if tables and len(tables) != len(inputs):
        raise click.UsageError("Parquet records (quotegraph spark's output) and articles cannot be mixed in one "
                               "ingest: run them as two")
    return tables


def _produced_by(tables: list[Path]) -> dict | None:
    """What extracted the record tables (`_quotegraph.json`): one pipeline and set of
    versions for all of them (a usage error otherwise), or None when they do not say."""
    from ..spark.records import read_run_info

    infos = [read_run_info(table) for table in tables]
    producers = {json.dumps({key: (info or {}).get(key) for key in _PRODUCER_KEYS}, sort_keys=True) for info in infos}
    if len(producers) > 1:
        raise click.UsageError("these Parquet outputs were extracted by different pipelines or versions: "
                               "ingest each in its own run")
    return infos[0] if infos else None


# What must agree between record tables stored in one run (one row of the runs table).
_PRODUCER_KEYS = ("quotegraph_version", "spacy_version", "model_name", "model_version", "chunk_chars", "attribution")


def _read_record_tables(tables: list[Path]) -> Iterator[Record | ReadError]:
    try:
        from ..spark.records import read_records
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise click.ClickException(f"reading Parquet needs pyarrow ({err}): pip install 'quotegraph[spark]'") from err
    for table in tables:
        yield from read_records(table)


# what the inputs hold besides read errors: articles to extract, or records extracted elsewhere
_Item = TypeVar("_Item", Article, Record)


def _reported(items: Iterable[_Item | ReadError], published: str | None) -> Iterator[_Item | ReadError]:
    """`items`, each read error reported on stderr, `published` filled in where missing."""
    for item in items:
        if isinstance(item, ReadError):
            report(f"{item.source}: {item.reason}")
        elif published and isinstance(item, Article) and not item.published:
            item = replace(item, published=published)
        yield item


@click.command()
@db_option()
@format_option(["text", "json"], default="text")
def stats(db: str, fmt: str) -> None:
    """Count what the store holds: articles, quotes, entities, errors, runs, times, events..."""
    store = _open(db, must_exist=True)
    try:
        counts = store.counts()
    except SQLAlchemyError as err:
        raise click.ClickException(f"cannot read the store: {err}") from err
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps(counts))
    else:
        width = max(len(name) for name in counts)
        click.echo("\n".join(f"{name:<{width}}  {count:>10,}" for name, count in counts.items()))


LOAD_HELP = """Bulk-load records extracted by `quotegraph spark` (its Parquet output) into a store.

PARQUET_DIR: the job's output directories (or .parquet files). The store ends as
`quotegraph ingest` of the same records leaves it (the same articles, persons,
statement clusters and errors), made faster: persons are linked once for the whole
load, each part file is written in one transaction (on PostgreSQL with COPY, from
--workers processes at once), and into an empty store the indexes are built after.

\b
Running it again adds nothing; after a crash or Ctrl-C it stores the parts not yet
stored and builds what was left unbuilt. Records whose extraction failed, and inputs
the job could not read, go to the errors table.

\b
Exit codes: 0 all stored (or already there); 1 some inputs had failed (their errors
are stored); 2 usage error, the store cannot be opened, or nothing could be read.
"""


@click.command(help=LOAD_HELP)
@click.argument("tables", nargs=-1, required=True, metavar="PARQUET_DIR...")
@db_option()
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Processes reading and writing parts at once (on SQLite they build the rows, one writes).")
def load(tables: tuple[str, ...], db: str, workers: int) -> None:
    from ..spark.load import load_records

    paths = [Path(name) for name in tables]
    for path in paths:
        if not path.exists():
            fail(f"{path}: no such file or directory", EXIT_NOTHING_DONE)
    not_records = [str(p) for p in paths if not _record_tables((str(p),))]
    if not_records:
        fail(f"{', '.join(not_records)}: not Parquet records of quotegraph spark (for articles, use quotegraph ingest)",
             EXIT_NOTHING_DONE)
    produced_by = _produced_by(paths)
    try:
        summary = load_records(paths, db, workers=workers, produced_by=produced_by)
    except QuotegraphError as err:
        fail(str(err), EXIT_NOTHING_DONE)
    except SQLAlchemyError as err:  # the parts stored so far stay; a re-run goes on from them
        fail(f"the load stopped: {str(getattr(err, 'orig', None) or err).strip().splitlines()[0]}; the parts "
             "stored so far stay, run the same command again to load the rest", EXIT_NOTHING_DONE)
    click.echo(summary.line(db))
    if summary.errors and not summary.read:
        sys.exit(EXIT_NOTHING_DONE)
    sys.exit(EXIT_SOME_FAILED if summary.errors else EXIT_OK)
