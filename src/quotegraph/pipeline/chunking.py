"""Cutting huge articles into pieces the parser can take, at the most natural break."""
from __future__ import annotations

from typing import Iterator

_BREAKS = ("\n\n", "\n", ". ", " ")


def chunk_bounds(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """(start, end) pieces covering `text`, each at most `limit` characters.

    Pieces end after a paragraph break where one exists in the second half of the
    window, else a line break, a sentence end, a space, and only then mid-word.
    """
    start = 0
    n = len(text)
    while n - start > limit:
        window_end = start + limit
        cut = window_end
        for brk in _BREAKS:
            pos = text.rfind(brk, start + limit // 2, window_end)
            if pos != -1:
                cut = pos + len(brk)
                break
        yield start, cut
        start = cut
    if start < n or n == 0:
        yield start, n
