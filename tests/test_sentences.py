"""Sentence boundaries set before the parser (sentences.py), through the real pipeline."""
from __future__ import annotations

import spacy

import quotegraph
from quotegraph.sentences import mark_sentence_starts

HEADED = "Acme cuts jobs\n\nMarch 06, 2008\n\nAcme Corp said it would cut 500 jobs. The plant closed in 2007."


def test_a_headline_and_a_date_line_are_sentences_of_their_own(nlp) -> None:
    sentences = [s.text.strip() for s in nlp(HEADED).sents]
    assert sentences[:3] == ["Acme cuts jobs", "March 06, 2008", "Acme Corp said it would cut 500 jobs."]


def test_the_date_line_no_longer_dates_the_headline(nlp) -> None:
    record = quotegraph.extract(HEADED, published="2008-03-06")
    assert "cuts" not in [event["trigger"]["text"] for event in record.events]
    assert [event["trigger"]["text"] for event in record.events] == ["closed"]


def test_a_line_ending_in_punctuation_is_left_to_the_parser() -> None:
    """"He said:" before a quoted paragraph: no start is forced (the parser decides)."""
    doc = spacy.blank("en")("He said:\n\n\u201cWe are ready.\u201d\n\nNo comma here\n\nNext")
    forced = [token.text for token in mark_sentence_starts(doc)[1:] if token.is_sent_start]
    assert forced == ["Next"]


def test_an_abbreviation_before_a_lower_case_word_ends_no_sentence(nlp) -> None:
    doc = nlp("Voters must show a photo ID. at the polls, the clerk said.")
    assert len(list(doc.sents)) == 1
