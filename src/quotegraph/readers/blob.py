"""A file's bytes already in memory (a row of Spark's binaryFile source) to read items,
by the same suffix rules and readers as a file on disk (`read_file`)."""
from __future__ import annotations

import io
from pathlib import PurePosixPath
from typing import Iterator

from ..errors import InputError
from .base import ReadError, ReadItem
from .decode import looks_binary
from .gz import GZ_SUFFIXES, gz_items
from .html import html_article
from .jsonl import _SNIFF_BYTES, json_items, jsonl_items
from .paths import article_stem, reader_suffix
from .txt import text_article
from .warc import warc_items


def read_bytes(data: bytes, *, source: str) -> Iterator[ReadItem]:
    """The items of one file's `data`; `source` is its name (a path or URI), its suffix
    chooses the reader as for `read_file`. A failure is yielded, never raised."""
    path = PurePosixPath(source)
    suffix = reader_suffix(path)
    stem = article_stem(path)  # an article's default id, as read_file gives it
    try:
        if suffix == ".jsonl":
            if looks_binary(data[:_SNIFF_BYTES]):
                raise InputError("binary file, not JSON Lines", source=source)
            yield from jsonl_items(io.BytesIO(data), source=source, stem=stem)
        elif suffix == ".json":
            yield from json_items(data, source=source, stem=stem)
        elif suffix in (".warc", ".warc.gz"):
            yield from warc_items(io.BytesIO(data), source=source)
        elif suffix in GZ_SUFFIXES:
            yield from gz_items(io.BytesIO(data), source=source, suffix=suffix, stem=stem)
        elif suffix in (".html", ".htm"):
            yield html_article(data, source=source, id=stem)
        else:
            yield text_article(data, source=source, id=stem)
    except InputError as err:
        yield ReadError.from_exception(err, source)
