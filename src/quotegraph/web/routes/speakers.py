"""`/speakers/{id}`: one corpus entity (a person, an organisation, any entity): its names,
titles and affiliations over time, its quotes newest first with a chart of them per month,
whom it addresses and what it talks about, and the other outlets that carried each statement."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from ...config import DEFAULT_MIN_CONFIDENCE
from ...store import schema
from ...store.queries import find_quotes
from ..cache import StoreCache
from ..charts import chart_rows, per_month
from ..params import Pagination, connection, pagination, store_cache, stored_id
from ..responses import NotFound, csv_response, html, outlet
from .quotes import CSV_COLUMNS, link_quotes

router = APIRouter(tags=["speakers"])
EntityId = Annotated[int, Path(description="The entity's id in the store.")]
Connection = Annotated[sa.Connection, Depends(connection)]
Page = Annotated[Pagination, Depends(pagination)]
Cache = Annotated[StoreCache, Depends(store_cache)]

# Whom a speaker addresses and what they talk about are counted over their newest quotes
# only (a speaker quoted 100,000 times would take seconds); the page says so.
RECENT_QUOTES = 1_000
# Article rows read for names, titles and affiliations over time (newest first).
PROFILE_ROWS = 2_000
TOP = 10
OTHER_REPORTS = 20  # per statement cluster


def _entity(connection: sa.Connection, entity_id: int) -> dict[str, Any]:
    e = schema.entities
    row = connection.execute(sa.select(e.c.id, e.c.name, e.c.label, e.c.titles, e.c.affiliations, e.c.source_type,
                                       e.c.gender).where(e.c.id == stored_id(connection, entity_id, "entity"))).first()
    if row is None:
        raise NotFound(f"no entity {entity_id} in this store")
    return {**row._mapping, "titles": row.titles or [], "affiliations": row.affiliations or []}


def _over_time(connection: sa.Connection, entity_id: int) -> dict[str, list[dict[str, Any]]]:
    """Names, titles and affiliations the entity was given, each with the first and last
    publication dates and how many articles gave it."""
    # the article's date as the article entity keeps it (`day`, the article's `published`
    # copied when written or migrated): joining the articles to read it read each article's
    # row, its text included (31 ms a speaker on the 1M-statement benchmark store)
    ae = schema.article_entities
    rows = connection.execute(
        sa.select(ae.c.name, ae.c.titles, ae.c.affiliations, ae.c.day.label("published"))
        .where(ae.c.entity_id == entity_id)
        .order_by(ae.c.day.desc(), ae.c.article_id.desc()).limit(PROFILE_ROWS))
    seen: dict[str, dict[str, dict[str, Any]]] = {"names": {}, "titles": {}, "affiliations": {}}
    for row in rows:
        day = row.published.isoformat() if row.published else None
        for field, values in (("names", [row.name]), ("titles", row.titles or []),
                              ("affiliations", row.affiliations or [])):
            for value in values:
                entry = seen[field].setdefault(value, {"value": value, "first": day, "last": day, "articles": 0})
                entry["articles"] += 1
                if day and (entry["first"] is None or day < entry["first"]):
                    entry["first"] = day
                if day and (entry["last"] is None or day > entry["last"]):
                    entry["last"] = day
    return {field: sorted(values.values(), key=lambda v: (v["first"] or "", v["value"]))
            for field, values in seen.items()}


def _per_month(connection: sa.Connection, entity_id: int) -> list[tuple[str, int]]:
    """("YYYY-MM", quotes) of the entity's dated quotes.

    Counted per day by the database, in the order of the (speaker, published) index (no
    sort: grouping by month there took three times as long for a speaker quoted 95,000
    times), the days read as they are stored (no date objects built) and summed here.
    """
    q = schema.quotes
    day = sa.type_coerce(q.c.published, sa.Text)
    months: Counter[str] = Counter()
    for row in connection.execute(
            sa.select(day.label("day"), sa.func.count().label("n"))
            .where(q.c.speaker_entity_id == entity_id, q.c.published.is_not(None),
                   q.c.confidence >= DEFAULT_MIN_CONFIDENCE).group_by(q.c.published)):
        months[str(row.day)[:7]] += row.n
    return sorted(months.items())


def _recent(entity_id: int) -> sa.Subquery:
    q = schema.quotes
    return (sa.select(q.c.id).where(q.c.speaker_entity_id == entity_id, q.c.confidence >= DEFAULT_MIN_CONFIDENCE)
            .order_by(q.c.published.desc(), q.c.id.desc()).limit(RECENT_QUOTES).subquery())


def _addressees(connection: sa.Connection, entity_id: int) -> list[dict[str, Any]]:
    q = schema.quotes
    recent = _recent(entity_id)
    rows = connection.execute(
        sa.select(q.c.addressee_text, sa.func.count().label("quotes")).where(
            q.c.id.in_(sa.select(recent.c.id)), q.c.addressee_text.is_not(None))
        .group_by(q.c.addressee_text).order_by(sa.desc("quotes"), q.c.addressee_text).limit(TOP))
    return [{"addressee": row.addressee_text, "quotes": row.quotes} for row in rows]


def _talks_about(connection: sa.Connection, entity_id: int) -> list[dict[str, Any]]:
    """Entities mentioned inside the content of the speaker's newest quotes, most often first."""
    q, qs, m, ae, e = schema.quotes, schema.quote_spans, schema.mentions, schema.article_entities, schema.entities
    recent = _recent(entity_id)
    rows = connection.execute(
        sa.select(e.c.id, e.c.name, e.c.label, sa.func.count(sa.distinct(q.c.id)).label("quotes"))
        .select_from(q.join(qs, qs.c.quote_id == q.c.id)
                     .join(m, sa.and_(m.c.article_id == q.c.article_id, m.c.start >= qs.c.start, m.c.end <= qs.c.end))
                     .join(ae, ae.c.id == m.c.article_entity_id).join(e, e.c.id == ae.c.entity_id))
        .where(q.c.id.in_(sa.select(recent.c.id)), e.c.id != entity_id)
        .group_by(e.c.id, e.c.name, e.c.label).order_by(sa.desc("quotes"), e.c.name).limit(TOP))
    return [dict(row._mapping) for row in rows]


