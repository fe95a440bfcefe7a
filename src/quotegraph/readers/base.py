"""What readers yield: articles, and in their place a `ReadError` for an input that failed."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from ..article import Article
from ..errors import InputError


@dataclass(frozen=True, slots=True)
class ReadError:
    """One input (a file, or one line of a JSONL file) that could not be read.

    Yielded in the stream in place of its article rather than raised, so that one bad
    line or file is reported and the rest of a batch still runs.
    """

    source: str
    code: str
    reason: str
    # Where in `file` (the input the error belongs to) it happened, when known: the
    # 1-based line of a JSON Lines file, the byte offset of a WARC record.
    file: str | None = None
    line: int | None = None
    position: int | None = None

    @classmethod
    def from_exception(cls, err: InputError, source: str, *, file: str | None = None,
                       line: int | None = None, position: int | None = None) -> "ReadError":
        return cls(source=err.source or source, code=err.code, reason=err.reason,
                   file=file, line=line, position=position)


ReadItem = Union[Article, ReadError]
