"""Sentence boundaries that survive abbreviations: "Voters must show a photo ID. at the
polls, the clerk said" is one sentence, though the parser would end one after "ID.".

A word in lower case right after a period does not start a sentence in edited text, so
the parser is told so before it runs (spaCy's parser keeps boundaries set before it). A
word like "iPhone" (lower case, then a capital) may start one, and is left alone.
"""
from __future__ import annotations

from spacy.tokens import Doc


def keep_abbreviations_inside(doc: Doc) -> Doc:
    """Mark every word in lower case after a token ending in a period as no sentence start."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.text.endswith(".") and token.is_alpha and token.text[0].islower() \
                and not (len(token) > 1 and token.text[1].isupper()):
            token.is_sent_start = False
    return doc
