"""Statement kinds (quotes/kind.py): what the cue says a quote reports, through extract."""
from __future__ import annotations

import pytest

import quotegraph
from quotegraph.quotes.kind import kind_of_lemma


@pytest.mark.parametrize("lemma, kind", [
    ("say", "speech"), ("tell", "speech"), ("according to", "speech"), (":", "speech"), ("statement", "speech"),
    ("write", "writing"), ("tweet", "writing"), ("memo", "writing"),
    ("believe", "thought"), ("hope", "thought"), ("want", "thought"), ("plan", "thought"), ("fear", "thought"),
    # a ruling, an order and a finding are written; saying verbs a belief list might claim are said
    ("rule", "writing"), ("find", "writing"), ("order", "writing"), ("conclude", "writing"),
    ("acknowledge", "speech"), ("concede", "speech"), ("note", "speech"), ("point", "speech"), ("voice", "speech"),
    ("express", "speech"), ("discuss", "speech"), ("", "speech"),
    ("decide", "thought"),
])
def test_kind_of_lemma(lemma: str, kind: str) -> None:
    assert kind_of_lemma(lemma) == kind
    assert kind in ("speech", "writing", "thought")  # nothing else: ../shared/docs/STATEMENTS.md


@pytest.mark.slow
@pytest.mark.parametrize("text, content_start, kind", [
    ('"We are ready," the mayor told reporters on Monday.', "We are ready", "speech"),
    ("The senator said that the bill would pass.", "that the bill", "speech"),
    ("According to the minister, the deal is done.", "the deal", "speech"),
    ("The governor wrote that the budget was balanced.", "that the budget", "writing"),
    ("She believes the plan will work.", "the plan", "thought"),
    ("She fears that the plan will fail.", "that the plan", "thought"),
    ("The union wants to end the strike.", "to end", "thought"),
    ("The court ruled that the law stands.", "that the law", "writing"),
    ("The study found that cases doubled.", "that cases", "writing"),
    ("The minister acknowledged that the plan had failed.", "that the plan", "speech"),
    ("She pointed out that the plan had failed.", "that the plan", "speech"),
])
def test_quotes_carry_their_kind(text: str, content_start: str, kind: str) -> None:
    record = quotegraph.extract(text, options=quotegraph.Options(min_confidence=0.0))
    assert record.error is None
    quotes = [q for q in record.quotes if q.content[0].text.startswith(content_start)]
    assert [q.kind for q in quotes] == [kind]
    assert record.to_dict()["quotes"][record.quotes.index(quotes[0])]["kind"] == kind


@pytest.mark.slow
def test_a_cueless_quotation_continues_its_speakers_kind() -> None:
    text = '"The budget is balanced," the governor wrote.\n\n"Every dollar is accounted for."'
    record = quotegraph.extract(text)
    # a second quote continuing the first (the rules), or a second fragment of the first
    # quote's content, as PolNeAR marks a quotation running over paragraphs (the model)
    holding = [q for q in record.quotes if any("Every dollar" in c.text for c in q.content)]
    assert len(holding) == 1 and holding[0].kind == record.quotes[0].kind == "writing"
