"""Calendar arithmetic and TIMEX3 value formatting, free of any text handling.

Relative expressions are resolved against the anchor (the publication date) and the tense
of their sentence: news reports "said Friday" of the Friday just past and "will vote
Friday" of the next one, and a bare "December 30" in a past-tense sentence of an article
of 2 January is the previous year's.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal

Tense = Literal["PAST", "PRESENT", "FUTURE"]

PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_ORDER = ("SP", "SU", "FA", "WI")

def fmt_date(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def fmt_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def fmt_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None where it does not exist (Feb. 29 of a common year, April 31)."""
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def year_for_month_day(month: int, day: int, anchor: dt.date, tense: Tense | None) -> dt.date | None:
    """The occurrence of month/day the sentence means, or None if it exists in no year near.

    Past tense: the previous year's when the month lies ahead of the anchor's; future
    tense: the next year's when it lies behind; otherwise the nearest occurrence. A date in
    the anchor's own month keeps its year whatever the tense ("said the vote is Jan. 14"
    in an article of 5 January). Feb. 29 moves to the nearest leap year that way.
    """
    year = year_for_month(month, anchor, tense)
    step = 1 if tense == "FUTURE" or (tense is None and year > anchor.year) else -1
    for delta in range(0, 8 * step, step):
        candidate = valid_date(year + delta, month, day)
        if candidate is not None:
            return candidate
    return None


def year_for_month(month: int, anchor: dt.date, tense: Tense | None) -> int:
    """The year of a bare month name ("in March"), by the same rule as month/day."""
    if tense == "PAST":
        return anchor.year - 1 if month > anchor.month else anchor.year
    if tense == "FUTURE":
        return anchor.year + 1 if month < anchor.month else anchor.year
    if month - anchor.month > 6:
        return anchor.year - 1
    if anchor.month - month > 6:
        return anchor.year + 1
    return anchor.year


def weekday_date(weekday: int, anchor: dt.date, tense: Tense | None, rel: str | None) -> dt.date:
    """The date of an ISO weekday (1 = Monday) as the sentence refers to it.

    "last Friday" is strictly before the anchor and "next Tuesday" strictly after; "this
    Friday" lies in the anchor's week; a bare weekday is the latest on or before the
    anchor unless the sentence is in the future tense (news mostly reports the past days).
    """
    today = anchor.isoweekday()
    if rel in ("last", "past", "this past"):
        return anchor - dt.timedelta(days=(today - weekday) % 7 or 7)
    if rel in ("next", "coming", "this coming"):
        return anchor + dt.timedelta(days=(weekday - today) % 7 or 7)
    if rel == "this":
        return anchor + dt.timedelta(days=weekday - today)
    if tense == "FUTURE":
        return anchor + dt.timedelta(days=(weekday - today) % 7)
    return anchor - dt.timedelta(days=(today - weekday) % 7)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ISO weekday of a month (n = -1: the last), for movable holidays."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def shift_quarters(year: int, quarter: int, delta: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + delta
    return index // 4, index % 4 + 1


def season_value(season: str, anchor: dt.date, rel: str | None) -> str:
    """"last summer" in April 2025 -> 2024-SU; "this winter" -> the winter of the anchor's
    season-year (winter runs December to February and belongs to the December's year)."""
    code = SEASON_CODES[season]
    season_year = anchor.year if anchor.month >= 3 else anchor.year - 1
    current = ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[anchor.month - 1]
    target, now = _SEASON_ORDER.index(code), _SEASON_ORDER.index(current)
    if rel in ("last", "this past"):
        season_year -= 0 if target < now else 1
    elif rel in ("next", "this coming"):
        season_year += 0 if target > now else 1
    return f"{season_year:04d}-{code}"
