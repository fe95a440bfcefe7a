"""The default view of a record: the statements a reader likely accepts (docs/statements.md).

Pure, over a `Record`; no spaCy, so the web app and the store's readers use it as well.
"""
from __future__ import annotations

from typing import Sequence

from .record import Record


def view(record: Record, min_confidence: float, kinds: Sequence[str] | None = None) -> Record:
    """`record` with only the quotes at or above `min_confidence` and of `kinds` (None: all),
    in place; a report nested in a quote that is not shown is not shown either. Quote ids
    stay those of the full record, so "q7" is the same statement in every view."""
    keep = [q for q in record.quotes if q.confidence >= min_confidence and (kinds is None or q.kind in kinds)]
    ids = {q.id for q in keep}
    record.quotes = [q for q in keep if q.within is None or q.within in ids]
    return record
