"""Records built by hand from the JSON forms of their parts, as tests write them."""
from __future__ import annotations

from typing import Any, Iterable

from quotegraph.record import ArticleEntity, Event, Record, RecordError, TimeExpression


def make_record(*, entities: Iterable[dict[str, Any]] = (), times: Iterable[dict[str, Any]] = (),
                events: Iterable[dict[str, Any]] = (), error: dict[str, Any] | None = None,
                **fields: Any) -> Record:
    """A `Record` whose entities, times, events and error are given as the JSON dicts of
    docs/record.md (read with each part's `from_dict`, as a record read back is)."""
    return Record(entities=[ArticleEntity.from_dict(entity) for entity in entities],
                  times=[TimeExpression.from_dict(time) for time in times],
                  events=[Event.from_dict(event) for event in events],
                  error=RecordError.from_dict(error) if error is not None else None, **fields)
