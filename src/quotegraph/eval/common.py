"""What the corpus scorers share: one batched extraction over the gold documents, and the
sampling of errors for their reports (`quotegraph eval <corpus> --errors N`)."""
from __future__ import annotations

import random
import sys
from typing import Any, Callable, Sequence, TypeVar

T = TypeVar("T")

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


def error_sample(label: str, items: Sequence[T], n: int, *, seed: int,
                 key: Callable[[T], Any]) -> tuple[str, list[T]]:
    """A section header ("=== LABEL: showing k of m ===") and up to `n` of `items` drawn
    with `seed` (the same draw on every run), listed in `key` order."""
    sample = sorted(random.Random(seed).sample(list(items), min(n, len(items))), key=key)
    return f"=== {label}: showing {len(sample)} of {len(items)} ===", sample
