"""`quotegraph eval ...`: scoring against annotated corpora, and the CI evaluation gate.

The scorers are imported when a command runs: extraction never needs them.
"""
from __future__ import annotations

import importlib
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

import click

from .common import format_option, options_from, pipeline_options

_FORMAT = format_option(["text", "json"], default="text")


def _sampling(function: Callable[..., Any]) -> Callable[..., Any]:
    """--limit N, --errors N and --seed N: what every corpus command takes."""
    function = click.option("--seed", type=int, default=0, show_default=True, help="Sampling seed for --errors.")(function)
    function = click.option("--errors", type=click.IntRange(min=0), default=0, metavar="N",
                            help="Also print N sampled errors of each kind, with context.")(function)
    return click.option("--limit", type=click.IntRange(min=1), metavar="N",
                        help="Only the first N documents (by path).")(function)


def _scorer(name: str) -> Any:
    return importlib.import_module(f"quotegraph.eval.{name}")


def _run(run: Callable[[], tuple[dict[str, Any], Any, Any]]) -> tuple[dict[str, Any], Any, Any]:
    try:
        return run()
    except FileNotFoundError as err:  # the folder holds no documents of that corpus
        raise click.ClickException(str(err)) from err


def _print(result: dict[str, Any], fmt: str, report: Callable[[], str], errors: Callable[[], str] | None) -> None:
    """The report (or its JSON), then the sampled errors (text only)."""
    click.echo(report() if fmt == "text" else json.dumps(result, indent=2, ensure_ascii=False))
    if errors is not None and fmt == "text":
        click.echo()
        click.echo(errors())


@click.group("eval")
def eval_group() -> None:
    """Score quotegraph against annotated corpora."""


@eval_group.command("polnear")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_FORMAT
@pipeline_options
@_sampling
@click.option("--role", "roles", multiple=True, type=click.Choice(["source", "cue", "content"]),
              help="Restrict --errors to this role (repeatable).")
def eval_polnear(directory: Path, fmt: str, model: str | None, attribution: str | None, limit: int | None,
                 errors: int, seed: int, roles: tuple[str, ...]) -> None:
    """Score attribution (source, cue, content) on a PolNeAR split (a folder with text/ and attributions/):
    strict exact P/R/F1 (comparable with published figures), lenient, token overlap, calibration."""
    polnear = _scorer("polnear")
    result, golds, predictions = _run(lambda: polnear.run(directory, options=options_from(model, attribution),
                                                          limit=limit))
    _print(result, fmt, lambda: polnear.format_report(result),
           (lambda: polnear.format_errors(golds, predictions, errors, roles=roles or polnear.ROLES, seed=seed))
           if errors else None)


@eval_group.command("meantime")
@click.argument("directory", type=click.Path(exists=True, path_type=Path))
@_FORMAT
@pipeline_options
@_sampling
def eval_meantime(directory: Path, fmt: str, model: str | None, attribution: str | None, limit: int | None,
                  errors: int, seed: int) -> None:
    """Score speaker resolution on MEANTIME speech events (meantime_en/intra-doc_annotation, or one corpus_* folder)."""
    meantime = _scorer("meantime")
    result, docs, records = _run(lambda: meantime.run(directory, options=options_from(model, attribution), limit=limit))
    _print(result, fmt, lambda: meantime.format_report(result),
           (lambda: meantime.format_errors(meantime.judge_all(docs, records), errors, seed=seed)) if errors else None)


@eval_group.command("event-times")
@click.argument("directory", type=click.Path(exists=True, path_type=Path))
@_FORMAT
@pipeline_options
@_sampling
def eval_event_times(directory: Path, fmt: str, model: str | None, attribution: str | None, limit: int | None,
                     errors: int, seed: int) -> None:
    """Score dated events and statements against annotated event-time links: MEANTIME (meantime_en/intra-doc_annotation)
    or TimeML (tempeval3/Training/TBAQ-cleaned)."""
    event_times = _scorer("event_times")
    result, docs, records = _run(lambda: event_times.run(directory, options=options_from(model, attribution),
                                                         limit=limit))
    _print(result, fmt, lambda: event_times.format_report(result),
           (lambda: event_times.format_errors([event_times.judge(d, r) for d, r in zip(docs, records)], errors,
                                              seed=seed)) if errors else None)


@eval_group.command("pages")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_FORMAT
@pipeline_options
def eval_pages(directory: Path, fmt: str, model: str | None, attribution: str | None) -> None:
    """Score attribution on web pages (a folder of .html pages and an expected.json table, such as
    tests/fixtures/pages): precision and recall against what a careful reader expects, and forbidden hits."""
    pages = _scorer("pages")
    try:
        result = pages.evaluate_dir(directory, options=options_from(model, attribution))
    except FileNotFoundError as err:  # the folder holds no pages table
        raise click.ClickException(str(err)) from err
    _print(result, fmt, lambda: pages.format_report(result), None)


