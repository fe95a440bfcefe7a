"""The content convention adapter (quotes/conventions.py): ours <-> PolNeAR's, exactly."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotegraph.quotes.conventions import from_polnear, to_polnear


def at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


@pytest.mark.parametrize("text, ours, theirs", [
    ('“We are ready,” the mayor said.', "We are ready,", "“We are ready,”"),
    ('"We are ready," the mayor said.', "We are ready,", '"We are ready,"'),
    ('He said: “It is over.”', "It is over", "“It is over.”"),
    ("She called it 'a disgrace' on Monday.", "a disgrace", "'a disgrace'"),
    ("Officials said the vote would be delayed.", "the vote would be delayed", "the vote would be delayed"),
    ("He said the plan was “stupid.”", "the plan was “stupid.”", "the plan was “stupid.”"),
    ("It isn't 'done' yet", "done", "'done'"),
])
def test_to_polnear(text: str, ours: str, theirs: str) -> None:
    start, end = to_polnear(text, *at(text, ours))
    assert text[start:end] == theirs


@pytest.mark.parametrize("text, theirs, ours", [
    ('“We are ready,” the mayor said.', "“We are ready,”", "We are ready,"),
    ('He said: “It is over.”', "“It is over.”", "It is over."),
    # two quotations in one content: kept as annotated
    ('He said “yes” and “no” today.', "“yes” and “no”", "“yes” and “no”"),
    ("Officials said the vote would be delayed.", "the vote would be delayed", "the vote would be delayed"),
])
def test_from_polnear(text: str, theirs: str, ours: str) -> None:
    start, end = from_polnear(text, *at(text, theirs))
    assert text[start:end] == ours


@given(st.text(alphabet='ab “”"\'‘’.,', min_size=1, max_size=30), st.data())
def test_from_polnear_maps_back_exactly(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    ours = from_polnear(text, start, end)
    assert 0 <= ours[0] < ours[1] <= len(text)
    if ours != (start, end):
        assert to_polnear(text, *ours) == (start, end)
