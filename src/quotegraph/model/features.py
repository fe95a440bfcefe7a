"""What the attribution model reads: word pieces of the text, each with what the parse and
the rules know about it, cut into overlapping windows the encoder can take.

Pure: no torch. Training and inference build features with the same code.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
from spacy.tokens import Doc

CharRange = tuple[int, int]

# The encoder (all-MiniLM-L6-v2) is uncased and drops line breaks, so every piece also
# carries, as small categorical features added to its embedding:
# - ``shape``: how the piece is written in the text (Capitalised, ALL CAPS, lower, digits,
#   a quotation mark, other punctuation) — the case the encoder cannot see;
# - ``layout``: whether a paragraph break comes before the piece;
# - ``ent``, ``pos``, ``dep``: the spaCy token's entity type, part of speech and dependency;
# - ``rule``: the role the rules gave the piece (source, cue, direct or indirect content).
SHAPES = ("pad", "x", "Xx", "XX", "X", "d", "quote", "punct", "other")
LAYOUTS = ("pad", "inline", "paragraph_start")
ENT_TYPES = ("pad", "", "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP",
             "ORDINAL", "ORG", "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART", "other")
POS_TAGS = ("pad", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
            "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE", "other")
DEPS = ("pad", "ROOT", "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass",
        "case", "cc", "ccomp", "compound", "conj", "csubj", "csubjpass", "dative", "dep", "det", "dobj", "expl",
        "intj", "mark", "meta", "neg", "nmod", "npadvmod", "nsubj", "nsubjpass", "nummod", "oprd", "parataxis",
        "pcomp", "pobj", "poss", "preconj", "predet", "prep", "prt", "punct", "quantmod", "relcl", "xcomp", "other")
RULE_ROLES = ("pad", "none", "source", "cue", "content_direct", "content_indirect")

FEATURES: dict[str, tuple[str, ...]] = {
    "shape": SHAPES, "layout": LAYOUTS, "ent": ENT_TYPES, "pos": POS_TAGS, "dep": DEPS, "rule": RULE_ROLES,
}

_QUOTE_CHARS = frozenset("\"'“”‘’«»„‚‹›`")


def _index(vocabulary: tuple[str, ...], value: str) -> int:
    try:
        return vocabulary.index(value)
    except ValueError:
        return len(vocabulary) - 1  # "other" (or the last entry)


def shape_of(piece: str) -> str:
    if not piece:
        return "other"
    first = piece[0]
    if first in _QUOTE_CHARS:
        return "quote"
    if first.isdigit():
        return "d"
    if first.isalpha():
        if first.islower():
            return "x"
        if len(piece) == 1:
            return "X"
        return "XX" if piece.isupper() else "Xx"
    return "punct" if not first.isspace() else "other"


@dataclass
class RuleRoles:
    """Character ranges the rules gave a role, per role name of RULE_ROLES."""

    ranges: dict[str, list[CharRange]]


@dataclass
class PieceFeatures:
    """One article as word pieces: ids, character offsets into the text, and features."""

    ids: np.ndarray        # (n,) int64 vocabulary ids, no special tokens
    offsets: list[CharRange]
    features: dict[str, np.ndarray]  # name -> (n,) int64


def _token_at(doc: Doc, length: int) -> np.ndarray:
    owner = np.full(length + 1, -1, dtype=np.int64)
    for token in doc:
        owner[token.idx:token.idx + len(token.text)] = token.i
    return owner


def _rule_at(length: int, rules: RuleRoles | None) -> np.ndarray:
    role = np.full(length + 1, RULE_ROLES.index("none"), dtype=np.int64)
    if rules is not None:
        for name, ranges in rules.ranges.items():
            for start, end in ranges:
                role[start:end] = RULE_ROLES.index(name)
    return role


def piece_features(doc: Doc, text: str, ids: Sequence[int], offsets: Sequence[CharRange],
                   rules: RuleRoles | None) -> PieceFeatures:
    """Features of the pieces (`ids`, `offsets`) of `text`, which `doc` parsed."""
    owner = _token_at(doc, len(text))
    rule_at = _rule_at(len(text), rules)
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
    return PieceFeatures(
        ids=np.asarray(ids, dtype=np.int64),
        offsets=list(offsets),
        features={name: np.asarray(values, dtype=np.int64) for name, values in columns.items()},
    )


@dataclass(frozen=True)
class Window:
    start: int  # first piece index
    end: int    # one past the last piece


def windows(n: int, size: int, stride: int) -> list[Window]:
    """Overlapping windows of at most `size` pieces covering 0..n, each `stride` after the last."""
    if n <= size:
        return [Window(0, n)]
    out = [Window(start, min(start + size, n)) for start in range(0, n - size + stride, stride)]
    if out[-1].end < n:
        out.append(Window(n - size, n))
    return [w for w in out if w.start < n]


def owners(n: int, spans: Iterable[Window]) -> list[int]:
    """For each piece, the window in which it lies farthest from an edge (its context is
    widest there): its prediction is taken from that window."""
    best = [-1] * n
    margin = [-1] * n
    for number, window in enumerate(spans):
        for i in range(window.start, window.end):
            m = min(i - window.start, window.end - 1 - i)
            if m > margin[i]:
                margin[i], best[i] = m, number
    return best
