"""`/clusters/{id}`: one statement as every outlet carried it, first seen where."""
from __future__ import annotations

from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from ...store import schema
from ..params import connection, stored_id
from ..responses import NotFound, csv_response, html, outlet

router = APIRouter(tags=["clusters"])
ClusterId = Annotated[int, Path(description="The statement cluster's id in the store.")]
Connection = Annotated[sa.Connection, Depends(connection)]
MAX_REPORTS = 500
CSV_COLUMNS = ("quote_id", "local_id", "article_id", "published", "outlet", "title", "speaker", "content",
               "confidence")


def cluster_view(connection: sa.Connection, cluster_id: int) -> dict[str, Any]:
    c, q, a = schema.quote_clusters, schema.quotes, schema.articles
    row = connection.execute(sa.select(c.c.id, c.c.entity_id, c.c.speaker_name, c.c.content, c.c.first_seen,
                                       c.c.quote_count).where(c.c.id == stored_id(connection, cluster_id, "statement cluster"))).first()
    if row is None:
        raise NotFound(f"no statement cluster {cluster_id} in this store")
    reports = []
    for report in connection.execute(
            sa.select(q.c.id, q.c.local_id, q.c.article_id, q.c.speaker_name, q.c.content, q.c.confidence,
                      a.c.published, a.c.title, a.c.url, a.c.source)
            .join(a, a.c.id == q.c.article_id).where(q.c.cluster_id == cluster_id)
            .order_by(a.c.published, q.c.id).limit(MAX_REPORTS)):
        reports.append({"quote_id": report.id, "local_id": report.local_id, "article_id": report.article_id,
                        "published": report.published.isoformat() if report.published else None,
                        "outlet": outlet(report.url, report.source), "title": report.title,
                        "speaker": report.speaker_name, "content": report.content,
                        "confidence": report.confidence})
    dated = [r for r in reports if r["published"]]
    first = min(dated, key=lambda r: r["published"]) if dated else (reports[0] if reports else None)
    cluster = {"id": row.id, "speaker_entity_id": row.entity_id, "speaker": row.speaker_name,
               "content": row.content, "first_seen": row.first_seen.isoformat() if row.first_seen else None,
               "reports": row.quote_count, "first_seen_in": first}
    return {"cluster": cluster, "quotes": reports, "outlets": sorted({r["outlet"] for r in reports})}


@router.get("/clusters/{cluster_id}.json", summary="One statement across outlets")
def cluster_json(cluster_id: ClusterId, db: Connection) -> dict[str, Any]:
    return cluster_view(db, cluster_id)


@router.get("/clusters/{cluster_id}.csv", response_class=Response, summary="One statement's reports (CSV)")
def cluster_csv(cluster_id: ClusterId, db: Connection) -> Response:
    return csv_response(cluster_view(db, cluster_id)["quotes"], CSV_COLUMNS, f"cluster-{cluster_id}.csv")


@router.get("/clusters/{cluster_id}", response_class=Response, summary="One statement across outlets (HTML)")
def cluster_page(request: Request, cluster_id: ClusterId, db: Connection) -> Response:
    return html(request, "cluster.html", cluster_view(db, cluster_id))
