"""Property: whatever the text, extraction succeeds and every reported span (quotes, entity
mentions, times, events) is exactly the text it points at."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from support.offsets import assert_offsets, assert_record_offsets

import quotegraph
from quotegraph import Options

pytestmark = pytest.mark.slow

PIECES = [
    '"', "“", "”", "«", "»", "„", "‘", "’", "'", "‹", "›", "``", "''",
    "\n", "\n\n", "\r\n", " ", "  ", "\t", "\u00a0",
    ",", ".", ":", ";", "!", "?", "—", "–", "-", "(", ")", "...", "…",
    "said", "says", "told", "asked", "according to", "added", "warned", "claimed",
    "Smith", "Ms. Jones", "he", "she", "they", "the minister", "officials", "reporters",
    "We", "will", "not", "win", "It's", "don't", "Bukele", "the court", "ruled", "that",
    "on Monday", "2025", "a", "I",
]

CHARS = "\"“”«»„‘’'\n ab,.:!?—-Sst"

MARKS = ['"', "“", "”", "«", "»", "„", "‘", "’", "'", ""]
WORDS = ["We", "will", "win", "it's", "the plan", "failed", "nobody", "knew", "\n", "\n\n", "—", ","]
CUES = ["said", "told reporters", "according to", "says", "added", "warned", "told"]
SOURCES = ["Smith", "the minister", "he", "she", "Ms. Jones", "officials", "the court"]

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
quote_shaped = st.tuples(
    st.sampled_from(MARKS), words, st.sampled_from(MARKS), st.sampled_from([",", ".", "", " —"]),
    st.sampled_from(CUES), st.sampled_from(SOURCES), st.sampled_from([".", "", "\n\n", " on Monday."]),
).map(lambda p: f"{p[0]}{p[1]}{p[3]}{p[2]} {p[4]} {p[5]}{p[6]}")
quote_shaped_inverted = st.tuples(
    st.sampled_from(SOURCES), st.sampled_from(CUES), st.sampled_from([": ", ", ", " that ", " "]),
    st.sampled_from(MARKS), words, st.sampled_from(MARKS),
).map(lambda p: f"{p[0]} {p[1]}{p[2]}{p[3]}{p[4]}{p[5]}.")
articles = st.lists(
    st.one_of(quote_shaped, quote_shaped_inverted, st.sampled_from(PIECES)), min_size=1, max_size=12
).map(" ".join)

texts = st.one_of(
    articles,
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join),
    st.text(alphabet=CHARS, max_size=200),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_spans_point_at_their_text(nlp, text):
    out = quotegraph.extract(text).to_dict()
    assert "error" not in out, out["error"]  # a failed extraction has no spans to be wrong: not a pass
    event(f"quotes found: {min(len(out['quotes']), 3)}{'+' if len(out['quotes']) >= 3 else ''}")
    assert_offsets(text, out)
    assert_record_offsets(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_spans_point_at_their_text_in_small_chunks(nlp, text):
    out = quotegraph.extract(text, options=Options(chunk_chars=48)).to_dict()
    assert "error" not in out, out["error"]
    assert_offsets(text, out)
    assert_record_offsets(out)
