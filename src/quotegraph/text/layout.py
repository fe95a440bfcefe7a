"""Layout hints: where a page's structure put headings, list items and table cells in an
article's text, so that attribution does not read page furniture as speech.

A hint is `(start, end, kind)`, character offsets into `Article.text` (end exclusive) and
one of `KINDS`. Readers that know a page's structure (the HTML reader) give them; text
without structure has none. They travel to the components in
`doc.user_data[keys.LAYOUT]`, shifted to each parsed piece's own offsets.
"""
from __future__ import annotations

from typing import Iterable

KINDS = frozenset({"heading", "list_item", "table_cell"})

LayoutHint = tuple[int, int, str]


def check_hints(text: str, hints: Iterable[LayoutHint]) -> tuple[LayoutHint, ...]:
    """The hints as a tuple, sorted; raises ValueError for one outside `text` or of an
    unknown kind (a reader's bug, not the page's)."""
    checked = []
    for hint in hints:
        start, end, kind = hint
        if kind not in KINDS:
            raise ValueError(f"layout hint {hint!r}: kind must be one of {sorted(KINDS)}")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise ValueError(f"layout hint {hint!r}: offsets outside the text (0..{len(text)})")
        checked.append((start, end, kind))
    return tuple(sorted(checked))


def hints_in(hints: Iterable[LayoutHint], start: int, end: int) -> list[list]:
    """The hints overlapping the piece `[start, end)` of the text, clipped to it and shifted
    to offsets into the piece (as lists: `doc.user_data` is serialized with msgpack)."""
    return [[max(s, start) - start, min(e, end) - start, kind] for s, e, kind in hints if s < end and start < e]
