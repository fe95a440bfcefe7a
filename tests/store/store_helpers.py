"""Inputs for the store's tests: an HTML page, JSON Lines and WARC files built on the spot."""
from __future__ import annotations

import io
import json
from pathlib import Path

GOOD_HTML = b"""<html><head><title>Minister speaks | Example News</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Minister speaks</h1>
<p>The minister said that the plan would go ahead next week, despite the protests in the capital.</p>
<p>"We will not back down," she told reporters on Tuesday evening at the ministry.</p>
</article></body></html>"""


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    """A gzipped WARC of HTTP responses (url, body, content type), each with its request."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for url, body, content_type in pages:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=StatusAndHeaders(
                f"GET {url} HTTP/1.1", [("Host", "news.example.com")], is_http_request=True))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path
