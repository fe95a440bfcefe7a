"""`/articles/{id}`: the article's text with every attribution highlighted in place from its
stored offsets, times marked with their values, mentions linked to entity pages, and a side
list of its quotes."""
from __future__ import annotations

from dataclasses import replace
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
from ..text_pages import TextPage, cut_pages, page_of

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
        for part, part_span in (("cue", quote.cue), ("source", quote.source), ("addressee", quote.addressee)):
            if part_span is not None:
                marks.append(Mark(part_span.start, part_span.end, part, f"{quote.id}-{part}", quote.id,
                                  f"{quote.id}: {part}"))
    for timex in record.times:
        value = timex.value or "?"
        marks.append(Mark(timex.start, timex.end, "time", label=f"{timex.type or 'time'}: {value}", value=value))
    for entity in record.entities:
        corpus_id = corpus_ids.get(entity.id)
        if corpus_id is None:
            continue
        for mention in entity.mentions:
            marks.append(Mark(mention.start, mention.end, "entity", label=entity.name, href=f"/speakers/{corpus_id}"))
    return marks


def article_view(connection: sa.Connection, article_id: int, *, highlighted: bool = False,
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE, page: int = 1,
                 quote_id: str | None = None) -> dict[str, Any]:
    """The article's data (the JSON twin); with `highlighted`, also one page of its text as
    marked-up HTML (text_pages.py): page `page`, or the one where statement `quote_id`
    starts, with only that page's statements. Its statements are those at or above
    `min_confidence` (the store keeps everything)."""
    stored = next(iter(iter_records(connection, [stored_id(connection, article_id, "article")])), None)
    if stored is None:
        raise NotFound(f"no article {article_id} in this store")
    record = stored.record
    stored_count = len(record.quotes)
    default_view(record, min_confidence)
    corpus_ids = {entity.id: entity.corpus_id for entity in record.entities}
    times = {timex.id: timex for timex in record.times}
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
            "time": {"text": timex.text, "value": timex.value} if timex else None,
            "confidence": quote.confidence, "cluster_id": row.get("cluster_id"), "reports": row.get("reports"),
            "first_seen": row["first_seen"].isoformat() if row.get("first_seen") else None, "parts": parts,
        })
    article = {"id": stored.id, "external_id": record.id, "title": record.title, "url": record.url,
               "published": record.published, "source": stored.source, "outlet": outlet(record.url, stored.source)}
    pages = cut_pages(record.text)
    view = {"article": article, "quotes": quotes, "record": record.to_dict(), "min_confidence": min_confidence,
            "hidden": stored_count - len(record.quotes),
            "text_pages": [{"page": p.number, "start": p.start, "end": p.end} for p in pages]}
    if highlighted:
        view.update(_text_page(record, corpus_ids, quotes, pages, page, quote_id, article_id, min_confidence))
    return view


def _text_page(record: Record, corpus_ids: dict[str, int | None], quotes: list[dict[str, Any]],
               pages: list[TextPage], number: int, quote_id: str | None, article_id: int,
               min_confidence: float) -> dict[str, Any]:
    """One page of the text, highlighted, with the statements that start on it, each
    linking to its parts in the text (on another page where a part lies there)."""
    starts = {quote.id: page_of(pages, quote.content[0].start if quote.content else quote.start)
              for quote in record.quotes}
    if quote_id is not None and quote_id in starts:
        number = starts[quote_id]
    if number > len(pages):
        raise NotFound(f"article {article_id} has {len(pages)} page{'' if len(pages) == 1 else 's'} of text, "
                       f"not {number}")
    shown = pages[number - 1]
    query = "" if min_confidence == DEFAULT_MIN_CONFIDENCE else f"min_confidence={min_confidence:g}&"
    spans = {f"{quote.id}-content-{n}": span for quote in record.quotes for n, span in enumerate(quote.content)}
    spans |= {f"{quote.id}-{part}": getattr(quote, part) for quote in record.quotes
              for part in ("cue", "source", "addressee") if getattr(quote, part) is not None}

    def href(part: str) -> str:
        where = page_of(pages, spans[part].start)
        return f"#{part}" if where == number else f"?{query}page={where}#{part}"

    on_page = [{**q, "links": [{"part": part, "href": href(part)} for part in q["parts"]],
                "within_href": None if not q["within"] else (
                    f"#side-{q['within']}" if starts.get(q["within"]) == number
                    else f"?{query}quote={q['within']}#side-{q['within']}")}
               for q in quotes if starts[q["id"]] == number]
    marks = [replace(mark, start=max(mark.start, shown.start) - shown.start, end=min(mark.end, shown.end) - shown.start)
             for mark in _marks(record, corpus_ids) if mark.start < shown.end and mark.end > shown.start]
    pagination = {"page": number, "pages": len(pages), "per_page": None, "shown": len(on_page),
                  "previous_page": number - 1 if number > 1 else None,
                  "next_page": number + 1 if number < len(pages) else None}
    return {"text_html": highlight(record.text[shown.start:shown.end], marks), "page_quotes": on_page,
            "pagination": pagination}


MinConfidence = Annotated[str | None, Query(max_length=20, description=(
    f"Only statements at least this sure (0 to 1); by default the default view's {DEFAULT_MIN_CONFIDENCE}; 0 shows "
    "everything stored."))]


def _least(value: str | None) -> float:
    least = confidence_param(value)
    return DEFAULT_MIN_CONFIDENCE if least is None else least


@router.get("/articles/{article_id}.json", summary="One article: its record and quotes")
def article_json(article_id: ArticleId, db: Connection, min_confidence: MinConfidence = None) -> dict[str, Any]:
    return article_view(db, article_id, min_confidence=_least(min_confidence))


TextPageNumber = Annotated[int, Query(ge=1, le=100_000, description="Which page of a long article's text, from 1.")]
QuoteAnchor = Annotated[str | None, Query(max_length=20, pattern=r"^q\d+$", description=(
    "A statement's local id (q0, q1...): the page of the text where it starts."))]


@router.get("/articles/{article_id}", response_class=Response, summary="One article, highlighted (HTML)")
def article_page(request: Request, article_id: ArticleId, db: Connection, min_confidence: MinConfidence = None,
                 page: TextPageNumber = 1, quote: QuoteAnchor = None) -> Response:
    return html(request, "article.html", article_view(db, article_id, highlighted=True,
                                                      min_confidence=_least(min_confidence), page=page,
                                                      quote_id=quote))
