"""What the corpus scorers share: one batched extraction over the gold documents, and
the skeleton of their `python -m quotegraph.eval.<corpus>` command lines."""
from __future__ import annotations

import argparse
import sys
from typing import Any, Sequence

from ..record import Record


def extract_records(items: Sequence[dict[str, Any]], *, options: Any = None, batch_size: int = 16,
                    on_error: str = "") -> list[Record]:
    """One record per item from a single batched `extract_many` call; a record with
    `error` is reported on stderr (with `on_error` after it) and kept in its place."""
    from .. import extract_many  # imported late: scoring does not need spaCy

    records = list(extract_many(items, batch_size=batch_size, options=options))
    if len(records) != len(items):
        raise RuntimeError(f"extract_many returned {len(records)} records for {len(items)} documents")
    for item, record in zip(items, records):
        if record.error is not None:
            print(f"warning: {item['id']}: {record.error}{on_error}", file=sys.stderr)
    return records


def script_parser(prog: str, description: str, *, dir_help: str, errors_help: str) -> argparse.ArgumentParser:
    """The arguments every scorer's command line takes: DIR, --limit, --errors, --seed, --json."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("dir", help=dir_help)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents (by path)")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help=errors_help)
    parser.add_argument("--seed", type=int, default=0, help="sampling seed for --errors")
    parser.add_argument("--json", action="store_true", help="print the result as JSON instead of a table")
    return parser
