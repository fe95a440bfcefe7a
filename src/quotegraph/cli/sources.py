"""`quotegraph sources`: who gets quoted, by gender and source type, per outlet and month
(store/sources.py counts; this module parses options and prints). Every figure's statements
are listed by a `quotegraph quotes` command: the JSON gives it with each row and cell.

Exit codes as the other queries (query.py): 2 for a bad option, an unknown outlet or a
store that cannot be opened; 1 when the store cannot be read mid-query.
"""
from __future__ import annotations

import datetime as dt
import json
import shlex
import sys
from typing import Any, Sequence

import click

from ..config import DEFAULT_MIN_CONFIDENCE
from ..source_types import SOURCE_TYPES
from ..store.source_filters import NO_SPEAKER, SOURCE_TYPE_FILTERS, SPEAKER_GENDERS
from ..store.sources import GROUPINGS, SourceFilters, sources_report
from ..writers.csv import csv_writer, safe_cell
from .common import db_option, format_option
from .progress import StageProgress
from .query import date_option, require_outlet, store_connection, table

SOURCES_HELP = """Who gets quoted: statements and distinct speakers by gender and source
type, per outlet and/or month, with the share of women.

\b
--by outlet|month|outlet,month   how rows are grouped (outlet: the article's
                 URL host, none without a URL; month: of publication, undated
                 for articles without a date); a total is always given
--since/--until  the article's publication date, inclusive (YYYY-MM-DD)
--outlet HOST    only articles from this outlet (none: without a URL)
--search QUERY   only statements whose content matches (as quotes --search)
--min-confidence P  which statements count, as in quotes (the default view)

Gender is the speaker's as the text signals it across the corpus (female, male;
unknown when no evidence, conflicting evidence, not a person, or no speaker).
WOMEN is the share of women among the statements (or speakers) whose speaker's
gender is known. --format json gives, with each row and figure, the quotes
command that lists the statements behind it.
"""

# the find_quotes argument -> its `quotegraph quotes` option
QUOTES_OPTIONS = {"since": "--since", "until": "--until", "outlet": "--outlet", "search": "--search",
                  "min_confidence": "--min-confidence", "speaker_gender": "--speaker-gender",
                  "source_type": "--source-type", "undated": "--undated"}
TYPE_HEADERS = {"person": "PERSON", "organisation": "ORG", "group": "GROUP", "anonymous": "ANON",
                "document": "DOC", NO_SPEAKER: "NONE"}


def _grouping(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    parts = tuple(part.strip() for part in value.split(",") if part.strip())
    wrong = [part for part in parts if part not in GROUPINGS]
    if wrong or not parts or len(set(parts)) != len(parts):
        raise click.BadParameter(f"{value!r}: give outlet, month or outlet,month")
    return parts


def quotes_args(row_filter: dict[str, Any]) -> list[str]:
    """A report row's filter as `quotegraph quotes` options."""
    args: list[str] = []
    for key, option in QUOTES_OPTIONS.items():
        value = row_filter.get(key)
        if value is True:
            args.append(option)
        elif value is not None:
            args += [option, str(value)]
    return args


def quotes_command(db: str, row_filter: dict[str, Any], statements: int) -> str:
    """The command listing a figure's statements, all of them (--limit: as many as counted)."""
    return shlex.join(["quotegraph", "quotes", "--db", db, *quotes_args(row_filter), "--limit",
                       str(max(statements, 1))])


@click.command(help=SOURCES_HELP)
@db_option()
@click.option("--by", "by", default="outlet", show_default=True, callback=_grouping, metavar="outlet|month|outlet,month",
              help="Group rows by outlet, by month, or by both.")
@click.option("--since", metavar="YYYY-MM-DD", callback=date_option, help="Published on or after.")
@click.option("--until", metavar="YYYY-MM-DD", callback=date_option, help="Published on or before.")
@click.option("--outlet", metavar="HOST", help="Only this outlet (URL host; none: no URL).")
@click.option("--search", metavar="QUERY", help="Full-text search over the content.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=DEFAULT_MIN_CONFIDENCE, show_default=True,
              metavar="P", help="Only statements a reader accepts with at least this probability.")
@format_option(("text", "csv", "json"), default="text", help="text: tables; csv, json: for programs.")
def sources(db: str, by: tuple[str, ...], since: dt.date | None, until: dt.date | None, outlet: str | None,
            search: str | None, min_confidence: float, fmt: str) -> None:
    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="--since")
    filters = SourceFilters(since, until, outlet, search, min_confidence)
    with store_connection(db) as connection:
        if outlet is not None:
            require_outlet(connection, outlet)
        with StageProgress("sources") as progress:
            report = sources_report(connection, filters, by, progress=progress)
    if fmt == "json":
        click.echo(json.dumps(with_commands(report, db), indent=2, ensure_ascii=False))
    elif fmt == "csv":
        write_csv(report, sys.stdout, db)
    else:
        click.echo(text_report(report))


