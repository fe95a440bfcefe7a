"""Giving a quotation back to the rules where the model joined it to another speaker's."""
from __future__ import annotations

from dataclasses import replace

from quotegraph.pipeline.nlp import COMPONENTS
from quotegraph.quotes.decoding import Accepted
from quotegraph.quotes.finder import rule_attributions
from quotegraph.quotes.relink import give_back_quotations
from quotegraph.text.ranges import Paragraphs

# Two speakers in one paragraph; the first quotation ends with its full stop and its cue
# follows in lower case (as in MEANTIME's 'collapse." said Stephen Harper').
TEXT = ('"We cannot afford a sudden collapse." said Maria Lopez, the finance minister. '
        '"We will not let the industry vanish," said John Carter, the prime minister.')


def test_a_quotation_the_rules_give_its_own_cue_between_it_and_the_models_cue_goes_back(nlp) -> None:
    doc = nlp(TEXT, disable=list(COMPONENTS))
    text = doc.text
    paragraphs = Paragraphs(text)
    rules = rule_attributions(doc, text, paragraphs)
    cues = [text[s:e] for _, _, roles in rules for s, e in roles["cue"]]
    assert cues == ["said", "said"]
    first, second = rules
    # the model's mistake: both quotations as one content of Carter's cue
    joined_content = first[2]["content"] + second[2]["content"]
    joined = (replace(second[0], content=first[0].content + second[0].content), 0.8,
              {**second[2], "content": joined_content})
    result = give_back_quotations(doc, paragraphs, [joined], rules)
    got = [([text[s:e] for s, e in roles["content"]], [text[s:e] for s, e in roles["source"]])
           for _, _, roles in result]
    assert got == [(["We cannot afford a sudden collapse."], ["Maria Lopez, the finance minister"]),
                   (["We will not let the industry vanish,"], ["John Carter, the prime minister"])]
    assert result[0] is first  # the rules' own attribution, unchanged


def test_a_quotation_continuing_the_models_speaker_stays(nlp) -> None:
    # Carter's second quotation has no cue of its own: nothing to give back.
    text = '"We will not let the industry vanish," said John Carter. "The mills will stand."'
    doc = nlp(text, disable=list(COMPONENTS))
    paragraphs = Paragraphs(doc.text)
    rules = rule_attributions(doc, doc.text, paragraphs)
    pieces = ["We will not let the industry vanish,", "The mills will stand."]
    fragments = [(text.index(p), text.index(p) + len(p)) for p in pieces]
    joined = [Accepted(cand, conf, {**roles, "content": fragments}) for cand, conf, roles in rules[:1]]
    result = give_back_quotations(doc, paragraphs, joined, rules)
    assert [[text[s:e] for s, e in roles["content"]] for _, _, roles in result] == [pieces]
