"""Gzipped text, HTML and JSON Lines (.txt.gz, .html.gz, .htm.gz, .jsonl.gz): read as the
file inside them; a corrupt or truncated gzip is a ReadError naming the file (for JSON
Lines, after the lines read before the damage)."""
from __future__ import annotations

import gzip
import zlib
from typing import BinaryIO, Iterator

from ..errors import InputError
from .base import ReadItem
from .decode import looks_binary
from .html import html_article
from .jsonl import _SNIFF_BYTES, jsonl_items
from .txt import text_article

GZ_SUFFIXES = (".txt.gz", ".html.gz", ".htm.gz", ".jsonl.gz")
_DAMAGE = (OSError, EOFError, zlib.error)  # gzip.BadGzipFile is an OSError


def gz_items(stream: BinaryIO, *, source: str, suffix: str, stem: str) -> Iterator[ReadItem]:
    """The items of a gzipped file whose reader suffix is `suffix` (one of GZ_SUFFIXES)."""
    with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
        if suffix == ".jsonl.gz":
            if looks_binary(_read(unzipped, _SNIFF_BYTES, source)):
                raise InputError("binary file, not JSON Lines (inside the gzip)", source=source)
            unzipped.seek(0)
            yield from jsonl_items(_lines(unzipped, source), source=source, stem=stem)
        elif suffix == ".txt.gz":
            yield text_article(_read(unzipped, -1, source), source=source, id=stem)
        else:
            yield html_article(_read(unzipped, -1, source), source=source, id=stem)


def _read(unzipped: gzip.GzipFile, size: int, source: str) -> bytes:
    try:
        return unzipped.read(size)
    except _DAMAGE as err:
        raise InputError(f"corrupt or truncated gzip ({err})", source=source) from None


def _lines(unzipped: gzip.GzipFile, source: str) -> Iterator[bytes]:
    try:
        yield from unzipped
    except _DAMAGE as err:
        raise InputError(f"corrupt or truncated gzip after the lines above ({err})", source=source) from None
