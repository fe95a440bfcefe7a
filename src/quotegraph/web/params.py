"""What the pages share as FastAPI dependencies: the store connection, pagination (bounded),
dates and text filters."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Iterator

import sqlalchemy as sa
from fastapi import Query, Request

from .cache import StoreCache
from .responses import BadRequest, NotFound

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
# How deep pages go: later pages cost a scan of everything before them.
MAX_OFFSET = 10_000


@dataclass(frozen=True, slots=True)
class Pagination:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def info(self, shown: int, *, has_more: bool) -> dict[str, int | bool | None]:
        """What the page says about where it is (and the JSON's `pagination`)."""
        return {"page": self.page, "per_page": self.per_page, "shown": shown,
                "next_page": self.page + 1 if has_more and self.offset + self.per_page < MAX_OFFSET else None,
                "previous_page": self.page - 1 if self.page > 1 else None}


# The dependencies that do no I/O are coroutines: FastAPI runs a plain function dependency
# in a worker thread, and each such hop waits for Python's lock where another page is
# working (the pages themselves, and the connection, stay in threads).
async def pagination(page: Annotated[int, Query(ge=1, description="Page number, from 1.")] = 1,
                     per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Rows per page.")]
                     = DEFAULT_PER_PAGE) -> Pagination:
    chosen = Pagination(page, per_page)
    if chosen.offset >= MAX_OFFSET:
        raise BadRequest(f"page {page} is too deep: at most {MAX_OFFSET:,} rows are paged through "
                         f"(narrow the search with filters instead)")
    return chosen


# Row ids are 64-bit signed integers in SQLite, and PostgreSQL's `integer` (32-bit) in the
# schema's id columns: a larger one in a query fails in the driver (OverflowError: Python
# int too large to convert to SQLite INTEGER; psycopg's "integer out of range"), so it is
# answered as what it is, an id the store cannot hold.
MAX_ROW_ID = {"sqlite": 2**63 - 1, "postgresql": 2**31 - 1}


def stored_id(connection: sa.Connection, value: int, what: str) -> int:
    """`value` when it can be the id of a row of the store (from 1 to its id columns' largest
    value); else a 404 saying no `what` has it."""
    if not 1 <= value <= MAX_ROW_ID.get(connection.dialect.name, 2**31 - 1):
        raise NotFound(f"no {what} {value} in this store")
    return value


def date_range(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The dates of `since` and `until` (YYYY-MM-DD, empty for none), in order."""
    dates = []
    for name, value in (("since", since), ("until", until)):
        value = text_param(value)
        try:
            dates.append(dt.date.fromisoformat(value) if value else None)
        except ValueError:
            raise BadRequest(f"{name}: {value!r} is not a date in YYYY-MM-DD form") from None
    first, last = dates
    if first is not None and last is not None and first > last:
        raise BadRequest(f"since ({first}) is after until ({last})")
    return first, last


def confidence_param(value: str | None) -> float | None:
    """A least confidence, 0 to 1 (empty for none: a form sends empty fields)."""
    value = text_param(value)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise BadRequest(f"min_confidence: {value!r} is not a number") from None
    if not 0.0 <= number <= 1.0:
        raise BadRequest(f"min_confidence: {value} is not between 0 and 1")
    return number


def connection(request: Request) -> Iterator[sa.Connection]:
    """A connection to the app's (read-only) store for the length of one request."""
    with request.app.state.store.read() as opened:
        yield opened


async def store_cache(request: Request) -> StoreCache:
    """What pages keep between requests while the store is unchanged (cache.py)."""
    return request.app.state.cache


def text_param(value: str | None) -> str | None:
    """A text filter, None when left empty (a form sends empty fields)."""
    if value is None:
        return None
    value = value.strip()
    return value or None
