"""`quotegraph eval ...`: scoring against annotated corpora, and the CI evaluation gate.

The scorers are imported when a command runs: extraction never needs them.
"""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import click

from .cli_options import options_from, pipeline_options

_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)


def _report(scorer: str, directory: Path, fmt: str, **options: Any) -> None:
    """Run `quotegraph.eval.<scorer>.evaluate_dir` and print its report or its JSON."""
    module = importlib.import_module(f"quotegraph.eval.{scorer}")
    try:
        result = module.evaluate_dir(directory, **options)
    except FileNotFoundError as err:  # the folder holds no documents of that corpus
        raise click.ClickException(str(err)) from err
    click.echo(module.format_report(result) if fmt == "text" else json.dumps(result, indent=2, ensure_ascii=False))


@click.group("eval")
def eval_group() -> None:
    """Score quotegraph against annotated corpora."""


@eval_group.command("polnear")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_FORMAT
@pipeline_options
def eval_polnear(directory: Path, fmt: str, model: str | None, attribution: str | None) -> None:
    """Score attribution (source, cue, content) on a PolNeAR split (a folder with text/ and attributions/):
    strict exact P/R/F1 (comparable with published figures), lenient, token overlap, calibration."""
    _report("polnear", directory, fmt, options=options_from(model, attribution))


@eval_group.command("meantime")
@click.argument("directory", type=click.Path(exists=True, path_type=Path))
@_FORMAT
@pipeline_options
def eval_meantime(directory: Path, fmt: str, model: str | None, attribution: str | None) -> None:
    """Score speaker resolution on MEANTIME speech events (meantime_en/intra-doc_annotation, or one corpus_* folder)."""
    _report("meantime", directory, fmt, options=options_from(model, attribution))


@eval_group.command("pages")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_FORMAT
@pipeline_options
def eval_pages(directory: Path, fmt: str, model: str | None, attribution: str | None) -> None:
    """Score attribution on web pages (a folder of .html pages and an expected.json table, such as
    tests/fixtures/pages): precision and recall against what a careful reader expects, and forbidden hits."""
    _report("pages", directory, fmt, options=options_from(model, attribution))


@eval_group.command("timeml")
@click.argument("directory", type=click.Path(exists=True, path_type=Path))
@_FORMAT
@click.option("--format-in", "format_in", type=click.Choice(["auto", "timeml", "meantime"]), default="auto",
              show_default=True, help="Input format; auto: detected per file from its root element.")
def eval_timeml(directory: Path, fmt: str, format_in: str) -> None:
    """Score temporal expressions (TempEval-3 Task A: strict/relaxed span F1, type and value F1) on
    TimeML files (tempeval3/Training/TBAQ-cleaned) or MEANTIME TIMEX3 (meantime_en/intra-doc_annotation)."""
    _report("timeml", directory, fmt, format_in=format_in)


@eval_group.command("gate", add_help_option=False,
                    context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def eval_gate(args: tuple[str, ...]) -> None:
    """Check the scores against the pinned floors (the CI evaluation gate); exits with its status.

    Options (--data, --floors, --only, --json, --help) go to the gate itself.
    """
    from .eval import gate

    sys.exit(gate.main(list(args)))
