"""Decoding: choosing a consistent set of attributions from overlapping candidates.

PolNeAR's annotation is univocal (a token has at most one role in one attribution), and so
is ours: candidates are taken best first, and one that reuses characters already given a
role is dropped. Quotation-mark candidates go first, since the marks fix their boundaries;
among the rest, wider contents first, so that "X said Y claimed Z" keeps the outer report.
"""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc

from ..text.ranges import CharRange, RangeSet, token_range
from .candidates import Candidate


def token_chars(doc: Doc, rng: tuple[int, int]) -> CharRange:
    """The characters of the token range `rng` (not empty)."""
    return doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1])


def char_ranges(doc: Doc, cand: Candidate) -> dict[str, list[CharRange]]:
    def chars(rng: tuple[int, int] | None) -> list[CharRange]:
        return [] if rng is None or rng[1] <= rng[0] else [token_chars(doc, rng)]

    content = list(cand.char_content) if cand.char_content is not None else [
        c for rng in cand.content for c in chars(rng)]
    return {"content": content, "cue": chars(cand.cue), "source": chars(cand.source), "addressee": chars(cand.addressee)}


def _priority(cand: Candidate, confidence: float) -> tuple[float, ...]:
    width = sum(end - start for start, end in cand.content)
    return (float(bool(cand.regions) and cand.cue is not None), float(bool(cand.regions)), width, confidence)


Roles = dict[str, list[CharRange]]


class Accepted(NamedTuple):
    """An attribution the decoder kept: the candidate, its confidence and its roles'
    character ranges ("content", "cue", "source", "addressee"). A named tuple, not a
    dataclass, because the stages after decoding read it unpacked, `for cand, confidence,
    roles in accepted`, and rebuild it whole; the names serve every other read."""

    candidate: Candidate
    confidence: float
    roles: Roles


def decode(doc: Doc, scored: list[tuple[Candidate, float]]) -> list[Accepted]:
    """The accepted candidates in text order, each with its confidence and its roles'
    character ranges."""
    taken = RangeSet()
    taken_sources = RangeSet()
    accepted: list[Accepted] = []
    for cand, confidence in sorted(scored, key=lambda pair: _priority(*pair), reverse=True):
        roles = char_ranges(doc, cand)
        # One speaker may be the source of several reports ("ruled that ..., adding that"):
        # a source may repeat an accepted source, but no other role may reuse characters.
        ranges = roles["content"] + roles["cue"] + roles["addressee"]
        sources = roles["source"]
        if any(taken.overlaps(s, e) for s, e in ranges + sources) \
                or any(taken_sources.overlaps(s, e) for s, e in ranges):
            continue
        for s, e in ranges:
            taken.add(s, e)
        for s, e in sources:
            taken_sources.add(s, e)
        accepted.append(Accepted(cand, confidence, roles))
    accepted.sort(key=lambda item: min(s for s, _ in item.roles["content"] or [(0, 0)]))
    return accepted


def layout_turns_first(accepted: list[Accepted], turns: list[Accepted]) -> list[Accepted]:
    """`accepted` and the `turns` the layout attributes (an interview's answers, a letter's
    paragraphs), in text order; an attribution whose cue or content starts inside a turn
    gives way to it (the turn is the statement, "I think" inside it part of it)."""
    if not turns:
        return accepted
    inside = RangeSet(piece for _, _, roles in turns for piece in roles["content"])
    kept = [item for item in accepted if not any(inside.holds(rng[0]) for rng in item.roles["content"] + item.roles["cue"])]
    return sorted(kept + turns, key=lambda item: min(s for s, _ in item.roles["content"]))


def with_roles(doc: Doc, item: Accepted, **changed: list[CharRange]) -> Accepted:
    """`item` with the character ranges of some roles replaced (content=[...], source=[...],
    addressee=[...]), its candidate's token ranges following them. The candidate is changed
    in place: a cue-less quote that continues it (`Candidate.continues`) finds its speaker
    through that very object."""
    cand, confidence, roles = item
    for role, ranges in changed.items():
        tokens = [r for r in (token_range(doc, start, end) for start, end in ranges) if r is not None]
        if role == "content":
            cand.content = tokens
            if cand.char_content is not None:
                cand.char_content = list(ranges)
        else:
            setattr(cand, role, tokens[0] if tokens else None)
    return Accepted(cand, confidence, {**roles, **changed})
