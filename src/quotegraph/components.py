"""quotegraph's spaCy components and the Doc extensions they set.

- `quotegraph_entities` sets `doc._.entities`: the article's entities (`Entity`).
- `quotegraph_times` sets `doc._.times`: temporal expressions (`Timex`) with TIMEX3 values,
  resolved against the publication date in `doc.user_data["quotegraph.published"]`.
- `quotegraph_quotes` sets `doc._.quotes`: attributed statements (`Quote`), each with its
  speaker resolved to an entity (adding description and group entities as needed).
- `quotegraph_events` sets `doc._.events`: predicates anchored to a time expression, and
  the `time` of quotes whose statement the text dates.

Within a doc, entities, times and events are referred to as "e<i>", "t<i>", "ev<i>" by
their index in the doc's lists; `extract` renumbers them per article.

Results are kept in `doc.user_data` as plain dicts and lists, because spaCy serializes
user_data with msgpack when docs travel between `nlp.pipe` worker processes or to disk;
the extensions rebuild the typed objects on access.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

import datetime as dt

from .entities import Entity, build_entities
from .events import find_events
from .quotes.finder import find_quotes
from .record import Quote
from .times import Timex, find_times

_QUOTES_KEY = "quotegraph.quotes"
_ENTITIES_KEY = "quotegraph.entities"
_TIMES_KEY = "quotegraph.times"
_EVENTS_KEY = "quotegraph.events"
PUBLISHED_KEY = "quotegraph.published"


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


def _get_times(doc: Doc) -> list[Timex] | None:
    stored = doc.user_data.get(_TIMES_KEY)
    return None if stored is None else [Timex.from_dict(item) for item in stored]


def _set_times(doc: Doc, times: list[Timex]) -> None:
    doc.user_data[_TIMES_KEY] = [timex.to_dict() for timex in times]


def _get_events(doc: Doc) -> list[dict] | None:
    return doc.user_data.get(_EVENTS_KEY)


def _set_events(doc: Doc, events: list[dict]) -> None:
    doc.user_data[_EVENTS_KEY] = events


def publication_date(doc: Doc) -> dt.date | None:
    """The anchor for relative times: the article's publication date, if it has one."""
    published = doc.user_data.get(PUBLISHED_KEY)
    return dt.date.fromisoformat(published) if published else None


if not Doc.has_extension("times"):
    Doc.set_extension("times", getter=_get_times, setter=_set_times)
if not Doc.has_extension("events"):
    Doc.set_extension("events", getter=_get_events, setter=_set_events)
if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=_get_quotes, setter=_set_quotes)
if not Doc.has_extension("entities"):
    Doc.set_extension("entities", getter=_get_entities, setter=_set_entities)
if not Doc.has_extension("extraction_errors"):
    Doc.set_extension("extraction_errors", default=None)


class _Component:
    """A bug on one odd text must not sink a batch: a component that fails leaves its
    results empty and records the failure on the doc (`doc._.extraction_errors`), which
    the record reports as its `error`; nothing is silently dropped."""

    empty: dict[str, list] = {}

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        try:
            self.run(doc)
        except Exception as err:  # noqa: BLE001 - reported, see the class docstring
            for attribute, value in self.empty.items():
                setattr(doc._, attribute, value)
            doc._.extraction_errors = [*(doc._.extraction_errors or []), f"{self.name}: {type(err).__name__}: {err}"]
        return doc

    def run(self, doc: Doc) -> None:
        raise NotImplementedError


class EntityFinder(_Component):
    empty = {"entities": []}

    def run(self, doc: Doc) -> None:
        doc._.entities = build_entities(doc)


class TimeFinder(_Component):
    empty = {"times": []}

    def run(self, doc: Doc) -> None:
        doc._.times = find_times(doc, doc.text, publication_date(doc))


class QuoteFinder(_Component):
    empty = {"quotes": []}

    def __init__(self, name: str, min_confidence: float) -> None:
        super().__init__(name)
        self.min_confidence = min_confidence

    def run(self, doc: Doc) -> None:
        entities = doc._.entities
        if entities is None:  # used without quotegraph_entities before it
            entities = build_entities(doc)
        quotes = find_quotes(doc, entities)
        doc._.quotes = [q for q in quotes if q.confidence >= self.min_confidence]
        doc._.entities = entities


class EventFinder(_Component):
    empty = {"events": []}

    def run(self, doc: Doc) -> None:
        quotes = doc._.quotes or []
        doc._.events = find_events(doc, doc.text, doc._.times or [], doc._.entities or [], quotes)
        doc._.quotes = quotes


@Language.factory("quotegraph_entities", assigns=["doc._.entities"], requires=["doc.ents", "token.dep"])
def make_entity_finder(nlp: Language, name: str) -> EntityFinder:
    return EntityFinder(name)


@Language.factory("quotegraph_times", assigns=["doc._.times"], requires=["token.tag"])
def make_time_finder(nlp: Language, name: str) -> TimeFinder:
    return TimeFinder(name)


@Language.factory("quotegraph_events", assigns=["doc._.events", "doc._.quotes"], requires=["doc._.times", "doc._.quotes"])
def make_event_finder(nlp: Language, name: str) -> EventFinder:
    return EventFinder(name)


@Language.factory(
    "quotegraph_quotes",
    assigns=["doc._.quotes", "doc._.entities"],
    requires=["token.dep", "token.head", "token.tag"],
    default_config={"min_confidence": 0.0},
)
def make_quote_finder(nlp: Language, name: str, min_confidence: float) -> QuoteFinder:
    return QuoteFinder(name, min_confidence)
