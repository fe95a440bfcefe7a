"""Character spans: the unit every offset in a record is expressed in.

A span is built from the text it points into, so `text[start:end] == span.text`
holds by construction; nothing else in quotegraph creates spans.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_EDGE_SPACE = " \t\r\n\u00a0\u2009\u200b\u202f\u3000"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Span":
        return cls(data["start"], data["end"], data["text"])

    def shifted(self, offset: int) -> "Span":
        """The same span in a text that has `offset` more characters before it."""
        return Span(self.start + offset, self.end + offset, self.text)


def make_span(text: str, start: int, end: int, *, strip: bool = True) -> Span | None:
    """The span `text[start:end]`, edge whitespace trimmed; None when empty."""
    start = max(0, start)
    end = min(len(text), end)
    if strip:
        while start < end and text[start] in _EDGE_SPACE:
            start += 1
        while end > start and text[end - 1] in _EDGE_SPACE:
            end -= 1
    if start >= end:
        return None
    return Span(start, end, text[start:end])
