"""Sentence boundaries set before the parser (sentences.py), through the real pipeline."""
from __future__ import annotations

import spacy

import quotegraph
from quotegraph.pipeline.sentences import mark_sentence_starts

HEADED = "Acme cuts jobs\n\nMarch 06, 2008\n\nAcme Corp said it would cut 500 jobs. The plant closed in 2007."


def test_a_headline_and_a_date_line_are_sentences_of_their_own(nlp) -> None:
    sentences = [s.text.strip() for s in nlp(HEADED).sents]
    assert sentences[:3] == ["Acme cuts jobs", "March 06, 2008", "Acme Corp said it would cut 500 jobs."]


def test_the_date_line_no_longer_dates_the_headline(nlp) -> None:
    record = quotegraph.extract(HEADED, published="2008-03-06")
    assert "cuts" not in [event.trigger.text for event in record.events]
    assert [event.trigger.text for event in record.events] == ["closed"]


def test_a_line_ending_in_punctuation_is_left_to_the_parser() -> None:
    """"He said:" before a quoted paragraph: no start is forced (the parser decides)."""
    doc = spacy.blank("en")("He said:\n\n\u201cWe are ready.\u201d\n\nNo comma here\n\nNext")
    forced = [token.text for token in mark_sentence_starts(doc)[1:] if token.is_sent_start]
    assert forced == ["Next"]


def test_an_abbreviation_before_a_lower_case_word_ends_no_sentence(nlp) -> None:
    doc = nlp("Voters must show a photo ID. at the polls, the clerk said.")
    assert len(list(doc.sents)) == 1


def test_a_quotation_opening_after_a_full_stop_starts_a_sentence() -> None:
    """"... on an SLS Block 1B. “Using ...,” Jim Chilton said": the quotation is Chilton's,
    not part of what the sentence before reported ("1B." is one token)."""
    doc = spacy.blank("en")("It said it would launch on a Block 1B. \u201cUsing the rocket, we win,\u201d Jim Chilton said.")
    forced = [token.text for token in mark_sentence_starts(doc)[1:] if token.is_sent_start]
    assert forced == ["\u201c"]
    titled = spacy.blank("en")("They cheered Mr. \u201cFix It\u201d Smith on Monday.")
    assert not any(token.is_sent_start for token in mark_sentence_starts(titled)[1:])


def test_the_quotation_after_a_report_keeps_its_own_speaker() -> None:
    text = ("In a statement released November 5, the company said it submitted a proposal that would involve "
            "a lander on an SLS Block 1B. \u201cUsing the lift capability of the rocket, we have developed a new "
            "approach,\u201d Jim Chilton, senior vice president at Boeing, said in the statement.")
    quotes = quotegraph.extract(text, options=quotegraph.Options(min_confidence=0)).quotes
    assert any(q.speaker is not None and q.speaker.name == "Jim Chilton" and q.content[0].text.startswith("Using")
               for q in quotes)
    company = [q for q in quotes if q.source is not None and q.source.text == "the company"]
    assert company and all("Using" not in s.text for q in company for s in q.content)
