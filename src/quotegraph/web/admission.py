"""How many requests a server process works on at once; the others wait their turn."""
from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send

IN_PROGRESS = 2  # the default of quotegraph serve --in-progress


# Pages run in worker threads that share one Python lock. Left to themselves, 16 requests
# in progress share the process's core evenly, so every page takes about 16 times its own
# cost and the costliest (a full-text search) pile up the longest: at 16 clients its p95
# was the worst of the page types. Admitting a few at a time, first come first served, makes
# each page wait for those ahead of it and then run at full speed: the same throughput, a
# shorter tail. Two at a time leaves one running while another waits on SQLite, which works
# without holding Python's lock.
class Admission:
    """ASGI middleware letting at most `limit` HTTP requests through at a time, in order of
    arrival (asyncio's semaphore wakes its waiters first in, first out)."""

    def __init__(self, app: ASGIApp, limit: int = IN_PROGRESS) -> None:
        self.app = app
        self.limit = limit
        self._semaphore: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        if self._semaphore is None or loop is not self._loop:  # one per event loop (a test client makes several)
            self._semaphore, self._loop = asyncio.Semaphore(self.limit), loop
        async with self._semaphore:
            await self.app(scope, receive, send)
