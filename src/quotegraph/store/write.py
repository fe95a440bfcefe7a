"""Records into the store: one batch of articles, with everything extracted from them, per call.

`write_batch` is called inside one transaction (`Store.write()`), so a batch is stored
whole or not at all. Rows go in with one multi-row INSERT per table (ids come back in
order through RETURNING), the children's foreign keys filled from the parents' ids.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import sqlalchemy as sa

from ..entities.names import PERSON, is_named_person, merge_key, normalize_name, person_tokens
from ..record import Record
from ..source_types import record_source_type
from . import schema
from .clusters import assign_clusters
from .linking import Member, host_of
from .person_links import link_persons
from .profiles import article_profile_columns, block_entity_ids, refresh_genders
from .upsert import insert_ignoring_conflicts

# The record's entity fields that have columns; any others are kept in `extra`.
# ("anonymous" and "collective": the flags of records written before source_type, read by it)
_ENTITY_FIELDS = frozenset({"id", "name", "label", "titles", "affiliations", "source_type", "gender", "gender_evidence",
                            "anonymous", "collective", "mentions"})
_TIME_FIELDS = frozenset({"id", "start", "end", "text", "type", "value"})
_EVENT_FIELDS = frozenset({"id", "trigger", "time", "date", "sentence", "participants"})
_PARTICIPANT_FIELDS = frozenset({"entity", "role"})
CONTENT_JOINER = " … "
# pg_advisory_xact_lock key for writing a batch: "qgwrite" in ASCII.
_PG_WRITE_LOCK = 0x7167777269746


@dataclass(frozen=True, slots=True)
class NewArticle:
    """A record to store, with the key and source identity it was read under."""

    key: str
    source: str
    record: Record


@dataclass(frozen=True, slots=True)
class NewError:
    """An input that could not be read or extracted."""

    input: str
    code: str
    reason: str
    line: int | None = None
    position: int | None = None

    @property
    def key(self) -> str:
        raw = json.dumps([self.input, self.line, self.position, self.code, self.reason], ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class BatchCounts:
    articles: int = 0
    quotes: int = 0
    errors: int = 0


def article_key(source: str, text: str) -> str:
    """sha256 hex of the source identity and the text: the article's identity in the store."""
    digest = hashlib.sha256()
    digest.update(source.encode("utf-8"))
    digest.update(b"\x00")
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def stored_error_keys(connection: sa.Connection, keys: Sequence[str]) -> set[str]:
    column = schema.errors.c.key
    return set(connection.scalars(sa.select(column).where(column.in_(list(keys))))) if keys else set()


def stored_article_keys(connection: sa.Connection, keys: Sequence[str]) -> set[str]:
    column = schema.articles.c.key
    return set(connection.scalars(sa.select(column).where(column.in_(list(keys))))) if keys else set()


def write_batch(connection: sa.Connection, run_id: int, articles: Sequence[NewArticle],
                errors: Sequence[NewError] = ()) -> BatchCounts:
    """Insert `articles` (skipping keys already stored) and `errors` (likewise); the counts added."""
    now = dt.datetime.now(dt.timezone.utc)
    counts = BatchCounts()
    if connection.dialect.name == "postgresql":
        # One writer at a time from here to commit (SQLite's BEGIN IMMEDIATE does the
        # same): a second sees the first's articles as stored and groups names with them.
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})
    if errors:
        known = stored_error_keys(connection, [e.key for e in errors])
        rows, seen = [], set(known)
        for error in errors:
            if error.key in seen:
                continue
            seen.add(error.key)
            rows.append({"key": error.key, "run_id": run_id, "input": error.input, "line": error.line,
                         "position": error.position, "code": error.code, "reason": error.reason, "created": now})
        if rows:
            connection.execute(schema.errors.insert(), rows)
        counts.errors = len(rows)
    if articles:
        known = stored_article_keys(connection, [a.key for a in articles])
        fresh, seen = [], set(known)
        for item in articles:
            if item.key not in seen:
                seen.add(item.key)
                fresh.append(item)
        if fresh:
            counts.articles = len(fresh)
            counts.quotes = _write_articles(connection, run_id, fresh, now)
    return counts


