"""quotegraph's spaCy components and the Doc extensions they set.

- `quotegraph_entities` sets `doc._.entities`: the article's entities (`Entity`).
- `quotegraph_quotes` sets `doc._.quotes`: attributed statements (`Quote`), each with its
  speaker resolved to an entity (adding description and group entities as needed).

Results are kept in `doc.user_data` as plain dicts and lists, because spaCy serializes
user_data with msgpack when docs travel between `nlp.pipe` worker processes or to disk;
the extensions rebuild the typed objects on access.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .entities import Entity, build_entities
from .quotes.finder import find_quotes
from .record import Quote

_QUOTES_KEY = "quotegraph.quotes"
_ENTITIES_KEY = "quotegraph.entities"


def _get_quotes(doc: Doc) -> list[Quote] | None:
    stored = doc.user_data.get(_QUOTES_KEY)
    return None if stored is None else [Quote.from_dict(item) for item in stored]


def _set_quotes(doc: Doc, quotes: list[Quote]) -> None:
    doc.user_data[_QUOTES_KEY] = [quote.to_dict() for quote in quotes]


def _get_entities(doc: Doc) -> list[Entity] | None:
    stored = doc.user_data.get(_ENTITIES_KEY)
    return None if stored is None else [Entity.from_store(item) for item in stored]


def _set_entities(doc: Doc, entities: list[Entity]) -> None:
    doc.user_data[_ENTITIES_KEY] = [entity.to_store() for entity in entities]


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=_get_quotes, setter=_set_quotes)
if not Doc.has_extension("entities"):
    Doc.set_extension("entities", getter=_get_entities, setter=_set_entities)
if not Doc.has_extension("quote_error"):
    Doc.set_extension("quote_error", default=None)


class EntityFinder:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.entities = build_entities(doc)
        return doc


class QuoteFinder:
    def __init__(self, name: str, min_confidence: float) -> None:
        self.name = name
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        # A bug on one odd text must not sink a batch: the failure is kept on the doc
        # (and reported in the record's `error`), never silently dropped.
        try:
            entities = doc._.entities
            if entities is None:  # used without quotegraph_entities before it
                entities = build_entities(doc)
            quotes = find_quotes(doc, entities)
            doc._.quotes = [q for q in quotes if q.confidence >= self.min_confidence]
            doc._.entities = entities
        except Exception as err:  # noqa: BLE001 - reported, see above
            doc._.quotes = []
            doc._.quote_error = f"{type(err).__name__}: {err}"
        return doc


@Language.factory("quotegraph_entities", assigns=["doc._.entities"], requires=["doc.ents", "token.dep"])
def make_entity_finder(nlp: Language, name: str) -> EntityFinder:
    return EntityFinder(name)


@Language.factory(
    "quotegraph_quotes",
    assigns=["doc._.quotes", "doc._.entities", "doc._.quote_error"],
    requires=["token.dep", "token.head", "token.tag"],
    default_config={"min_confidence": 0.0},
)
def make_quote_finder(nlp: Language, name: str, min_confidence: float) -> QuoteFinder:
    return QuoteFinder(name, min_confidence)
