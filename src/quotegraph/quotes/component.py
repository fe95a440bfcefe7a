"""The spaCy component `quotegraph_quotes`: sets `doc._.quotes` to a list of `Quote`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .finder import find_quotes

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuoteFinder:
    def __init__(self, name: str, min_confidence: float) -> None:
        self.name = name
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = [q for q in find_quotes(doc) if q.confidence >= self.min_confidence]
        return doc


@Language.factory(
    "quotegraph_quotes",
    assigns=["doc._.quotes"],
    requires=["token.dep", "token.head", "token.tag"],
    default_config={"min_confidence": 0.0},
)
def make_quote_finder(nlp: Language, name: str, min_confidence: float) -> QuoteFinder:
    return QuoteFinder(name, min_confidence)