def _returning_ids(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert `rows`, returning their new ids in the order of `rows`.

    PostgreSQL: the ids are drawn from the table's sequence first (one query) and the rows
    inserted with them; a multi-row INSERT ... RETURNING of a whole batch costs psycopg
    more time parsing the statement than the server takes to run it (2x on PolNeAR).
    """
    if not rows:
        return []
    if connection.dialect.name == "postgresql":
        ids = list(connection.scalars(
            sa.text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
            {"table": table.name, "n": len(rows)}))
        connection.execute(table.insert(), [{**row, "id": id_} for row, id_ in zip(rows, ids)])
        return ids
    statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return list(connection.scalars(statement, rows))


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _span_columns(prefix: str, span: Any) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    if not isinstance(span, dict):
        span = span.to_dict()
    return {f"{prefix}_start": span["start"], f"{prefix}_end": span["end"], f"{prefix}_text": span["text"]}


def _participant_row(event_id: int, index: int, participant: dict[str, Any],
                     entity_ids: dict[tuple[int, Any], tuple[Any, Any]]) -> dict[str, Any]:
    """An event_participants row for `participant` of article `index`'s event `event_id`;
    `entity_ids`: (article index, record entity id) -> (article entity id, corpus entity id)."""
    ae_id, entity_id = entity_ids.get((index, participant.get("entity")), (None, None))
    extra = _extra(participant, _PARTICIPANT_FIELDS) or {}
    if ae_id is None and participant.get("entity") is not None:
        extra["entity"] = participant.get("entity")  # a reference the record did not resolve
    return {"event_id": event_id, "article_entity_id": ae_id, "entity_id": entity_id,
            "role": participant.get("role"), "extra": extra or None}


def _extra(item: dict[str, Any], known: frozenset[str]) -> dict[str, Any] | None:
    rest = {key: value for key, value in item.items() if key not in known}
    return rest or None


def _write_articles(connection: sa.Connection, run_id: int, items: Sequence[NewArticle], now: dt.datetime) -> int:
    records = [item.record for item in items]
    days = [_date(record.published) for record in records]
    hosts = [host_of(record.url) for record in records]
    article_ids = _returning_ids(connection, schema.articles, [
        {"key": item.key, "source": item.source, "external_id": item.record.id, "title": item.record.title,
         "url": item.record.url, "published": day, "text": item.record.text, "run_id": run_id, "created": now}
        for item, day in zip(items, days)
    ])

    # times: (article index, "t0") -> times.id
    time_rows, time_refs = [], []
    for index, record in enumerate(records):
        for time in (t.to_dict() for t in record.times):  # the JSON form, as the bulk loader reads it
            time_refs.append((index, time.get("id")))
            time_rows.append({"article_id": article_ids[index], "local_id": str(time.get("id")),
                              "start": time["start"], "end": time["end"], "text": time["text"],
                              "type": time.get("type"), "value": time.get("value"),
                              "extra": _extra(time, _TIME_FIELDS)})
    time_ids = dict(zip(time_refs, _returning_ids(connection, schema.times, time_rows)))

    # entities: persons grouped by store/linking.py, the others by name (`merge_key`)
    entity_refs = [(index, entity.to_dict()) for index, record in enumerate(records) for entity in record.entities]
    corpus_ids, persons = _corpus_entities(connection, items, entity_refs, days, hosts, run_id=run_id, now=now)
    ae_ids = _returning_ids(connection, schema.article_entities, [
        {"article_id": article_ids[index], "local_id": str(entity.get("id")), "entity_id": corpus_ids[position],
         "name": entity["name"], "label": entity.get("label") or "",
         "titles": entity.get("titles") or None, "affiliations": entity.get("affiliations") or None,
         **article_profile_columns(entity),
         "extra": _extra(entity, _ENTITY_FIELDS), "day": days[index], "host": hosts[index],
         **_link_columns(persons.get(position))}
        for position, (index, entity) in enumerate(entity_refs)
    ])
    # persons' genders from all their articles, after linking regrouped their surnames' blocks
    refresh_genders(connection, set(corpus_ids) | block_entity_ids(
        connection, [member.tokens[-1] for member in persons.values() if member.tokens]))
    # (article index, "e0") -> (article_entities.id, entities.id)
    entity_ids = {(index, entity.get("id")): (ae_ids[position], corpus_ids[position])
                  for position, (index, entity) in enumerate(entity_refs)}
    mention_rows = [
        {"article_entity_id": ae_ids[position], "article_id": article_ids[index],
         "start": mention["start"], "end": mention["end"], "text": mention["text"]}
        for position, (index, entity) in enumerate(entity_refs) for mention in entity.get("mentions") or ()
    ]
    if mention_rows:
        connection.execute(schema.mentions.insert(), mention_rows)

    # quotes and their content spans
    quote_rows, quote_spans, quote_dates = [], [], []
    for index, record in enumerate(records):
        for quote in record.quotes:
            quote_dates.append(_date(record.published))
            speaker = quote.speaker
            ae_id, entity_id = entity_ids.get((index, speaker.entity), (None, None)) if speaker else (None, None)
            quote_spans.append(quote.content)
            quote_rows.append({
                "article_id": article_ids[index], "local_id": quote.id, "type": quote.type,
                "content": CONTENT_JOINER.join(span.text for span in quote.content),
                "start": quote.start, "end": quote.end,
                **_span_columns("cue", quote.cue), **_span_columns("source", quote.source),
                **_span_columns("addressee", quote.addressee),
                "speaker_name": speaker.name if speaker else None,
                "speaker_article_entity_id": ae_id, "speaker_entity_id": entity_id,
                "time_id": time_ids.get((index, quote.time)) if quote.time else None,
                "confidence": float(quote.confidence), "run_id": run_id,
                "published": quote_dates[-1], "kind": quote.kind, "within": quote.within,
            })
    assign_clusters(connection, quote_rows, quote_dates, now=now)  # store/clusters.py: sets cluster_id
    quote_ids = _returning_ids(connection, schema.quotes, quote_rows)
    span_rows = [{"quote_id": quote_id, "seq": seq, "start": span.start, "end": span.end, "text": span.text}
                 for quote_id, spans in zip(quote_ids, quote_spans) for seq, span in enumerate(spans)]
    if span_rows:
        connection.execute(schema.quote_spans.insert(), span_rows)

    # events and their participants
    event_rows, event_participants = [], []
    for index, record in enumerate(records):
        for event in (e.to_dict() for e in record.events):
            sentence = event.get("sentence") or {}
            event_participants.append((index, event.get("participants") or ()))
            event_rows.append({
                "article_id": article_ids[index], "local_id": str(event.get("id")),
                **_span_columns("trigger", event.get("trigger")),
                "time_id": time_ids.get((index, event.get("time"))) if event.get("time") else None,
                "date": event.get("date"), "sentence_start": sentence.get("start"), "sentence_end": sentence.get("end"),
                "extra": _extra(event, _EVENT_FIELDS),
            })
    event_ids = _returning_ids(connection, schema.events, event_rows)
    participant_rows = []
    for event_id, (index, participants) in zip(event_ids, event_participants):
        for participant in participants:
            participant_rows.append(_participant_row(event_id, index, participant, entity_ids))
    if participant_rows:
        connection.execute(schema.event_participants.insert(), participant_rows)
    return len(quote_rows)


def _link_columns(member: Member | None) -> dict[str, Any]:
    """A named person's linking columns of article_entities (all None for other entities)."""
    if member is None:
        return {"surname": None, "link_reason": None, "form": None, "class_id": None}
    return {"surname": member.tokens[-1] if member.tokens else None, "link_reason": member.link_reason,
            "form": member.form_key, "class_id": member.class_id}


def _corpus_entities(connection: sa.Connection, items: Sequence[NewArticle],
                     entity_refs: Sequence[tuple[int, dict[str, Any]]], days: Sequence[dt.date | None],
                     hosts: Sequence[str | None], *, run_id: int, now: dt.datetime) -> tuple[list[int], dict[int, Member]]:
    """Each record entity's corpus entity id, and the named persons as linked (by position)."""
    e = schema.entities
    ids: list[int | None] = [None] * len(entity_refs)
    persons: dict[int, Member] = {}
    keyed: dict[str, list[int]] = {}
    unkeyed: list[int] = []
    for position, (index, entity) in enumerate(entity_refs):
        if is_named_person(entity):
            persons[position] = Member(entity["name"], list(entity.get("titles") or ()),
                                       list(entity.get("affiliations") or ()), None, items[index].key,
                                       str(entity.get("id")), days[index], hosts[index])
        elif (key := merge_key(entity)) is not None:
            keyed.setdefault(key, []).append(position)
        else:
            unkeyed.append(position)
    if persons:
        link_persons(connection, list(persons.values()), run_id=run_id, now=now)  # reads each name through the aliases
        for position, member in persons.items():
            ids[position] = member.entity_id
    if keyed:
        rows = [_entity_row(entity_refs[positions[0]][1], key, run_id=run_id, now=now) for key, positions in keyed.items()]
        insert_ignoring_conflicts(connection, e, rows, ["merge_key"])
        found = dict(connection.execute(sa.select(e.c.merge_key, e.c.id).where(e.c.merge_key.in_(list(keyed)))).all())
        for key, positions in keyed.items():
            for position in positions:
                ids[position] = found[key]
    new_ids = _returning_ids(connection, e, [_entity_row(entity_refs[p][1], None, run_id=run_id, now=now)
                                             for p in unkeyed])
    for position, entity_id in zip(unkeyed, new_ids):
        ids[position] = entity_id
    return ids, persons  # type: ignore[return-value]


def _entity_row(entity: dict[str, Any], key: str | None, *, run_id: int, now: dt.datetime) -> dict[str, Any]:
    label = entity.get("label") or ""
    tokens = person_tokens(entity["name"]) if label == PERSON else []
    return {"name": entity["name"], "norm_name": normalize_name(entity["name"]), "label": label, "merge_key": key,
            "name_key": " ".join(tokens) if label == PERSON else normalize_name(entity["name"]),
            "surname": tokens[-1] if tokens else None,
            "titles": entity.get("titles") or None, "affiliations": entity.get("affiliations") or None,
            "source_type": record_source_type(entity), "run_id": run_id, "created": now}


def iter_batches(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
