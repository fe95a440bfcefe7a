"""JSON Lines (one article per line; a bad line becomes a ReadError and the file goes on)
and JSON (one article object, or a list of them: the shape of the bundled demo article)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

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
            yield _object_article(_loads(line, label), label=label, default_id=f"{stem}:{number}")
        except InputError as err:
            yield ReadError.from_exception(err, label, file=source, line=number)
    if not seen:
        yield ReadError(source, InputError.code, "empty (no JSON lines)")


def _loads(data: bytes, label: str) -> Any:
    try:
        return json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(f"invalid JSON ({err})", source=label) from None


def _object_article(obj: Any, *, label: str, default_id: str) -> Article:
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


def read_json(path: Path, source: str) -> Iterator[ReadItem]:
    yield from json_items(path.read_bytes(), source=source, stem=path.stem)


def json_items(data: bytes, *, source: str, stem: str) -> Iterator[ReadItem]:
    """One JSON document: an article object (`text` required; `id` defaults to `stem`) or a
    list of them (ids `<stem>:<position>`, from 1); a bad element becomes a ReadError and
    the list goes on. Raises InputError when the document itself is unusable."""
    if looks_binary(data[:_SNIFF_BYTES]):
        raise InputError("binary file, not JSON", source=source)
    obj = _loads(data, source)
    if isinstance(obj, dict):
        yield _object_article(obj, label=source, default_id=stem)
        return
    if not isinstance(obj, list):
        raise InputError(f"expected a JSON object with 'text', or a list of them, got {type(obj).__name__}",
                         source=source)
    if not obj:
        raise InputError("an empty JSON list (no articles)", source=source)
    for number, item in enumerate(obj, start=1):
        label = f"{source}[{number}]"
        try:
            yield _object_article(item, label=label, default_id=f"{stem}:{number}")
        except InputError as err:
            yield ReadError.from_exception(err, label, file=source)


def holds_one_object(path: Path) -> bool:
    """Whether a JSON file holds one object rather than a list (by its first character;
    an unreadable file counts as one: reading it will say what is wrong)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return True
    return not head.startswith(b"[")
