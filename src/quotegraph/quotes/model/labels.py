"""The tag set of the attribution model, and the two directions between tags and spans.

Pure Python over character offsets, so tagging the gold and decoding predictions are
tested without torch or a model.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

from ...text.ranges import CharRange

# One tag per word piece (PolNeAR is univocal: a character has at most one role):
# - ``O``: no role;
# - ``B-<role>``: the first piece of a span that starts a new attribution's role;
# - ``C-<role>``: the first piece of a further fragment of the same attribution's role (a
#   quotation split by "he said", a content running over paragraphs): it joins the nearest
#   span of that role before it;
# - ``I-<role>``: inside the span begun by the nearest B or C before it.
ROLES = ("source", "cue", "content")
TAGS = ("O",) + tuple(f"{prefix}-{role}" for role in ROLES for prefix in ("B", "I", "C"))
TAG_IDS = {tag: number for number, tag in enumerate(TAGS)}



@dataclass
class RoleSpan:
    """One role of one attribution as decoded: its fragments and their pieces' scores."""

    role: str
    fragments: list[CharRange] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]

    @property
    def confidence(self) -> float:
        return sum(self.scores) / len(self.scores) if self.scores else 0.0


def gold_tags(offsets: Sequence[CharRange], attributions: Iterable[dict[str, Sequence[CharRange]]]) -> list[int]:
    """The tag id of every piece (its character range in `offsets`) given the gold
    attributions (role -> fragments). A piece takes the role of a fragment it overlaps;
    the first piece of each fragment is B (first fragment of the role) or C (a later one)."""
    tags = [TAG_IDS["O"]] * len(offsets)
    for attribution in attributions:
        for role in ROLES:
            for number, (start, end) in enumerate(sorted(attribution.get(role) or ())):
                inside = [i for i, (s, e) in enumerate(offsets) if s < end and e > start]
                if not inside or any(tags[i] != TAG_IDS["O"] for i in inside):
                    continue  # a role already given (a source shared by attributions)
                first = f"{'B' if number == 0 else 'C'}-{role}"
                tags[inside[0]] = TAG_IDS[first]
                for i in inside[1:]:
                    tags[i] = TAG_IDS[f"I-{role}"]
    return tags


def decode_tags(offsets: Sequence[CharRange], tags: Sequence[int] | np.ndarray,
                scores: Sequence[float]) -> list[RoleSpan]:
    """Role spans from predicted tags, in text order of their first fragment. `scores[i]`
    is the model's probability that piece i has the role it was given. An I after a
    piece of another role starts a new span (as B)."""
    spans: list[RoleSpan] = []
    last_of_role: dict[str, RoleSpan] = {}
    current: RoleSpan | None = None
    for (start, end), tag_id, score in zip(offsets, tags, scores):
        tag = TAGS[tag_id]
        if tag == "O":
            current = None
            continue
        prefix, role = tag.split("-", 1)
        if prefix == "I" and current is not None and current.role == role:
            current.fragments[-1] = (current.fragments[-1][0], end)
            current.scores.append(score)
            continue
        if prefix == "C" and role in last_of_role:
            current = last_of_role[role]
            current.fragments.append((start, end))
            current.scores.append(score)
            continue
        current = RoleSpan(role, [(start, end)], [score])
        spans.append(current)
        last_of_role[role] = current
    return spans


def _allowed() -> np.ndarray:
    """allowed[i, j]: tag j may follow tag i. An I continues only a span of its own role."""
    n = len(TAGS)
    allowed = np.ones((n, n), dtype=bool)
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            role = tag[2:]
            for i, before in enumerate(TAGS):
                allowed[i, j] = before != "O" and before.endswith(f"-{role}")
    return allowed


_ALLOWED = _allowed()
_START_ALLOWED = np.array([not tag.startswith("I-") for tag in TAGS])


def best_tags(probs: np.ndarray) -> list[int]:
    """The most probable tag sequence in which every I follows a piece of its own role
    (Viterbi over the pieces' log probabilities): a lone low-confidence O can no longer cut
    a long content in two, nor an I start a span."""
    if len(probs) == 0:
        return []
    logp = np.log(np.clip(probs, 1e-9, 1.0))
    penalty = np.where(_ALLOWED, 0.0, -1e9)
    score = logp[0] + np.where(_START_ALLOWED, 0.0, -1e9)
    back = np.zeros(probs.shape, dtype=np.int64)
    for i in range(1, len(probs)):
        candidates = score[:, None] + penalty  # (previous, next)
        back[i] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + logp[i]
    tags = [int(score.argmax())]
    for i in range(len(probs) - 1, 0, -1):
        tags.append(int(back[i, tags[-1]]))
    return tags[::-1]
