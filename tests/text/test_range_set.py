"""RangeSet answers as the loops over every range it replaced (quote-dense articles were
quadratic): the same overlapping ranges, in order, and the same offsets held, whatever
the ranges (empty, nested, repeated, added one by one)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.text.ranges import RangeSet, overlap, overlaps

_RANGE = st.tuples(st.integers(0, 200), st.integers(0, 60)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_RANGE, max_size=25), st.lists(_RANGE, max_size=25), st.lists(_RANGE, min_size=1, max_size=10))
def test_range_set_matches_a_scan_of_every_range(initial, added, queries) -> None:
    ranges = RangeSet(initial)
    for start, end in added:
        ranges.add(start, end)
    every = initial + added
    assert bool(ranges) == bool(every)
    for start, end in queries:
        assert ranges.overlapping(start, end) == sorted((s, e) for s, e in every if s < end and start < e)
        assert ranges.overlaps(start, end) == any(s < end and start < e for s, e in every)
        assert ranges.holds(start) == any(s <= start < e for s, e in every)


def test_range_set_examples() -> None:
    ranges = RangeSet([(10, 20), (15, 16), (30, 30)])
    assert ranges.overlapping(0, 10) == []  # touching is not overlapping
    assert ranges.overlapping(19, 31) == [(10, 20), (30, 30)]  # an empty range strictly inside counts
    assert ranges.holds(15) and not ranges.holds(20) and not ranges.holds(30)
    assert not RangeSet()


def test_range_set_remove_takes_one_copy_out() -> None:
    ranges = RangeSet([(10, 20), (10, 20), (5, 8)])
    ranges.remove(10, 20)
    assert ranges.overlapping(0, 30) == [(5, 8), (10, 20)]
    ranges.remove(10, 20)
    assert ranges.overlapping(0, 30) == [(5, 8)] and not ranges.holds(12)


@settings(max_examples=300, deadline=None)
@given(_RANGE, _RANGE)
def test_overlap_is_the_shared_length_and_overlaps_says_whether_there_is_one(a, b) -> None:
    shared = len(set(range(*a)) & set(range(*b)))
    assert overlap(a, b) == overlap(b, a) == shared
    assert overlaps(a, b) == (shared > 0)


def test_overlap_examples() -> None:
    assert overlap((0, 10), (5, 20)) == 5 and overlaps((0, 10), (5, 20))
    assert overlap((0, 10), (10, 20)) == 0 and not overlaps((0, 10), (10, 20))  # touching
    assert not overlaps((5, 5), (0, 10))  # an empty range overlaps nothing
