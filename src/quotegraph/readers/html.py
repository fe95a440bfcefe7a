"""HTML pages: the main text and metadata (title, date, URL) found by trafilatura."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import trafilatura
from trafilatura.settings import Document

from ..article import Article, coerce_article
from ..errors import InputError
from ..text.layout import LayoutHint
from .decode import looks_binary

# Only dates the page declares (meta tags, markup, URL): htmldate's "extensive search"
# guesses from any date in the text, and a wrong publication date silently shifts every
# relative time ("on Tuesday") in the article.
_DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}


def html_article(data: bytes, *, source: str, id: str | None, url: str | None = None) -> Article:
    """One article from the bytes of an HTML page; raises InputError naming `source`.

    `url`, where known (a crawl record's target), is the article's URL and helps
    trafilatura find the date (many news URLs hold it).
    """
    if looks_binary(data):
        raise InputError("binary file, not HTML", source=source)
    doc = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
    )
    text = getattr(doc, "text", None)
    if not text or not text.strip():
        raise InputError("no article text found in the HTML", source=source)
    # with text, a Document: None has none, and a dict comes back only with as_dict=True
    assert isinstance(doc, Document)
    return coerce_article(text, source=source, id=id, title=doc.title, published=doc.date, url=url or doc.url,
                          layout=layout_hints(doc.body, text))


# trafilatura's blocks (its XML tags), in the order its text gives them, and the layout kind
# of those that are not running prose.
_BLOCKS = {"head": "heading", "item": "list_item", "cell": "table_cell", "p": None, "quote": None, "code": None}


def layout_hints(body: Any, text: str) -> list[LayoutHint]:
    """Where trafilatura's headings, list items and table cells lie in `text`, the text it
    made from `body` (its XML tree): each block's words are found in order in the text, so
    the offsets are exact; a block whose words the text does not hold verbatim (whitespace
    trafilatura changed) gives no hint and does not move the search on."""
    if body is None:
        return []
    hints: list[LayoutHint] = []
    cursor = 0
    for element in body.iter(*_BLOCKS):
        if any(ancestor.tag in _BLOCKS for ancestor in element.iterancestors()):
            continue  # a block inside a block: the outer one covers it
        words = "".join(element.itertext()).strip()
        start = text.find(words, cursor) if words else -1
        if start < 0:
            continue
        cursor = start + len(words)
        kind = _BLOCKS[element.tag]
        if kind is not None:
            hints.append((start, cursor, kind))
    return hints


def read_html(path: Path, source: str) -> Iterator[Article]:
    yield html_article(path.read_bytes(), source=source, id=path.stem)
