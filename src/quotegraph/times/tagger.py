"""find_times: every temporal expression of a text with its TIMEX3 value.

Each rule of `patterns.RULES` runs once over the text; overlapping matches are settled
longest first (so "Friday, Oct. 13, 1989" beats "Friday" and "1989"); each survivor is
normalized against the publication date and the tense of its clause. The parse is used
only for the tense, and only for the few expressions that need one.
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from ..record import TimeExpression
from ..text.ranges import RangeSet
from .dates import Tense
from .normalize import Resolved, resolve, same_quarter_last_year
from .patterns import RULE_ORDER, RULES
from .tense import tense_at

# Rules whose value does not depend on the tense: no parse lookup for them.
_TENSELESS = frozenset({"iso", "slash", "fiscal", "year", "decade", "century", "duration",
                        "vague", "set", "ref", "rel_unit", "year_rel", "relday", "part"})
# A month or weekday directly before a capitalized word is a name ("Sunday Times",
# "March Madness"), unless that word is itself part of a date ("Friday Oct. 13").
_NAME_AFTER = re.compile(r" (?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|EST|EDT|GMT)\b)[A-Z][a-z]")
# "May" and "March" alone are names or verbs unless a temporal word comes before them.
_AMBIGUOUS_MONTHS = frozenset({"May", "March"})
_MONTH_CUES = re.compile(r"(?i:\b(?:in|since|until|till|by|during|through|from|before|after|"
                         r"early|late|mid|last|next|this|and|or|to|of|between|throughout|until)[\s-]*)$")
_NAME_MONTHS = frozenset({"May", "March", "June", "August", "April"})


def _plausible(rule: str, match: re.Match[str], text: str) -> bool:
    """Reject the names and words that look like times."""
    groups = match.groupdict()
    after = text[match.end():match.end() + 12]
    if rule == "weekday" and not groups.get("part") and _NAME_AFTER.match(after):
        return False
    if rule == "month" and not (groups.get("year") or groups.get("rel") or groups.get("edge")):
        if groups["month"] in _NAME_MONTHS and _NAME_AFTER.match(after):
            return False
        before = text[max(0, match.start() - 24):match.start()]
        if groups["month"] in _AMBIGUOUS_MONTHS and not _MONTH_CUES.search(before):
            return False
        if match.start() > 0 and text[match.start() - 1] == " " and before.rstrip()[-1:].isupper():
            return False  # "Theresa May": right after a capitalized word
    if rule == "year" and not groups.get("edge"):
        if text[max(0, match.start() - 4):match.start()].lower().endswith(("no. ", "$", "# ")):
            return False
    return True


# How many sentences before a span's own may set its comparison to a quarter: earnings
# reports name "the third quarter" once, then compare figure after figure "a year ago".
QUARTER_CONTEXT_SENTENCES = 1


def _quarter_report(text: str, start: int, end: int) -> bool:
    """Whether a span's sentence, or one of the sentences just before it, talks of
    quarterly results, where "a year ago" and "year-earlier" mean the same quarter a year
    before (TimeBank's financial news)."""
    left = start
    for _ in range(QUARTER_CONTEXT_SENTENCES + 1):
        left = max(text.rfind(". ", 0, left), text.rfind("\n\n", 0, left))
        if left < 0:
            break
    right = text.find(". ", end)
    return "quarter" in text[left + 1:right if right >= 0 else len(text)].lower()


_HYPHENATED = re.compile(r"(?i:the )\S+-\S")


def _trim(rule: str, match: re.Match[str], start: int) -> int:
    """TimeML leaves the article out of a hyphenated modifier: "the [two-week] talks"."""
    if rule == "duration" and _HYPHENATED.match(match.group(0)) and match.group("mod") == match.group(0)[:3]:
        return start + 4
    return start


def _tense(doc: Doc, start: int, end: int) -> Tense | None:
    """The tense governing the expression at text[start:end] (char_span is Cython-fast,
    unlike building a Python index of every token's offset)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    try:
        return tense_at(span[0])
    except ValueError:  # a doc without sentence boundaries or parse
        return None


def find_times(doc: Doc, text: str, anchor: dt.date | None) -> list[TimeExpression]:
    """Temporal expressions of `text` (the doc's text), non-overlapping, sorted by offset and
    numbered in that order ("t0", "t1", ...: the doc's ids, which the record renumbers).

    `anchor` is the publication date; without it, relative expressions keep unresolved
    values ("XXXX-04-14"), never the current date.
    """
    candidates = [(match.start() - match.end(), RULE_ORDER[rule.name], match.start(), rule.name, match)
                  for rule in RULES for match in rule.regex.finditer(text)]
    candidates.sort(key=lambda item: item[:3])
    taken = RangeSet()
    found: list[tuple[int, int, Resolved]] = []
    for _, _, start, name, match in candidates:
        end = match.end()
        if start == end or taken.overlaps(start, end) or not _plausible(name, match, text):
            continue
        resolved = resolve(name, match.groupdict(), anchor,
                           None if name in _TENSELESS or anchor is None else _tense(doc, start, end))
        if resolved is None:
            continue
        if (anchor is not None and name in ("duration", "year_rel") and resolved.type == "DATE"
                and resolved.value == f"{anchor.year - 1:04d}" and _quarter_report(text, start, end)):
            resolved = resolved._replace(value=same_quarter_last_year(anchor))
        start = _trim(name, match, start)
        taken.add(start, end)
        found.append((start, end, resolved))
    found.sort(key=lambda item: item[0])
    return [TimeExpression(f"t{number}", start, end, text[start:end], resolved.type, resolved.value,  # type: ignore[arg-type]
                           resolved.mod)
            for number, (start, end, resolved) in enumerate(found)]
