"""The command line, one module per stage: extract (extract, timeline, demo), store (ingest,
load, stats), entities (entities, relink), query (quotes, speakers, export), sources, serve, spark, eval; common.py holds what they
share (exit codes, error reporting, --db, --published, --format, --model/--attribution)."""
from __future__ import annotations

import click

from .. import __version__
from . import entities, eval, extract, query, serve, sources, spark, store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quotegraph")
def main() -> None:
    """quotegraph: who said what, to whom, when, pinned to the exact characters."""


for _command in (extract.extract, extract.timeline, extract.demo, store.ingest, store.load, store.stats, entities.entities,
                 entities.relink, query.quotes,
                 query.speakers, sources.sources, query.export, spark.spark, serve.serve, eval.eval_group):
    main.add_command(_command)

__all__ = ["main"]
