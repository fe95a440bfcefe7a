"""Records back out of the store: each stored article as the `Record` it was written from.

`iter_records(connection)` rebuilds the JSON contract's record (docs/record.md) per
article, in chunks, so that exports and the cross-corpus timeline reuse the writers and
timeline code that work on records. Entities carry one added field, `corpus_id` (the
corpus entity they were merged into).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

import sqlalchemy as sa

from ..record import ArticleEntity, Event, Quote, Record, TimeExpression
from . import schema

CHUNK = 200


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article's row identity beside its record."""

    id: int
    key: str
    source: str
    record: Record


def _span(start: int | None, end: int | None, text: str | None) -> dict[str, Any] | None:
    return None if start is None else {"start": start, "end": end, "text": text}


def iter_records(connection: sa.Connection, article_ids: Iterable[int] | None = None, *,
                 chunk: int = CHUNK) -> Iterator[StoredArticle]:
    """Stored articles as records, by id (all of them when `article_ids` is None)."""
    a = schema.articles
    if article_ids is None:
        last = 0
        while True:
            ids = list(connection.scalars(sa.select(a.c.id).where(a.c.id > last).order_by(a.c.id).limit(chunk)))
            if not ids:
                return
            last = ids[-1]
            yield from _records(connection, ids)
    else:
        ids = sorted(set(article_ids))
        for start in range(0, len(ids), chunk):
            yield from _records(connection, ids[start:start + chunk])


def _records(connection: sa.Connection, ids: Sequence[int]) -> Iterator[StoredArticle]:
    a, ae, m, t = schema.articles, schema.article_entities, schema.mentions, schema.times
    q, qs, ev, ep = schema.quotes, schema.quote_spans, schema.events, schema.event_participants
    articles = connection.execute(sa.select(a).where(a.c.id.in_(ids)).order_by(a.c.id)).all()

    mentions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in connection.execute(sa.select(m).where(m.c.article_id.in_(ids)).order_by(m.c.start, m.c.id)):
        mentions[row.article_entity_id].append({"start": row.start, "end": row.end, "text": row.text})
    entities: dict[int, list[dict[str, Any]]] = defaultdict(list)
    local_entity: dict[int, str] = {}
    e = schema.entities
    for row in connection.execute(sa.select(ae, e.c.wikidata_id).join(e, e.c.id == ae.c.entity_id)
                                  .where(ae.c.article_id.in_(ids)).order_by(ae.c.id)):
        local_entity[row.id] = row.local_id
        entities[row.article_id].append({
            "id": row.local_id, "name": row.name, "label": row.label, "titles": row.titles or [],
            "affiliations": row.affiliations or [], "source_type": row.source_type,
            "gender": row.gender, "gender_evidence": row.gender_evidence or [],
            **(row.extra or {}), "mentions": mentions.get(row.id, []),
            "corpus_id": row.entity_id, **({"wikidata": row.wikidata_id} if row.wikidata_id else {})})
    times: dict[int, list[dict[str, Any]]] = defaultdict(list)
    local_time: dict[int, str] = {}
    for row in connection.execute(sa.select(t).where(t.c.article_id.in_(ids)).order_by(t.c.id)):
        local_time[row.id] = row.local_id
        times[row.article_id].append({"id": row.local_id, "start": row.start, "end": row.end, "text": row.text,
                                      "type": row.type, "value": row.value, **(row.extra or {})})
    quote_rows = connection.execute(sa.select(q).where(q.c.article_id.in_(ids)).order_by(q.c.id)).all()
    spans: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if quote_rows:
        for row in connection.execute(sa.select(qs).join(q, q.c.id == qs.c.quote_id)
                                      .where(q.c.article_id.in_(ids)).order_by(qs.c.quote_id, qs.c.seq)):
            spans[row.quote_id].append({"start": row.start, "end": row.end, "text": row.text})
    quotes: dict[int, list[Quote]] = defaultdict(list)
    for row in quote_rows:
        speaker = None
        if row.speaker_name is not None:
            speaker = {"name": row.speaker_name, "entity": local_entity.get(row.speaker_article_entity_id)}
        quotes[row.article_id].append(Quote.from_dict({
            "id": row.local_id, "type": row.type, "content": spans.get(row.id, []),
            "cue": _span(row.cue_start, row.cue_end, row.cue_text),
            "source": _span(row.source_start, row.source_end, row.source_text),
            "addressee": _span(row.addressee_start, row.addressee_end, row.addressee_text),
            "speaker": speaker, "time": local_time.get(row.time_id), "confidence": row.confidence,
            "kind": row.kind, "within": row.within}))
    event_rows = connection.execute(sa.select(ev).where(ev.c.article_id.in_(ids)).order_by(ev.c.id)).all()
    participants: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if event_rows:
        for row in connection.execute(sa.select(ep).join(ev, ev.c.id == ep.c.event_id)
                                      .where(ev.c.article_id.in_(ids)).order_by(ep.c.id)):
            extra = dict(row.extra or {})
            entity = local_entity.get(row.article_entity_id) if row.article_entity_id else extra.pop("entity", None)
            participants[row.event_id].append({"entity": entity, "role": row.role, **extra})
    texts = {row.id: row.text for row in articles}
    events: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in event_rows:
        sentence = None
        if row.sentence_start is not None:
            sentence = {"start": row.sentence_start, "end": row.sentence_end,
                        "text": texts[row.article_id][row.sentence_start:row.sentence_end]}
        events[row.article_id].append({
            "id": row.local_id, "trigger": _span(row.trigger_start, row.trigger_end, row.trigger_text),
            "time": local_time.get(row.time_id), "date": row.date, "participants": participants.get(row.id, []),
            "sentence": sentence, **(row.extra or {})})

    for row in articles:
        record = Record(text=row.text, id=row.external_id or row.source, title=row.title,
                        published=row.published.isoformat() if row.published else None, url=row.url,
                        quotes=quotes.get(row.id, []),
                        entities=[ArticleEntity.from_dict(entity) for entity in entities.get(row.id, [])],
                        times=[TimeExpression.from_dict(time) for time in times.get(row.id, [])],
                        events=[Event.from_dict(event) for event in events.get(row.id, [])])
        yield StoredArticle(row.id, row.key, row.source, record)
