"""WARC files (.warc, .warc.gz), as Common Crawl News publishes them: one article per HTML page.

Every `response` record (and `resource` record) whose payload is an HTML page is read
with trafilatura, like an .html file; its URL is the record's WARC-Target-URI, its
published date what the page and URL declare (never the crawl date: a wrong publication
date shifts every relative time in the article). Requests, metadata, redirects, error
pages and non-HTML payloads (images, robots.txt, PDFs) are skipped silently; an HTML page
with no article text is a ReadError with the record's byte offset, and the file goes on.
"""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from .base import ReadError, ReadItem
from .html import html_article

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def warc_items(stream: BinaryIO, *, source: str) -> Iterator[ReadItem]:
    """The articles of a WARC stream (gzip or not), with a ReadError per HTML page that fails."""
    records = ArchiveIterator(stream)
    seen = False
    try:
        for record in records:
            seen = True
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if not _is_html_page(record):
                continue
            try:
                data = record.content_stream().read()
            except Exception as err:  # a broken record (bad chunking or gzip): skipped, reported
                offset = records.get_record_offset()
                reason = f"{uri}: cannot read the record ({type(err).__name__}: {err})"
                yield ReadError(f"{source}@{offset}", InputError.code, reason, file=source, position=offset)
                continue
            # (the offset only after the payload: asking for it first reads the record to its end)
            offset = records.get_record_offset()
            label = f"{source}@{offset}"
            try:
                yield html_article(data, source=label, id=uri or label, url=uri)
            except InputError as err:
                reason = f"{uri}: {err.reason}" if uri else err.reason
                yield ReadError(label, err.code, reason, file=source, position=offset)
            except Exception as err:  # a page that breaks the decoder or trafilatura: never fatal
                reason = f"{uri}: cannot read the page ({type(err).__name__}: {err})"
                yield ReadError(label, InputError.code, reason, file=source, position=offset)
    except ArchiveLoadFailed as err:
        raise InputError(f"not a WARC file ({err})", source=source) from None
    if not seen:
        raise InputError("empty WARC file (no records)", source=source)


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
