"""A dateline is the page's, not anybody's words.

Wire copy opens with where and from whom it was filed ("WASHINGTON (Reuters) - ",
"HONOLULU, Hawaii (HawaiiNewsNow) - "), and some pages run a date, a time and the outlet
into the first paragraph ("November 20, 2019 - 11:28 AMT PanARMENIAN.Net - "). A source or a
content that the engine starts before the dateline's end starts after it.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..text.ranges import CharRange
from .decoding import Accepted, with_roles

_PLACE = r"[A-Z][A-Za-z.'’\-]*(?:[ \t]+[A-Z][A-Za-z.'’\-]*){0,3}"
_DATELINE = re.compile(
    # WASHINGTON (Reuters) - ; not a party after a name ("Kamala Harris (D-Calif.) - ")
    rf"(?:^[ \t]*{_PLACE}(?:,[ \t]*{_PLACE})?[ \t]*\((?![DRI]-)[^()\n]{{2,40}}\)[ \t]*[-–—][ \t]+"
    r"|\b\d{4}[ \t]*[-–—][ \t]*\d{1,2}:\d{2}[ \t]*(?:[AP]M[ \t]+)?[A-Z]{2,4}\b[ \t]+\S+[ \t]*[-–—][ \t]+)",  # 2019 - 11:28 AMT Outlet -
    re.MULTILINE)


def datelines(text: str) -> list[CharRange]:
    """The datelines of `text`, as character ranges (the dash and spaces after included)."""
    return [match.span() for match in _DATELINE.finditer(text)]


def _after(rng: CharRange, lines: list[CharRange]) -> CharRange:
    """`rng` starting after the last dateline that ends inside it (what comes before a
    dateline is the page's headline or the dateline itself)."""
    start, end = rng
    ends = [line_end for line_start, line_end in lines if line_start < end and start < line_end <= end]
    return (max(ends), end) if ends else rng


def without_datelines(doc: Doc, item: Accepted, lines: list[CharRange]) -> Accepted:
    """`item` with its source and its first content piece starting after any dateline they
    begin with; an item whose source or content is all dateline loses that role."""
    if not lines:
        return item
    roles = item.roles
    changed: dict[str, list[CharRange]] = {}
    for role in ("source", "content"):
        if not roles[role]:
            continue
        first = roles[role][0]
        start, end = _after(first, lines)
        if (start, end) == first:
            continue
        changed[role] = [(start, end)] + roles[role][1:] if start < end else roles[role][1:]
    if not changed or not {**roles, **changed}["content"]:
        return item
    return with_roles(doc, item, **changed)
