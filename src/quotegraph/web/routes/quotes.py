"""`/quotes`: full-text search over quotes with filters, paginated (store/queries.py's find_quotes)."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ...config import DEFAULT_MIN_CONFIDENCE
from ...record import KINDS
from ...store import schema
from ...store.outlets import has_outlet, outlet_name, stored_outlets
from ...store.queries import QUOTE_COLUMNS, find_quotes
from ...store.source_filters import SOURCE_TYPE_FILTERS, SPEAKER_GENDERS
from ..cache import StoreCache
from ..params import (
    Pagination,
    confidence_param,
    connection,
    date_range,
    pagination,
    store_cache,
    text_param,
)
from ..responses import BadRequest, csv_response, html
from ..search_marks import search_terms

router = APIRouter(tags=["quotes"])

MAX_QUERY_CHARS = 500
MAX_COUNTED = 200
CSV_COLUMNS = (*QUOTE_COLUMNS, "article_id", "local_id")


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    q: str | None = None
    speaker: str | None = None
    about: str | None = None
    kind: str | None = None
    min_confidence: float | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    speaker_gender: str | None = None
    source_type: str | None = None
    outlet: str | None = None
    undated: bool = False


def _choice(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    value = text_param(value)
    if value is not None and value not in choices:
        raise BadRequest(f"{name}: {value!r} is not one of {', '.join(choices)}")
    return value


async def quote_filters(
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS,
                                   description='Words in the content (all of them), "phrases", -excluded.')] = None,
    speaker: Annotated[str | None, Query(max_length=200, description="Who said it (a name).")] = None,
    about: Annotated[str | None, Query(max_length=200, description="An entity the content mentions.")] = None,
    kind: Annotated[Literal["", "speech", "writing", "thought", "other"] | None,
                    Query(description="What the cue reports: speech, writing or thought ('other': acts and "
                                      "findings in stores written before statements were defined).")] = None,
    min_confidence: Annotated[str | None, Query(max_length=20, description=(
        "Only statements a reader accepts with at least this probability (0 to 1); by default the "
        f"default view's {DEFAULT_MIN_CONFIDENCE}; 0 gives everything, weak attributions too."))] = None,
    since: Annotated[str | None, Query(max_length=10, description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(max_length=10, description="Published on or before (YYYY-MM-DD).")] = None,
    speaker_gender: Annotated[str | None, Query(max_length=20, description=(
        "The speaker's gender as the text signals it: female, male or unknown (none known, or no speaker)."))] = None,
    source_type: Annotated[str | None, Query(max_length=20, description=(
        "The speaker's source type: person, organisation, group, anonymous, document, or none (no speaker)."))] = None,
    outlet: Annotated[str | None, Query(max_length=300, description=(
        "The article's outlet: its URL's host (none: articles without a URL)."))] = None,
    undated: Annotated[bool, Query(description="Only quotes whose article has no publication date.")] = False,
) -> QuoteFilters:
    confidence = confidence_param(min_confidence)
    first, last = date_range(since, until)
    if undated and (first or last):
        raise BadRequest("undated lists quotes without a date: it cannot go with since or until")
    given_outlet = text_param(outlet)
    return QuoteFilters(text_param(q), text_param(speaker), text_param(about), text_param(kind),
                        DEFAULT_MIN_CONFIDENCE if confidence is None else confidence, first, last,
                        _choice("speaker_gender", speaker_gender, SPEAKER_GENDERS),
                        _choice("source_type", source_type, SOURCE_TYPE_FILTERS),
                        outlet_name(given_outlet) if given_outlet else None,
                        undated)


def link_quotes(connection: sa.Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """find_quotes rows with what a page links by: the article's id and the quote's local id
    (its anchor in the article page)."""
    if not rows:
        return rows
    q = schema.quotes
    found = {row.id: row for row in connection.execute(
        sa.select(q.c.id, q.c.article_id, q.c.local_id).where(q.c.id.in_([row["quote_id"] for row in rows])))}
    for row in rows:
        row.update(article_id=found[row["quote_id"]].article_id, local_id=found[row["quote_id"]].local_id)
    return rows


def _found(connection: sa.Connection, filters: QuoteFilters, limit: int, offset: int,
           ids_only: bool = False, unordered: bool = False) -> list[Any]:
    return find_quotes(connection, speaker=filters.speaker, about=filters.about, search=filters.q,
                       since=filters.since, until=filters.until, kinds=[filters.kind] if filters.kind else None,
                       min_confidence=filters.min_confidence, speaker_gender=filters.speaker_gender,
                       source_type=filters.source_type, outlet=filters.outlet, undated=filters.undated,
                       limit=limit, offset=offset, ids_only=ids_only, unordered=unordered)


def require_outlet(connection: sa.Connection, outlet: str | None) -> None:
    """A 400 naming some of the store's outlets when no article is from `outlet`."""
    if outlet is not None and not has_outlet(connection, outlet):
        known = ", ".join(stored_outlets(connection)) or "none"
        raise BadRequest(f"outlet: no article in this store is from {outlet!r} (an outlet is a URL's host, or "
                         f"none for articles without a URL; outlets with the most articles: {known})")


