"""Query and export commands over a store: `quotes`, `speakers`, `export`, and `timeline --db`
(the command is in extract.py). The questions themselves are store/queries.py; this module parses
options and prints rows as a table (text), JSON, JSON Lines or CSV.

Exit codes: 0 done (an empty result is not an error); 1 the store could not be read
mid-query or an entity is unknown to the store (timeline); 2 usage error (a bad date or
option), or the store cannot be opened (bad URL, no such file, not a quotegraph store).
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, Iterator, Sequence, TextIO

import click
from sqlalchemy.exc import SQLAlchemyError

from ..config import DEFAULT_MIN_CONFIDENCE
from ..errors import QuotegraphError, StoreError
from ..record import KINDS
from ..store import Store, database_url, open_store
from ..store.source_filters import SOURCE_TYPE_FILTERS, SPEAKER_GENDERS
from ..writers.csv import csv_writer, safe_cell
from .common import EXIT_SOME_FAILED, EXIT_USAGE, db_option, fail, format_option, report

QUERY_FORMATS = ("text", "json", "jsonl", "csv")
EXPORT_FORMATS = ("jsonl", "csv", "brat", "webannotation")
EXPORT_FILES = {"jsonl": "records.jsonl", "csv": "quotes.csv", "webannotation": "annotations.jsonld"}


def date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A click callback: YYYY-MM-DD as a date, a clear error otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


query_format = format_option(QUERY_FORMATS, default="text",
                             help="text: a table for the terminal; json, jsonl, csv: for programs.")


def open_existing(db: str) -> Store:
    """The store at `db`, which must exist and be a quotegraph store (migrated to the newest
    schema if it is older); StoreError otherwise."""
    from ..store.migrate import current_revision, upgrade

    url = database_url(db)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
            and not Path(url.database).is_file():
        raise StoreError(f"no store at {url.database} (create one with quotegraph ingest)")
    store = open_store(url, migrate=False)
    try:
        with store.read() as connection:
            revision = current_revision(connection)
        if revision is None:
            raise StoreError(f"{store.url} is not a quotegraph store (create one with quotegraph ingest)")
        upgrade(store.engine)
    except SQLAlchemyError as err:
        store.close()
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        raise StoreError(f"cannot open the store at {store.url}: {reason}") from err
    except StoreError:
        store.close()
        raise
    return store


@contextmanager
def store_connection(db: str, *, write: bool = False) -> Iterator[Any]:
    """A connection to the store at `db`: a read, or with `write` one write transaction.
    Exits 2 when the store cannot be opened, 1 when the work on it fails."""
    try:
        store = open_existing(db)
    except QuotegraphError as err:
        fail(str(err), EXIT_USAGE)
    try:
        with (store.write() if write else store.read()) as connection:
            yield connection
    except SQLAlchemyError as err:
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        fail(f"cannot {'write' if write else 'read'} the store: {reason}", EXIT_SOME_FAILED)
    finally:
        store.close()


def require_outlet(connection: Any, outlet: str) -> None:
    """Exit 2 with the outlets the store has when no stored article is from `outlet`."""
    from ..store.outlets import has_outlet, outlet_name, stored_outlets

    if has_outlet(connection, outlet):
        return
    known = stored_outlets(connection)
    fail(f"no article in the store is from outlet {outlet_name(outlet)!r} (--outlet takes a URL's host, or none "
         f"for articles without a URL); outlets with the most articles: {', '.join(known) or 'none'}", EXIT_USAGE)


# -- output ----------------------------------------------------------------------------------

def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    return " ".join(str(value).split())


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str, int]]) -> str:
    """Rows as aligned columns (key, HEADER, max width), cells cut to their width with "…"."""
    cells = [[_fit(_cell(row.get(key)), width) for key, _, width in columns] for row in rows]
    widths = [max([len(header)] + [len(line[i]) for line in cells]) for i, (_, header, _) in enumerate(columns)]
    lines = ["  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in cells]
    return "\n".join(lines) + "\n"


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, stream: TextIO, columns: Sequence[str]) -> None:
    """json: one array; jsonl: one object a line; csv: a header and one row each."""
    if fmt == "json":
        stream.write(json.dumps(list(rows), indent=2, ensure_ascii=False, default=str) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    else:
        writer = csv_writer(stream)
        writer.writerow(columns)
        writer.writerows([_csv(row.get(key)) for key in columns] for row in rows)


def _csv(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return safe_cell(json.dumps(value, ensure_ascii=False))
    return "" if value is None else safe_cell(value)


# -- quotes ----------------------------------------------------------------------------------

QUOTES_HELP = """Quotes in the store: who said what, about whom, when.

