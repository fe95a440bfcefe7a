"""Confidence of a candidate: a hand-set logistic model over the candidate's features.

Kept apart from generation and decoding so that a trained scorer can replace it with the
same signature.
"""
from __future__ import annotations

import math

from spacy.tokens import Doc

from .candidates import Candidate

_WEIGHTS = {
    "bias": -0.4,
    "speech": 0.9,
    "say": 0.7,
    "has_source": 0.9,
    "named_source": 0.4,
    "direct": 0.9,
    "postposed": 0.2,
    "infinitive": -0.6,
    "cueless": -1.2,
    "continues": 1.0,
    "noun_cue": -0.4,
    "according": 1.0,
    "unclosed": -0.8,
}


def score(doc: Doc, cand: Candidate) -> float:
    feats = dict(cand.features)
    feats["bias"] = 1.0
    feats["has_source"] = float(cand.source is not None)
    if cand.source is not None:
        root = doc[cand.source[0]:cand.source[1]].root
        feats["named_source"] = float(root.pos_ in ("PROPN", "PRON"))
    feats["direct"] = float(cand.quote_type == "direct" and cand.cue is not None)
    feats["continues"] = float(cand.continues is not None)
    feats["noun_cue"] = float(cand.kind == "noun")
    feats["according"] = float(cand.kind == "according")
    feats["unclosed"] = float(any(not region.closed for region in cand.regions))
    z = sum(_WEIGHTS.get(name, 0.0) * value for name, value in feats.items())
    return 1.0 / (1.0 + math.exp(-z))
