"""`/timeline?entity=NAME`: the entity's dated statements and the events it took part in,
across the corpus, in calendar order (store/queries.py's entity_timeline, as `quotegraph
timeline --db --entity` prints them), with a chart per month."""
from __future__ import annotations

from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ...store import schema
from ...store.queries import entity_timeline
from ..cache import StoreCache
from ..charts import chart_rows, per_month
from ..params import Pagination, connection, pagination, store_cache, text_param
from ..responses import NotFound, csv_response, html

router = APIRouter(tags=["timeline"])
Connection = Annotated[sa.Connection, Depends(connection)]
Page = Annotated[Pagination, Depends(pagination)]
Cache = Annotated[StoreCache, Depends(store_cache)]
Entity = Annotated[str | None, Query(max_length=200, description="A name, matched as quotes' speaker= is.")]
CSV_COLUMNS = ("date", "precision", "kind", "text", "speaker", "time_text", "time_value", "article", "article_id")


def _articles(connection: sa.Connection, entity_ids: list[int]) -> dict[str, tuple[int, str | None]]:
    """The store id and title of each article the entities appear in, by the record id
    timeline items carry."""
    a, ae = schema.articles, schema.article_entities
    rows = connection.execute(sa.select(a.c.id, a.c.external_id, a.c.source, a.c.title).where(
        a.c.id.in_(sa.select(ae.c.article_id).where(ae.c.entity_id.in_(entity_ids)))))
    return {row.external_id or row.source: (row.id, row.title) for row in rows}


def _whole_timeline(connection: sa.Connection, entity: str) -> dict[str, Any]:
    """Every page's worth of the entity's timeline: what is kept in the cache."""
    ids, timeline = entity_timeline(connection, entity)
    if not ids:
        raise NotFound(f"no entity matching {entity!r} in this store")
    articles = _articles(connection, ids)
    for item in timeline.items:
        item["article_id"], item["article_title"] = articles.get(item["article"], (None, None))
    e = schema.entities
    names = [dict(row._mapping) for row in connection.execute(sa.select(e.c.id, e.c.name).where(e.c.id.in_(ids)))]
    return {"entities": names, "items": timeline.items, "undated": timeline.undated,
            "chart": per_month((item["date"], 1) for item in timeline.items if item.get("date"))}


# An entity's timeline reads every article it appears in (for "officials", thousands), and it
# is the same for every page and visit until the store is written: it is kept in the cache.
def timeline_view(connection: sa.Connection, entity: str | None, page: Pagination,
                  cache: StoreCache | None = None) -> dict[str, Any]:
    if entity is None:
        return {"entity": None, "entities": [], "items": [], "chart": None, "undated": 0, "total": 0,
                "pagination": page.info(0, has_more=False)}
    whole = (cache.get(("timeline", entity), lambda: _whole_timeline(connection, entity)) if cache is not None
             else _whole_timeline(connection, entity))
    everything = whole["items"]
    items = everything[page.offset:page.offset + page.per_page]
    return {"entity": entity, "entities": whole["entities"], "items": items, "chart": whole["chart"],
            "undated": whole["undated"], "total": len(everything),
            "pagination": page.info(len(items), has_more=page.offset + page.per_page < len(everything))}


@router.get("/timeline.json", summary="An entity's timeline")
def timeline_json(db: Connection, page: Page, cache: Cache, entity: Entity = None) -> dict[str, Any]:
    view = timeline_view(db, text_param(entity), page, cache)
    return {**view, "chart": chart_rows(view["chart"])}


@router.get("/timeline.csv", response_class=Response, summary="An entity's timeline (CSV)")
def timeline_csv(db: Connection, page: Page, cache: Cache, entity: Entity = None) -> Response:
    view = timeline_view(db, text_param(entity), page, cache)
    rows = [{**item, "speaker": (item.get("speaker") or {}).get("name"), "time_text": item["time"].get("text"),
             "time_value": item["time"].get("value")} for item in view["items"]]
    return csv_response(rows, CSV_COLUMNS, "timeline.csv")


@router.get("/timeline", response_class=Response, summary="An entity's timeline (HTML)")
def timeline_page(request: Request, db: Connection, page: Page, cache: Cache, entity: Entity = None) -> Response:
    return html(request, "timeline.html", timeline_view(db, text_param(entity), page, cache))
