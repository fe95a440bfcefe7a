"""Token and character ranges over a parsed Doc, below the stages that share them (quotes,
speakers, the attribution model): subtrees, trimming, differences, paragraphs."""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # only annotations: the character helpers work without spaCy
    from spacy.tokens import Doc, Token

TokenRange = tuple[int, int]  # [start, end) token indices
CharRange = tuple[int, int]  # [start, end) character offsets

_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def token_range(doc: Doc, start: int, end: int, *, inside: bool = False) -> TokenRange | None:
    """The tokens covering characters `start:end` (widened to whole tokens; with `inside`,
    only the tokens wholly inside them); None when none do."""
    span = doc.char_span(start, end, alignment_mode="contract" if inside else "expand")
    return (span.start, span.end) if span is not None and len(span) else None


def nonblank_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines of `text[start:end]`, each without its edge spaces, as
    character ranges of `text`."""
    out = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        line = match.group()
        if line.strip():
            left = len(line) - len(line.lstrip())
            out.append((start + match.start() + left, start + match.start() + len(line.rstrip())))
    return out


def subtree_range(token: Token) -> TokenRange:
    return token.left_edge.i, token.right_edge.i + 1


_KEEP_AT_EDGE = frozenset({"%", "$", "#", "&", "@"})
_CLOSERS = {")": "(", "]": "[", "”": "“", "»": "«", "’": "‘"}


def _droppable(doc: Doc, i: int, start: int) -> bool:
    token = doc[i]
    if token.is_space:
        return True
    if not token.is_punct or token.text in _KEEP_AT_EDGE:
        return False
    if token.text == '"':  # straight marks: a closer when an odd number open before it
        return sum(doc[j].text == '"' for j in range(start, i)) % 2 == 0
    opener = _CLOSERS.get(token.text)
    return opener is None or all(doc[j].text != opener for j in range(start, i))


def trim_punct(doc: Doc, rng: TokenRange) -> TokenRange | None:
    """The range without punctuation and spaces at its edges (a closing bracket or
    quotation mark stays when its opening one is inside: "Jason Chaffetz (R-Utah)",
    'called the plan “stupid”')."""
    start, end = rng
    while start < end and doc[start].is_punct | doc[start].is_space and doc[start].text not in _KEEP_AT_EDGE:
        start += 1
    while end > start and (_droppable(doc, end - 1, start) or doc[end - 1].dep_ == "cc"):
        end -= 1
    return (start, end) if start < end else None


def subtract(rng: TokenRange, holes: list[TokenRange]) -> list[TokenRange]:
    """`rng` minus each range in `holes`, as sorted pieces."""
    pieces = [rng]
    for h_start, h_end in holes:
        next_pieces = []
        for start, end in pieces:
            if h_end <= start or h_start >= end:
                next_pieces.append((start, end))
                continue
            if start < h_start:
                next_pieces.append((start, h_start))
            if h_end < end:
                next_pieces.append((h_end, end))
        pieces = next_pieces
    return pieces


def paragraph_breaks(doc: Doc) -> list[int]:
    """Token indices of the line breaks that separate paragraphs."""
    return [t.i for t in doc if t.is_space and "\n" in t.text]


class Paragraphs:
    """Which paragraph (run of text between line breaks) a character offset lies in."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How much two [start, end) ranges share (0 when they are apart or one is empty)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two [start, end) ranges share anything; an empty range overlaps nothing."""
    return overlap(a, b) > 0


class RangeSet:
    """Character ranges [start, end), asked which of them overlap a range or hold an
    offset: kept sorted by start, and no range is longer than the longest, so only those
    starting less than that far before the query need looking at (checking every range for
    every quote made long, quote-dense articles quadratic)."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._ranges = sorted(ranges)
        self._longest = max((end - start for start, end in self._ranges), default=0)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._ranges, (start, end))
        self._longest = max(self._longest, end - start)

    def remove(self, start: int, end: int) -> None:
        """Take one (start, end) out (the longest stays a bound: lookups stay right)."""
        del self._ranges[bisect.bisect_left(self._ranges, (start, end))]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ranges with `r_start < end and start < r_end`, in order of start."""
        low = bisect.bisect_left(self._ranges, (start - self._longest, start - self._longest))
        high = bisect.bisect_left(self._ranges, (end, end))
        return [(s, e) for s, e in self._ranges[low:high] if e > start]

    def overlaps(self, start: int, end: int) -> bool:
        return bool(self.overlapping(start, end))

    def holds(self, offset: int) -> bool:
        """Whether a range has `r_start <= offset < r_end`."""
        return self.overlaps(offset, offset + 1)

    def __bool__(self) -> bool:
        return bool(self._ranges)