# How many quotes match is counted up to MAX_COUNTED (counting every match of a common word
# in a million quotes would cost more than the page: up to 1,000 it cost two to four pages'
# worth on the realistic benchmark store), once per search while the store is unchanged; a
# first page that holds every match needs no counting at all.
def _matches(connection: sa.Connection, filters: QuoteFilters, page: Pagination, shown: list[dict[str, Any]],
             has_more: bool, cache: StoreCache | None) -> dict[str, int | bool]:
    if page.offset == 0 and not has_more:
        return {"count": len(shown), "more": False}

    def count() -> dict[str, int | bool]:
        found = len(_found(connection, filters, MAX_COUNTED + 1, 0, ids_only=True, unordered=True))
        return {"count": min(found, MAX_COUNTED), "more": found > MAX_COUNTED}

    return cache.get(("matches", filters), count) if cache is not None else count()


def search(connection: sa.Connection, filters: QuoteFilters, page: Pagination,
           cache: StoreCache | None = None) -> dict[str, Any]:
    require_outlet(connection, filters.outlet)
    rows = _found(connection, filters, page.per_page + 1, page.offset)
    shown = rows[:page.per_page]
    has_more = len(rows) > page.per_page
    filled = {key: (value.isoformat() if isinstance(value, dt.date) else value)
              for key, value in asdict(filters).items()}
    return {"filters": filled, "matches": _matches(connection, filters, page, shown, has_more, cache),
            "quotes": link_quotes(connection, shown), "pagination": page.info(len(shown), has_more=has_more)}


Filters = Annotated[QuoteFilters, Depends(quote_filters)]
Page = Annotated[Pagination, Depends(pagination)]
Connection = Annotated[sa.Connection, Depends(connection)]
Cache = Annotated[StoreCache, Depends(store_cache)]


@router.get("/quotes", response_class=Response, summary="Search quotes (HTML)")
def quotes_page(request: Request, filters: Filters, page: Page, db: Connection, cache: Cache) -> Response:
    return html(request, "quotes.html", {**search(db, filters, page, cache), "kinds": KINDS,
                                         "speaker_genders": SPEAKER_GENDERS, "source_types": SOURCE_TYPE_FILTERS,
                                         "default_confidence": DEFAULT_MIN_CONFIDENCE,
                                         "terms": search_terms(filters.q)})


@router.get("/quotes.json", summary="Search quotes")
def quotes_json(filters: Filters, page: Page, db: Connection, cache: Cache) -> dict[str, Any]:
    return search(db, filters, page, cache)


@router.get("/quotes.csv", response_class=Response, summary="Search quotes (CSV)")
def quotes_csv(filters: Filters, page: Page, db: Connection) -> Response:
    return csv_response(search(db, filters, page)["quotes"], CSV_COLUMNS, "quotes.csv")
