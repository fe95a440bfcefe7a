"""The canonical speaker rate's scorer (issue 28): which gold person a PolNeAR source span
names, and how a statement is judged against it. Made-up spans, no corpus needed."""
from __future__ import annotations

import pytest

from quotegraph.eval.brat import GoldArticle, GoldAttribution
from quotegraph.eval.canonical import first_and_last, judge_article, rate, source_person
from quotegraph.record import Quote, Speaker
from quotegraph.text.spans import Span

PEOPLE = ["Bernie Sanders", "Hillary Clinton", "Bill Clinton", "Robby Mook", "John Mica", "Obama"]

# (source span, the gold person it names as its head, or None)
SOURCES = [
    ("Sanders", "Bernie Sanders"),
    ("Rep. John Mica (R-Fla.)", "John Mica"),
    ("Sanders, a senator from Vermont,", "Bernie Sanders"),
    ("Clinton campaign manager Robby Mook", "Robby Mook"),
    ("Hillary Clinton", "Hillary Clinton"),
    # two people of the article share the surname: a given name settles it, else no one
    ("Clinton", None),
    ("Bill Clinton", "Bill Clinton"),
    # somebody the person belongs to or employs
    ("Clinton's campaign", None),
    ("The Clinton campaign", None),
    ("A spokeswoman for Hillary Clinton", None),
    ("advisers to Mr. Sanders", None),
    # coordinated sources and pronouns name no one person
    ("Mr. Sanders and Mr. Mica", None),
    ("he", None),
    ("", None),
]


@pytest.mark.parametrize("source,person", SOURCES)
def test_a_source_span_names_the_person_it_is_headed_by(source, person):
    text = f"{source} said so."
    assert source_person(text, ((0, len(source)),), PEOPLE) == person


@pytest.mark.parametrize("name,words", [
    ("Hillary Clinton", ("hillary", "clinton")), ("Mr. John Mica Jr.", ("john", "mica")),
    ("Clinton", None), (None, None), ("Bill de Blasio", ("bill", "blasio")),
])
def test_first_and_last_name_words(name, words):
    assert first_and_last(name) == words


def _quote(text: str, content: str, speaker: str | None, confidence: float = 0.9, within: str | None = None) -> Quote:
    start = text.index(content)
    return Quote(type="indirect", content=[Span(start, start + len(content), content)], confidence=confidence,
                 speaker=Speaker(name=speaker, entity="e0") if speaker else None, within=within)


TEXT = ("Bernie Sanders spoke on Friday. Sanders said the plan would fail. Obama said the vote was close. "
        "The Clinton campaign said the poll was wrong.")
GOLD = GoldArticle(stem="a", text=TEXT, annotator="x", attributions=[
    GoldAttribution(source=((32, 39),), content=((45, 64),)),    # Sanders said the plan would fail
    GoldAttribution(source=((66, 71),), content=((77, 95),)),    # Obama: known by one name only
    GoldAttribution(source=((97, 117),), content=((123, 141),)),  # the campaign: nobody's name
])


@pytest.mark.parametrize("speaker,judged", [
    ("Bernie Sanders", [(True, True)]),
    ("Sanders", [(False, True)]),     # the right person, not by the full name
    ("he", [(False, False)]),
    (None, [(False, False)]),
    ("Hillary Clinton", [(False, False)]),
])
def test_a_statement_is_judged_against_the_person_its_gold_source_names(speaker, judged):
    quotes = [_quote(TEXT, "the plan would fail", speaker),
              _quote(TEXT, "the vote was close", "Obama"),                # gold name not in full: not scored
              _quote(TEXT, "the poll was wrong", "Clinton campaign")]      # gold source names no person
    assert GOLD.text[45:64] == "the plan would fail"
    assert judge_article(GOLD, quotes, PEOPLE, 0.5) == judged


def test_only_shown_statements_that_are_not_nested_are_scored():
    quotes = [_quote(TEXT, "the plan would fail", "Sanders", confidence=0.3),
              _quote(TEXT, "the plan would fail", "Sanders", within="q9")]
    assert judge_article(GOLD, quotes, PEOPLE, 0.5) == []
    assert rate([(GOLD, quotes, PEOPLE)], 0.5) == {"canonical_speaker": 0.0, "lenient_speaker": 0.0, "of": 0,
                                                   "min_confidence": 0.5}


def test_the_rate_sums_over_articles():
    right = [_quote(TEXT, "the plan would fail", "Bernie Sanders")]
    short = [_quote(TEXT, "the plan would fail", "Sanders")]
    assert rate([(GOLD, right, PEOPLE), (GOLD, short, PEOPLE)], 0.5) == {
        "canonical_speaker": 0.5, "lenient_speaker": 1.0, "of": 2, "min_confidence": 0.5}
