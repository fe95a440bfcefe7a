"""`quotegraph extract`, `timeline` and `demo`: thin commands over `extract_many`, the readers and the writers."""
from __future__ import annotations

import sys
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

import click
from tqdm import tqdm

from ..api import extract_many
from ..article import Article
from ..config import Options
from ..errors import QuotegraphError
from ..readers import ReadError, ReadItem, is_single_article, read_inputs
from ..record import Record
from ..writers import FORMATS, write_brat, write_csv, write_json, write_jsonl
from .common import (
    EXIT_NOTHING_DONE,
    EXIT_OK,
    EXIT_SOME_FAILED,
    db_option,
    fail,
    format_option,
    name_prior_option,
    options_from,
    pipeline_options,
    published_option,
    report,
    view_options,
)

EXTRACT_HELP = """Extract attributed quotes from news articles.

INPUTS are .txt, .html/.htm, .jsonl (each also gzipped: .txt.gz ...), .warc and
.warc.gz files, directories (searched recursively for those), .json files named
(an article object with "text", or a list of them), or - for standard input. One
text, HTML or JSON article prints one JSON object; JSON Lines input, a JSON list,
a directory or several inputs print JSON Lines, one record per article. An input
that cannot be read is reported on stderr as "quotegraph: INPUT: REASON" and the
others go on.

\b
Exit codes:
  0  every input was read and extracted
  1  some inputs failed, the others were written
  2  usage error, or no input could be read (e.g. a single bad or missing
     input, or the spaCy pipeline could not be loaded)
"""


@click.command(help=EXTRACT_HELP)
@click.argument("inputs", nargs=-1, required=True)
@published_option()
@format_option(FORMATS, help="Output format [default: json for one article, else jsonl].")
@click.option("-o", "--output", type=click.Path(dir_okay=True, path_type=Path),
              help="Output file (a directory for brat) [default: stdout].")