\b
--speaker NAME   who said it: a corpus entity's name, normalised (case, accents,
                 honorifics ignored), a fuller form of it, or a surname alone
                 (every person with that surname)
--about NAME     an entity mentioned inside the quote's content (--about-scope
                 article: anywhere in the quote's article)
--search QUERY   full text of the content: words (stemmed), "phrases", -word
--since/--until  the article's publication date, inclusive (YYYY-MM-DD)
--kind KIND      speech, writing, thought or other (repeatable): --kind speech
                 --kind writing leaves beliefs, plans and acts out
--min-confidence P  only attributions at least this sure (0 to 1): 0.5 leaves
                 weak ones out, such as a noun phrase for a content
                 ("acknowledged the problem")
--no-nested      leave out the reports nested in other quotes ("Smith said
                 he expects ..."): only what the articles report themselves
--speaker-gender G  female, male or unknown: the speaker's gender as the text
                 signals it across the corpus (unknown: none known, or no speaker)
--source-type T  person, organisation, group, anonymous, document, or none (no
                 speaker)
--outlet HOST    the article's outlet: its URL's host ("nytimes.com"; a URL or
                 www. works too); none: articles stored without a URL
--undated        only quotes whose article has no publication date

Newest articles first. REPORTS is how many quotes in the store report the same
statement (its cluster), FIRST SEEN the earliest date one was published.
"""

QUOTE_TABLE = (("published", "PUBLISHED", 10), ("speaker", "SPEAKER", 22), ("content", "CONTENT", 60),
               ("type", "TYPE", 8), ("kind", "KIND", 7), ("reports", "REPORTS", 7), ("first_seen", "FIRST SEEN", 10),
               ("article", "ARTICLE", 24))


@click.command(help=QUOTES_HELP)
@db_option()
@click.option("--speaker", metavar="NAME", help="Who said it.")
@click.option("--about", metavar="NAME", help="An entity the quote mentions.")
@click.option("--about-scope", type=click.Choice(["content", "article"]), default="content", show_default=True)
@click.option("--search", metavar="QUERY", help="Full-text search over the content.")
@click.option("--since", metavar="YYYY-MM-DD", callback=date_option, help="Published on or after.")
@click.option("--until", metavar="YYYY-MM-DD", callback=date_option, help="Published on or before.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Statement kind from the cue (repeatable).")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=DEFAULT_MIN_CONFIDENCE, show_default=True,
              metavar="P", help="Only statements a reader accepts with at least this probability; 0 gives "
                                "everything stored, weak attributions too.")
@click.option("--nested/--no-nested", default=True, show_default=True,
              help="Include the reports nested in other quotes' contents.")
@click.option("--speaker-gender", type=click.Choice(SPEAKER_GENDERS), help="The speaker's gender.")
@click.option("--source-type", type=click.Choice(SOURCE_TYPE_FILTERS), help="The speaker's source type.")
@click.option("--outlet", metavar="HOST", help="The article's outlet (URL host; none: no URL).")
@click.option("--undated", is_flag=True, help="Only quotes whose article has no publication date.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@query_format
def quotes(db: str, speaker: str | None, about: str | None, about_scope: str, search: str | None,
           since: dt.date | None, until: dt.date | None, kinds: tuple[str, ...], min_confidence: float | None,
           nested: bool, speaker_gender: str | None, source_type: str | None, outlet: str | None, undated: bool,
           limit: int, fmt: str) -> None:
    from ..store.queries import QUOTE_COLUMNS, find_quotes

    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="--since")
    if undated and (since or until):
        raise click.BadParameter("--undated lists quotes without a date: it cannot go with --since or --until",
                                 param_hint="--undated")
    with store_connection(db) as connection:
        if outlet is not None:
            require_outlet(connection, outlet)
        rows = find_quotes(connection, speaker=speaker, about=about, about_scope=about_scope, search=search,
                           since=since, until=until, kinds=kinds or None, min_confidence=min_confidence,
                           nested=nested, speaker_gender=speaker_gender, source_type=source_type, outlet=outlet,
                           undated=undated, limit=limit)
    if fmt == "text":
        click.echo(table(rows, QUOTE_TABLE) + f"\n{len(rows)} quote{'s' if len(rows) != 1 else ''}"
                   + (f" (--limit {limit})" if len(rows) == limit else ""))
    else:
        write_rows(rows, fmt, sys.stdout, QUOTE_COLUMNS)


# -- speakers --------------------------------------------------------------------------------

SPEAKER_TABLE = (("name", "SPEAKER", 30), ("label", "LABEL", 8), ("quotes", "QUOTES", 8),
                 ("articles", "ARTICLES", 8), ("share", "SHARE", 6))


@click.command()
@db_option()
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Speakers listed.")
@query_format
def speakers(db: str, limit: int, fmt: str) -> None:
    """The most quoted sources, and the share of quotes given to unnamed sources.

    SHARE is a speaker's part of all attributed quotes; the anonymous share counts quotes
    whose speaker is unnamed: anonymous ("a senior official") or a group ("officials").
    --format json prints the totals
    with the list; jsonl and csv print the list only.
    """
    from ..store.queries import SPEAKER_COLUMNS, top_speakers

    with store_connection(db) as connection:
        result = top_speakers(connection, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    elif fmt == "text":
        rows = [{**row, "share": f"{row['share']:.1%}"} for row in result["speakers"]]
        click.echo(table(rows, SPEAKER_TABLE))
        click.echo(f"{result['quotes']:,} quotes: {result['attributed']:,} attributed, "
                   f"{result['unattributed']:,} without a speaker; anonymous sources: {result['anonymous']:,} "
                   f"({result['anonymous_share']:.1%} of attributed quotes)")
    else:
        write_rows(result["speakers"], fmt, sys.stdout, SPEAKER_COLUMNS)


# -- timeline --db ---------------------------------------------------------------------------

def store_timeline(db: str, entity: str, fmt: str, output: Path | None) -> None:
    """`quotegraph timeline --db URL --entity NAME` (the command lives in extract.py)."""
    from ..store.queries import entity_timeline

    with store_connection(db) as connection:
        ids, result = entity_timeline(connection, entity)
    if not ids:
        fail(f"no entity named {entity!r} in the store", EXIT_SOME_FAILED)
    write_timeline(result, fmt, output)


def write_timeline(result: Any, fmt: str, output: Path | None) -> None:
    """A timeline as a table (text), a JSON array, JSON Lines or CSV (timeline.csv_row)."""
    from ..events.timeline import CSV_COLUMNS, csv_row, format_text, notes

    if fmt != "text":
        for note in notes(result):
            report(note)
    with open(output, "w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout) as stream:
        if fmt == "text":
            stream.write(format_text(result))
        elif fmt == "json":
            stream.write(json.dumps(result.items, indent=2, ensure_ascii=False) + "\n")
        elif fmt == "jsonl":
            for item in result.items:
                stream.write(json.dumps(item, ensure_ascii=False) + "\n")
        else:
            writer = csv_writer(stream)
            writer.writerow(CSV_COLUMNS)
            writer.writerows([safe_cell(cell) for cell in csv_row(item)] for item in result.items)


# -- export ----------------------------------------------------------------------------------

EXPORT_HELP = """Write every stored article out of the store into DIR.

\b
  jsonl          DIR/records.jsonl: one record per article, in the JSON contract
                 (entities add corpus_id, the corpus entity they were merged into, and
                 wikidata where an aliases file gave one)
  csv            DIR/quotes.csv: one row per quote (as extract --format csv)
  brat           DIR/<id>.txt and DIR/<id>.ann per article (PolNeAR's standoff)
  webannotation  DIR/annotations.jsonld: a W3C Web Annotation collection, one
                 annotation per quote, TextQuoteSelector and TextPositionSelector
                 on the article (its URL, else urn:quotegraph:article:<key>)
"""


@click.command(help=EXPORT_HELP)
@db_option()
@format_option(EXPORT_FORMATS, required=True)
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True, metavar="DIR",
              help="Directory to write into (created if missing).")
def export(db: str, fmt: str, output: Path) -> None:
    from ..store.read import iter_records
    from ..writers import write_brat, write_csv, write_jsonl
    from ..writers.webannotation import article_source, write_webannotation

    if output.exists() and not output.is_dir():
        raise click.BadParameter(f"{output} is a file: give a directory", param_hint="-o")
    output.mkdir(parents=True, exist_ok=True)
    keys: dict[int, str] = {}

    def records(connection: Any) -> Iterator[Any]:
        for stored in iter_records(connection):
            keys[id(stored.record)] = stored.key
            yield stored.record
            keys.pop(id(stored.record), None)

    with store_connection(db) as connection:
        if fmt == "brat":
            count = write_brat(records(connection), output)
            target = output
        else:
            target = output / EXPORT_FILES[fmt]
            with open(target, "w", encoding="utf-8", newline="") as stream:
                if fmt == "jsonl":
                    count = write_jsonl(records(connection), stream)
                elif fmt == "csv":
                    count = write_csv(records(connection), stream)
                else:
                    write_webannotation(records(connection), stream,
                                        source=lambda record: article_source(record, keys.get(id(record))))
                    count = None
    what = f"{count} articles" if count is not None else "annotations"
    report(f"exported {what} -> {target}")
