"""The tense of the clause a time expression sits in, read off the spaCy parse.

Bare dates and weekdays are ambiguous between the past and the coming ones; news
resolves them by tense ("said Friday" vs "will vote Friday"). We climb from the
expression to the verb that governs it and read that verb's tag and auxiliaries;
where no verb governs it, the first finite verb of the sentence decides.
"""
from __future__ import annotations

from spacy.tokens import Token

from .dates import Tense

# "would" reports a future seen from the past ("said it would vote Jan. 14"); news dates
# under it lie after the publication more often than not.
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "gonna", "would", "'d"})
_PAST_TAGS = frozenset({"VBD"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_MAX_CLIMB = 8
# A date these words govern is a term, not an event ("payable Dec. 7", "effective Feb. 1",
# "stock of record Nov. 22"): it lies on either side of the publication, whatever the
# sentence's tense, so the nearest occurrence is meant.
_TERM_WORDS = frozenset({"payable", "effective", "due"})
# Participles that look forward: "the vote scheduled Friday" is a coming Friday.
_PROSPECTIVE = frozenset({"schedule", "plan", "set", "slate", "expect", "propose", "intend"})


def _verb_tense(verb: Token) -> Tense | None:
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {aux.lower_ for aux in auxiliaries}
    if words & _FUTURE_AUX and not words & {"have", "'ve"}:
        return "FUTURE"
    if "going" in words and any(child.lower_ == "to" for child in verb.children):
        return "FUTURE"
    tags = {aux.tag_ for aux in auxiliaries} | {verb.tag_}
    if tags & _PAST_TAGS:
        return "PAST"
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return "PAST"  # present perfect: the time lies before the publication
    if verb.tag_ == "VB" and "to" in words:
        return "FUTURE"  # "plans to vote Friday"
    if tags & _PRESENT_TAGS:
        return "PRESENT"
    return None


def _bare_participle(verb: Token) -> bool:
    """A past participle modifying a noun or clause without auxiliaries or a conjunction:
    "the ruling, announced Wednesday" reports a past act even inside "said they would
    appeal the ruling" ("if approved Friday" does not)."""
    return (verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and verb.lemma_ not in _PROSPECTIVE
            and not any(child.dep_ in ("aux", "auxpass", "mark") for child in verb.children))


def tense_at(token: Token) -> Tense | None:
    """The tense governing `token`: of its nearest verbal head, else of its sentence.

    None (no tense: the nearest occurrence) for the terms of payments and rules."""
    node = previous = token
    for step in range(_MAX_CLIMB):
        if node.lower_ in _TERM_WORDS or (node.lower_ == "record" and node.i > 0
                                          and node.doc[node.i - 1].lower_ == "of"):
            return None
        if _bare_participle(node) and (step == 1 or (step == 2 and previous.lower_ in ("on", "at", "in"))):
            return "PAST"  # the time dates the participle itself ("through Nov. 17" may lie ahead)
        if node.pos_ in ("VERB", "AUX") or node.tag_.startswith("VB"):
            tense = _verb_tense(node)
            if tense is not None:
                return tense
        if node.head.i == node.i:
            break
        previous, node = node, node.head
    for word in token.sent:
        if word.lower_ in _FUTURE_AUX and word.tag_ == "MD":
            return "FUTURE"
        if word.tag_ in _PAST_TAGS:
            return "PAST"
    return None
