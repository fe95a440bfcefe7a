"""JSON Lines: one article per line; a bad line becomes a ReadError and the file goes on."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from ..article import Article, coerce_article
from ..errors import InputError
from .base import ReadError, ReadItem
from .decode import looks_binary

_SNIFF_BYTES = 8192


def jsonl_items(lines: Iterable[bytes], *, source: str, stem: str) -> Iterator[ReadItem]:
    """Articles from JSON Lines; `text` is required, `id` defaults to `<stem>:<line number>`.

    Blank lines are skipped; a file without a single article line yields one ReadError.
    """
    seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        seen = True
        label = f"{source}:{number}"
        try:
            yield _line_article(line, label=label, default_id=f"{stem}:{number}")
        except InputError as err:
            yield ReadError.from_exception(err, label, file=source, line=number)
    if not seen:
        yield ReadError(source, InputError.code, "empty (no JSON lines)")


def _line_article(line: bytes, *, label: str, default_id: str) -> Article:
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(f"invalid JSON ({err})", source=label) from None
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}", source=label)
    if "text" not in obj:
        raise InputError("missing 'text'", source=label)
    if isinstance(obj["text"], str) and not obj["text"].strip():
        raise InputError("empty 'text'", source=label)
    if obj.get("id") is None:
        obj["id"] = default_id
    return coerce_article(obj, source=label)


def read_jsonl(path: Path, source: str) -> Iterator[ReadItem]:
    with path.open("rb") as stream:
        if looks_binary(stream.read(_SNIFF_BYTES)):
            raise InputError("binary file, not JSON Lines", source=source)
        stream.seek(0)
        yield from jsonl_items(stream, source=source, stem=path.stem)
