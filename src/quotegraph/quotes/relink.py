"""Giving back a quotation the trained model joined to another speaker's.

Where the model tags two quotations as one content and the rules give one of them a cue and
a source of their own, that one goes back to the rules' attribution when the quotations are
in different paragraphs (“... a friend to Portugal,” she said. / “The grid needs ...,” the
scientist said.) or when the rules' cue stands between it and the model's cue (“... a
catastrophic collapse.” said Stephen Harper. “We will not let our auto industry vanish,”
said Barack Obama).

A transcript turn ("WALLACE: Your critics say the bill spends too much.") goes back whole
to the rules' attribution of its speaker label, which the model (trained on PolNeAR, with
no transcripts) may cut into pieces.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..text.ranges import CharRange, Paragraphs, RangeSet, overlaps, token_range
from .decoding import Accepted


def _between(middle: CharRange, a: CharRange, b: CharRange) -> bool:
    """Whether `middle` lies wholly between `a` and `b` (in either order)."""
    first, last = sorted((a, b))
    return first[1] <= middle[0] and middle[1] <= last[0]


def give_back_quotations(doc: Doc, paragraphs: Paragraphs, accepted: list[Accepted],
                         rules: list[Accepted]) -> list[Accepted]:
    """`accepted` (the model's) with each quotation joined to another paragraph's cue, or
    separated from the model's cue by the rules' own, given to the rules' attribution that
    has its own cue and source for it; in text order."""
    taken = RangeSet(r for _, _, roles in accepted for name in ("cue", "source") for r in roles[name])
    result = list(accepted)
    for rule in rules:
        cand, _, roles = rule
        if not (roles["cue"] and roles["source"] and cand.regions) or len(roles["content"]) != 1:
            continue
        if any(taken.overlaps(s, e) for s, e in roles["cue"] + roles["source"]):
            continue
        piece = roles["content"][0]
        for index, (m_cand, m_conf, m_roles) in enumerate(result):
            if not m_roles["cue"] or len(m_roles["content"]) < 2:
                continue
            model_cue = m_roles["cue"][0]
            cue_paragraph = paragraphs.index(model_cue[0])
            moved = [f for f in m_roles["content"] if overlaps(f, piece) and (
                paragraphs.index(f[0]) != cue_paragraph or _between(roles["cue"][0], f, model_cue))]
            kept = [f for f in m_roles["content"] if f not in moved]
            if not moved or not kept or paragraphs.index(piece[0]) != paragraphs.index(roles["cue"][0][0]):
                continue
            tokens = [r for r in (token_range(doc, s, e) for s, e in kept) if r is not None]
            result[index] = Accepted(replace(m_cand, content=tokens), m_conf, {**m_roles, "content": kept})
            result.append(rule)
            for s, e in roles["cue"] + roles["source"]:
                taken.add(s, e)
            break
    result.sort(key=lambda item: min(s for s, _ in item.roles["content"]))
    return result


def give_back_label_turns(accepted: list[Accepted], rules: list[Accepted]) -> list[Accepted]:
    """`accepted` (the model's) where each of the rules' speaker labels whose cue the model
    also used replaces the model's attributions with that cue; in text order."""
    result = list(accepted)
    for rule in rules:
        cand, _, roles = rule
        if cand.kind != "label" or not roles["cue"]:
            continue
        label = roles["cue"][0]
        using = [a for a in result if a.roles["cue"] and overlaps(a.roles["cue"][0], label)]
        if not using or any(a is rule for a in using):
            continue
        result = [a for a in result if all(a is not u for u in using)] + [rule]
    result.sort(key=lambda item: min(s for s, _ in item.roles["content"]))
    return result
