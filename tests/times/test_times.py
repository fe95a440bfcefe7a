"""Temporal expressions: spans and TIMEX3 values, one row per construction.

Normalization is tested as a pure function (no spaCy); the tense-dependent and the
negative cases go through the pipeline (slow); a property test checks offsets on
arbitrary text with a blank tokenizer-only Doc.
"""
from __future__ import annotations

import datetime as dt

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.record import TimeExpression
from quotegraph.times import find_times
from quotegraph.times.dates import season_value, weekday_date, year_for_month_day
from quotegraph.times.normalize import normalize

ANCHOR = dt.date(2025, 4, 16)  # a Wednesday; ISO week 16

# (expression, tense, type, value, mod)
NORMALIZE_ROWS = [
    ("April 14, 2025", None, "DATE", "2025-04-14", None),
    ("14 April 2025", None, "DATE", "2025-04-14", None),
    ("April 14", None, "DATE", "2025-04-14", None),
    ("April 14", "PAST", "DATE", "2025-04-14", None),
    ("June 3", "PAST", "DATE", "2024-06-03", None),
    ("June 3", "FUTURE", "DATE", "2025-06-03", None),
    ("March 3", "FUTURE", "DATE", "2026-03-03", None),
    ("April 2025", None, "DATE", "2025-04", None),
    ("2025", None, "DATE", "2025", None),
    ("Jan. 5", "PAST", "DATE", "2025-01-05", None),
    ("Sept. 30", "PAST", "DATE", "2024-09-30", None),
    ("4/14/2025", None, "DATE", "2025-04-14", None),
    ("1998-03-12", None, "DATE", "1998-03-12", None),
    ("Friday, Oct. 13, 1989", None, "DATE", "1989-10-13", None),
    ("mid-November", "PAST", "DATE", "2024-11", "MID"),
    ("early March", "PAST", "DATE", "2025-03", "START"),
    ("last November", None, "DATE", "2024-11", None),
    ("the end of 1990", None, "DATE", "1990", "END"),
    ("today", None, "DATE", "2025-04-16", None),
    ("yesterday", None, "DATE", "2025-04-15", None),
    ("tomorrow", None, "DATE", "2025-04-17", None),
    ("tonight", None, "TIME", "2025-04-16TNI", None),
    ("late yesterday", None, "DATE", "2025-04-15", "END"),
    ("this morning", None, "TIME", "2025-04-16TMO", None),
    ("last night", None, "TIME", "2025-04-15TNI", None),
    ("this week", None, "DATE", "2025-W16", None),
    ("last week", None, "DATE", "2025-W15", None),
    ("next week", None, "DATE", "2025-W17", None),
    ("this month", None, "DATE", "2025-04", None),
    ("last month", None, "DATE", "2025-03", None),
    ("this year", None, "DATE", "2025", None),
    ("last year", None, "DATE", "2024", None),
    ("next year", None, "DATE", "2026", None),
    ("last quarter", None, "DATE", "2025-Q1", None),
    ("earlier this year", None, "DATE", "2025", "START"),
    ("later this month", None, "DATE", "2025-04", "END"),
    ("two days ago", None, "DATE", "2025-04-14", None),
    ("three years ago", None, "DATE", "2022", None),
    ("a year earlier", None, "DATE", "2024", None),
    ("six months ago", None, "DATE", "2024-10", None),
    ("the past year", None, "DURATION", "P1Y", None),
    ("the third quarter", None, "DATE", "2025-Q3", None),
    ("the third quarter", "PAST", "DATE", "2024-Q3", None),
    ("third-quarter", None, "DATE", "2025-Q3", None),
    ("the first half of 1990", None, "DATE", "1990-H1", None),
    ("fiscal 1998", None, "DATE", "1998", None),
    ("last summer", None, "DATE", "2024-SU", None),
    ("this winter", None, "DATE", "2025-WI", None),
    ("the 1990s", None, "DATE", "199", None),
    ("the '90s", None, "DATE", "199", None),
    ("the early 1980s", None, "DATE", "198", "START"),
    ("the 19th century", None, "DATE", "18", None),
    ("more than a month", None, "DURATION", "P1M", "MORE_THAN"),
    ("two weeks", None, "DURATION", "P2W", None),
    ("24 hours", None, "DURATION", "PT24H", None),
    ("three years", None, "DURATION", "P3Y", None),
    ("about five years", None, "DURATION", "P5Y", "APPROX"),
    ("the past five years", None, "DURATION", "P5Y", None),
    ("at least 20 years", None, "DURATION", "P20Y", "EQUAL_OR_MORE"),
    ("two-year", None, "DURATION", "P2Y", None),
    ("5 1/2 hours", None, "DURATION", "PT5H30M", None),
    ("a decade", None, "DURATION", "P10Y", None),
    ("several years", None, "DURATION", "PXY", None),
    ("every week", None, "SET", "P1W", None),
    ("weekly", None, "SET", "P1W", None),
    ("each year", None, "SET", "P1Y", None),
    ("annually", None, "SET", "P1Y", None),
    ("every Monday", None, "SET", "XXXX-WXX-1", None),
    ("now", None, "DATE", "PRESENT_REF", None),
    ("currently", None, "DATE", "PRESENT_REF", None),
    ("at present", None, "DATE", "PRESENT_REF", None),
    ("recently", None, "DATE", "PAST_REF", None),
    ("the past", None, "DATE", "PAST_REF", None),
    ("formerly", None, "DATE", "PAST_REF", None),
    ("the future", None, "DATE", "FUTURE_REF", None),
    ("3 p.m.", None, "TIME", "2025-04-16T15:00", None),
    ("10:30 a.m.", None, "TIME", "2025-04-16T10:30", None),
    ("noon", None, "TIME", "2025-04-16T12:00", None),
    ("midnight", None, "TIME", "2025-04-16T24:00", None),
    ("9 a.m. EST Tuesday", "PAST", "TIME", "2025-04-15T09:00", None),
    ("Christmas", "PAST", "DATE", "2024-12-25", None),
    ("Thanksgiving", "PAST", "DATE", "2024-11-28", None),
    ("the Fourth of July", None, "DATE", "2025-07-04", None),
    # weekdays: the anchor is a Wednesday
    ("Monday", "PAST", "DATE", "2025-04-14", None),
    ("Monday", "FUTURE", "DATE", "2025-04-21", None),
    ("Wednesday", "PAST", "DATE", "2025-04-16", None),
    ("Friday", "PAST", "DATE", "2025-04-11", None),
    ("Friday", "FUTURE", "DATE", "2025-04-18", None),
    ("last Friday", None, "DATE", "2025-04-11", None),
    ("next Tuesday", None, "DATE", "2025-04-22", None),
    ("last Wednesday", None, "DATE", "2025-04-09", None),
    ("Monday morning", "PAST", "TIME", "2025-04-14TMO", None),
    ("Monday night", "PAST", "TIME", "2025-04-14TNI", None),
    ("early Tuesday", "PAST", "DATE", "2025-04-15", "START"),
]


