"""The model's tag set and windows (quotes/model/labels.py, quotes/model/features.py): pure, no model."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.quotes.model.features import owners, shape_of, windows
from quotegraph.quotes.model.labels import TAG_IDS, TAGS, decode_tags, gold_tags

TEXT = '"We are ready," the mayor said, "and we will win."'


def pieces_of(text: str) -> list[tuple[int, int]]:
    """Whitespace-and-punctuation pieces, as a word-piece tokenizer would cut them."""
    out, start = [], None
    for i, char in enumerate(text + " "):
        if char.isalnum():
            if start is None:
                start = i
            continue
        if start is not None:
            out.append((start, i))
            start = None
        if not char.isspace() and i < len(text):
            out.append((i, i + 1))
    return out


def at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def test_a_split_quotation_is_one_content_through_a_continuation_tag() -> None:
    offsets = pieces_of(TEXT)
    gold = {"source": [at(TEXT, "the mayor")], "cue": [at(TEXT, "said")],
            "content": [at(TEXT, '"We are ready,"'), at(TEXT, '"and we will win."')]}
    tags = gold_tags(offsets, [gold])
    named = [TAGS[t] for t in tags]
    assert named[0] == "B-content" and named.count("C-content") == 1 and named.count("B-source") == 1
    spans = decode_tags(offsets, tags, [0.9] * len(tags))
    assert [(s.role, [TEXT[a:b] for a, b in s.fragments]) for s in spans] == [
        ("content", ['"We are ready,"', '"and we will win."']),
        ("source", ["the mayor"]),
        ("cue", ["said"]),
    ]
    assert spans[0].confidence == pytest.approx(0.9)


def test_a_shared_source_is_tagged_once() -> None:
    text = "Smith said taxes would rise and added that spending would fall."
    offsets = pieces_of(text)
    first = {"source": [at(text, "Smith")], "cue": [at(text, "said")], "content": [at(text, "taxes would rise")]}
    second = {"source": [at(text, "Smith")], "cue": [at(text, "added")],
              "content": [at(text, "that spending would fall")]}
    spans = decode_tags(offsets, gold_tags(offsets, [first, second]), [1.0] * len(offsets))
    assert [(s.role, text[s.start:s.end]) for s in spans] == [
        ("source", "Smith"), ("cue", "said"), ("content", "taxes would rise"), ("cue", "added"),
        ("content", "that spending would fall")]


def test_an_inside_tag_after_another_role_starts_a_span() -> None:
    offsets = [(0, 3), (4, 8), (9, 12)]
    tags = [TAG_IDS["B-source"], TAG_IDS["I-cue"], TAG_IDS["I-cue"]]
    spans = decode_tags(offsets, tags, [1.0, 1.0, 1.0])
    assert [(s.role, s.fragments) for s in spans] == [("source", [(0, 3)]), ("cue", [(4, 12)])]


@pytest.mark.parametrize("piece, shape", [
    ("Trump", "Xx"), ("FBI", "XX"), ("I", "X"), ("said", "x"), ("2016", "d"), ("“", "quote"), ('"', "quote"),
    (",", "punct"), ("", "other"),
])
def test_shapes(piece: str, shape: str) -> None:
    assert shape_of(piece) == shape


@settings(deadline=None)
@given(st.integers(0, 2000), st.integers(8, 300), st.data())
def test_windows_cover_every_piece_and_owners_pick_a_window_holding_it(n: int, size: int, data: st.DataObject) -> None:
    stride = data.draw(st.integers(max(1, size // 4), size))
    spans = windows(n, size, stride) if n else []
    covered = set()
    for w in spans:
        assert 0 <= w.start < w.end <= n and w.end - w.start <= size
        covered.update(range(w.start, w.end))
    assert covered == set(range(n))
    for i, number in enumerate(owners(n, spans)):
        assert spans[number].start <= i < spans[number].end
    assert owners(n, spans) == _owners_loop(n, spans)


def _owners_loop(n: int, spans: list) -> list[int]:
    """`owners` as a loop over the pieces of every window (the code it replaced)."""
    best, margin = [-1] * n, [-1] * n
    for number, window in enumerate(spans):
        for i in range(window.start, window.end):
            m = min(i - window.start, window.end - 1 - i)
            if m > margin[i]:
                margin[i], best[i] = m, number
    return best


def test_best_tags_never_start_a_span_inside_and_keep_a_content_whole() -> None:
    import numpy as np

    from quotegraph.quotes.model.labels import best_tags

    def row(**weights: float) -> list[float]:
        out = [0.01] * len(TAGS)
        for tag, w in weights.items():
            out[TAG_IDS[tag.replace("_", "-")]] = w
        return out

    probs = np.array([
        row(B_content=0.9), row(I_content=0.8), row(O=0.5, I_content=0.45), row(I_content=0.9),
        row(I_cue=0.6, O=0.3),
    ])
    assert [TAGS[t] for t in best_tags(probs)] == ["B-content", "I-content", "I-content", "I-content", "O"]
    assert best_tags(np.zeros((0, len(TAGS)))) == []


def test_platt_scaling_recovers_a_known_calibration_and_the_threshold_maximises_f1() -> None:
    import math
    import random

    from quotegraph.quotes.model.attribution import calibrated
    from quotegraph.training.calibrate import best_threshold, fit_platt

    rng = random.Random(3)
    raw = [rng.uniform(0.05, 0.99) for _ in range(4000)]
    # the truth: P(correct) = sigmoid(2 * logit(raw) - 1)
    correct = [rng.random() < calibrated(r, 2.0, -1.0) for r in raw]
    a, b = fit_platt(raw, correct)
    assert math.isclose(a, 2.0, abs_tol=0.25) and math.isclose(b, -1.0, abs_tol=0.25)
    threshold, f1 = best_threshold([0.9, 0.8, 0.4, 0.3, 0.2], [True, True, False, False, True], n_gold=3)
    assert threshold == 0.8 and f1 == 2 * 2 / (2 + 3)
