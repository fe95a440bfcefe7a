"""Sentence boundaries the parser is told before it runs (spaCy's parser keeps boundaries
set before it):

- a blank line after a line with no punctuation at its end ends a sentence: a headline or
  a date line has no full stop, and the parser ran "Acme cuts jobs\n\nMarch 06,
  2008\n\nAcme said ..." into one sentence, so that the headline's verb took the date
  line as its time;
- abbreviations do not: "Voters must show a photo ID. at the polls, the clerk said" is one
  sentence, though the parser would end one after "ID.". A word in lower case right after
  a period does not start a sentence in edited text; a word like "iPhone" (lower case,
  then a capital) may start one, and is left alone.
"""
from __future__ import annotations

from spacy.tokens import Doc


def mark_sentence_starts(doc: Doc) -> Doc:
    """Both rules of the module docstring, paragraphs first."""
    return keep_abbreviations_inside(start_paragraphs(doc))


def start_paragraphs(doc: Doc) -> Doc:
    """Mark the first word after a blank line (whitespace holding two line breaks) as a
    sentence start where the line before ends in a letter or a digit: a headline, a date
    line, a byline. A line ending in punctuation is left to the parser ("He said:" before a
    quoted paragraph stays with it)."""
    for token in doc[2:]:
        previous, last = doc[token.i - 1], doc[token.i - 2]
        if not token.is_space and previous.is_space and previous.text.count("\n") >= 2 \
                and last.text[-1].isalnum():
            token.is_sent_start = True
    return doc


def keep_abbreviations_inside(doc: Doc) -> Doc:
    """Mark every word in lower case after a token ending in a period as no sentence start."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.text.endswith(".") and token.is_alpha and token.text[0].islower() \
                and not (len(token) > 1 and token.text[1].isupper()):
            token.is_sent_start = False
    return doc
