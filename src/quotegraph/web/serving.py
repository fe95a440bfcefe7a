"""How uvicorn serves the app, the same for `quotegraph serve`, its workers and the tests."""
from __future__ import annotations

from typing import Any

from .request_guards import MAX_URL_BYTES

# uvicorn's HTTP/1.1 parser (h11) drops a request whose head outgrows its buffer (16 kB by
# default): the client of a 200 kB URL saw its connection reset. The buffer is made room
# enough for such a request to arrive whole, so the app can answer it 414 (request_guards.py).
# h11 is named so the limit holds whichever parsers are installed (httptools has its own).
MAX_REQUEST_HEAD_BYTES = 1 << 20
assert MAX_REQUEST_HEAD_BYTES > MAX_URL_BYTES
UVICORN_SETTINGS: dict[str, Any] = {"http": "h11", "h11_max_incomplete_event_size": MAX_REQUEST_HEAD_BYTES}


def server_config(app: Any, host: str, port: int, **options: Any) -> Any:
    """A uvicorn.Config serving `app` (an app, or an import string with factory=True) on host:port."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, **UVICORN_SETTINGS, **options)
