"""Running a tagger over a whole article: windows of pieces in, one tag distribution per
piece out. The same code serves training (torch) and users (ONNX Runtime): the network
is a callable from a batch of arrays to logits."""
from __future__ import annotations

from typing import Callable, overload

import numpy as np

from .features import FEATURES, PieceFeatures, owners, windows

# The encoder takes 256 positions: [CLS], 254 pieces, [SEP]. Windows overlap by 62 pieces
# and each piece is read in the window where it is farthest from an edge.
WINDOW = 254
STRIDE = 192
CLS_ID, SEP_ID, PAD_ID = 101, 102, 0

Batch = dict[str, np.ndarray]
Network = Callable[[Batch], np.ndarray]


# overloaded: the gold tags come back exactly when `tags` is given
@overload
def window_batch(pieces: PieceFeatures, spans: list) -> tuple[Batch, None]: ...


@overload
def window_batch(pieces: PieceFeatures, spans: list, tags: np.ndarray) -> tuple[Batch, np.ndarray]: ...


@overload
def window_batch(pieces: PieceFeatures, spans: list, tags: np.ndarray | None) -> tuple[Batch, np.ndarray | None]: ...


def window_batch(pieces: PieceFeatures, spans: list, tags: np.ndarray | None = None
                 ) -> tuple[Batch, np.ndarray | None]:
    """The windows `spans` of `pieces` as padded arrays (and their gold tags, -100 where
    no piece is, when `tags` is given)."""
    length = max(w.end - w.start for w in spans) + 2
    n = len(spans)
    batch: Batch = {"input_ids": np.full((n, length), PAD_ID, dtype=np.int64),
                    "attention_mask": np.zeros((n, length), dtype=np.int64)}
    for name in FEATURES:
        batch[name] = np.zeros((n, length), dtype=np.int64)
    gold = np.full((n, length), -100, dtype=np.int64) if tags is not None else None
    for row, w in enumerate(spans):
        size = w.end - w.start
        batch["input_ids"][row, 0] = CLS_ID
        batch["input_ids"][row, 1:size + 1] = pieces.ids[w.start:w.end]
        batch["input_ids"][row, size + 1] = SEP_ID
        batch["attention_mask"][row, :size + 2] = 1
        for name in FEATURES:
            batch[name][row, 1:size + 1] = pieces.features[name][w.start:w.end]
        if gold is not None and tags is not None:
            gold[row, 1:size + 1] = tags[w.start:w.end]
    return batch, gold


def tag_probabilities(network: Network, pieces: PieceFeatures) -> np.ndarray:
    """(pieces, tags) probabilities for a whole article.

    One window per run of the network: an int8 graph quantizes each activation tensor with
    one scale, so a window's tags would otherwise depend on the windows batched with it; and
    one window at a time (no padding, smaller tensors) was the fastest: 5.0 s for 40 PolNeAR
    dev articles, against 5.7 s eight at a time grouped by length, 6.1 s eight padded."""
    n = len(pieces.ids)
    if n == 0:
        return np.zeros((0, 0), dtype=np.float32)
    spans = windows(n, WINDOW, STRIDE)
    owner = np.asarray(owners(n, spans))
    out: np.ndarray | None = None
    for number, w in enumerate(spans):
        batch, _ = window_batch(pieces, [w])
        logits = network(batch)[0]
        logits = logits - logits.max(axis=-1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=-1, keepdims=True)
        if out is None:
            out = np.zeros((n, probs.shape[-1]), dtype=np.float32)
        pieces_here = np.arange(w.start, w.end)
        mine = pieces_here[owner[w.start:w.end] == number]
        out[mine] = probs[mine - w.start + 1]
    assert out is not None
    return out