@pytest.mark.parametrize(("expression", "tense", "type_", "value", "mod"), NORMALIZE_ROWS)
def test_normalize(expression, tense, type_, value, mod):
    resolved = normalize(expression, ANCHOR, tense)
    assert resolved is not None, expression
    assert (resolved.type, resolved.value, resolved.mod) == (type_, value, mod)


# (expression, anchor, tense, value): year boundaries and leap days
CALENDAR_ROWS = [
    ("December 30", dt.date(2025, 1, 2), "PAST", "2024-12-30"),
    ("December 30", dt.date(2025, 1, 2), None, "2024-12-30"),
    ("Jan. 3", dt.date(2024, 12, 28), "FUTURE", "2025-01-03"),
    ("Jan. 3", dt.date(2024, 12, 28), None, "2025-01-03"),
    ("Jan. 14", dt.date(2000, 1, 5), "PAST", "2000-01-14"),  # the anchor's own month
    ("last week", dt.date(2025, 1, 2), None, "2024-W52"),
    ("last month", dt.date(2025, 1, 20), None, "2024-12"),
    ("next quarter", dt.date(2024, 11, 5), None, "2025-Q1"),
    ("Feb. 29", dt.date(2024, 3, 10), "PAST", "2024-02-29"),
    ("Feb. 29", dt.date(2025, 3, 10), "PAST", "2024-02-29"),
    ("Feb. 29", dt.date(2025, 1, 10), "FUTURE", "2028-02-29"),
    ("Feb. 29, 2024", dt.date(2025, 3, 10), None, "2024-02-29"),
    ("last Friday", dt.date(2025, 1, 1), None, "2024-12-27"),
    ("Thanksgiving", dt.date(2023, 12, 1), "PAST", "2023-11-23"),
]


