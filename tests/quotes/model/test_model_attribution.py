"""The trained attribution model end to end (extract with attribution="model", the default):
constructions a careful reader resolves, offsets, and the rules still one option away."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotegraph
from quotegraph import Options

pytestmark = pytest.mark.slow

MODEL = Options(attribution="model", min_confidence=0.0)  # the engine: weak attributions too


def summary(text: str, options: Options = MODEL) -> list[tuple[str | None, str | None, str | None, str]]:
    """(source, speaker, cue, first content fragment) of each quote."""
    record = quotegraph.extract(text, options=options)
    assert record.error is None
    return [(q.source.text if q.source else None, q.speaker.name if q.speaker else None,
             q.cue.text if q.cue else None, q.content[0].text) for q in record.quotes]


@pytest.mark.parametrize("text, expected", [
    ('"We are ready," the mayor told reporters on Monday.',
     ("the mayor", "mayor", "told", "We are ready,")),
    ('"We will not back down from this fight," Defense Secretary Pete Hegseth said during the briefing.',
     ("Defense Secretary Pete Hegseth", "Pete Hegseth", None, "We will not back down from this fight,")),
    ("According to Senator Ted Cruz, the bill is dead.",
     ("Senator Ted Cruz", "Ted Cruz", "According to", None)),
    ('"We will not back down from this fight."\n\nDefense Secretary Pete Hegseth said during the briefing.',
     ("Defense Secretary Pete Hegseth", "Pete Hegseth", "said", "We will not back down from this fight.")),
    ("Judge Jane Roe ordered the release, describing the detention as 'unlawful.'",
     ("Judge Jane Roe", "Jane Roe", None, None)),
    ("The plan was criticized by Senator Ted Cruz as a giveaway.",
     ("Senator Ted Cruz", "Ted Cruz", "was criticized", None)),
    ("SMITH: We will win this race.", ("SMITH", "Smith", ":", None)),  # a transcript label is a person
    # a source with a clause in apposition; never the clause "she feared deportation" (see below)
    ("The woman, who spoke on the condition of anonymity because she feared deportation, said her son was a citizen.",
     ("The woman", "woman", "said", "her son was a citizen")),
    ("President Joe Biden said that the economy was growing faster than expected.",
     ("President Joe Biden", "Joe Biden", "said", "that the economy was growing faster than expected")),
])
def test_constructions(text: str, expected: tuple) -> None:
    quotes = summary(text)
    assert quotes, f"no quote in {text!r}"
    source, speaker, cue, content = quotes[0]
    want_source, want_speaker, want_cue, want_content = expected
    assert source == want_source and speaker == want_speaker
    if want_cue is not None:
        assert cue is not None and cue.startswith(want_cue)
    if want_content is not None:
        assert content == want_content


def test_a_source_that_is_a_clause_yields_to_the_rules(nlp) -> None:
    """The 5-epoch network tagged "she feared deportation" as the source of "said" above: a
    clause with a subject of its own is no one's name, so the rules' source stands."""
    from quotegraph.pipeline.nlp import COMPONENTS
    from quotegraph.quotes.model.attribution import _is_clause

    text = "The woman, who spoke on the condition of anonymity because she feared deportation, said her son was a citizen."
    doc = nlp(text, disable=list(COMPONENTS))
    clause = text.index("she feared deportation")
    assert _is_clause(doc, clause, clause + len("she feared deportation"))
    assert not _is_clause(doc, 0, len("The woman"))


def test_a_source_that_is_the_last_conjunct_becomes_the_whole_subject(nlp) -> None:
    from quotegraph.pipeline.nlp import COMPONENTS
    from quotegraph.quotes.model.attribution import _whole_coordination

    text = "The Bank of Canada, the Bank of England and the Swiss National Bank jointly announced that they would act."
    doc = nlp(text, disable=list(COMPONENTS))
    last = text.index("the Swiss National Bank")
    start, end = _whole_coordination(doc, last, last + len("the Swiss National Bank"))
    assert text[start:end] == "The Bank of Canada, the Bank of England and the Swiss National Bank"
    assert _whole_coordination(doc, 0, len("The Bank of Canada")) == (0, len("The Bank of Canada"))


def test_a_cue_ending_on_a_preposition_takes_its_object(nlp) -> None:
    """The network sometimes stops a cue inside its phrase ("said in" of "said in a
    statement"): the object is taken in, unless it is the source or the content."""
    from quotegraph.pipeline.nlp import COMPONENTS
    from quotegraph.quotes.model.attribution import _with_whole_object
    from quotegraph.quotes.model.labels import RoleSpan

    text = '"The deal is bad," Hillary Clinton said in a statement.'
    doc = nlp(text, disable=list(COMPONENTS))
    cue = text.index("said in")
    content = [(0, text.index(",") + 1)]
    start, end = _with_whole_object(doc, cue, cue + len("said in"), content, None)
    assert text[start:end] == "said in a statement"
    assert _with_whole_object(doc, cue, cue + len("said"), content, None) == (cue, cue + len("said"))
    # an object that is the source stays out ("according to" is no such preposition anyway)
    text = "The deal is bad, she said in the paper of Hillary Clinton."
    doc = nlp(text, disable=list(COMPONENTS))
    cue, who = text.index("said in"), text.index("the paper")
    source = RoleSpan("source", [(who, who + len("the paper"))], [1.0])
    assert _with_whole_object(doc, cue, cue + len("said in"), [(0, 15)], source) == (cue, cue + len("said in"))


def test_a_quote_split_by_its_attribution_is_one_quote() -> None:
    text = '"We are ready," the mayor said, "and we will win."'
    record = quotegraph.extract(text, options=MODEL)
    assert len(record.quotes) == 1
    quote = record.quotes[0]
    assert [span.text for span in quote.content] == ["We are ready,", "and we will win."]
    assert quote.type == "direct" and quote.kind == "speech" and quote.source.text == "the mayor"


def test_a_content_continued_across_a_second_cue_is_cut_at_that_cue() -> None:
    text = ('Senator Maria Lopez said on Monday that the bridge would reopen in May. '
            '"We are ready," Lopez told reporters.')
    assert summary(text) == [("Senator Maria Lopez", "Maria Lopez", "said", "that the bridge would reopen in May"),
                             ("Lopez", "Maria Lopez", "told", "We are ready,")]


def test_contents_of_one_cue_with_only_space_between_are_one_content() -> None:
    # a stray full stop ends the model's content early; the rest is another content of "said"
    text = ("Okafor said the sample was small, but the result was clear.\n\n"
            "Parents must show the child's health ID. at every visit, the clinic's director, Ben Amos, said.")
    _, speaker, cue, content = summary(text)[1]
    assert (speaker, cue, content) == ("Ben Amos", "said", "Parents must show the child's health ID. at every visit")


def test_a_cue_answered_in_its_own_sentence_takes_no_reported_words_from_another() -> None:
    text = ("Kilmar Abrego Garcia was arrested in Baltimore on March 12. "
            "Nayib Bukele said on Tuesday that the prisoner would stay.")
    assert summary(text) == [("Nayib Bukele", "Nayib Bukele", "said", "that the prisoner would stay")]


def test_a_transcript_turn_is_its_labels_content_whole() -> None:
    text = ("The following is a transcript of an interview with Senator Ruth Calder that aired Sunday.\n"
            "WALLACE: Senator, thank you for joining us. Will the farm bill pass this year?\n"
            "CALDER: I believe it will. We have the votes in the Senate.\n"
            "WALLACE: Your critics say the bill spends too much.\n"
            "CALDER: They are wrong. Every dollar goes to farmers who need it.")
    turns = [(source, content) for source, _, cue, content in summary(text) if cue == ":"]
    assert ("WALLACE", "Your critics say the bill spends too much.") in turns
    assert not [t for t in turns if t[1] in ("Your critics say", "the bill spends too much")], turns


def test_confidence_is_a_probability_and_the_rules_remain_available() -> None:
    text = '"We are ready," the mayor told reporters on Monday.'
    model = quotegraph.extract(text, options=MODEL).quotes
    rules = quotegraph.extract(text, options=Options(attribution="rules", min_confidence=0.0)).quotes
    assert model and rules
    assert all(0.0 <= q.confidence <= 1.0 for q in model)
    assert rules[0].content[0].text == "We are ready,"


_PIECES = st.sampled_from([
    '"We are ready,"', " the mayor said", ", adding that ", "the plan would work", ". ", "\n\n", "“Never,”",
    " she told reporters", " according to officials", "'", '"', "Smith:", " ", "It is over.",
])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=12).map("".join))
def test_every_span_of_the_model_is_pinned_to_its_characters(text: str) -> None:
    record = quotegraph.extract(text, options=MODEL)
    assert record.error is None
    for quote in record.quotes:
        assert 0.0 <= quote.confidence <= 1.0
        for span in [*quote.content, quote.cue, quote.source, quote.addressee]:
            if span is not None:
                assert text[span.start:span.end] == span.text
