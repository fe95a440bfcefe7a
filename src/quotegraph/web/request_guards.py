"""What the app does with a request before a page sees it: URLs too long to be a page's,
HEAD, and paths that end with a slash. Plain ASGI wrappers (see app.py's QuotegraphApp)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .responses import error_response

# No page needs more: the longest parameter is a 500-character search.
MAX_URL_BYTES = 8_192


class UrlLength:
    """Answers 414 to a request whose path and query are longer than MAX_URL_BYTES."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and len(scope.get("raw_path") or b"") + len(scope["query_string"]) > MAX_URL_BYTES:
            # the page must not echo the query back (its JSON and pager links carry it)
            short = {**scope, "query_string": b"", "method": "GET"}
            response = error_response(Request(short), 414, f"the address is longer than {MAX_URL_BYTES:,} bytes")
            await response(short, receive, send)
            return
        await self.app(scope, receive, send)


class HeadAsGet:
    """HEAD answered as GET is, headers only (FastAPI's routes answer only the methods named,
    so HEAD on a page was a 405)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_head(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_head)


class NoTrailingSlash:
    """A path ending with "/" (but "/") redirected to the same path without it.

    The Location is a path, never a URL: Starlette's own redirect built one from the Host
    header, which a client chooses. Leading slashes are collapsed to one, so "//evil.example/"
    leads to "/evil.example", on this server, not to another host."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1") if scope["type"] == "http" else ""
        if scope["type"] != "http" or raw == "/" or not raw.endswith("/"):
            await self.app(scope, receive, send)
            return
        location = "/" + raw.strip("/")
        if scope["query_string"]:
            location += "?" + scope["query_string"].decode("latin-1")
        await RedirectResponse(location, status_code=308)(scope, receive, send)
