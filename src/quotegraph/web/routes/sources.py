"""`/sources`: who gets quoted (store/sources.py): statements and distinct speakers by
gender and source type, per outlet and per month, with the share of women, as bar charts
each paired with a table of its numbers; every bar and figure links to the /quotes listing
of the statements behind it. The filters are the report's (dates, outlet, words, least
confidence), as query parameters."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ...config import DEFAULT_MIN_CONFIDENCE
from ...store.outlets import outlet_name
from ...store.source_filters import NO_SPEAKER, SOURCE_TYPE_FILTERS, SPEAKER_GENDERS
from ...store.sources import SourceFilters, sources_report
from ..cache import StoreCache
from ..category_charts import CategoryChart, category_chart
from ..params import confidence_param, connection, date_range, store_cache, text_param
from ..responses import html
from .quotes import MAX_QUERY_CHARS, require_outlet

router = APIRouter(tags=["sources"])
Connection = Annotated[sa.Connection, Depends(connection)]
Cache = Annotated[StoreCache, Depends(store_cache)]

# find_quotes' argument -> the /quotes parameter of the same filter
LISTING_PARAMS = {"search": "q", "since": "since", "until": "until", "outlet": "outlet",
                  "min_confidence": "min_confidence", "speaker_gender": "speaker_gender",
                  "source_type": "source_type", "undated": "undated"}
NO_SPEAKER_LABEL = "no speaker"


@dataclass(frozen=True, slots=True)
class PageFilters:
    q: str | None
    since: dt.date | None
    until: dt.date | None
    outlet: str | None
    min_confidence: float


async def page_filters(
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description=(
        'Only statements whose content has these words (all of them), "phrases", -excluded.'))] = None,
    since: Annotated[str | None, Query(max_length=10, description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(max_length=10, description="Published on or before (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, Query(max_length=300, description=(
        "Only this outlet: a URL's host (none: articles without a URL)."))] = None,
    min_confidence: Annotated[str | None, Query(max_length=20, description=(
        f"Which statements count (0 to 1); by default the default view's {DEFAULT_MIN_CONFIDENCE}."))] = None,
) -> PageFilters:
    confidence = confidence_param(min_confidence)
    given = text_param(outlet)
    return PageFilters(text_param(q), *date_range(since, until),
                       outlet_name(given) if given else None,
                       DEFAULT_MIN_CONFIDENCE if confidence is None else confidence)


Filters = Annotated[PageFilters, Depends(page_filters)]


def listing_href(row_filter: dict[str, Any]) -> str:
    """The /quotes listing of a figure's statements."""
    params = [(LISTING_PARAMS[key], "true" if value is True else str(value))
              for key, value in row_filter.items() if value is not None and key in LISTING_PARAMS]
    return "/quotes?" + urlencode(params)


def _linked(row: dict[str, Any]) -> dict[str, Any]:
    """A report row with the /quotes link of the row and of each of its figures."""
    out = {key: value for key, value in row.items() if key not in ("gender", "source_type", "filter")}
    out["href"] = listing_href(row["filter"])
    for part in ("gender", "source_type"):
        out[part] = {name: {"statements": cell["statements"], "speakers": cell["speakers"],
                            "href": listing_href(cell["filter"])} for name, cell in row[part].items()}
    return out


def report(connection: sa.Connection, filters: PageFilters, cache: StoreCache | None = None) -> dict[str, Any]:
    """The page's data (and the JSON twin): the filters, the total, and rows per outlet and
    per month, each row and figure with its /quotes link."""
    require_outlet(connection, filters.outlet)
    wanted = SourceFilters(filters.since, filters.until, filters.outlet, filters.q, filters.min_confidence)

    def compute() -> dict[str, Any]:
        per_outlet = sources_report(connection, wanted, ("outlet",))
        per_month = sources_report(connection, wanted, ("month",))
        return {"filters": {"q": filters.q, "since": filters.since.isoformat() if filters.since else None,
                            "until": filters.until.isoformat() if filters.until else None,
                            "outlet": filters.outlet, "min_confidence": filters.min_confidence},
                "total": _linked(per_outlet["total"]),
                "outlets": [_linked(row) for row in per_outlet["rows"]],
                "months": [_linked(row) for row in per_month["rows"]]}

    return cache.get(("sources", filters), compute) if cache is not None else compute()


def _share_chart(rows: list[dict[str, Any]], key: str) -> CategoryChart | None:
    """Women's share of the statements (of known gender) per row, each bar to the women's statements."""
    return category_chart([(row[key], row["women_share"]["statements"],
                            f"{row['women_share']['statements']:.0%}" if row["women_share"]["statements"] is not None
                            else "no gender known", row["gender"]["female"]["href"]) for row in rows], 1.0)


def _type_chart(total: dict[str, Any]) -> CategoryChart | None:
    cells = total["source_type"]
    peak = max((cell["statements"] for cell in cells.values()), default=0)
    return category_chart([(NO_SPEAKER_LABEL if name == NO_SPEAKER else name, cells[name]["statements"], f"{cells[name]['statements']:,}", cells[name]["href"])
                           for name in SOURCE_TYPE_FILTERS], peak) if total["statements"] else None


@router.get("/sources", response_class=Response, summary="Who gets quoted (HTML)")
def sources_page(request: Request, filters: Filters, db: Connection, cache: Cache) -> Response:
    data = report(db, filters, cache)
    return html(request, "sources.html", {
        **data, "genders": SPEAKER_GENDERS, "source_types": SOURCE_TYPE_FILTERS,
        "default_confidence": DEFAULT_MIN_CONFIDENCE,
        "outlet_chart": _share_chart(data["outlets"], "outlet"), "month_chart": _share_chart(data["months"], "month"),
        "type_chart": _type_chart(data["total"])})


@router.get("/sources.json", summary="Who gets quoted")
def sources_json(filters: Filters, db: Connection, cache: Cache) -> dict[str, Any]:
    return report(db, filters, cache)
