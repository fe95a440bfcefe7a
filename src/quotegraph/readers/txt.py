"""Plain-text files: one article each, its id the file's stem."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..article import Article, coerce_article
from ..errors import InputError
from .decode import decode_text


def text_article(data: bytes, *, source: str, id: str | None) -> Article:
    """One article from the bytes of a text file; raises InputError naming `source`."""
    text = decode_text(data, source=source)
    if not text.strip():
        raise InputError("empty (no text, or only whitespace)", source=source)
    return coerce_article(text, source=source, id=id)


def read_txt(path: Path, source: str) -> Iterator[Article]:
    yield text_article(path.read_bytes(), source=source, id=path.stem)
