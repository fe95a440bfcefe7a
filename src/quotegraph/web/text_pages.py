"""A long article's text cut into pages, so no article page is more than a reader (and a
browser) can take: a 300 kB article was 3.5 MB of HTML and 58,608 elements on one page.

Pages are cut at paragraph breaks where there is one, else at a line break, a sentence's
end or a space, never inside a word; each page holds at most PAGE_CHARS characters. A
statement belongs to the page its first content span starts on.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# About 20,000 characters of text make 0.2-0.5 MB of highlighted HTML with the side list.
PAGE_CHARS = 20_000
# Where a cut is best made, best first; each is searched for in the second half of a page.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s"), re.compile(r"\s"))


@dataclass(frozen=True, slots=True)
class TextPage:
    number: int  # from 1
    start: int
    end: int


def cut_pages(text: str, page_chars: int = PAGE_CHARS) -> list[TextPage]:
    """`text` as consecutive pages covering all of it (one page for a short or empty text)."""
    cuts = [0]
    while len(text) - cuts[-1] > page_chars:
        start = cuts[-1]
        cuts.append(_cut(text, start + page_chars // 2, start + page_chars) or start + page_chars)
    cuts.append(len(text))
    return [TextPage(number, start, end) for number, (start, end) in enumerate(zip(cuts, cuts[1:]), start=1)]


def _cut(text: str, earliest: int, latest: int) -> int | None:
    """The last best break between `earliest` and `latest`: where the next page starts."""
    for pattern in _BREAKS:
        found = None
        for match in pattern.finditer(text, earliest, latest):
            found = match
        if found is not None:
            return found.end()
    return None


def page_of(pages: list[TextPage], offset: int) -> int:
    """The number of the page holding the character at `offset`."""
    index = bisect.bisect_right([page.start for page in pages], offset) - 1
    return pages[max(0, min(index, len(pages) - 1))].number
