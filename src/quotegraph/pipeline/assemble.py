"""Putting an article's record together from the docs of its pieces.

Huge articles are parsed in pieces; each piece's components number entities, times and
events from 0 ("e0", "t0", "ev0") and give offsets into the piece. Here they are shifted
into the whole text and renumbered on from the pieces before, references included.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..article import Article
from ..entities.profile.gender import gender_profile
from ..errors import ExtractionError
from ..quotes.marks import find_quoted_regions
from ..record import (
    ArticleEntity,
    Event,
    Mention,
    Participant,
    Quote,
    Record,
    RecordError,
    Speaker,
    TimeExpression,
)
from ..text.spans import Span


class RecordBuilder:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.quotes: list[Quote] = []
        self.outer: dict[int, Quote] = {}  # id() of a nested quote -> the quote it is nested in
        self.entities: list[ArticleEntity] = []
        self.times: list[TimeExpression] = []
        self.events: list[Event] = []
        self.failures: list[str] = []

    def add(self, doc: Doc, offset: int) -> None:
        text = doc.text
        entity_ids: dict[str, str] = {}
        entities = doc._.entities or []
        quoted = [(region.open, region.end) for region in find_quoted_regions(text)]
        for entity in entities:
            data = entity.to_dict(doc, text)
            entity_ids[data["id"]] = new_id = f"e{len(self.entities)}"
            gender, evidence = gender_profile(doc, entity, entities, quoted)  # entities/profile/gender.py
            self.entities.append(ArticleEntity(
                id=new_id, name=data["name"], label=data["label"], source_type=data["source_type"],
                titles=data["titles"], affiliations=data["affiliations"], gender=gender,
                gender_evidence=[item.shifted(offset) for item in evidence],
                mentions=[Mention.from_dict(mention).shifted(offset) for mention in data["mentions"]]))
        time_ids: dict[str, str] = {}
        for number, timex in enumerate(doc._.times or []):
            time_ids[f"t{number}"] = new_id = f"t{len(self.times)}"
            self.times.append(replace(timex, id=new_id, start=timex.start + offset, end=timex.end + offset))
        local: dict[str, Quote] = {}  # the doc's quote ids ("q<i>") -> the record's quotes
        for quote in doc._.quotes or []:
            copy = quote.shifted(offset) if offset else replace(quote)
            speaker = copy.speaker
            if speaker is not None and speaker.entity is not None:
                copy.speaker = Speaker(name=speaker.name, entity=entity_ids.get(speaker.entity))
            copy.time = time_ids.get(quote.time) if quote.time else None
            local[quote.id] = copy
            self.quotes.append(copy)
        for quote in local.values():
            if quote.within is not None:
                self.outer[id(quote)] = local[quote.within]
        for event in doc._.events or []:
            sentence = event.get("sentence")
            self.events.append(Event(
                id=f"ev{len(self.events)}",
                trigger=Span.from_dict(event["trigger"]).shifted(offset),
                time=time_ids.get(event["time"]) if event.get("time") else None,
                date=event.get("date"), relation=event.get("relation"), negated=bool(event.get("negated")),
                participants=tuple(Participant(entity=entity_ids.get(p["entity"]), role=p["role"])
                                   for p in event.get("participants", [])),
                sentence=Span.from_dict(sentence).shifted(offset) if sentence else None))
        for failure in doc._.extraction_errors or []:
            self.failures.append(f"at offset {offset}: {failure}")

    def build(self) -> Record:
        self.quotes.sort(key=lambda q: (q.start, q.end))
        for number, quote in enumerate(self.quotes):
            quote.id = f"q{number}"
        for quote in self.quotes:
            if id(quote) in self.outer:
                quote.within = self.outer[id(quote)].id
        article = self.article
        return Record(text=article.text, id=article.id, title=article.title, published=article.published,
                      url=article.url, quotes=self.quotes, entities=self.entities, times=self.times,
                      events=self.events, error=self.error)

    @property
    def error(self) -> RecordError | None:
        if not self.failures:
            return None
        return RecordError(ExtractionError.code, "; ".join(self.failures))
