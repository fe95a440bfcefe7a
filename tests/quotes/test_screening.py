"""What screening keeps out of the attributions, one row per construction, on plain text
(no layout hints): the rules and the trained model alike."""
from __future__ import annotations

import pytest

import quotegraph
from quotegraph import Options
from quotegraph.quotes.screening import STATEMENT_CONFIDENCE, WEAK_CONFIDENCE

pytestmark = pytest.mark.slow

# The engine's own output and confidence (weak ones are capped at 0.4), not the default view.
ENGINES = [Options(attribution="model", min_confidence=0.0, confidence="attribution"),
           Options(attribution="rules", min_confidence=0.0, confidence="attribution")]

# (text, a piece of content that must not be attributed)
NOT_ATTRIBUTIONS = [
    # Body parts and products do not speak.
    ("Rita Moreno watched him. Her eyes said that she had heard the story before.", "she had heard the story"),
    ("The Nova X2 says that phones are getting faster.", "phones are getting faster"),
    # A label that is not a speaker's, and a line that is no speech turn.
    ("Tip: You can swap the almond milk for oat milk.", "You can swap the almond milk"),
    # A title nobody is said to say.
    ("The shelters were proposed in a report titled “Nobody Left Outside”.", "Nobody Left Outside"),
    # ... even where the model takes somebody for its source (here "the council").
    ("The shelters were first proposed in a 2019 report titled “Nobody Left Outside”, which the council shelved.",
     "Nobody Left Outside"),
    # The reader told what they will perceive, even where "you" is tagged the source.
    ("When you open the camera app, you'll notice that the shutter is nearly instant.",
     "the shutter is nearly instant"),
    # ... whichever cue the content is linked to ("want to know" here).
    ("If you want to know how to make a breakfast that waits for you, you'll see that overnight oats are "
     "the easiest thing in the world.", "overnight oats are the easiest thing"),
    ("If you want to know how to make a breakfast that waits for you, you'll see that overnight oats are "
     "the easiest thing in the world.", "you'll see that"),
    # A toll is no claim.
    ("The bombings in Kenya and Tanzania last week claimed at least 217 lives.", "217 lives"),
    ("The storm claimed three victims in Texas on Monday.", "three victims"),
    # Figures are nobody's words: a results list read as speech turns.
    ("Delegates won by Tuesday night:\n\nMaria Lindqvist: 1,769.\nTomas Reyes: 1,501.\n\n"
     "Lindqvist needs 614 more to win the nomination, her campaign said.", "1,769"),
]


@pytest.mark.parametrize("options", ENGINES, ids=["model", "rules"])
@pytest.mark.parametrize("text,content", NOT_ATTRIBUTIONS, ids=[c[0][:40] for c in NOT_ATTRIBUTIONS])
def test_not_an_attribution(options: Options, text: str, content: str) -> None:
    record = quotegraph.extract(text, options=options)
    assert not [q for q in record.quotes if any(content in c.text for c in q.content)], record.quotes


# (text, the label's speaker): transcript labels that are a speaker's stay.
LABELS = [
    ("Chris Wallace interviewed Ruth Calder.\nWALLACE: Will the bill pass this year?\nCALDER: I believe it will.",
     "CALDER"),
    ("Pence: Gennifer Flowers won't be at debate", "Pence"),
]


@pytest.mark.parametrize("text,source", LABELS, ids=[c[1] for c in LABELS])
def test_speaker_labels_stay(text: str, source: str) -> None:
    record = quotegraph.extract(text, options=Options(attribution="rules", min_confidence=0.0, confidence="attribution"))
    assert any(q.source is not None and q.source.text == source and q.cue.text == ":" for q in record.quotes)


# (text, a piece of content that is at best a weak attribution)
WEAK = [
    # The reader, addressed as "you" outside a quotation (PolNeAR annotates some: weak, not dropped).
    ("You might think that soaking oats is complicated.", "soaking oats is complicated"),
    ("If you want to know how the oats soak, read on.", "to know how the oats soak"),
    # A noun phrase for a content.
    ("Council member Tom Reed acknowledged the problem on Monday.", "the problem"),
]


@pytest.mark.parametrize("options", ENGINES, ids=["model", "rules"])
@pytest.mark.parametrize("text,content", WEAK, ids=[c[0][:40] for c in WEAK])
def test_weak_attributions(options: Options, text: str, content: str) -> None:
    record = quotegraph.extract(text, options=options)
    found = [q for q in record.quotes if any(content in c.text for c in q.content)]
    assert all(q.confidence <= WEAK_CONFIDENCE < STATEMENT_CONFIDENCE for q in found), found


def test_you_inside_a_quotation_is_a_listener() -> None:
    record = quotegraph.extract('"Mr. Trump, do you really think that billionaires need a tax break?" Sanders asked.',
                                options=Options(attribution="rules", min_confidence=0.0, confidence="attribution"))
    assert record.quotes and all(q.confidence >= STATEMENT_CONFIDENCE for q in record.quotes)


@pytest.mark.parametrize("options", ENGINES, ids=["model", "rules"])
def test_a_claim_that_is_no_toll_stays(options: Options) -> None:
    record = quotegraph.extract("The group claimed responsibility for the attack.", options=options)
    assert [q.content[0].text for q in record.quotes] == ["responsibility for the attack"]


@pytest.mark.parametrize("options", ENGINES, ids=["model", "rules"])
def test_a_noun_phrase_content_is_weak(options: Options) -> None:
    record = quotegraph.extract("Council member Tom Reed acknowledged the problem on Monday.", options=options)
    weak = [q for q in record.quotes if q.content[0].text == "the problem"]
    assert weak and all(q.confidence <= WEAK_CONFIDENCE < STATEMENT_CONFIDENCE for q in weak)


@pytest.mark.parametrize("options", ENGINES, ids=["model", "rules"])
def test_documents_speak(options: Options) -> None:
    record = quotegraph.extract("A poll shows that most parents trust vaccines. The report found that cases doubled.",
                                options=options)
    assert {q.source.text for q in record.quotes if q.source} == {"A poll", "The report"}
    assert all(q.confidence >= STATEMENT_CONFIDENCE for q in record.quotes)


def test_reported_words_nobody_is_said_to_say_are_weak(nlp) -> None:
    """An indirect content a network tags with no cue, no source and no quote it continues
    keeps at most WEAK_CONFIDENCE; the quotation beside it stays a statement."""
    from quotegraph.pipeline.nlp import COMPONENTS
    from quotegraph.quotes.candidates import Candidate
    from quotegraph.quotes.screening import screen

    text = ("The UK government, however, welcomed the firm's decision.\n\n"
            '"It is the best decision for Britain and our plants," said the general secretary of the British '
            "union Unite, Tony Woodley.")
    doc = nlp(text, disable=list(COMPONENTS))
    clause = "The UK government, however, welcomed the firm's decision"  # a clause: not weak as a noun phrase
    roles = {"content": [(0, len(clause))], "cue": [], "source": [], "addressee": []}
    kept = screen(doc, text, [(Candidate(kind="verb", content=[]), 0.9, roles)], [], [])
    assert [confidence for _, confidence, _ in kept] == [WEAK_CONFIDENCE]
    record = quotegraph.extract(text, options=Options(attribution="model", min_confidence=0.0, confidence="attribution"))
    assert any(q.speaker and q.speaker.name == "Tony Woodley" and q.confidence >= STATEMENT_CONFIDENCE
               for q in record.quotes)
