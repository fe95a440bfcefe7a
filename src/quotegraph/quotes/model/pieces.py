"""Word pieces of an article with the encoder's own tokenizer (the `tokenizers` library
reading the shipped tokenizer.json: no torch, no transformers), and the features of each
piece from the spaCy parse and the rules."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc
from tokenizers import Tokenizer

from ..decoding import Accepted
from .features import PieceFeatures, RuleRoles, piece_features


@lru_cache(maxsize=4)
def load_tokenizer(path: str) -> Tokenizer:
    """The tokenizer of `path` (a tokenizer.json), without truncation or padding: windows
    are cut by `features.windows`, not by the tokenizer."""
    tokenizer = Tokenizer.from_file(str(Path(path)))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def rule_roles(accepted: list[Accepted]) -> RuleRoles:
    """The character ranges the rules' accepted attributions give each role."""
    ranges: dict[str, list[tuple[int, int]]] = {"source": [], "cue": [], "content_direct": [], "content_indirect": []}
    for cand, _, roles in accepted:
        ranges["source"] += roles["source"]
        ranges["cue"] += roles["cue"]
        content = "content_indirect" if cand.quote_type == "indirect" else "content_direct"
        ranges[content] += roles["content"]
    return RuleRoles(ranges)


def encode(tokenizer: Tokenizer, doc: Doc, text: str, accepted: list[Accepted]) -> PieceFeatures:
    """`text` (parsed as `doc`) as word pieces with their features."""
    encoding = tokenizer.encode(text, add_special_tokens=False)
    # Pieces that map to no characters (none in BERT's vocabulary, but a guard) are dropped.
    kept = [(i, o) for i, o in zip(encoding.ids, encoding.offsets) if o[1] > o[0]]
    return piece_features(doc, text, [i for i, _ in kept], [o for _, o in kept], rule_roles(accepted))
