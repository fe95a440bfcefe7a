"""A naming ends with its quoted name where the writer goes on to say when or where it was
given: "called the ruling “meritless” on Monday" says "the ruling “meritless”".

With a verb of naming (call, describe as, label, dub) the source's own words are the
quoted name given to the object. What follows the closing mark may still be part of the
claim ("a “critical moment” for Trump", "“a mistake” because few live there"), and
PolNeAR's annotators run the content on then; a time or the medium ("on Monday", "in a
tweet Tuesday", "on his radio show") is the writer's setting, and they end it at the mark,
as a reader does. The trained model, which tags spans, may run on past it.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..text.ranges import CharRange
from .decoding import Accepted, with_roles

NAMING_VERBS = frozenset({"call", "describe", "label", "dub", "brand", "term", "deem"})
# A setting after the quoted name: a preposition or time word opening a phrase that holds
# a day, a month, a time word or a medium, within its first words.
_SETTING = re.compile(
    r"^[\s,]*(?:on|in|at|during|last|this|earlier|later|after|before|from)\b[^.;:!?]{0,60}?\b(?:"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|week|month|year|"
    r"morning|afternoon|evening|night|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|tweet|post|statement|interview|show|speech|rally|letter|email|conference|briefing|"
    r"hearing|debate|podcast|video|broadcast)s?\b", re.IGNORECASE)


def naming_ends_at_quotation(doc: Doc, item: Accepted, quoted: list[CharRange]) -> Accepted:
    """`item` with its last content span cut after the quotation in it, where its cue is a
    verb of naming with an object ("called X “Y” ..."), the quotation follows that object
    and a time or a medium follows the quotation; else `item`."""
    cand, confidence, roles = item
    if not roles["cue"] or not roles["content"]:
        return item
    cue = doc.char_span(*roles["cue"][0], alignment_mode="expand")
    if cue is None or not len(cue) or cue.root.lemma_.lower() not in NAMING_VERBS:
        return item
    objects = [c for c in cue.root.children if c.dep_ == "dobj"]
    if not objects:
        return item  # "called for “a full investigation” into ...": no naming
    named_from = objects[0].right_edge.idx
    start, end = roles["content"][-1]
    inside = [(open_, close) for open_, close in quoted if start <= open_ and close < end and open_ > named_from]
    if not inside:
        return item
    close = inside[-1][1]
    if not _SETTING.match(doc.text[close:end]):
        return item
    return with_roles(doc, item, content=[*roles["content"][:-1], (start, close)])
