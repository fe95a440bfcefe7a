"""The input side of the contract: an article's text and metadata, validated."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Mapping

from .errors import InputError, InvalidDateError
from .text.layout import LayoutHint, check_hints

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

_ISO_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_FIELDS = ("id", "title", "published", "url")


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    # Where the page's headings, list items and table cells lie in `text` (see text/layout.py).
    layout: tuple[LayoutHint, ...] = ()


def normalize_published(value: Any, *, source: str | None = None) -> str | None:
    """`YYYY-MM-DD` for a date, datetime or ISO string (a time part is dropped); None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        match = _ISO_DATE.match(value.strip())
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups())).isoformat()
            except ValueError as err:
                raise InvalidDateError(f"published date {value!r} is not a calendar date ({err})", source=source) from None
    raise InvalidDateError(f"published date {value!r} is not in YYYY-MM-DD form", source=source)


def coerce_article(item: Any, *, source: str | None = None, **meta: Any) -> Article:
    """An Article from a string or a mapping with `text` and optional id/title/published/url."""
    if isinstance(item, Article):
        return item
    layout = meta.pop("layout", ())
    if isinstance(item, str):
        fields: dict[str, Any] = {"text": item, **meta}
    elif isinstance(item, Mapping):
        fields = {**meta, **{key: item[key] for key in ("text", *_FIELDS) if key in item}}
    else:
        raise InputError(f"expected a text or a mapping with 'text', got {type(item).__name__}", source=source)
    text = fields.get("text")
    label = source or (str(fields["id"]) if fields.get("id") is not None else None)
    if not isinstance(text, str):
        raise InputError("the article has no 'text' string", source=label)
    if "\x00" in text:
        raise InputError("the text contains NUL bytes: binary data, not an article", source=label)
    surrogate = _LONE_SURROGATE.search(text)
    if surrogate is not None:
        # a JSON "\ud800" escape decodes to half a character, which spaCy's tokenizer and
        # every UTF-8 writer reject: refused here, for this item alone
        raise InputError(f"the text contains a lone surrogate (U+{ord(surrogate.group()):04X}) at character "
                         f"{surrogate.start()}: not valid Unicode", source=label)
    for key in ("title", "url"):
        if fields.get(key) is not None and not isinstance(fields[key], str):
            raise InputError(f"'{key}' must be a string", source=label)
    try:
        layout = check_hints(text, layout)
    except ValueError as err:
        raise InputError(str(err), source=label) from None
    return Article(
        text=text,
        id=str(fields["id"]) if fields.get("id") is not None else None,
        title=fields.get("title"),
        published=normalize_published(fields.get("published"), source=label),
        url=fields.get("url"),
        layout=layout,
    )