@eval_group.command("statements")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_FORMAT
@pipeline_options
@click.option("--split", type=click.Choice(["tune", "heldout", "all"]), default="heldout", show_default=True,
              help="Which pages of the gold: the tuning pages, the held-out ones (never tuned on), or all.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None,
              help="The default view's threshold [default: the documented default].")
@click.option("--errors", type=click.IntRange(min=0), default=0, metavar="N",
              help="Also print N default-view statements that are not fully right.")
def eval_statements(directory: Path, fmt: str, model: str | None, attribution: str | None, split: str,
                    min_confidence: float | None, errors: int) -> None:
    """Score statements on real news pages (../shared/data/pages-dev) against the project's own gold
    (what a reader calls a statement): precision, recall, fully-right precision, speaker and kind
    accuracy, content token F1, and the reliability of the confidence."""
    statements = _scorer("statements")
    try:
        result = statements.run(directory, split=split, options=options_from(model, attribution),
                                min_confidence=min_confidence)
    except (FileNotFoundError, statements.GoldError) as err:
        raise click.ClickException(str(err)) from err
    judged = result.pop("judged")  # the judged quotes, for --errors; the rest is plain data
    _print(result, fmt, lambda: statements.format_report(result),
           (lambda: statements.format_errors(judged, result["default"]["min_confidence"], errors)) if errors else None)


@eval_group.command("sources")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_FORMAT
@pipeline_options
@click.option("--split", type=click.Choice(["tune", "heldout", "all"]), default="all", show_default=True,
              help="Real pages only: the tuning pages, the held-out ones, or all (PolNeAR dev: all).")
@click.option("--no-name-prior", "no_name_prior", is_flag=True,
              help="Gender from the text alone: no first-name statistic (Options(name_prior=False)).")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None,
              help="Count as sources the speakers of statements at this confidence or above "
                   "[default: the corpus's convention: the default view on the pages, everything on PolNeAR].")
def eval_sources(directory: Path, fmt: str, model: str | None, attribution: str | None, split: str,
                 no_name_prior: bool, min_confidence: float | None) -> None:
    """Score who gets quoted, by gender, as the Gender Gap Tracker does, on the real pages
    (../shared/data/pages-dev) or PolNeAR dev (../shared/data/polnear/dev) against the gender gold:
    people and sources (speakers of statements) by gender, P/R/F1 summed over articles,
    the share of women among sources, and gender coverage by evidence kind. The pages' gold
    follows STATEMENTS.md, so their sources speak in the default view; PolNeAR's follows its
    scheme (beliefs and stances too), so there every quote counts, as in `eval polnear`."""
    sources = _scorer("sources")
    options = replace(options_from(model, attribution), name_prior=not no_name_prior)
    try:
        result = sources.run(directory, split=split, options=options, min_confidence=min_confidence)
    except (FileNotFoundError, sources.SourcesEvalError, sources.gender_gold.GenderGoldError) as err:
        raise click.ClickException(str(err)) from err
    _print(result, fmt, lambda: sources.format_report(result), None)


@eval_group.command("timeml")
@click.argument("directory", type=click.Path(exists=True, path_type=Path))
@_FORMAT
@click.option("--format-in", "format_in", type=click.Choice(["auto", "timeml", "meantime"]), default="auto",
              show_default=True, help="Input format; auto: detected per file from its root element.")
@_sampling
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["missed", "spurious", "value", "type", "boundary"]),
              help="Restrict --errors to this kind (repeatable).")
@click.option("--doc", "doc_filter", multiple=True, metavar="SUBSTR",
              help="Only documents whose file name or id contains SUBSTR (repeatable).")
def eval_timeml(directory: Path, fmt: str, format_in: str, limit: int | None, errors: int, seed: int,
                kinds: tuple[str, ...], doc_filter: tuple[str, ...]) -> None:
    """Score temporal expressions (TempEval-3 Task A: strict/relaxed span F1, type and value F1) on
    TimeML files (tempeval3/Training/TBAQ-cleaned) or MEANTIME TIMEX3 (meantime_en/intra-doc_annotation).
    With --format json and --errors, every error of the chosen kinds is under "errors"."""
    timeml = _scorer("timeml")
    result, docs, predictions = _run(lambda: timeml.run(directory, limit=limit, format_in=format_in,
                                                        docs_filter=doc_filter))
    chosen = kinds or timeml.ERROR_KINDS
    if errors and fmt == "json":
        result["errors"] = timeml.errors_json(timeml.align_all(docs, predictions), chosen)
    _print(result, fmt, lambda: timeml.format_report(result),
           (lambda: timeml.format_errors(timeml.align_all(docs, predictions), errors, kinds=chosen, seed=seed))
           if errors else None)


@eval_group.command("gate", add_help_option=False,
                    context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def eval_gate(args: tuple[str, ...]) -> None:
    """Check the scores against the pinned floors (the CI evaluation gate); exits with its status.

    Options (--data, --floors, --only, --json, --help) go to the gate itself.
    """
    from ..eval import gate

    sys.exit(gate.main(list(args)))