def _other_reports(connection: sa.Connection, quotes: list[dict[str, Any]]) -> None:
    """Each quote's `also_in`: the other articles whose quote is the same statement (its
    cluster), oldest first, with their outlet."""
    clusters = {row["cluster_id"] for row in quotes if row["cluster_id"] and (row["reports"] or 0) > 1}
    reports: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if clusters:
        q, a = schema.quotes, schema.articles
        rows = connection.execute(
            sa.select(q.c.cluster_id, q.c.article_id, q.c.local_id, a.c.title, a.c.url, a.c.source, a.c.published)
            .join(a, a.c.id == q.c.article_id).where(q.c.cluster_id.in_(sorted(clusters)))
            .order_by(q.c.cluster_id, a.c.published, q.c.id))
        for row in rows:
            if len(reports[row.cluster_id]) < OTHER_REPORTS + 1:
                reports[row.cluster_id].append({
                    "article_id": row.article_id, "local_id": row.local_id, "title": row.title,
                    "outlet": outlet(row.url, row.source),
                    "published": row.published.isoformat() if row.published else None})
    for quote in quotes:
        quote["also_in"] = [r for r in reports.get(quote["cluster_id"], []) if r["article_id"] != quote["article_id"]]


def _profile(connection: sa.Connection, entity_id: int) -> dict[str, Any]:
    """What the page shows of the entity whatever the page of quotes: names, titles and
    affiliations over time, quotes per month, whom it addresses and talks about."""
    months = _per_month(connection, entity_id)
    return {**_over_time(connection, entity_id), "quote_count": sum(n for _, n in months),
            "chart": per_month(months), "addresses": _addressees(connection, entity_id),
            "talks_about": _talks_about(connection, entity_id)}


def speaker_view(connection: sa.Connection, entity_id: int, page: Pagination,
                 cache: StoreCache | None = None) -> dict[str, Any]:
    """The page's data; its profile kept in `cache` while the store is unchanged."""
    entity = _entity(connection, entity_id)
    rows = find_quotes(connection, speaker_id=entity_id, min_confidence=DEFAULT_MIN_CONFIDENCE,
                       limit=page.per_page + 1, offset=page.offset)
    quotes = link_quotes(connection, rows[:page.per_page])
    _other_reports(connection, quotes)
    profile = (cache.get(("speaker", entity_id), lambda: _profile(connection, entity_id)) if cache is not None
               else _profile(connection, entity_id))
    return {"entity": entity, **profile, "quotes": quotes,
            "pagination": page.info(len(quotes), has_more=len(rows) > page.per_page),
            "recent_window": RECENT_QUOTES}


@router.get("/speakers/{entity_id}.json", summary="One entity: profile and quotes")
def speaker_json(entity_id: EntityId, page: Page, db: Connection, cache: Cache) -> dict[str, Any]:
    view = speaker_view(db, entity_id, page, cache)
    return {**view, "chart": chart_rows(view["chart"])}


@router.get("/speakers/{entity_id}.csv", response_class=Response, summary="One entity's quotes (CSV)")
def speaker_csv(entity_id: EntityId, page: Page, db: Connection) -> Response:
    rows = find_quotes(db, speaker_id=_entity(db, entity_id)["id"], min_confidence=DEFAULT_MIN_CONFIDENCE,
                       limit=page.per_page, offset=page.offset)
    return csv_response(link_quotes(db, rows), CSV_COLUMNS, f"speaker-{entity_id}.csv")


@router.get("/speakers/{entity_id}", response_class=Response, summary="One entity (HTML)")
def speaker_page(request: Request, entity_id: EntityId, page: Page, db: Connection, cache: Cache) -> Response:
    return html(request, "speaker.html", speaker_view(db, entity_id, page, cache))
