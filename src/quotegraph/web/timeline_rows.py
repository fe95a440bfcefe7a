"""An entity's timeline for the web app, read from the store's indexed tables: its dated
statements (quotes by speaker, their time expression) and the events it takes part in.

The command line's `entity_timeline` rebuilds every record the entity appears in and
walks them; for a group named in tens of thousands of articles ("officials") that is
seconds of work and every article's text in memory. Here two queries over the indexes
(quotes by speaker, event participants by entity) fetch just the rows the page shows, in
the same order (timeline.py's `placement`: calendar order, then articles in store order,
then text order).
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..store import schema
from ..timeline import placement


def timeline_items(connection: sa.Connection, entity_ids: list[int]) -> tuple[list[dict[str, Any]], int]:
    """The entities' dated statements and events in calendar order, and how many had no time."""
    q, ev, ep, ae = schema.quotes, schema.events, schema.event_participants, schema.article_entities
    t, a = schema.times, schema.articles
    statements = connection.execute(
        sa.select(q.c.article_id, q.c.local_id, q.c.content, q.c.speaker_name, q.c.speaker_entity_id,
                  sa.func.coalesce(q.c.cue_start, q.c.start).label("offset"), t.c.text.label("time_text"),
                  t.c.value.label("time_value"), a.c.external_id, a.c.source, a.c.title)
        .join(a, a.c.id == q.c.article_id).outerjoin(t, t.c.id == q.c.time_id)
        .where(q.c.speaker_entity_id.in_(entity_ids)))
    taking_part = sa.select(ep.c.event_id).join(ae, ae.c.id == ep.c.article_entity_id).where(
        ae.c.entity_id.in_(entity_ids))
    sentence = sa.func.substr(a.c.text, ev.c.sentence_start + 1, ev.c.sentence_end - ev.c.sentence_start)
    events = connection.execute(
        sa.select(ev.c.article_id, ev.c.local_id, ev.c.trigger_text, ev.c.trigger_start.label("offset"),
                  sa.case((ev.c.sentence_start.is_not(None), sentence)).label("sentence"),
                  t.c.text.label("time_text"), t.c.value.label("time_value"), a.c.external_id, a.c.source, a.c.title)
        .join(a, a.c.id == ev.c.article_id).outerjoin(t, t.c.id == ev.c.time_id)
        .where(ev.c.id.in_(taking_part)))
    keyed: list[tuple[tuple, dict[str, Any]]] = []
    undated = 0
    for kind, rows in (("statement", statements), ("event", events)):
        for row in rows:
            if row.time_text is None:
                undated += 1
                continue
            key, date, precision = placement(row.time_value)
            item = {"article": row.external_id or row.source, "date": date, "precision": precision, "kind": kind,
                    "time": {"text": row.time_text, "value": row.time_value}, "id": row.local_id,
                    "article_id": row.article_id, "article_title": row.title}
            if kind == "statement":
                item.update(text=row.content, speaker={"name": row.speaker_name, "entity_id": row.speaker_entity_id})
            else:
                item.update(text=row.trigger_text, sentence={"text": row.sentence} if row.sentence else None)
            keyed.append(((*key, row.article_id, row.offset or 0), item))
    keyed.sort(key=lambda pair: pair[0])
    return [item for _, item in keyed], undated
