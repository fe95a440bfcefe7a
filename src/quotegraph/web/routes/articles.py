"""`/articles/{id}`: the article's text with every attribution highlighted in place from its
stored offsets, times marked with their values, mentions linked to entity pages, and a side
list of its quotes."""
from __future__ import annotations

from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from ...config import DEFAULT_MIN_CONFIDENCE
from ...record import Record
from ...store import schema
from ...store.read import iter_records
from ...view import view as default_view
from ..highlight import Mark, highlight
from ..params import confidence_param, connection, stored_id
from ..responses import NotFound, html, outlet

router = APIRouter(tags=["articles"])
ArticleId = Annotated[int, Path(description="The article's id in the store.")]
Connection = Annotated[sa.Connection, Depends(connection)]


def _stored_quotes(connection: sa.Connection, article_id: int) -> dict[str, dict[str, Any]]:
    """What the record leaves out, by local quote id: the row id, cluster and its reports."""
    q, c = schema.quotes, schema.quote_clusters
    rows = connection.execute(sa.select(q.c.local_id, q.c.id, q.c.cluster_id, c.c.quote_count.label("reports"),
                                        c.c.first_seen)
                              .select_from(q.outerjoin(c, c.c.id == q.c.cluster_id)).where(q.c.article_id == article_id))
    return {row.local_id: dict(row._mapping) for row in rows}


def _marks(record: Record, corpus_ids: dict[str, int | None]) -> list[Mark]:
    marks: list[Mark] = []
    for quote in record.quotes:
        who = quote.speaker.name if quote.speaker else "no speaker"
        for number, span in enumerate(quote.content):
            marks.append(Mark(span.start, span.end, "content", f"{quote.id}-content-{number}", quote.id,
                              f"{quote.id}: what {who} said"))
        for part, span in (("cue", quote.cue), ("source", quote.source), ("addressee", quote.addressee)):
            if span is not None:
                marks.append(Mark(span.start, span.end, part, f"{quote.id}-{part}", quote.id, f"{quote.id}: {part}"))
    for timex in record.times:
        value = timex.get("value") or "?"
        marks.append(Mark(timex["start"], timex["end"], "time", label=f"{timex.get('type') or 'time'}: {value}",
                          value=value))
    for entity in record.entities:
        corpus_id = corpus_ids.get(entity["id"])
        if corpus_id is None:
            continue
        for mention in entity.get("mentions", ()):
            marks.append(Mark(mention["start"], mention["end"], "entity", label=entity["name"],
                              href=f"/speakers/{corpus_id}"))
    return marks


def article_view(connection: sa.Connection, article_id: int, *, highlighted: bool = False,
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> dict[str, Any]:
    """The article's data (the JSON twin); with `highlighted`, also its text as marked-up HTML.
    Its statements are those at or above `min_confidence` (the store keeps everything)."""
    stored = next(iter(iter_records(connection, [stored_id(article_id, "article")])), None)
    if stored is None:
        raise NotFound(f"no article {article_id} in this store")
    record = stored.record
    stored_count = len(record.quotes)
    default_view(record, min_confidence)
    corpus_ids = {entity["id"]: entity.get("corpus_id") for entity in record.entities}
    times = {timex["id"]: timex for timex in record.times}
    extra = _stored_quotes(connection, article_id)
    quotes = []
    for quote in record.quotes:
        row = extra.get(quote.id, {})
        timex = times.get(quote.time) if quote.time else None
        speaker_entity = corpus_ids.get(quote.speaker.entity) if quote.speaker and quote.speaker.entity else None
        parts = [f"{quote.id}-content-{n}" for n in range(len(quote.content))]
        parts += [f"{quote.id}-{part}" for part in ("cue", "source", "addressee") if getattr(quote, part) is not None]
        quotes.append({
            "id": quote.id, "quote_id": row.get("id"), "type": quote.type, "kind": quote.kind, "within": quote.within,
            "content": " … ".join(span.text for span in quote.content),
            "speaker": quote.speaker.name if quote.speaker else None, "speaker_entity_id": speaker_entity,
            "source": quote.source.text if quote.source else None, "cue": quote.cue.text if quote.cue else None,
            "addressee": quote.addressee.text if quote.addressee else None,
            "time": {"text": timex["text"], "value": timex.get("value")} if timex else None,
            "confidence": quote.confidence, "cluster_id": row.get("cluster_id"), "reports": row.get("reports"),
            "first_seen": row["first_seen"].isoformat() if row.get("first_seen") else None, "parts": parts,
        })
    article = {"id": stored.id, "external_id": record.id, "title": record.title, "url": record.url,
               "published": record.published, "source": stored.source, "outlet": outlet(record.url, stored.source)}
    view = {"article": article, "quotes": quotes, "record": record.to_dict(), "min_confidence": min_confidence,
            "hidden": stored_count - len(record.quotes)}
    if highlighted:
        view["text_html"] = highlight(record.text, _marks(record, corpus_ids))
    return view


MinConfidence = Annotated[str | None, Query(max_length=20, description=(
    f"Only statements at least this sure (0 to 1); by default the default view's {DEFAULT_MIN_CONFIDENCE}; 0 shows "
    "everything stored."))]


def _least(value: str | None) -> float:
    least = confidence_param(value)
    return DEFAULT_MIN_CONFIDENCE if least is None else least


@router.get("/articles/{article_id}.json", summary="One article: its record and quotes")
def article_json(article_id: ArticleId, db: Connection, min_confidence: MinConfidence = None) -> dict[str, Any]:
    return article_view(db, article_id, min_confidence=_least(min_confidence))


@router.get("/articles/{article_id}", response_class=Response, summary="One article, highlighted (HTML)")
def article_page(request: Request, article_id: ArticleId, db: Connection, min_confidence: MinConfidence = None) -> Response:
    return html(request, "article.html", article_view(db, article_id, highlighted=True,
                                                      min_confidence=_least(min_confidence)))
