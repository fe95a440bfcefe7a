"""What a store holds, without its row ids: two stores made by different paths (`ingest`,
`load`) compare equal when they hold the same articles, persons, clusters, quotes and
errors, and their queries answer the same."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa

from quotegraph.store import open_store
from quotegraph.store.queries import entity_timeline, find_quotes, top_speakers


def content(db: str) -> dict[str, Any]:
    """Everything comparable of the store at `db`, ids replaced by what they name."""
    with open_store(db) as store, store.read() as connection:
        def rows(sql: str) -> list[tuple]:
            return sorted((tuple(_plain(v) for v in row) for row in connection.execute(sa.text(sql))),
                          key=lambda row: json.dumps(row, default=str))

        persons = rows("""SELECT e.label, e.name, e.ambiguous, e.wikidata_id, e.attribute_history, a.key, ae.local_id,
                                 ae.link_reason, ae.form, ae.surname
                          FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                          JOIN articles a ON a.id = ae.article_id""")
        grouped: dict[int, list[tuple]] = {}
        for entity_id, key, local_id in connection.execute(sa.text(
                "SELECT ae.entity_id, a.key, ae.local_id FROM article_entities ae JOIN articles a ON a.id = ae.article_id")):
            grouped.setdefault(entity_id, []).append((key, local_id))
        partition = sorted((sorted(members) for members in grouped.values()), key=json.dumps)
        clusters = rows("""SELECT c.content, c.quote_count, c.first_seen, c.speaker_key, e.name, a.key, q.local_id
                           FROM quotes q JOIN quote_clusters c ON c.id = q.cluster_id
                           JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = c.entity_id""")
        quotes = rows("""SELECT a.key, q.local_id, q.type, q.kind, q.content, q.start, q."end", q.speaker_name,
                                e.name, ae.local_id, t.local_id, q.confidence, q.published, q.within,
                                (SELECT count(*) FROM quote_spans s WHERE s.quote_id = q.id)
                         FROM quotes q JOIN articles a ON a.id = q.article_id
                         LEFT JOIN entities e ON e.id = q.speaker_entity_id
                         LEFT JOIN article_entities ae ON ae.id = q.speaker_article_entity_id
                         LEFT JOIN times t ON t.id = q.time_id""")
        classes = rows("SELECT c.key, c.reason, c.uses_store, e.name FROM person_classes c "
                       "LEFT JOIN entities e ON e.id = c.entity_id")
        forms = rows("SELECT f.key, f.group_key, f.reason, f.names, f.articles, e.name FROM person_forms f "
                     "LEFT JOIN entities e ON e.id = f.entity_id")
        events = rows("""SELECT a.key, ev.local_id, ev.trigger_text, ev.date, p.role, e.name
                         FROM event_participants p JOIN events ev ON ev.id = p.event_id
                         JOIN articles a ON a.id = ev.article_id LEFT JOIN entities e ON e.id = p.entity_id""")
        errors = rows('SELECT input, line, position, code, reason FROM errors')
        top = top_speakers(connection, limit=None)
        speakers = [row["name"] for row in top["speakers"][:5]]
        answers = {
            "top": _without_ids(top),
            "quotes": [_without_ids(find_quotes(connection, speaker=name, limit=None)) for name in speakers],
            "timelines": [_without_ids(entity_timeline(connection, name)[1]) for name in speakers],
            "search": _without_ids(find_quotes(connection, search="said", limit=50)),
        }
    return {"counts": store_counts(db), "partition": partition, "persons": persons, "clusters": clusters, "quotes": quotes,
            "classes": classes, "forms": forms, "events": events, "errors": errors, "answers": answers}


def store_counts(db: str) -> dict[str, int]:
    with open_store(db) as store:
        return store.counts()


def _plain(value: Any) -> Any:
    """A value as both databases give it: JSON as sorted text (PostgreSQL gives objects,
    SQLite text), dates as ISO text and booleans as 0 or 1 (SQLite's raw SQL gives those)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in "[{":
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return value


def _without_ids(value: Any) -> Any:
    """`value` with every id (keys `id`, `*_id`, and lists of them) left out, and lists
    sorted (rows that tie are ordered by id, which differs between two stores)."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id" and not k.endswith(("_id", "_ids"))}
    if isinstance(value, (list, tuple)):
        return sorted((_without_ids(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, default=str))
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict

        return _without_ids(asdict(value))
    return value
