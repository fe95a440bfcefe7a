"""quotegraph's spaCy components, declared below in the order they run, and the Doc
extensions they set (kept in `doc.user_data` under the keys of quotegraph/keys.py).

1. `quotegraph_sentences`, before the parser: where sentences start.
2. `quotegraph_entities`: `doc._.entities`, the article's entities.
3. `quotegraph_times`: `doc._.times`, temporal expressions.
4. `quotegraph_quotes`: `doc._.quotes`, attributed statements; revises `doc._.entities`
   (`add_speaker_entities`).
5. `quotegraph_events`: `doc._.events`, dated events; revises `doc._.quotes`
   (`date_statements`).

A component writes only what its factory `assigns`; where one revises an earlier one's
output, a named function says so. `SENTENCES` (before the parser) and `COMPONENTS` (after
it) hand this order to pipeline/nlp.py, which adds the components to a spaCy pipeline.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from spacy.language import Language
from spacy.tokens import Doc

from .. import keys
from ..entities.mentions import Entity, build_entities
from ..events.anchoring import find_events
from ..quotes.finder import find_quotes
from ..quotes.model.encoder import load_model
from ..record import Quote, TimeExpression
from ..times import find_times
from .sentences import mark_sentence_starts

SENTENCES = "quotegraph_sentences"
COMPONENTS = ("quotegraph_entities", "quotegraph_times", "quotegraph_quotes", "quotegraph_events")


# Results are kept in `doc.user_data` as plain dicts and lists, because spaCy serializes
# user_data with msgpack when docs travel between `nlp.pipe` worker processes or to disk;
# the extensions rebuild the typed objects on access.
#
# Within a doc, entities, times and events are referred to as "e<i>", "t<i>", "ev<i>" by
# their index in the doc's lists; `extract` renumbers them per article.
def _stored_extension(name: str, key: str, load: Callable[[Any], Any], dump: Callable[[Any], Any]) -> None:
    """`doc._.<name>`: a list kept in `doc.user_data[key]` as plain data (`dump` per item)
    and rebuilt on access (`load` per item); None until a component sets it."""

    def get(doc: Doc) -> list | None:
        stored = doc.user_data.get(key)
        return None if stored is None else [load(item) for item in stored]

    def set_(doc: Doc, items: list) -> None:
        doc.user_data[key] = [dump(item) for item in items]

    if not Doc.has_extension(name):
        Doc.set_extension(name, getter=get, setter=set_)


def _plain(item: Any) -> Any:
    return item


_stored_extension("entities", keys.ENTITIES, Entity.from_store, Entity.to_store)
_stored_extension("times", keys.TIMES, TimeExpression.from_dict, TimeExpression.to_dict)
_stored_extension("quotes", keys.QUOTES, Quote.from_dict, Quote.to_dict)
_stored_extension("events", keys.EVENTS, _plain, _plain)  # events are plain dicts already
if not Doc.has_extension("extraction_errors"):
    Doc.set_extension("extraction_errors", default=None)


def publication_date(doc: Doc) -> dt.date | None:
    """The anchor for relative times: the article's publication date, if it has one."""
    published = doc.user_data.get(keys.PUBLISHED)
    return dt.date.fromisoformat(published) if published else None


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

    def __init__(self, name: str, min_confidence: float, attribution: str, model_path: str | None) -> None:
        super().__init__(name)
        if attribution not in ("model", "rules"):
            raise ValueError(f"{name}: attribution must be 'model' or 'rules', not {attribution!r}")
        self.min_confidence = min_confidence
        self.attribution = attribution
        self.model_path = model_path
        if attribution == "model":
            load_model(model_path)  # fails here, at load time, if the artifact is broken

    def run(self, doc: Doc) -> None:
        entities = doc._.entities
        if entities is None:  # used without quotegraph_entities before it
            entities = build_entities(doc)
        model = load_model(self.model_path) if self.attribution == "model" else None
        quotes = find_quotes(doc, entities, model)
        doc._.quotes = [q for q in quotes if q.confidence >= self.min_confidence]
        add_speaker_entities(doc, entities)


def add_speaker_entities(doc: Doc, entities: list[Entity]) -> None:
    """`quotegraph_quotes` revises `quotegraph_entities`' output: resolving the quotes'
    sources added the entities that speakers need and the recogniser did not give (a
    description, "a senior official"; a group, "protesters"), and `entities` is the list
    with them."""
    doc._.entities = entities


class EventFinder(_Component):
    empty = {"events": []}

    def run(self, doc: Doc) -> None:
        quotes = doc._.quotes or []
        doc._.events = find_events(doc, doc.text, doc._.times or [], doc._.entities or [], quotes)
        date_statements(doc, quotes)


def date_statements(doc: Doc, quotes: list[Quote]) -> None:
    """`quotegraph_events` revises `quotegraph_quotes`' output: `quotes` carry the `time`
    that anchoring the events gave the statements the text dates."""
    doc._.quotes = quotes


# `quotegraph_sentences` (before the parser) starts a sentence after a blank line and keeps
# one from ending at an abbreviation followed by a word in lower case ("a photo ID. at the polls").
@Language.factory("quotegraph_sentences", assigns=["token.is_sent_start"])
def make_sentence_starts(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Before the parser: a sentence starts after a blank line, never at a lower-case word
    after an abbreviation."""
    return mark_sentence_starts


# `quotegraph_entities` sets `doc._.entities`: the article's entities (`Entity`).
@Language.factory("quotegraph_entities", assigns=["doc._.entities"], requires=["doc.ents", "token.dep"])
def make_entity_finder(nlp: Language, name: str) -> EntityFinder:
    return EntityFinder(name)


# `quotegraph_times` sets `doc._.times`: temporal expressions (`TimeExpression`) with TIMEX3 values,
# resolved against the publication date in `doc.user_data[keys.PUBLISHED]`.
@Language.factory("quotegraph_times", assigns=["doc._.times"], requires=["token.tag"])
def make_time_finder(nlp: Language, name: str) -> TimeFinder:
    return TimeFinder(name)


# `quotegraph_quotes` sets `doc._.quotes`: attributed statements (`Quote`), each with its
# speaker resolved to an entity (adding description and group entities as needed).
@Language.factory(
    "quotegraph_quotes",
    assigns=["doc._.quotes", "doc._.entities"],
    requires=["token.dep", "token.head", "token.tag"],
    default_config={"min_confidence": 0.0, "attribution": "model", "model_path": None},
)
def make_quote_finder(nlp: Language, name: str, min_confidence: float, attribution: str,
                      model_path: str | None) -> QuoteFinder:
    """`attribution`: "model" (the trained model; `model_path` an artifact folder, default
    the one shipped in the package) or "rules"."""
    return QuoteFinder(name, min_confidence, attribution, model_path)


# `quotegraph_events` sets `doc._.events`: predicates anchored to a time expression, and
# the `time` of quotes whose statement the text dates.
@Language.factory("quotegraph_events", assigns=["doc._.events", "doc._.quotes"], requires=["doc._.times", "doc._.quotes"])
def make_event_finder(nlp: Language, name: str) -> EventFinder:
    return EventFinder(name)
