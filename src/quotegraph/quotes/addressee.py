"""The person told is no part of what is said: "urged Mr. Trump to make a deal" reports
the content "to make a deal", addressed to Mr. Trump.

The trained model, which tags spans, may run a content from the object of a verb of
telling or urging through the infinitive after it. PolNeAR's annotators, and a reader,
start the content at the infinitive ("asked the judge *to give me a fair sentence*"); the
object is the statement's addressee, which the record has a field for.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .decoding import Accepted, with_roles

# Verbs whose object is the one told, asked or urged ("urged the public not to ...").
TELLING_VERBS = frozenset({"tell", "ask", "urge", "warn", "advise", "remind", "instruct", "encourage", "press",
                           "implore", "beg", "order", "direct", "invite", "call"})


def addressee_out_of_content(doc: Doc, item: Accepted) -> Accepted:
    """`item` with a leading object of its telling cue moved from its content to its
    addressee, where the content goes on with that cue's infinitive; else `item`."""
    cand, confidence, roles = item
    if not roles["cue"] or not roles["content"]:
        return item
    cue = doc.char_span(*roles["cue"][0], alignment_mode="expand")
    if cue is None or not len(cue):
        return item
    verb = cue.root
    if verb.lemma_.lower() not in TELLING_VERBS:
        return item
    start, end = roles["content"][0]
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or not len(first):
        return item
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "dative") or obj.left_edge.i != first.start:
            continue
        infinitive = [x for x in verb.children if x.dep_ == "xcomp" and x.left_edge.i == obj.right_edge.i + 1
                      and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)]
        if not infinitive or infinitive[0].left_edge.i >= first.end:
            return item
        new_start = doc[infinitive[0].left_edge.i].idx
        addressee = (doc[obj.left_edge.i].idx, doc[obj.right_edge.i].idx + len(doc[obj.right_edge.i]))
        return with_roles(doc, item, content=[(new_start, end), *roles["content"][1:]], addressee=[addressee])
    return item
