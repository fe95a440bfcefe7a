"""What the corpus scorers share: one batched extraction over the gold documents, a run
that loads, extracts and scores, reading a record or its dict alike, and the sampling of
errors for their reports (`quotegraph eval <corpus> --errors N`)."""
from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any, Callable, Sequence, TypeVar

from ..record import Record

T = TypeVar("T")


def extract_records(items: Sequence[dict[str, Any]], *, options: Any = None, batch_size: int = 16,
                    on_error: str = "") -> list[Record]:
    """One record per item from a single batched `extract_many` call, every quote kept
    whatever its confidence or kind (`Options.everything`); a record with
    `error` is reported on stderr (with `on_error` after it) and kept in its place."""
    from .. import extract_many  # imported late: scoring does not need spaCy
    from ..config import Options

    # a corpus is scored on everything the engine finds, as its annotators marked it
    records = list(extract_many(items, batch_size=batch_size, options=(options or Options()).everything()))
    if len(records) != len(items):
        raise RuntimeError(f"extract_many returned {len(records)} records for {len(items)} documents")
    for item, record in zip(items, records):
        if record.error is not None:
            print(f"warning: {item['id']}: {record.error}{on_error}", file=sys.stderr)
    return records


def reliability_bins(pairs: Sequence[tuple[float, bool]], bins: int = 10
                     ) -> tuple[list[tuple[float, float, int, float, float]], float]:
    """(confidence, correct) pairs in `bins` equal-width confidence bins, the last closed at
    1.0: (low, high, n, mean confidence, share correct) of each non-empty bin, and the
    expected calibration error (the bins' |share correct - mean confidence|, weighted by size)."""
    table = []
    ece = 0.0
    for number in range(bins):
        low, high = number / bins, (number + 1) / bins
        inside = [(c, ok) for c, ok in pairs if low <= c < high or (number == bins - 1 and c == 1.0)]
        if not inside:
            continue
        confidence = sum(c for c, _ in inside) / len(inside)
        accuracy = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / len(pairs) * abs(accuracy - confidence)
        table.append((low, high, len(inside), confidence, accuracy))
    return table, ece


def field_of(obj: Any, key: str) -> Any:
    """`key` of a dict, or the attribute of an object (a `Record`, a `Quote`), or None."""
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def scored_run(path: str | Path, *, load: Callable[..., Sequence[Any]], predict: Callable[..., list[Any]],
               score: Callable[[Sequence[Any], Sequence[Any]], dict[str, Any]], options: Any = None,
               limit: int | None = None) -> tuple[dict[str, Any], Any, Any]:
    """(scores, documents, records): the documents under `path` (`load(path, limit=...)`),
    extracted (`predict(docs, options=...)`) and scored, with the corpus path in the scores."""
    docs = load(path, limit=limit)
    records = predict(docs, options=options)
    result = score(docs, records)
    result["corpus"] = str(path)
    return result, docs, records


def error_sample(label: str, items: Sequence[T], n: int, *, seed: int,
                 key: Callable[[T], Any]) -> tuple[str, list[T]]:
    """A section header ("=== LABEL: showing k of m ===") and up to `n` of `items` drawn
    with `seed` (the same draw on every run), listed in `key` order."""
    sample = sorted(random.Random(seed).sample(list(items), min(n, len(items))), key=key)
    return f"=== {label}: showing {len(sample)} of {len(items)} ===", sample
