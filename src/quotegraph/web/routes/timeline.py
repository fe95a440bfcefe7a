"""`/timeline?entity=NAME`: the entity's dated statements and the events it took part in,
across the corpus, in calendar order (the order `quotegraph timeline --db --entity` prints
them in, read from the store's indexes: timeline_rows.py), with a chart per month."""
from __future__ import annotations

from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ...store import schema
from ...store.queries import match_entities
from ..cache import StoreCache
from ..charts import chart_rows, per_month
from ..params import Pagination, connection, pagination, store_cache, text_param
from ..responses import NotFound, csv_response, html
from ..timeline_rows import page_items, timeline_index

router = APIRouter(tags=["timeline"])
Connection = Annotated[sa.Connection, Depends(connection)]
Page = Annotated[Pagination, Depends(pagination)]
Cache = Annotated[StoreCache, Depends(store_cache)]
Entity = Annotated[str | None, Query(max_length=200, description="A name, matched as quotes' speaker= is.")]
# Entities the HTML page links as matched: a common group's name matches one entity per
# article that names it (38,641 for "Officials" on the 1M-statement benchmark store, a 2 MB
# page that took 265 ms to render from the cache); the JSON twin lists them all.
MATCHED_SHOWN = 10
CSV_COLUMNS = ("date", "precision", "kind", "text", "speaker", "time_text", "time_value", "article", "article_id")


def _whole_timeline(connection: sa.Connection, entity: str) -> dict[str, Any]:
    """Where every item of the entity's timeline falls (timeline_rows.py): what is kept in the cache."""
    ids = match_entities(connection, entity)
    if not ids:
        raise NotFound(f"no entity matching {entity!r} in this store")
    index, undated = timeline_index(connection, ids)
    e = schema.entities
    names = [dict(row._mapping) for row in connection.execute(sa.select(e.c.id, e.c.name).where(e.c.id.in_(ids)))]
    return {"entities": names, "index": index, "undated": undated,
            "chart": per_month((placed.date, 1) for placed in index if placed.date)}


# An entity's timeline is every dated statement and event of it (for "officials", tens of
# thousands), the same for every page and visit until the store is written: where each
# falls is kept in the cache, and a page's items are read by id.
def timeline_view(connection: sa.Connection, entity: str | None, page: Pagination,
                  cache: StoreCache | None = None) -> dict[str, Any]:
    if entity is None:
        return {"entity": None, "entities": [], "items": [], "chart": None, "undated": 0, "total": 0,
                "pagination": page.info(0, has_more=False)}
    whole = (cache.get(("timeline", entity), lambda: _whole_timeline(connection, entity)) if cache is not None
             else _whole_timeline(connection, entity))
    everything = whole["index"]
    items = page_items(connection, everything[page.offset:page.offset + page.per_page])
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
    return html(request, "timeline.html", {**timeline_view(db, text_param(entity), page, cache),
                                           "matched_shown": MATCHED_SHOWN})
