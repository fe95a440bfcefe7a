"""`/`: what the store holds: counts, the most quoted speakers, the latest articles, a search box.

Counting a large store takes a while (a million quotes: about a second), so the overview
is computed at most once every OVERVIEW_TTL_S seconds per server process.
"""
from __future__ import annotations

import threading
import time
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from ...store import schema
from ...store.queries import top_speakers
from ..params import connection
from ..responses import html, outlet

router = APIRouter(tags=["overview"])
Connection = Annotated[sa.Connection, Depends(connection)]
OVERVIEW_TTL_S = 60.0
TOP = 10
COUNTED = {"articles": schema.articles, "quotes": schema.quotes, "entities": schema.entities,
           "quote_clusters": schema.quote_clusters, "times": schema.times, "events": schema.events}
_lock = threading.Lock()


def _latest_articles(connection: sa.Connection) -> list[dict[str, Any]]:
    a = schema.articles
    published = a.c.published.desc() if connection.dialect.name == "sqlite" else a.c.published.desc().nulls_last()
    rows = connection.execute(sa.select(a.c.id, a.c.title, a.c.url, a.c.source, a.c.published)
                              .order_by(published, a.c.id.desc()).limit(TOP))
    return [{"id": row.id, "title": row.title, "outlet": outlet(row.url, row.source),
             "published": row.published.isoformat() if row.published else None} for row in rows]


def overview(connection: sa.Connection) -> dict[str, Any]:
    counts = {name: connection.scalar(sa.select(sa.func.count()).select_from(table)) or 0
              for name, table in COUNTED.items()}
    speakers = top_speakers(connection, limit=TOP)
    return {"counts": counts, "anonymous_share": speakers["anonymous_share"], "top_speakers": speakers["speakers"],
            "latest_articles": _latest_articles(connection)}


def cached_overview(request: Request, connection: sa.Connection) -> dict[str, Any]:
    state = request.app.state
    with _lock:
        stamp, data = getattr(state, "overview", (0.0, None))
        if data is None or time.monotonic() - stamp > OVERVIEW_TTL_S:
            data = overview(connection)
            state.overview = (time.monotonic(), data)
    return data


@router.get("/index.json", summary="What the store holds")
def home_json(request: Request, db: Connection) -> dict[str, Any]:
    return cached_overview(request, db)


@router.get("/", response_class=Response, summary="What the store holds (HTML)")
def home_page(request: Request, db: Connection) -> Response:
    return html(request, "home.html", cached_overview(request, db))
