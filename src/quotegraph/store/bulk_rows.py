"""The rows one partition of records becomes, every id given up front: what `bulk.write_part`
copies into the store in one transaction.

The same rows as `write.write_batch` makes for the same records, with two differences
that bulk loading needs: named persons are already linked for the whole load
(`PersonLink`, from `person_links.link_persons` over every block at once), and quotes
have no statement cluster yet (`bulk.assign_loaded_clusters` sets them afterwards, in
the order `ingest` would have).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from ..entities.names import is_named_person, merge_key
from . import schema
from .linking import host_of
from .profiles import article_profile_columns
from .write import (
    _ENTITY_FIELDS,
    _EVENT_FIELDS,
    _TIME_FIELDS,
    CONTENT_JOINER,
    NewArticle,
    _date,
    _entity_row,
    _extra,
    _participant_row,
    _span_columns,
)

# (article key, the record's entity id "e0")
EntityRef = tuple[str, str]


@dataclass(frozen=True, slots=True)
class PersonLink:
    """Where the linking put one named person of one article (article_entities' columns)."""

    entity_id: int
    link_reason: str | None
    form: str | None
    class_id: int | None
    surname: str | None


@dataclass
class PartRows:
    """Rows by table, in an order that satisfies the foreign keys."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    quotes: int = 0

    def add(self, table: Any, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.tables.setdefault(table.name, []).extend(rows)


# allocate(table, n): n new ids of `table`, in order
Allocate = Callable[[Any, int], list[int]]
# keyed_ids(rows): the id of each non-person entity by merge_key, creating the missing ones
KeyedIds = Callable[[list[dict[str, Any]]], dict[str, int]]


def part_rows(items: Sequence[NewArticle], persons: dict[EntityRef, PersonLink], *, run_id: int,
              now: dt.datetime, allocate: Allocate, keyed_ids: KeyedIds) -> PartRows:
    """The rows of `items` (articles not stored yet), named persons taken from `persons`."""
    out = PartRows()
    records = [item.record for item in items]
    days = [_date(record.published) for record in records]
    hosts = [host_of(record.url) for record in records]
    article_ids = allocate(schema.articles, len(items))
    out.add(schema.articles, [
        {"id": article_id, "key": item.key, "source": item.source, "external_id": item.record.id,
         "title": item.record.title, "url": item.record.url, "published": day, "text": item.record.text,
         "run_id": run_id, "created": now}
        for article_id, item, day in zip(article_ids, items, days)])

    time_refs = [(index, time.to_dict()) for index, record in enumerate(records) for time in record.times]
    time_ids = allocate(schema.times, len(time_refs))
    time_of = {(index, time.get("id")): time_id for (index, time), time_id in zip(time_refs, time_ids)}
    out.add(schema.times, [
        {"id": time_id, "article_id": article_ids[index], "local_id": str(time.get("id")), "start": time["start"],
         "end": time["end"], "text": time["text"], "type": time.get("type"), "value": time.get("value"),
         "extra": _extra(time, _TIME_FIELDS)}
        for (index, time), time_id in zip(time_refs, time_ids)])

    entity_refs = [(index, entity.to_dict()) for index, record in enumerate(records) for entity in record.entities]
    corpus_ids, links = _corpus_entities(out, items, entity_refs, persons, run_id=run_id, now=now,
                                         allocate=allocate, keyed_ids=keyed_ids)
    ae_ids = allocate(schema.article_entities, len(entity_refs))
    out.add(schema.article_entities, [
        {"id": ae_id, "article_id": article_ids[index], "local_id": str(entity.get("id")),
         "entity_id": corpus_ids[position], "name": entity["name"], "label": entity.get("label") or "",
         "titles": entity.get("titles") or None, "affiliations": entity.get("affiliations") or None,
         **article_profile_columns(entity),
         "extra": _extra(entity, _ENTITY_FIELDS), "day": days[index], "host": hosts[index],
         **_link_columns(links.get(position))}
        for position, (ae_id, (index, entity)) in enumerate(zip(ae_ids, entity_refs))])
    entity_ids = {(index, entity.get("id")): (ae_ids[position], corpus_ids[position])
                  for position, (index, entity) in enumerate(entity_refs)}
    mentions = [(ae_ids[position], article_ids[index], mention)
                for position, (index, entity) in enumerate(entity_refs) for mention in entity.get("mentions") or ()]
    out.add(schema.mentions, [
        {"id": mention_id, "article_entity_id": ae_id, "article_id": article_id, "start": mention["start"],
         "end": mention["end"], "text": mention["text"]}
        for mention_id, (ae_id, article_id, mention) in zip(allocate(schema.mentions, len(mentions)), mentions)])

    quote_refs = [(index, quote) for index, record in enumerate(records) for quote in record.quotes]
    quote_ids = allocate(schema.quotes, len(quote_refs))
    quote_rows = []
    for quote_id, (index, quote) in zip(quote_ids, quote_refs):
        speaker = quote.speaker
        ae_id, entity_id = entity_ids.get((index, speaker.entity), (None, None)) if speaker else (None, None)
        quote_rows.append({
            "id": quote_id, "article_id": article_ids[index], "local_id": quote.id, "type": quote.type,
            "content": CONTENT_JOINER.join(span.text for span in quote.content), "start": quote.start,
            "end": quote.end, **_span_columns("cue", quote.cue), **_span_columns("source", quote.source),
            **_span_columns("addressee", quote.addressee), "speaker_name": speaker.name if speaker else None,
            "speaker_article_entity_id": ae_id, "speaker_entity_id": entity_id,
            "time_id": time_of.get((index, quote.time)) if quote.time else None,
            "confidence": float(quote.confidence), "cluster_id": None, "run_id": run_id, "published": days[index],
            "kind": quote.kind, "within": quote.within})
    out.add(schema.quotes, quote_rows)
    out.quotes = len(quote_rows)
    spans = [(quote_id, seq, span) for quote_id, (_, quote) in zip(quote_ids, quote_refs)
             for seq, span in enumerate(quote.content)]
    out.add(schema.quote_spans, [
        {"id": span_id, "quote_id": quote_id, "seq": seq, "start": span.start, "end": span.end, "text": span.text}
        for span_id, (quote_id, seq, span) in zip(allocate(schema.quote_spans, len(spans)), spans)])

    event_refs = [(index, event.to_dict()) for index, record in enumerate(records) for event in record.events]
    event_ids = allocate(schema.events, len(event_refs))
    event_rows, participants = [], []
    for event_id, (index, event) in zip(event_ids, event_refs):
        sentence = event.get("sentence") or {}
        event_rows.append({
            "id": event_id, "article_id": article_ids[index], "local_id": str(event.get("id")),
            **_span_columns("trigger", event.get("trigger")),
            "time_id": time_of.get((index, event.get("time"))) if event.get("time") else None,
            "date": event.get("date"), "sentence_start": sentence.get("start"), "sentence_end": sentence.get("end"),
            "extra": _extra(event, _EVENT_FIELDS)})
        for participant in event.get("participants") or ():
            participants.append(_participant_row(event_id, index, participant, entity_ids))
    out.add(schema.events, event_rows)
    out.add(schema.event_participants, [{"id": participant_id, **row} for participant_id, row in
                                        zip(allocate(schema.event_participants, len(participants)), participants)])
    return out


def _corpus_entities(out: PartRows, items: Sequence[NewArticle], entity_refs: Sequence[tuple[int, dict[str, Any]]],
                     persons: dict[EntityRef, PersonLink], *, run_id: int, now: dt.datetime, allocate: Allocate,
                     keyed_ids: KeyedIds) -> tuple[list[int], dict[int, PersonLink]]:
    """Each record entity's corpus entity id (new rows for the unshared ones added to
    `out`), and the named persons' links by position."""
    ids: list[int] = [0] * len(entity_refs)
    links: dict[int, PersonLink] = {}
    keyed: dict[str, list[int]] = {}
    unkeyed: list[int] = []
    for position, (index, entity) in enumerate(entity_refs):
        if is_named_person(entity):
            links[position] = persons[(items[index].key, str(entity.get("id")))]
            ids[position] = links[position].entity_id
        elif (key := merge_key(entity)) is not None:
            keyed.setdefault(key, []).append(position)
        else:
            unkeyed.append(position)
    if keyed:
        found = keyed_ids([_entity_row(entity_refs[positions[0]][1], key, run_id=run_id, now=now)
                           for key, positions in sorted(keyed.items())])
        for key, positions in keyed.items():
            for position in positions:
                ids[position] = found[key]
    new_ids = allocate(schema.entities, len(unkeyed))
    out.add(schema.entities, [{"id": entity_id, **_entity_row(entity_refs[position][1], None, run_id=run_id, now=now)}
                              for position, entity_id in zip(unkeyed, new_ids)])
    for position, entity_id in zip(unkeyed, new_ids):
        ids[position] = entity_id
    return ids, links


def _link_columns(link: PersonLink | None) -> dict[str, Any]:
    if link is None:
        return {"surname": None, "link_reason": None, "form": None, "class_id": None}
    return {"surname": link.surname, "link_reason": link.link_reason, "form": link.form, "class_id": link.class_id}