@pipeline_options
@view_options
@name_prior_option
@click.option("--n-process", type=click.IntRange(min=1), default=1, show_default=True, help="Parser processes.")
@click.option("--stdin-format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="How to read - (standard input).")
def extract(inputs: tuple[str, ...], published: str | None, fmt: str | None, output: Path | None,
            model: str | None, attribution: str | None, min_confidence: float, kinds: tuple[str, ...],
            name_prior: bool, n_process: int, stdin_format: str) -> None:
    single = is_single_article(inputs, stdin_format)
    fmt = fmt or ("json" if single else "jsonl")
    _check_output(fmt, output)
    tally = _Tally()
    options = options_from(model, attribution, min_confidence=min_confidence, kinds=kinds, name_prior=name_prior)
    records = _records(inputs, tally, published=published, options=options, n_process=n_process,
                       stdin_format=stdin_format)
    try:
        _write(records, fmt, output, single=single)
    except QuotegraphError as err:  # the pipeline could not be loaded: nothing can run
        fail(str(err), EXIT_NOTHING_DONE)
    sys.exit(tally.exit_code())


def _records(inputs: tuple[str, ...], tally: "_Tally", *, published: str | None, options: Options,
             n_process: int = 1, stdin_format: str = "text") -> Iterator[Record]:
    """The records of `inputs`, lazily, with failures reported and counted by `tally`."""
    items = read_inputs(inputs, stdin=getattr(sys.stdin, "buffer", None), stdin_format=stdin_format)
    records = tally.records(extract_many(tally.articles(items, published), n_process=n_process, options=options))
    return iter(tqdm(records, file=sys.stderr, unit=" articles", disable=not sys.stderr.isatty()))


def _check_output(fmt: str, output: Path | None) -> None:
    if fmt == "brat" and (output is None or output.is_file()):
        raise click.UsageError("--format brat writes a .txt and an .ann per article: give a directory with -o DIR")
    if fmt != "brat" and output is not None and output.is_dir():
        raise click.UsageError(f"-o {output} is a directory; --format {fmt} writes one file")


def _write(records: Iterable[Record], fmt: str, output: Path | None, *, single: bool) -> None:
    if fmt == "brat":
        assert output is not None  # _check_output demands a directory
        write_brat(records, output)
        return
    opened = open(output, "w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)
    with opened as stream:
        if fmt == "json":
            write_json(records, stream, single=single)
        elif fmt == "jsonl":
            write_jsonl(records, stream)
        else:
            write_csv(records, stream)


@dataclass
class _Tally:
    """Counts articles written and inputs failed, reporting each failure as it happens."""

    ok: int = 0
    failed: int = 0

    def articles(self, items: Iterable[ReadItem], published: str | None) -> Iterator[Article]:
        for item in items:
            if isinstance(item, ReadError):
                self._fail(item.source, item.reason)
            elif published and not item.published:
                yield replace(item, published=published)
            else:
                yield item

    def records(self, records: Iterable[Record]) -> Iterator[Record]:
        """The records without `error`; those are reported and counted as failed inputs."""
        for record in records:
            if record.error:
                self._fail(str(record.id), record.error.reason)
            else:
                self.ok += 1
                yield record

    def _fail(self, source: str, reason: str) -> None:
        self.failed += 1
        report(f"{source}: {reason}")

    def exit_code(self) -> int:
        if self.ok == 0:
            return EXIT_NOTHING_DONE
        return EXIT_SOME_FAILED if self.failed else EXIT_OK


TIMELINE_HELP = """Print the dated events and statements of articles in calendar order.

INPUTS are read as by `quotegraph extract` (.txt, .html/.htm, .json, .jsonl, directories, -
for standard input). Items with a partial date (2025-03, 2025-W15) sort at the start of their
period; relative dates that could not be resolved go last; undated statements are left
out and counted. --format json prints a list of items with their spans' offsets (jsonl:
one a line; csv: flat rows).

With --db URL --entity NAME (and no INPUTS) the items come from a store: the statements
the entity made and the events it took part in, across every stored article (NAME as
for quotes --speaker).

\b
Exit codes: as for extract (0 all inputs done, 1 some failed, 2 usage error or nothing read);
with --db: 0 done, 1 no such entity in the store, 2 the store cannot be opened.
"""


@click.command(help=TIMELINE_HELP)
@click.argument("inputs", nargs=-1)
@published_option("Publication date for inputs that do not give one (relative dates are resolved against it).")
@format_option(["text", "json", "jsonl", "csv"], default="text")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file [default: stdout].")
@pipeline_options
@db_option(default=None, envvar=None, help="Read a store instead of INPUTS (with --entity): SQLite file or database URL.")
@click.option("--entity", metavar="NAME", help="With --db: the statements and events of this entity across the corpus.")
def timeline(inputs: tuple[str, ...], published: str | None, fmt: str, output: Path | None, model: str | None,
             attribution: str | None, db: str | None, entity: str | None) -> None:
    from ..events.timeline import build_timeline
    from .query import store_timeline, write_timeline

    _check_output(fmt, output)
    if db is not None or entity is not None:
        if db is None or entity is None or inputs:
            raise click.UsageError("the store's timeline takes --db URL and --entity NAME, and no INPUTS")
        store_timeline(db, entity, fmt, output)
        return
    if not inputs:
        raise click.UsageError("give INPUTS, or --db URL --entity NAME")
    tally = _Tally()
    try:
        result = build_timeline(_records(inputs, tally, published=published, options=options_from(model, attribution)))
    except QuotegraphError as err:  # the pipeline could not be loaded: nothing can run
        fail(str(err), EXIT_NOTHING_DONE)
    if tally.ok:
        write_timeline(result, fmt, output)
    sys.exit(tally.exit_code())


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default="quotegraph-demo.json",
              show_default=True, help="Where to write the JSON record.")
def demo(output: Path) -> None:
    """Run on a bundled Wikinews article and print who said what."""
    from ..demo import run_demo

    try:
        lines = run_demo(output)
    except QuotegraphError as err:
        fail(str(err), EXIT_NOTHING_DONE)
    click.echo("\n".join(lines))

