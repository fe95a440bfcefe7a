"""Admission (web/admission.py): at most `limit` requests in progress, admitted in order of
arrival, over a small ASGI app that records what it is working on."""
from __future__ import annotations

import asyncio
from typing import Any

from quotegraph.web.admission import Admission


class Recorder:
    """An ASGI app answering each request after a pause, noting when it starts and how
    many it is working on."""

    def __init__(self) -> None:
        self.working = 0
        self.most = 0
        self.started: list[str] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.working += 1
        self.most = max(self.most, self.working)
        self.started.append(scope["path"])
        for _ in range(3):
            await asyncio.sleep(0)  # let the other requests arrive and wait
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
        self.working -= 1


async def _requests(app: Any, count: int) -> list[int]:
    statuses: list[int] = []

    async def one(index: int) -> None:
        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await app({"type": "http", "path": f"/{index}"}, receive, send)

    await asyncio.gather(*(one(index) for index in range(count)))
    return statuses


def test_requests_are_admitted_a_few_at_a_time_in_order() -> None:
    for limit in (1, 2, 5):
        inner = Recorder()
        statuses = asyncio.run(_requests(Admission(inner, limit), 12))
        assert statuses == [200] * 12
        assert inner.most == limit
        assert inner.started == [f"/{index}" for index in range(12)]  # first come, first served


def test_without_admission_all_run_at_once() -> None:
    """What the limit changes: the same requests straight to the app overlap all together."""
    inner = Recorder()
    asyncio.run(_requests(inner, 12))
    assert inner.most == 12