@pytest.mark.parametrize(("expression", "anchor", "tense", "value"), CALENDAR_ROWS)
def test_calendar_edges(expression, anchor, tense, value):
    resolved = normalize(expression, anchor, tense)
    assert resolved is not None and resolved.value == value


@pytest.mark.parametrize("expression", ["Feb. 29, 2023", "April 31", "Feb. 30", "13/45/2020"])
def test_impossible_dates_are_not_times(expression):
    assert normalize(expression, ANCHOR, None) is None


# Without an anchor: absolute values stay, relative ones stay unresolved.
NO_ANCHOR_ROWS = [
    ("April 14, 2025", "2025-04-14"),
    ("April 14", "XXXX-04-14"),
    ("March", "XXXX-03"),
    ("Monday", "XXXX-WXX-1"),
    ("today", "XXXX-XX-XX"),
    ("yesterday", "XXXX-XX-XX"),
    ("last week", "XXXX-WXX"),
    ("last year", "XXXX"),
    ("two days ago", "XXXX-XX-XX"),
    ("the third quarter", "XXXX-Q3"),
    ("last summer", "XXXX-SU"),
    ("1998", "1998"),
    ("two weeks", "P2W"),
    ("now", "PRESENT_REF"),
    ("Christmas", "XXXX-12-25"),
]


@pytest.mark.parametrize(("expression", "value"), NO_ANCHOR_ROWS)
def test_no_anchor(expression, value):
    resolved = normalize(expression, None, "PAST")
    assert resolved is not None and resolved.value == value


def test_weekday_arithmetic_both_tenses():
    anchor = dt.date(2025, 4, 16)  # Wednesday
    for weekday in range(1, 8):
        past = weekday_date(weekday, anchor, "PAST", None)
        future = weekday_date(weekday, anchor, "FUTURE", None)
        assert past.isoweekday() == future.isoweekday() == weekday
        assert 0 <= (anchor - past).days <= 6 and 0 <= (future - anchor).days <= 6


def test_season_and_month_day_helpers():
    assert season_value("summer", dt.date(2025, 9, 20), "last") == "2025-SU"
    assert season_value("winter", dt.date(2025, 1, 20), "this") == "2024-WI"
    assert year_for_month_day(2, 29, dt.date(2023, 6, 1), "PAST") == dt.date(2020, 2, 29)


