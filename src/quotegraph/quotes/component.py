"""The spaCy component `quotegraph_quotes`: sets `doc._.quotes` to a list of `Quote`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..record import Quote
from .finder import find_quotes

# Quotes are kept in `doc.user_data` as plain dicts, because spaCy serializes user_data
# with msgpack when docs travel between `nlp.pipe` worker processes; `doc._.quotes`
# rebuilds the typed objects on access.
_USER_DATA_KEY = "quotegraph.quotes"


def _get_quotes(doc: Doc) -> list[Quote] | None:
    stored = doc.user_data.get(_USER_DATA_KEY)
    return None if stored is None else [Quote.from_dict(item) for item in stored]


def _set_quotes(doc: Doc, quotes: list[Quote]) -> None:
    doc.user_data[_USER_DATA_KEY] = [quote.to_dict() for quote in quotes]


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=_get_quotes, setter=_set_quotes)
if not Doc.has_extension("quote_error"):
    Doc.set_extension("quote_error", default=None)


class QuoteFinder:
    def __init__(self, name: str, min_confidence: float) -> None:
        self.name = name
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        # A bug on one odd text must not sink a batch: the failure is kept on the doc
        # (and reported in the record's `error`), never silently dropped.
        try:
            doc._.quotes = [q for q in find_quotes(doc) if q.confidence >= self.min_confidence]
        except Exception as err:  # noqa: BLE001 - reported, see above
            doc._.quotes = []
            doc._.quote_error = f"{type(err).__name__}: {err}"
        return doc


@Language.factory(
    "quotegraph_quotes",
    assigns=["doc._.quotes", "doc._.quote_error"],
    requires=["token.dep", "token.head", "token.tag"],
    default_config={"min_confidence": 0.0},
)
def make_quote_finder(nlp: Language, name: str, min_confidence: float) -> QuoteFinder:
    return QuoteFinder(name, min_confidence)
