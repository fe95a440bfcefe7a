"""A report inside a subordinate clause ends with that clause.

"When the advisers suggested that Beijing resume buying, Mr. Trump wasn't satisfied": the
advisers' suggestion is "that Beijing resume buying"; what follows the comma is the main
clause, the writer's narrative. The trained model, which tags spans, may run the content on
into it; the parse says where the subordinate clause ends.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..text.ranges import token_range, trim_punct
from .decoding import Accepted, token_chars, with_roles


def content_in_cue_clause(doc: Doc, item: Accepted) -> Accepted:
    """`item` with a reported (unquoted) content cut at the end of its cue's adverbial
    clause where it runs past it; else `item`."""
    cand, confidence, roles = item
    if cand.quote_type != "indirect" or not roles["cue"] or len(roles["content"]) != 1:
        return item
    cue = doc.char_span(*roles["cue"][0], alignment_mode="expand")
    if cue is None or not len(cue):
        return item
    verb = cue.root
    if verb.dep_ != "advcl" or not any(child.dep_ in ("mark", "advmod") and child.i < verb.i for child in verb.children):
        return item
    start, end = roles["content"][0]
    clause_end = verb.right_edge.i + 1
    content = token_range(doc, start, end)
    if content is None or content[0] < verb.i or content[1] <= clause_end or content[0] >= clause_end:
        return item
    kept = trim_punct(doc, (content[0], clause_end))
    if kept is None or kept[1] <= kept[0]:
        return item
    return with_roles(doc, item, content=[(start, token_chars(doc, kept)[1])])