# Whole sentences through the pipeline: spans, tense and the names that are not times.
# (text, published, expected [(text, type, value)])
PIPELINE_ROWS = [
    ("The talks ended on Monday, officials said.", "2025-04-16", [("Monday", "DATE", "2025-04-14")]),
    ("The talks will resume on Monday.", "2025-04-16", [("Monday", "DATE", "2025-04-21")]),
    ("The ministers met on December 30.", "2025-01-02", [("December 30", "DATE", "2024-12-30")]),
    ("The ministers met in June.", "2025-04-16", [("June", "DATE", "2024-06")]),
    ("The ministers will meet in March.", "2025-04-16", [("March", "DATE", "2026-03")]),
    ("Ahead of the March 12 vote, the party split.", "2025-04-16", [("March 12", "DATE", "2025-03-12")]),
    ("Prices rose for the past five years.", "2025-04-16",
     [("the past five years", "DURATION", "P5Y")]),
    ("The bill passed more than a month ago.", "2025-04-16",
     [("more than a month ago", "DATE", "2025-03")]),
    ("Theresa May said the vote was close.", "2025-04-16", []),
    ("May said she would stay.", "2025-04-16", []),
    ("Thousands joined the March for Life.", "2025-04-16", []),
    ("He wrote for the Sunday Times.", "2025-04-16", []),
    ("He was elected to a second term.", "2025-04-16", []),
    ("About 2,000 people paid $1999 each.", "2025-04-16", []),
    ("Crowds lined the Fourth of July parade.", "2025-04-16", [("the Fourth of July", "DATE", "2024-07-04")]),
    ("The court met on Monday.", None, [("Monday", "DATE", "XXXX-WXX-1")]),
    ("Sales rose 5% in the third quarter, it said on April 14, 2025.", None,
     [("the third quarter", "DATE", "XXXX-Q3"), ("April 14, 2025", "DATE", "2025-04-14")]),
    # A bare participle dates its own past act, whatever the tense around it ...
    ("They said they would appeal the ruling, announced Wednesday by the agency.", "2025-04-17",
     [("Wednesday", "DATE", "2025-04-16")]),
    # ... unless it looks forward or is conditional.
    ("The vote, scheduled Friday, will be close.", "2025-04-16", [("Friday", "DATE", "2025-04-18")]),
    ("If approved Friday, the plan would take effect.", "2025-04-16", [("Friday", "DATE", "2025-04-18")]),
    # Terms of payments and rules: the nearest occurrence, not the past one.
    ("The board declared a dividend payable Dec. 7 to shareholders of record Nov. 22.", "2025-10-27",
     [("Dec. 7", "DATE", "2025-12-07"), ("Nov. 22", "DATE", "2025-11-22")]),
    ("The new rules, effective Feb. 1, were approved on Monday.", "2025-10-27",
     [("Feb. 1", "DATE", "2026-02-01"), ("Monday", "DATE", "2025-10-27")]),
    # An earnings report names its quarter once and then compares with "a year earlier".
    ("Acme earned $5 million in the third quarter. Revenue rose to $80 million from $70 million a year earlier.",
     "2025-11-02", [("the third quarter", "DATE", "2025-Q3"), ("a year earlier", "DATE", "2024-Q3")]),
    ("Acme earned $5 million in 2024. Revenue rose to $80 million from $70 million a year earlier.",
     "2025-11-02", [("2024", "DATE", "2024"), ("a year earlier", "DATE", "2024")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "published", "expected"), PIPELINE_ROWS)
def test_find_times_in_sentences(nlp, text, published, expected):
    doc = nlp(text)
    times = find_times(doc, text, dt.date.fromisoformat(published) if published else None)
    assert [(t.text, t.type, t.value) for t in times] == expected
    for timex in times:
        assert text[timex.start:timex.end] == timex.text


@pytest.mark.slow
def test_records_carry_times(nlp):
    import quotegraph

    record = quotegraph.extract("The minister resigned yesterday.", published="2025-04-16")
    times = record.to_dict()["times"] if hasattr(record, "to_dict") else record.times
    assert [(t["text"], t["value"]) for t in times] == [("yesterday", "2025-04-15")]


_BLANK = spacy.blank("en")
_TIMEY = st.sampled_from(["April 14, 2025", " last week", "Monday", "the 1990s", "3 p.m.", "'90s",
                          "two-year", "now", "May", " ", ", ", "\n", "Feb. 29", "2,000", "$1999"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=20), _TIMEY), max_size=12).map("".join),
       st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))))
def test_offsets_are_exact_and_disjoint(text, anchor):
    times = find_times(_BLANK(text), text, anchor)
    assert times == sorted(times, key=lambda t: t.start)
    for timex in times:
        assert isinstance(timex, TimeExpression)
        assert text[timex.start:timex.end] == timex.text and timex.start < timex.end
    for left, right in zip(times, times[1:]):
        assert left.end <= right.start
