"""An entity's timeline for the web app, read from the store's indexed tables: its dated
statements (quotes by speaker, their time expression) and the events it takes part in.

The command line's `entity_timeline` rebuilds every record the entity appears in and
walks them; for a group named in tens of thousands of articles ("officials") that is
seconds of work and every article's text in memory. Here it is read in two passes, in the
same order (events/timeline.py's `placement`: calendar order, then articles in store order, then
text order; a statement before an event and the lower id first where all of that ties):

- `timeline_index`: every dated item's place, date and precision, from the few columns
  that decide them (what the page cache keeps: a page's position, the chart, the total);
- `page_items`: the items of one page, their text, time and article read by id.

Reading every item whole took 3.5 s for the busiest speaker of the 1M-statement benchmark
store (76,000 dated statements), most of it building rows no page showed.
"""
from __future__ import annotations

import json
from operator import itemgetter
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..events.timeline import placement
from ..store import schema


class Placed(NamedTuple):
    """One dated item of a timeline: which (kind and row id), and where it falls."""

    kind: str  # "statement" (a quotes row) or "event" (an events row)
    id: int
    date: str | None  # ISO, as events/timeline.py's placement gives it
    precision: str


def _one_of(column: sa.ColumnElement[int], ids: list[int], dialect: str) -> sa.ColumnElement[bool]:
    """`column` is one of `ids`. A common group's name matches one entity per article that
    names it (38,394 for "Residents" on the 1M-statement benchmark store): on SQLite the ids
    go as one JSON parameter instead of a bound parameter each, whose expansion alone took
    0.2 s."""
    if dialect == "sqlite" and len(ids) > 100:
        return column.in_(sa.select(sa.column("value")).select_from(
            sa.func.json_each(sa.bindparam("ids", json.dumps(ids), type_=sa.Text))))
    return column.in_(ids)


def timeline_index(connection: sa.Connection, entity_ids: list[int]) -> tuple[list[Placed], int]:
    """The entities' dated statements and events in calendar order, and how many had no time."""
    q, ev, ep, ae, t = schema.quotes, schema.events, schema.event_participants, schema.article_entities, schema.times
    dialect = connection.dialect.name
    statements = connection.execute(
        sa.select(q.c.id, q.c.article_id, sa.func.coalesce(q.c.cue_start, q.c.start).label("offset"),
                  t.c.text.label("time_text"), t.c.value.label("time_value"))
        .outerjoin(t, t.c.id == q.c.time_id).where(_one_of(q.c.speaker_entity_id, entity_ids, dialect)))
    taking_part = sa.select(ep.c.event_id).join(ae, ae.c.id == ep.c.article_entity_id).where(
        _one_of(ae.c.entity_id, entity_ids, dialect))
    events = connection.execute(
        sa.select(ev.c.id, ev.c.article_id, ev.c.trigger_start.label("offset"), t.c.text.label("time_text"),
                  t.c.value.label("time_value"))
        .outerjoin(t, t.c.id == ev.c.time_id).where(ev.c.id.in_(taking_part)))
    places: dict[str | None, tuple[tuple, str | None, str]] = {}  # a timeline's values repeat (days)
    keyed: list[tuple[tuple, Placed]] = []
    undated = 0
    for rank, (kind, result) in enumerate((("statement", statements), ("event", events))):
        # the rows as the driver gives them (plain tuples of ints and strings): building a
        # Row for each of tens of thousands cost as much as reading them
        rows = result.cursor.fetchall() if result.cursor is not None else []
        result.close()
        for row_id, article_id, offset, time_text, time_value in rows:
            if time_text is None:
                undated += 1
                continue
            place = places.get(time_value)
            if place is None:
                place = places[time_value] = placement(time_value)
            keyed.append(((*place[0], article_id, offset or 0, rank, row_id), Placed(kind, row_id, place[1], place[2])))
    keyed.sort(key=itemgetter(0))
    return [placed for _, placed in keyed], undated


def page_items(connection: sa.Connection, chosen: list[Placed]) -> list[dict[str, Any]]:
    """The items of `chosen` (a page of `timeline_index`), in that order: each with its
    article, date, precision, time expression and text (a statement's speaker, an event's sentence)."""
    q, ev, t, a = schema.quotes, schema.events, schema.times, schema.articles
    statement_ids = [p.id for p in chosen if p.kind == "statement"]
    event_ids = [p.id for p in chosen if p.kind == "event"]
    found: dict[tuple[str, int], Any] = {}
    if statement_ids:
        for row in connection.execute(
                sa.select(q.c.id, q.c.article_id, q.c.local_id, q.c.content, q.c.speaker_name, q.c.speaker_entity_id,
                          t.c.text.label("time_text"), t.c.value.label("time_value"), a.c.external_id, a.c.source,
                          a.c.title)
                .join(a, a.c.id == q.c.article_id).outerjoin(t, t.c.id == q.c.time_id)
                .where(q.c.id.in_(statement_ids))):
            found[("statement", row.id)] = row
    if event_ids:
        sentence = sa.func.substr(a.c.text, ev.c.sentence_start + 1, ev.c.sentence_end - ev.c.sentence_start)
        for row in connection.execute(
                sa.select(ev.c.id, ev.c.article_id, ev.c.local_id, ev.c.trigger_text,
                          sa.case((ev.c.sentence_start.is_not(None), sentence)).label("sentence"),
                          t.c.text.label("time_text"), t.c.value.label("time_value"), a.c.external_id, a.c.source,
                          a.c.title)
                .join(a, a.c.id == ev.c.article_id).outerjoin(t, t.c.id == ev.c.time_id)
                .where(ev.c.id.in_(event_ids))):
            found[("event", row.id)] = row
    items = []
    for placed in chosen:
        row = found[(placed.kind, placed.id)]
        item = {"article": row.external_id or row.source, "date": placed.date, "precision": placed.precision,
                "kind": placed.kind, "time": {"text": row.time_text, "value": row.time_value}, "id": row.local_id,
                "article_id": row.article_id, "article_title": row.title}
        if placed.kind == "statement":
            item.update(text=row.content, speaker={"name": row.speaker_name, "entity_id": row.speaker_entity_id})
        else:
            item.update(text=row.trigger_text, sentence={"text": row.sentence} if row.sentence else None)
        items.append(item)
    return items
