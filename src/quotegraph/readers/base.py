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

    @classmethod
    def from_exception(cls, err: InputError, source: str) -> "ReadError":
        return cls(source=err.source or source, code=err.code, reason=err.reason)


ReadItem = Union[Article, ReadError]
