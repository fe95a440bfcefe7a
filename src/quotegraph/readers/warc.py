"""WARC files (.warc, .warc.gz), as Common Crawl News publishes them: one article per HTML page.

A broken record is a ReadError with its byte offset, and the file goes on; which records
are read and how: the comments above `warc_items` and `_record_items`.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from .base import ReadError, ReadItem
from .gzip_members import GZIP_MAGIC, gzip_members
from .html import html_article

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_STATUS_LINE = re.compile(r"HTTP/\d(\.\d)? \d{3}\b")


# A page with no article text, a response whose HTTP status line is broken, and a gzip
# member that is corrupt or cut short are each a ReadError with the byte offset, and the
# file goes on (after a bad member, at the next gzip header).
def warc_items(stream: BinaryIO, *, source: str) -> Iterator[ReadItem]:
    """The articles of a WARC stream (gzip or not; seekable), with a ReadError per record that fails."""
    gzipped = stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    stream.seek(0)
    seen = False
    for offset, member in (gzip_members(stream) if gzipped else [(0, stream)]):
        if isinstance(member, str):
            yield ReadError(f"{source}@{offset}", InputError.code, member, file=source, position=offset)
            continue
        records = ArchiveIterator(io.BytesIO(member) if isinstance(member, bytes) else member)
        try:
            for record in records:
                seen = True
                position = offset if gzipped else records.offset
                yield from _record_items(record, source=source, position=position)
        except Exception as err:  # warcio's parser fails in many ways on damaged records: never fatal
            if not seen:
                raise InputError(f"not a WARC file ({_describe(err)})", source=source) from None
            position = offset if gzipped else records.offset
            yield ReadError(f"{source}@{position}", InputError.code, f"not a WARC record ({_describe(err)})",
                            file=source, position=position)
    if not seen:
        raise InputError("empty WARC file (no records)", source=source)


def _describe(err: Exception) -> str:
    return str(err) if isinstance(err, ArchiveLoadFailed) else f"{type(err).__name__}: {err}"


# Every `response` (or `resource`) record whose payload is an HTML page is read with
# trafilatura, like an .html file; its URL is the record's WARC-Target-URI, its published
# date what the page and URL declare (never the crawl date: a wrong publication date shifts
# every relative time in the article). Requests, metadata, redirects, error pages and
# non-HTML payloads are skipped silently.
def _record_items(record, *, source: str, position: int) -> Iterator[ReadItem]:  # noqa: ANN001 - warcio's record
    uri = record.rec_headers.get_header("WARC-Target-URI")
    label = f"{source}@{position}"
    broken = _broken_http(record)
    if broken:
        yield ReadError(label, InputError.code, f"{uri}: broken HTTP headers ({broken})", file=source, position=position)
        return
    if not _is_html_page(record):
        return
    try:
        data = record.content_stream().read()
    except Exception as err:  # a broken record (bad chunking or encoding): skipped, reported
        yield ReadError(label, InputError.code, f"{uri}: cannot read the record ({type(err).__name__}: {err})",
                        file=source, position=position)
        return
    try:
        yield html_article(data, source=label, id=uri or label, url=uri)
    except InputError as err:
        yield ReadError(label, err.code, f"{uri}: {err.reason}" if uri else err.reason, file=source, position=position)
    except Exception as err:  # a page that breaks the decoder or trafilatura: never fatal
        yield ReadError(label, InputError.code, f"{uri}: cannot read the page ({type(err).__name__}: {err})",
                        file=source, position=position)


def _broken_http(record) -> str | None:  # noqa: ANN001 - warcio's ArcWarcRecord
    """What is wrong with a response's HTTP headers: a status line that is not one, or a
    successful response without a readable Content-Type (warcio drops lines without a colon)."""
    headers = record.http_headers
    if record.rec_type != "response" or headers is None:
        return None
    status = f"{headers.protocol} {headers.statusline}".strip()
    if not _STATUS_LINE.match(status):
        return f"status line {status[:60]!r}"
    if status.split(" ")[1].startswith("2") and not headers.get_header("Content-Type"):
        return "no Content-Type header"
    return None


def _is_html_page(record) -> bool:  # noqa: ANN001 - warcio's ArcWarcRecord
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            return False
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return False
    return any(kind in content_type.lower() for kind in _HTML_TYPES)


def read_warc(path: Path, source: str) -> Iterator[ReadItem]:
    with path.open("rb") as stream:
        yield from warc_items(stream, source=source)
