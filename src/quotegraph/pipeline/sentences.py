"""Sentence boundaries the parser is told before it runs (spaCy's parser keeps boundaries
set before it):

- a blank line after a line with no punctuation at its end ends a sentence: a headline or
  a date line has no full stop, and the parser ran "Acme cuts jobs\n\nMarch 06,
  2008\n\nAcme said ..." into one sentence, so that the headline's verb took the date
  line as its time;
- an opening quotation mark after a full stop, a question or an exclamation mark and a
  space, before a capital, starts a sentence: "... on an SLS Block 1B. “Using the lift
  capability ...,” Jim Chilton said" was one sentence to the parser, which made the
  quotation part of what the sentence before reported and Chilton's "said" a clause inside
  it;
- abbreviations do not: "Voters must show a photo ID. at the polls, the clerk said" is one
  sentence, though the parser would end one after "ID.". A word in lower case right after
  a period does not start a sentence in edited text; a word like "iPhone" (lower case,
  then a capital) may start one, and is left alone.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

# Abbreviations before a name, after which a quotation mark opens a nickname, not a sentence.
_TITLES = frozenset("mr. mrs. ms. dr. st. gov. sen. rep. gen. lt. col. sgt. capt. prof. rev. no.".split())


def mark_sentence_starts(doc: Doc) -> Doc:
    """The rules of the module docstring, in one pass over the tokens."""
    for token in doc[1:]:
        if _after_headline(doc, token) or _opens_a_quotation_after_a_stop(doc, token):
            token.is_sent_start = True
        elif _after_abbreviation(doc, token):
            token.is_sent_start = False
    return doc


def _after_headline(doc: Doc, token: Token) -> bool:
    """The first word after a blank line (whitespace holding two line breaks) where the
    line before ends in a letter or a digit: a headline, a date line, a byline. A line
    ending in punctuation is left to the parser ("He said:" before a quoted paragraph)."""
    if token.i < 2 or token.is_space:
        return False
    previous, last = doc[token.i - 1], doc[token.i - 2]
    return previous.is_space and previous.text.count("\n") >= 2 and last.text[-1].isalnum()


def _opens_a_quotation_after_a_stop(doc: Doc, token: Token) -> bool:
    """An opening mark (“ or ", with space before it and none after) after a token that ends
    in ".", "?" or "!" ("1B." is one token) and is no title ("Mr. “Fix It” Smith"),
    followed by a capitalised word."""
    if token.text not in ("“", '"') or token.i + 1 >= len(doc):
        return False
    previous, following = doc[token.i - 1], doc[token.i + 1]
    return previous.text[-1:] in (".", "?", "!") and previous.lower_ not in _TITLES and bool(previous.whitespace_) \
        and not token.whitespace_ and following.text[:1].isupper()


def _after_abbreviation(doc: Doc, token: Token) -> bool:
    """A word in lower case after a token ending in a period ("iPhone" excepted)."""
    return doc[token.i - 1].text.endswith(".") and token.is_alpha and token.text[0].islower() \
        and not (len(token) > 1 and token.text[1].isupper())
