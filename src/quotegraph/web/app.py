"""The web app: FastAPI over a read-only store, pages rendered on the server.

`create_app(db)` opens the store (read-only, see readonly.py) and wires the pages (one
module each in routes/), the static files, the error pages and the security headers.
Every response carries a strict Content-Security-Policy: scripts and styles only from
this server's /static (no inline script or style anywhere), nothing else loaded, no
framing, forms posting nowhere but here.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..store import Store
from .admission import IN_PROGRESS, Admission
from .cache import StoreCache
from .page_cache import PageCache
from .readonly import open_readonly
from .request_guards import HeadAsGet, NoTrailingSlash, UrlLength
from .responses import on_http_error, on_invalid_parameters, on_unexpected
from .routes import api_docs, articles, clusters, home, quotes, sources, speakers, timeline

STATIC = Path(__file__).parent / "static"

CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                           "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # links out to articles do not tell the outlet what was being read here
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every response (a plain ASGI wrapper:
    Starlette's BaseHTTPMiddleware costs about a millisecond a request).

    It wraps the whole middleware stack (see QuotegraphApp), outside Starlette's
    ServerErrorMiddleware: middleware added with add_middleware sits inside that one, so
    the 500 page it sends for an unexpected error went out without these headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class QuotegraphApp(FastAPI):
    """FastAPI with SecurityHeaders around everything, the 500 pages included, requests
    guarded before they wait their turn (request_guards.py: 414, HEAD, trailing slashes),
    answered from the pages kept while the store is unchanged (page_cache.py) or else
    admitted a few at a time (admission.py; `in_progress` of them)."""

    in_progress: int = IN_PROGRESS

    def build_middleware_stack(self) -> ASGIApp:
        admitted = Admission(super().build_middleware_stack(), self.in_progress)
        cached = PageCache(admitted, lambda: self.state.cache.version())
        return SecurityHeaders(UrlLength(HeadAsGet(NoTrailingSlash(cached))))


def create_app(db: str | Store, *, in_progress: int = IN_PROGRESS) -> FastAPI:
    """The app over the store at `db` (a SQLite path or a database URL, opened read-only;
    or a Store already opened), working on `in_progress` requests at a time. Raises
    StoreError when it cannot be opened."""
    store = db if isinstance(db, Store) else open_readonly(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    # redirect_slashes off: request_guards.NoTrailingSlash redirects without the Host header
    app = QuotegraphApp(redirect_slashes=False, title="quotegraph", version=__version__, lifespan=lifespan,
                        docs_url=None, redoc_url=None,
                        description="Who said what, to whom, when: the store's quotes, articles, speakers, "
                                    "timelines and statement clusters. Every HTML page has a JSON twin.")
    app.in_progress = in_progress
    app.state.store = store
    app.state.cache = StoreCache(store)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (home, quotes, articles, speakers, sources, timeline, clusters, api_docs):
        app.include_router(module.router)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_invalid_parameters)
    app.add_exception_handler(Exception, on_unexpected)
    return app
