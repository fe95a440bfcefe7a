"""Whole responses kept between requests while the store is unchanged.

A page is a function of its address and the store: the same URL gives the same bytes until
a write changes the store's version (cache.py's StoreCache.version: the SQLite files' size
and time). The pages readers return to most (the overview, the busiest speakers, the
timelines of common groups, searches for common words) cost a store query and a template
each time (on the 1M-statement benchmark store, tens of milliseconds for a busy speaker or a
common group's timeline); kept here, a repeat visit costs a dictionary lookup, and it does
not wait its turn behind pages being worked on (admission.py): the cache sits in front of
the admission queue, so the overview stays quick while others hammer a costly page.

Only successful (200) GET answers are kept, not the static files (served from disk
already), nor any answer over MAX_PAGE_BYTES; the least recently used go first past
MAX_BYTES in all. Where the version cannot be read (PostgreSQL, an in-memory store)
nothing is kept.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BYTES = 64 << 20  # per server process
MAX_PAGE_BYTES = 1 << 20


class PageCache:
    """ASGI middleware answering a GET from the responses kept for its path and query at the
    store's current `version()` (None: keep nothing), else passing it on and keeping the answer."""

    def __init__(self, app: ASGIApp, version: Callable[[], Hashable], max_bytes: int = MAX_BYTES) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self.size = 0
        self._version: Hashable = None
        self._pages: OrderedDict[tuple[str, bytes], tuple[list[Message], int]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        version = self.version()
        if version is None:
            await self.app(scope, receive, send)
            return
        if version != self._version:
            self._pages.clear()
            self.size, self._version = 0, version
        key = (scope["path"], scope["query_string"])
        kept = self._pages.get(key)
        if kept is not None:
            self._pages.move_to_end(key)
            for message in kept[0]:
                await send(message)
            return
        messages: list[Message] = []
        size = 0
        keep = True

        async def send_and_keep(message: Message) -> None:
            nonlocal size, keep
            if keep:
                if message["type"] == "http.response.start":
                    keep = message["status"] == 200
                else:
                    size += len(message.get("body", b""))
                    keep = size <= MAX_PAGE_BYTES
                if keep:
                    messages.append({**message, "headers": list(message["headers"])}
                                    if message["type"] == "http.response.start" else dict(message))
            await send(message)

        await self.app(scope, receive, send_and_keep)
        if keep and messages and not messages[-1].get("more_body") and version == self._version:
            self._pages[key] = (messages, size)
            self.size += size
            while self.size > self.max_bytes and self._pages:
                _, (_, dropped) = self._pages.popitem(last=False)
                self.size -= dropped