def with_commands(report: dict[str, Any], db: str) -> dict[str, Any]:
    """The report with a `quotes` command beside each filter (the row's and each figure's)."""
    def row(item: dict[str, Any]) -> dict[str, Any]:
        out = {**item, "quotes": quotes_command(db, item["filter"], item["statements"])}
        for part in ("gender", "source_type"):
            out[part] = {name: {**cell, "quotes": quotes_command(db, cell["filter"], cell["statements"])}
                         for name, cell in item[part].items()}
        return out

    return {**report, "total": row(report["total"]), "rows": [row(item) for item in report["rows"]]}


def _percent(share: float | None) -> str:
    return "" if share is None else f"{share:.1%}"


def _flat(item: dict[str, Any], by: Sequence[str], what: str) -> dict[str, Any]:
    """A row's `what` (statements or speakers) figures as one flat table row."""
    out: dict[str, Any] = {key: item.get(key, "TOTAL") for key in by}
    out[what] = item[what]
    out.update({f"{what}_{name}": item["gender"][name][what] for name in SPEAKER_GENDERS})
    out[f"women_share_{what}"] = item["women_share"][what]
    out.update({f"{what}_{name}": item["source_type"][name][what] for name in SOURCE_TYPE_FILTERS})
    return out


def text_report(report: dict[str, Any]) -> str:
    """Two tables, statements and distinct speakers, one row per group and the total."""
    by = report["by"]
    parts = []
    for what, title in (("statements", "Statements"), ("speakers", "Distinct speakers")):
        rows = [_flat(item, by, what) for item in (*report["rows"], report["total"])]
        for row in rows:
            row[f"women_share_{what}"] = _percent(row[f"women_share_{what}"])
        columns = [(key, key.upper(), 28 if key == "outlet" else 9) for key in by]
        columns += [(what, what.upper(), 10)]
        columns += [(f"{what}_{name}", name.upper(), 7) for name in SPEAKER_GENDERS]
        columns += [(f"women_share_{what}", "WOMEN", 6)]
        # statements without a speaker have no speaker to count
        types = SOURCE_TYPE_FILTERS if what == "statements" else SOURCE_TYPES
        columns += [(f"{what}_{name}", TYPE_HEADERS[name], 6) for name in types]
        parts.append(f"{title}\n" + table(rows, columns))
    return "\n".join(parts) + ("\nWOMEN: the share of women among those whose speaker's gender is known; "
                               "--format json gives the quotes command behind each figure.")


def write_csv(report: dict[str, Any], stream: Any, db: str) -> None:
    """One line per row and one for the total (outlet and month empty), statements and
    speakers side by side, and the `quotegraph quotes` command that lists the row."""
    by = report["by"]
    rows = []
    for item in (*report["rows"], report["total"]):
        flat = {"row": "total" if item is report["total"] else "group", **{key: item.get(key) for key in by}}
        for what in ("statements", "speakers"):
            flat.update({key: value for key, value in _flat(item, by, what).items() if key not in by})
        flat["quotes"] = quotes_command(db, item["filter"], item["statements"])
        rows.append(flat)
    columns = list(rows[0])
    writer = csv_writer(stream)
    writer.writerow(columns)
    writer.writerows([safe_cell("" if row[key] is None else row[key]) for key in columns] for row in rows)
