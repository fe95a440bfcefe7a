"""Cutting huge articles into parser-sized pieces (no model needed)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.pipeline.chunking import chunk_bounds


def check_cover(text: str, limit: int) -> list[tuple[int, int]]:
    """The chunks tile `text` exactly: in order, no gaps, no overlaps, each within `limit`."""
    bounds = list(chunk_bounds(text, limit))
    assert bounds, "at least one chunk"
    assert bounds[0][0] == 0
    assert bounds[-1][1] == len(text)
    for (_, end), (start, _) in zip(bounds, bounds[1:]):
        assert end == start, f"gap or overlap at {end}/{start}"
    for start, end in bounds:
        assert end - start <= limit, (start, end, limit)
        if text:
            assert start < end, "no empty chunk in a non-empty text"
    assert "".join(text[s:e] for s, e in bounds) == text
    return bounds


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("a", 1),
        ("short text", 100),
        ("exactly ten", 11),
        ("x" * 1000, 7),
        ("word " * 500, 64),
        ("One sentence. " * 300, 100),
        ("line one\n" * 300, 50),
        ("para one.\n\npara two is longer.\n\n" * 200, 80),
        ("\n\n" * 100, 10),
        ("mixed\n\nbreaks. and\nlines and words " * 100, 33),
        ("“Quoted,” said Ann.\n\n" * 50 + "z" * 500, 40),
    ],
)
def test_chunks_tile_the_text(text, limit):
    check_cover(text, limit)


def test_empty_text_yields_one_empty_chunk():
    assert list(chunk_bounds("", 100)) == [(0, 0)]


def test_text_within_limit_is_one_chunk():
    text = "A short article.\n\nTwo paragraphs."
    assert list(chunk_bounds(text, len(text))) == [(0, len(text))]
    assert list(chunk_bounds(text, 10_000)) == [(0, len(text))]


def test_prefers_paragraph_breaks():
    paragraph = "This sentence ends here. And this one too.\nA new line.\n\n"
    text = paragraph * 100
    bounds = check_cover(text, 200)
    # Every cut but the final end falls right after a paragraph break.
    for _, end in bounds[:-1]:
        assert text[end - 2:end] == "\n\n", repr(text[end - 10:end])


def test_prefers_line_break_over_sentence_end_over_space():
    line = "Alpha beta. Gamma delta epsilon.\n"
    bounds = check_cover(line * 50, 100)
    assert all((line * 50)[end - 1] == "\n" for _, end in bounds[:-1])

    sentence = "Alpha beta gamma. "
    bounds = check_cover(sentence * 50, 100)
    assert all((sentence * 50)[end - 2:end] == ". " for _, end in bounds[:-1])

    words = "alpha beta gamma "
    bounds = check_cover(words * 50, 100)
    assert all((words * 50)[end - 1] == " " for _, end in bounds[:-1])


def test_break_in_first_half_of_window_is_not_taken():
    # A paragraph break early in the window would make a tiny chunk; a later space wins.
    text = "ab\n\n" + "word " * 100
    bounds = check_cover(text, 50)
    assert bounds[0][1] > 25
    assert text[bounds[0][1] - 1] == " "


def test_no_break_text_is_cut_hard_at_the_limit():
    text = "x" * 1050
    assert list(chunk_bounds(text, 100)) == [(i, min(i + 100, 1050)) for i in range(0, 1050, 100)]


def test_no_break_cjk_text():
    text = "引用された発言" * 300
    bounds = check_cover(text, 256)
    assert all(end - start == 256 for start, end in bounds[:-1])


def test_default_limit_on_a_large_text():
    text = ("“Quote,” he said.\n\n" * 20_000)
    bounds = check_cover(text, 100_000)
    assert len(bounds) >= -(-len(text) // 100_000)
    for _, end in bounds[:-1]:
        assert text[end - 2:end] == "\n\n"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab .\n\n“”\"")), max_size=600),
    limit=st.integers(min_value=1, max_value=120),
)
def test_chunks_tile_any_text(text, limit):
    check_cover(text, limit)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 120_000), max_size=40), st.integers(1, 20))
def test_parser_batches_keep_order_and_cap_docs_and_characters(sizes: list[int], batch_size: int) -> None:
    """A batch never holds more than `batch_size` docs, nor more than BATCH_CHARS
    characters unless it is one doc (a piece of a huge article); every doc comes out once,
    in order."""
    import spacy

    from quotegraph.api import BATCH_CHARS, _batches

    make_doc = spacy.blank("en").make_doc
    pieces = [(make_doc("x" * size), (index, 0, None)) for index, size in enumerate(sizes)]
    batches = list(_batches(iter(pieces), batch_size))
    assert [piece for batch in batches for piece in batch] == pieces
    for batch in batches:
        assert 1 <= len(batch) <= batch_size
        assert len(batch) == 1 or sum(len(doc.text) for doc, _ in batch) <= BATCH_CHARS
    # a batch is cut only when the next doc would not fit
    for batch, following in zip(batches, batches[1:]):
        chars = sum(len(doc.text) for doc, _ in batch) + len(following[0][0].text)
        assert len(batch) == batch_size or chars > BATCH_CHARS
