"""One row per construction: hand-built texts and the attribution a reader would write down,
as the rules find it (attribution="rules"; the trained model's table is in tests/quotes/model/)."""
from __future__ import annotations

import pytest

import quotegraph
from quotegraph import Options

# Everything the rules find, weak attributions too: these test the engine, not the default view.
RULES = Options(attribution="rules", min_confidence=0.0)

pytestmark = pytest.mark.slow

# (text, [(type, source, cue, [content pieces], speaker name)])
CASES = [
    # Direct quotes in every quotation-mark style.
    ("“We will not back down,” said Mayor Jane Doe.",
     [("direct", "Mayor Jane Doe", "said", ["We will not back down,"], "Jane Doe")]),
    ('"We will fight," Smith said.',
     [("direct", "Smith", "said", ["We will fight,"], "Smith")]),
    ("«We will not back down», said the mayor.",
     [("direct", "the mayor", "said", ["We will not back down"], "mayor")]),
    ("„We can do this“, Merkel said.",
     [("direct", "Merkel", "said", ["We can do this"], "Merkel")]),
    ("'I'm not going anywhere,' the minister said.",
     [("direct", "the minister", "said", ["I'm not going anywhere,"], "minister")]),
    # A short quote right beside its cue is still a quote.
    ('"No," said the mayor.', [("direct", "the mayor", "said", ["No,"], "mayor")]),
    # Single quotes nested in double quotes belong to the outer quote.
    ('"He told me \'no\' twice," Smith said.',
     [("direct", "Smith", "said", ["He told me 'no' twice,"], "Smith")]),
    # Apostrophes are never quotation marks.
    ("The senator said that Trump’s plan doesn’t work and the ’90s are over.",
     [("indirect", "The senator", "said", ["that Trump’s plan doesn’t work and the ’90s are over"], "senator")]),
    # A quote split by its attribution is one quote with two content spans.
    ("“I'm not,” he said, “going to resign.”",
     [("direct", "he", "said", ["I'm not,", "going to resign."], None)]),
    # Indirect quotes: cue verbs with clausal complements.
    ("Smith denied that he had taken the money.",
     [("indirect", "Smith", "denied", ["that he had taken the money"], "Smith")]),
    ("Jones argued that the tax was unfair.",
     [("indirect", "Jones", "argued", ["that the tax was unfair"], "Jones")]),
    ("Bukele told reporters that the prisoner would not be returned.",
     [("indirect", "Bukele", "told", ["that the prisoner would not be returned"], "Bukele")]),
    ("Sanders has said he would stay in the race.",
     [("indirect", "Sanders", "has said", ["he would stay in the race"], "Sanders")]),
    # A cue noun with its complement.
    ("His claim that the vote was rigged was rejected.",
     [("indirect", "His", "claim", ["that the vote was rigged"], None)]),
    # Postposed and inverted attributions.
    ("The deal is dead, said John Smith, a spokesman for the company.",
     [("indirect", "John Smith, a spokesman for the company", "said", ["The deal is dead"], "John Smith")]),
    ("The deal is dead, Smith said.",
     [("indirect", "Smith", "said", ["The deal is dead"], "Smith")]),
    # According to.
    # a group is named by its head phrase; "at Goldman Sachs" is its affiliation (issue 28)
    ("The markets were calm, according to analysts at Goldman Sachs.",
     [("indirect", "analysts at Goldman Sachs", "according to", ["The markets were calm"], "analysts")]),
    ("According to police, the man fled.",
     [("indirect", "police", "According to", ["the man fled"], "police")]),
    # Passive with an agent.
    ("The plan was described by officials as a failure.",
     [("indirect", "officials", "was described", ["The plan", "as a failure"], "officials")]),
    # Institutional statements.
    ("The court ruled that the law was unconstitutional.",
     [("indirect", "The court", "ruled", ["that the law was unconstitutional"], "court")]),
    ("The order acknowledged that the man had been deported in error.",
     [("indirect", "The order", "acknowledged", ["that the man had been deported in error"], "order")]),
    # Participial attributions share the subject of their clause.
    ("The company cut 500 jobs on Monday, adding that more cuts would follow.",
     [("indirect", "The company", "adding", ["that more cuts would follow"], "company")]),
    ("The mayor raised taxes, suggesting that the city was broke.",
     [("indirect", "The mayor", "suggesting", ["that the city was broke"], "mayor")]),
    # Mixed: a paraphrase containing a quoted fragment.
    ("Trump said the wall would be “beautiful and big” and that Mexico would pay.",
     [("mixed", "Trump", "said", ["the wall would be “beautiful and big” and that Mexico would pay"], "Trump")]),
    # A mixed content keeps its closing quotation mark.
    ("The senator called the plan “stupid”.",
     [("mixed", "The senator", "called", ["the plan “stupid”"], "senator")]),
    # A scare quote with no attribution is not a quote.
    ("The so-called “reform” passed on Tuesday.", []),
]


def _summary(record):
    return [
        (q.type, q.source.text if q.source else None, q.cue.text if q.cue else None,
         [c.text for c in q.content], q.speaker.name if q.speaker else None)
        for q in record.quotes
    ]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_construction(text, expected):
    assert _summary(quotegraph.extract(text, options=RULES)) == expected


def test_multi_paragraph_quote_is_one_quote():
    text = ("“This is the first paragraph,” said Mary Jones.\n\n"
            "“This quote runs on.\n\n"
            "“And this ends it,” she added.")
    quotes = quotegraph.extract(text, options=RULES).quotes
    assert [[c.text for c in q.content] for q in quotes] == [
        ["This is the first paragraph,"], ["This quote runs on.", "And this ends it,"]]
    assert [q.speaker.name for q in quotes] == ["Mary Jones", "Mary Jones"]


def test_cueless_quote_paragraph_goes_to_previous_speaker():
    text = "“We will win,” said Mayor Jane Doe.\n\n“Nobody can stop us now, not the council and not the courts.”"
    first, second = quotegraph.extract(text, options=RULES).quotes
    assert second.cue is None and second.source is None
    assert second.type == "direct"
    assert second.speaker == first.speaker and second.speaker.name == "Jane Doe"


def test_addressee_of_told():
    quote, = quotegraph.extract("Bukele told reporters that the prisoner would not be returned.", options=RULES).quotes
    assert quote.addressee is not None and quote.addressee.text == "reporters"


def test_unbalanced_quote_damages_only_its_paragraph():
    text = ("Smith said “the plan will fail and nobody listens.\n\n"
            "The weather was fine.\n\n"
            "“We are ready,” Jones said.")
    quotes = quotegraph.extract(text, options=RULES).quotes
    assert any(q.source and q.source.text == "Jones" and [c.text for c in q.content] == ["We are ready,"]
               for q in quotes)
    for quote in quotes:
        for span in quote.content:
            assert "\n\n" not in span.text


def test_every_span_points_at_its_text():
    text = "\n\n".join(row[0] for row in CASES)
    record = quotegraph.extract(text, options=RULES)
    assert len(record.quotes) >= len([row for row in CASES if row[1]])
    for quote in record.to_dict()["quotes"]:
        for span in [*quote["content"], quote["cue"], quote["source"], quote["addressee"]]:
            if span is not None:
                assert text[span["start"]:span["end"]] == span["text"]
