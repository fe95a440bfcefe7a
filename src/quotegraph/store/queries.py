"""Questions across the corpus, as pure functions over a connection returning rows (dicts).

The CLI (`quotegraph quotes | speakers | timeline --db`) only parses options and prints
what these return. How names and `--about` are matched: docs/store.md, "Queries".
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterator, Sequence

import sqlalchemy as sa

from ..entities.names import PERSON, name_relation, normal_words, person_tokens
from ..events.timeline import Timeline, build_timeline
from ..record import KINDS, Record
from ..source_types import UNNAMED
from . import schema
from .read import iter_records
from .search import fts5_query, quote_match
from .source_filters import outlet_condition, source_type_condition, speaker_gender_condition

DEFAULT_LIMIT = 50
ABOUT_SCOPES = ("content", "article")


def match_entities(connection: sa.Connection, name: str) -> list[int]:
    """Ids of the corpus entities `name` refers to (docs/store.md, "Queries"), oldest first."""
    e = schema.entities
    tokens, words = person_tokens(name), normal_words(name)
    if not words:
        return []
    keys = {" ".join(tokens), " ".join(words)}
    found = set(connection.scalars(sa.select(e.c.id).where(e.c.name_key.in_(sorted(keys)))))
    if tokens:
        rows = connection.execute(sa.select(e.c.id, e.c.name_key).where(e.c.surname == tokens[-1],
                                                                        e.c.label == PERSON))
        for row in rows:
            if len(tokens) == 1 or name_relation(tokens, (row.name_key or "").split()) in ("same", "fuller"):
                found.add(row.id)
    return sorted(found)


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


# Full-text search on SQLite picks one of three plans by how many quotes match (counted,
# but no further than needed to choose), each the cheapest over part of the range
# (constants measured on the 1M-quote store of benchmarks/bench_query.py; `reach` is
# offset + limit, the rows a page needs):
# - few matches are looked up one by one and sorted by date (about 1.4 us a match);
# - more are put in a set (FTS5 lists them, about 0.1 us a match) and the quotes walked
#   newest first along the (published) index, each checked against the set (about 0.06 us
#   a step, reach x quotes / matches steps): past sqrt(reach x quotes x FTS_WALK_RATIO)
#   matches (1,500 for a page of 51 on 1M quotes);
# - very many (the commonest words) are found by walking the quotes newest first and
#   asking FTS5 about each one (about 40 us a probe, as long as putting FTS_PROBE_RATIO
#   matches in a set; reach x quotes / matches probes): past
#   sqrt(reach x quotes x FTS_PROBE_RATIO) matches (143,000), where building the set of
#   them all would take longer; with a speaker also below that when the speaker has fewer
#   quotes than the set would cost in probes (a busy speaker who rarely uses the words
#   would be probed quote by quote: seconds).
# On 1M quotes the set-and-walk plan answers mid-frequency words (10,000 to 85,000
# matches) in 2 to 17 ms where looking them up took 16 to 80 ms and probing 40 to 200 ms.
FTS_WALK_RATIO = 0.046
FTS_PROBE_RATIO = 400
# With filters the walk cannot read from its index (kinds, about), sorting or probing
# only: probing past sqrt(reach x quotes x FTS_FILTERED_PROBE_RATIO) matches (37,000).
FTS_FILTERED_PROBE_RATIO = 27
FTS_SORT_MIN = 1_000
# Quotes (the newest by id) whose matches estimate how many match in all.
FTS_SAMPLE = 20_000
# A --speaker matching at most this many entities is answered per entity, each from the
# (speaker_entity_id, published) index, and the newest of them kept.
PER_ENTITY_MAX = 16


def find_quotes(connection: sa.Connection, *, speaker: str | None = None, speaker_id: int | None = None,
                about: str | None = None, about_scope: str = "content", search: str | None = None,
                since: str | dt.date | None = None, until: str | dt.date | None = None,
                kinds: Sequence[str] | None = None, min_confidence: float | None = None,
                nested: bool = True, speaker_gender: str | None = None, source_type: str | None = None,
                outlet: str | None = None, undated: bool = False,
                limit: int | None = DEFAULT_LIMIT, offset: int = 0, ids_only: bool = False,
                unordered: bool = False) -> list[Any]:
    """Quotes matching every filter given, newest articles first (then newest stored).

    speaker: who said it (entity names, see `match_entities`); speaker_id: who said it, one
    corpus entity by id (the web app's speaker page); about: an entity mentioned
    in the content (or the article, `about_scope="article"`); search: full-text query over
    the content (words, "phrases", -word; FTS5 on SQLite, tsvector on PostgreSQL); since /
    until: the article's publication date, inclusive; kinds: statement kinds, any of them
    (speech, writing, thought, other; quotes stored before kinds existed have none);
    min_confidence: only quotes whose confidence is at least this (0 to 1; 0.5 leaves out
    weak attributions, such as a noun phrase for a content: "acknowledged the problem");
    nested: False leaves out the reports nested in other quotes ("Smith said *he expects*
    ..."; a row's `within` names the quote that holds it).
    speaker_gender: female, male or unknown, the speaker entity's (unknown: none known, or
    no speaker); source_type: the speaker entity's (person, organisation, group, anonymous,
    document; "none": no speaker); outlet: the article's URL host ("none": no URL);
    undated: only quotes whose article has no publication date (store/source_filters.py;
    what `quotegraph sources` counts by).
    offset: rows skipped (a later page of `limit`; the web app bounds it). Each row: the quote, its speaker,
    article, statement time and cluster (how many reports of the same statement, first seen).
    ids_only (with a limit): the rows' quote ids instead, in the same order, without reading
    the rows (what counting matches needs: the web app's search counts up to 200).
    unordered (with ids_only and a limit): any `limit` of the matching quotes, not the
    newest; a search without a speaker on SQLite is then read off the full-text index in
    its own order, each match checked against the other filters, stopping at the limit
    (counting up to 200 that way took a millisecond or two where finding the newest 201 took
    tens on 1M statements).
    """
    q = schema.quotes
    dialect = connection.dialect.name
    conditions: list[sa.ColumnElement[bool] | sa.TextClause] = []  # TextClause: the FTS5 walk and probe
    speaker_ids: list[int] | None = None
    one_statement = False
    if speaker is not None:
        speaker_ids = match_entities(connection, speaker)
        if not speaker_ids:
            return []
    if speaker_id is not None:
        speaker_ids = [speaker_id] if speaker_ids is None or speaker_id in speaker_ids else []
        if not speaker_ids:
            return []
    if about is not None:
        if about_scope not in ABOUT_SCOPES:
            raise ValueError(f"about_scope must be one of {ABOUT_SCOPES}")
        ids = match_entities(connection, about)
        if not ids:
            return []
        conditions.append(_about(ids, about_scope))
    if since is not None:
        conditions.append(q.c.published >= _date(since))
    if until is not None:
        conditions.append(q.c.published <= _date(until))
    if kinds:
        unknown = sorted(set(kinds) - set(KINDS))
        if unknown:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {', '.join(map(repr, unknown))}")
        conditions.append(q.c.kind.in_(list(kinds)))
    if min_confidence is not None:
        if not 0.0 <= min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be between 0 and 1, not {min_confidence!r}")
        conditions.append(q.c.confidence >= min_confidence)
    if not nested:
        conditions.append(q.c.within.is_(None))
    profiled = [speaker_gender_condition(speaker_gender) if speaker_gender is not None else None,
                source_type_condition(source_type) if source_type is not None else None,
                outlet_condition(dialect, outlet) if outlet is not None else None,
                q.c.published.is_(None) if undated else None]
    conditions += [condition for condition in profiled if condition is not None]
    if search is not None:
        if dialect == "sqlite":
            expression = fts5_query(search)
            if not expression:
                return []
            if unordered and ids_only and speaker_ids is None and limit is not None:
                fts = sa.table("quotes_fts", sa.column("rowid"))
                return list(connection.scalars(
                    sa.select(q.c.id).select_from(fts.join(q, q.c.id == fts.c.rowid))
                    .where(sa.text("quotes_fts MATCH :fts_any").bindparams(fts_any=expression), *conditions)
                    .limit(limit).offset(offset)))
            filtered = bool(kinds or about or min_confidence or not nested or any(c is not None for c in profiled))
            plan = _fts_plan(connection, expression, limit, offset, speaker_ids, filtered=filtered)
            if plan == "probe":
                conditions.append(_fts_probe(expression))  # checked per quote, walking an index
            else:
                # the matches looked up and sorted, or put in a set the quotes are walked
                # against: also with a speaker, whose quotes may be far more than the
                # matches (probing a busy speaker's quotes for a rare word took seconds),
                # all their entities in one statement (the set is built once)
                one_statement = True
                conditions.append(quote_match(dialect, search) if plan == "few" else _fts_walk(expression))
        else:
            conditions.append(quote_match(dialect, search))
    if speaker_ids is not None and len(speaker_ids) <= PER_ENTITY_MAX and limit is not None and not one_statement:
        # newest `offset + limit` of each entity from its index, then the newest of those
        keys: list[tuple[Any, int]] = []
        for entity_id in speaker_ids:
            keys += connection.execute(
                sa.select(q.c.published, q.c.id).where(q.c.speaker_entity_id == entity_id, *conditions)
                .order_by(*_newest(dialect)).limit(offset + limit)).all()
        keys.sort(key=lambda key: (key[0] is not None, key[0] or dt.date.min, key[1]), reverse=True)
        chosen = [quote_id for _, quote_id in keys[offset:offset + limit]]
        if not chosen or ids_only:
            return chosen
        return _quote_rows(connection, [q.c.id.in_(chosen)], None)
    if speaker_ids is not None:
        conditions.append(q.c.speaker_entity_id.in_(speaker_ids))
    if limit is None:
        return _quote_rows(connection, conditions, None)
    # the ids first, from the quotes table alone; then their rows, joined
    chosen = list(connection.scalars(sa.select(q.c.id).where(*conditions).order_by(*_newest(dialect))
                                     .limit(limit).offset(offset)))
    if ids_only:
        return chosen
    return _quote_rows(connection, [q.c.id.in_(chosen)], None) if chosen else []


def _fts_plan(connection: sa.Connection, expression: str, limit: int | None, offset: int = 0,
              speaker_ids: list[int] | None = None, *, filtered: bool = False) -> str:
    """Which plan answers an FTS5 expression cheapest: "few", "walk" or "probe" (see
    FTS_WALK_RATIO above; a later page walks further: offset + limit quotes).

    Few or not is counted exactly (no further than the crossover, a millisecond or less);
    walk or probe by the share of matches among the newest FTS_SAMPLE quotes by id, since
    counting up to the second crossover took as long as walking (10 to 25 ms for common
    words). With speakers, whose probing costs at most a probe per quote of theirs, probing
    is also taken when they have fewer quotes than the set costs in probes. A poor
    estimate costs time, never rows: every plan returns the same quotes.
    """
    if limit is None:
        return "few"
    q = schema.quotes
    quotes = connection.scalar(sa.select(sa.func.max(q.c.id))) or 0
    reach = offset + limit
    walk_from = max(FTS_SORT_MIN, int((reach * quotes * FTS_WALK_RATIO) ** 0.5))
    if filtered:
        probe_from = max(FTS_SORT_MIN, int((reach * quotes * FTS_FILTERED_PROBE_RATIO) ** 0.5))
        return "probe" if _fts_count(connection, expression, probe_from) >= probe_from else "few"
    if _fts_count(connection, expression, walk_from) < walk_from:
        return "few"
    sample = max(1, min(FTS_SAMPLE, quotes))
    in_sample = connection.execute(sa.text(
        "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH :fts_query AND rowid > :after"),
        {"fts_query": expression, "after": quotes - sample}).scalar_one()
    matches = in_sample * quotes / sample
    if matches >= (reach * quotes * FTS_PROBE_RATIO) ** 0.5:
        return "probe"
    if speaker_ids is None:
        return "walk"
    cap = int(matches / FTS_PROBE_RATIO)
    theirs = connection.execute(sa.select(sa.func.count()).select_from(
        sa.select(q.c.id).where(q.c.speaker_entity_id.in_(speaker_ids)).limit(cap).subquery())).scalar_one()
    return "probe" if theirs < cap else "walk"


def _newest(dialect: str) -> list[sa.ColumnElement[Any]]:
    """Newest first, undated last. SQLite's DESC already puts NULLs last, and saying so
    would keep it from reading the order off an index."""
    q = schema.quotes
    published = q.c.published.desc() if dialect == "sqlite" else q.c.published.desc().nulls_last()
    return [published, q.c.id.desc()]


def _fts_count(connection: sa.Connection, expression: str, cap: int) -> int:
    """How many quotes an FTS5 expression matches, counting no further than `cap`."""
    return connection.execute(sa.text(
        "SELECT count(*) FROM (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :fts_query LIMIT :cap)"),
        {"fts_query": expression, "cap": cap}).scalar_one()


def _fts_walk(expression: str) -> sa.TextClause:
    """The quote is in the set of the FTS5 expression's matches (built once a statement).
    The unary + keeps SQLite from seeking each match by its id: it walks an index in the
    order asked for instead, checking each quote against the set, and stops at the limit."""
    return sa.text("+quotes.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :fts_walk)").bindparams(
        fts_walk=expression)


def _fts_probe(expression: str) -> sa.TextClause:
    """The quote matches the FTS5 expression, asked of this one quote (an index seek)."""
    return sa.text(
        "EXISTS (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH :fts_probe AND quotes_fts.rowid = quotes.id)"
    ).bindparams(fts_probe=expression)


def _quote_rows(connection: sa.Connection, conditions: list[sa.ColumnElement[bool] | sa.TextClause],
                limit: int | None) -> list[dict[str, Any]]:
    q, a, t, c = schema.quotes, schema.articles, schema.times, schema.quote_clusters
    statement = (
        sa.select(q.c.id.label("quote_id"), a.c.external_id, a.c.source, q.c.published, a.c.title, a.c.url,
                  q.c.speaker_name.label("speaker"), q.c.speaker_entity_id, q.c.type, q.c.kind, q.c.content,
                  q.c.cue_text.label("cue"), t.c.value.label("time"), q.c.confidence, q.c.cluster_id,
                  c.c.quote_count.label("reports"), c.c.first_seen, q.c.within)
        .select_from(q.join(a, a.c.id == q.c.article_id).outerjoin(t, t.c.id == q.c.time_id)
                     .outerjoin(c, c.c.id == q.c.cluster_id))
        .where(*conditions)
        .order_by(*_newest(connection.dialect.name))
    )
    if limit is not None:
        statement = statement.limit(limit)
    rows = []
    for row in connection.execute(statement):
        out = dict(row._mapping)
        external, source = out.pop("external_id"), out.pop("source")
        out["article"] = external or source
        for key in ("published", "first_seen"):
            out[key] = out[key].isoformat() if out[key] else None
        rows.append(_ordered_quote(out))
    return rows


QUOTE_COLUMNS = ("quote_id", "published", "speaker", "type", "kind", "content", "cue", "time", "article", "title", "url",
                 "speaker_entity_id", "confidence", "cluster_id", "reports", "first_seen", "within")


def _ordered_quote(row: dict[str, Any]) -> dict[str, Any]:
    return {key: row.get(key) for key in QUOTE_COLUMNS}


def _about(entity_ids: list[int], scope: str) -> sa.ColumnElement[bool]:
    q, ae, m, qs = schema.quotes, schema.article_entities, schema.mentions, schema.quote_spans
    if scope == "article":
        return sa.exists().where(ae.c.article_id == q.c.article_id, ae.c.entity_id.in_(entity_ids))
    return sa.exists(
        sa.select(1).select_from(m.join(ae, ae.c.id == m.c.article_entity_id).join(qs, qs.c.quote_id == q.c.id))
        .where(ae.c.entity_id.in_(entity_ids), m.c.article_id == q.c.article_id,
               m.c.start >= qs.c.start, m.c.end <= qs.c.end))


def top_speakers(connection: sa.Connection, *, limit: int | None = 20) -> dict[str, Any]:
    """The most quoted sources and how anonymous the corpus's sourcing is.

    Returns {"quotes": all quotes, "attributed": with a speaker, "anonymous": with an
    unnamed speaker (source type anonymous or group: "a senior official", "sources familiar
    with...", "officials"), "anonymous_share": anonymous / attributed (0.0 when none),
    "unattributed": without a speaker, "speakers": rows of {entity_id, name, label, quotes,
    articles, share}, most quoted first}. Unnamed sources are counted in the share, not listed.
    """
    q, e = schema.quotes, schema.entities
    total = connection.scalar(sa.select(sa.func.count()).select_from(q)) or 0
    unattributed = connection.scalar(sa.select(sa.func.count()).select_from(q).where(
        q.c.speaker_entity_id.is_(None), q.c.speaker_name.is_(None))) or 0
    anonymous = connection.scalar(sa.select(sa.func.count()).select_from(q.join(e, e.c.id == q.c.speaker_entity_id))
                                  .where(e.c.source_type.in_(sorted(UNNAMED)))) or 0
    counted = (sa.select(q.c.speaker_entity_id.label("entity_id"), sa.func.count().label("quotes"),
                         sa.func.count(sa.distinct(q.c.article_id)).label("articles"))
               .where(q.c.speaker_entity_id.is_not(None)).group_by(q.c.speaker_entity_id).subquery())
    statement = (sa.select(counted.c.entity_id, e.c.name, e.c.label, counted.c.quotes, counted.c.articles)
                 .join(e, e.c.id == counted.c.entity_id)
                 .where(e.c.source_type.not_in(sorted(UNNAMED)))
                 .order_by(counted.c.quotes.desc(), e.c.name))
    if limit is not None:
        statement = statement.limit(limit)
    attributed = total - unattributed
    speakers = [{"entity_id": r.entity_id, "name": r.name, "label": r.label, "quotes": r.quotes,
                 "articles": r.articles, "share": round(r.quotes / attributed, 4) if attributed else 0.0}
                for r in connection.execute(statement)]
    return {"quotes": total, "attributed": attributed, "anonymous": anonymous,
            "anonymous_share": round(anonymous / attributed, 4) if attributed else 0.0,
            "unattributed": unattributed, "speakers": speakers}


SPEAKER_COLUMNS = ("entity_id", "name", "label", "quotes", "articles", "share")


def entity_timeline(connection: sa.Connection, name: str) -> tuple[list[int], Timeline]:
    """The entity's dated statements (it is the speaker) and events (it takes part), across
    the corpus, in calendar order (events/timeline.py's rules); also the matched entity ids."""
    ids = match_entities(connection, name)
    if not ids:
        return ids, Timeline()
    ae = schema.article_entities
    local: dict[int, set[str]] = {}
    for row in connection.execute(sa.select(ae.c.article_id, ae.c.local_id).where(ae.c.entity_id.in_(ids))):
        local.setdefault(row.article_id, set()).add(row.local_id)
    by_record: dict[int, set[str]] = {}

    def records() -> Iterator[Record]:
        for stored in iter_records(connection, local):
            by_record[id(stored.record)] = local[stored.id]
            yield stored.record

    def include(record: Record, kind: str, item: dict[str, Any]) -> bool:
        mine = by_record.get(id(record), set())
        if kind == "statement":
            return bool(item.get("speaker")) and item["speaker"].get("entity") in mine
        return any(p.get("entity") in mine for p in item.get("participants") or ())

    return ids, build_timeline(records(), include=include)
