"""Where a direct quotation's content begins and ends: ours and PolNeAR's.

quotegraph's records give a direct quotation's content without its enclosing quotation
marks (`“We are ready,” the mayor said` -> `We are ready,`), so that a quote reads as the
words said. PolNeAR's annotators include the marks (`“We are ready,”`). `to_polnear` and
`from_polnear` map one way and the other, character-exactly.
"""
from __future__ import annotations

from ..text.ranges import CharRange

OPENERS = frozenset("\"“„«'‘")
CLOSERS = frozenset("\"”»'’")
_DOUBLE_MARKS = frozenset("\"“”„«»")
_BEFORE_CLOSER = frozenset(".,?!")


def _opens(text: str, i: int) -> bool:
    """Whether text[i] is an opening mark (an apostrophe after a letter is not: "don't")."""
    if i < 0 or text[i] not in OPENERS:
        return False
    return text[i] != "'" or i == 0 or not text[i - 1].isalnum()


def to_polnear(text: str, start: int, end: int) -> CharRange:
    """A content fragment of ours as PolNeAR would annotate it: the scoring adapter
    (`eval/polnear.py`). A fragment right after an opening mark and right before a closing
    one (or before ".", ",", "?", "!" and then a closing one) takes them in."""
    if not _opens(text, start - 1):
        return start, end
    opened = start - 1
    if end < len(text) and text[end] in CLOSERS:
        return opened, end + 1
    if end + 1 < len(text) and text[end] in _BEFORE_CLOSER and text[end + 1] in CLOSERS:
        return opened, end + 2
    return start, end


def from_polnear(text: str, start: int, end: int) -> CharRange:
    """A content fragment in PolNeAR's convention as ours: turns the trained model's spans
    (which follow PolNeAR) into ours. A fragment that starts with an opening mark and ends
    with a closing one, with no other double marks inside, loses the two. For any fragment
    this changed, `to_polnear` gives the original back (tested)."""
    if end - start < 3 or text[start] not in OPENERS or text[end - 1] not in CLOSERS:
        return start, end
    inner = text[start + 1:end - 1]
    if any(char in _DOUBLE_MARKS for char in inner):
        return start, end
    if to_polnear(text, start + 1, end - 1) != (start, end):
        return start, end  # would not map back exactly: keep PolNeAR's form
    return start + 1, end - 1
