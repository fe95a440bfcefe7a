"""How a page answers: HTML from a template, its JSON twin, CSV for lists, and errors.

Every page's handler builds one dict of plain data; the HTML route renders it with a
template, the `.json` route returns it as it is, the `.csv` route writes its rows. Errors
have one shape: `{"error": {"status": 404, "message": "..."}}` in JSON, the same message
on an HTML page, never a traceback.
"""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, Iterable, Sequence
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException

from .. import __version__
from ..writers.csv import csv_writer, safe_cell
from .bidi import isolate, isolate_shown, shown_text
from .quoting import quoted
from .search_marks import mark_terms

TEMPLATES = Path(__file__).parent / "templates"


class BadRequest(HTTPException):
    """A parameter the page cannot use: answered 400 with the message."""

    def __init__(self, message: str) -> None:
        super().__init__(400, message)


class NotFound(HTTPException):
    def __init__(self, message: str) -> None:
        super().__init__(404, message)


def safe_href(url: str | None) -> str | None:
    """`url` when it is an http(s) link, else None (no javascript:, data: or relative links
    from an article's metadata)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def outlet(url: str | None, source: str) -> str:
    """Where an article appeared: its URL's host, else the source it was read from."""
    if url:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if host:
            return host.removeprefix("www.")
    return source


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals["version"] = __version__
    env.filters["safe_href"] = safe_href
    env.filters["isolate"] = isolate
    env.filters["isolate_shown"] = isolate_shown
    env.filters["shown_text"] = shown_text
    env.filters["quoted"] = quoted
    env.filters["mark_terms"] = mark_terms
    env.filters["pct"] = lambda value: f"{value * 100:.0f}%" if value is not None else ""
    return env


templates = Jinja2Templates(env=_environment())


def html(request: Request, template: str, data: dict[str, Any], *, status: int = 200) -> Response:
    """`data` rendered by `template` (it also gets `request` and the query without `page`,
    nor `quote`, which picks an article's page)."""
    query = [(key, value) for key, value in request.query_params.multi_items() if key not in ("page", "quote")]
    context = {**data, "query": urlencode(query), "json_href": _twin(request, ".json"),
               "csv_href": _twin(request, ".csv")}
    return templates.TemplateResponse(request, template, context, status_code=status)


def _twin(request: Request, suffix: str) -> str:
    """The same page's path with `suffix` (".json") before the query string."""
    path = request.url.path.rstrip("/") or "/index"
    query = request.url.query
    return f"{path}{suffix}" + (f"?{query}" if query else "")


def csv_response(rows: Iterable[dict[str, Any]], columns: Sequence[str], filename: str) -> Response:
    """`rows` as CSV (lists as JSON text), with a download name: the same RFC 4180 rows and
    formula-safe cells as `quotegraph export` writes."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(json.dumps(value) if isinstance(value, (list, dict)) else value)
                         for value in (row.get(key) for key in columns)])
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def error_response(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    if request.url.path.endswith(".csv"):
        return Response(f"error {status}: {message}\n", status_code=status, media_type="text/plain; charset=utf-8")
    return html(request, "error.html", {"status": status, "message": message}, status=status)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: "no such page", 405: "this server only answers GET: it does not change the store"}
    message = exc.detail if isinstance(exc, (BadRequest, NotFound)) else messages.get(exc.status_code, str(exc.detail))
    return error_response(request, exc.status_code, message)


async def on_invalid_parameters(request: Request, exc: Exception) -> Response:
    """FastAPI's validation errors (a page that is not a number, a bad date) as 400s."""
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return error_response(request, 400, "; ".join(problems) or "invalid parameters")


async def on_unexpected(request: Request, exc: Exception) -> Response:
    """Anything else: a plain 500 page (the server logs the traceback; none leaves it)."""
    return error_response(request, 500, "the server could not answer this request")
