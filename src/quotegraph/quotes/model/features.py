"""What the attribution model reads: word pieces of the text, each with what the parse and
the rules know about it, cut into overlapping windows the encoder can take.

Pure: no torch. Training and inference build features with the same code.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, IDX, LENGTH, POS
from spacy.tokens import Doc

from ...text.ranges import CharRange

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
    """For each character of the text (and one past its end), the index of the token it
    belongs to, -1 where none (from the doc's arrays, not a Token per word)."""
    owner = np.full(length + 1, -1, dtype=np.int64)
    if len(doc):
        starts, sizes = doc.to_array([IDX, LENGTH]).astype(np.int64).T
        tokens = np.repeat(np.arange(len(doc), dtype=np.int64), sizes)
        offsets = np.arange(len(tokens), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        owner[np.repeat(starts, sizes) + offsets] = tokens
    return owner


def _rule_at(length: int, rules: RuleRoles | None) -> np.ndarray:
    role = np.full(length + 1, RULE_ROLES.index("none"), dtype=np.int64)
    if rules is not None:
        for name, ranges in rules.ranges.items():
            for start, end in ranges:
                role[start:end] = RULE_ROLES.index(name)
    return role


def _token_features(doc: Doc) -> dict[str, np.ndarray]:
    """Each token's ent, pos and dep feature: the doc's attribute ids mapped, one distinct
    id at a time, through the name of the first token that has it."""
    columns = doc.to_array([ENT_TYPE, POS, DEP])
    out = {}
    for number, (name, vocabulary, attribute) in enumerate(
            (("ent", ENT_TYPES, "ent_type_"), ("pos", POS_TAGS, "pos_"), ("dep", DEPS, "dep_"))):
        ids, first = np.unique(columns[:, number], return_index=True)
        values = np.array([_index(vocabulary, getattr(doc[int(i)], attribute)) for i in first], dtype=np.int64)
        out[name] = values[np.searchsorted(ids, columns[:, number])]
    return out


# Where a piece lies in no token (white space the tokenizer kept apart: none in practice).
_NO_TOKEN = {"ent": ENT_TYPES.index(""), "pos": POS_TAGS.index("other"), "dep": DEPS.index("other")}


def piece_features(doc: Doc, text: str, ids: Sequence[int], offsets: Sequence[CharRange],
                   rules: RuleRoles | None) -> PieceFeatures:
    """Features of the pieces (`ids`, `offsets`) of `text`, which `doc` parsed."""
    owner = _token_at(doc, len(text))
    rule_at = _rule_at(len(text), rules)
    starts = np.fromiter((start for start, _ in offsets), dtype=np.int64, count=len(offsets))
    ends = [end for _, end in offsets]
    features = {
        "shape": np.fromiter((SHAPES.index(shape_of(text[start:end])) for start, end in offsets), dtype=np.int64,
                             count=len(offsets)),
        "layout": np.fromiter((_PARAGRAPH_START if "\n" in text[previous:start] else _INLINE
                               for previous, (start, _) in zip([0, *ends], offsets)), dtype=np.int64,
                              count=len(offsets)),
    }
    token = owner[starts]
    inside = token >= 0
    by_token = _token_features(doc) if len(doc) else {name: np.zeros(0, dtype=np.int64) for name in _NO_TOKEN}
    for name, default in _NO_TOKEN.items():
        column = np.full(len(offsets), default, dtype=np.int64)
        column[inside] = by_token[name][token[inside]]
        features[name] = column
    features["rule"] = rule_at[starts]
    return PieceFeatures(
        ids=np.asarray(ids, dtype=np.int64),
        offsets=list(offsets),
        features={name: features[name] for name in FEATURES},
    )


_INLINE, _PARAGRAPH_START = LAYOUTS.index("inline"), LAYOUTS.index("paragraph_start")


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
    widest there): its prediction is taken from that window. Of equal margins, the first
    window's."""
    best = np.full(n, -1, dtype=np.int64)
    margin = np.full(n, -1, dtype=np.int64)
    for number, window in enumerate(spans):
        here = np.arange(window.start, window.end)
        mine = np.minimum(here - window.start, window.end - 1 - here)
        wider = mine > margin[window.start:window.end]
        margin[here[wider]] = mine[wider]
        best[here[wider]] = number
    return best.tolist()
