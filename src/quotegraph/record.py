"""The record: the JSON output contract of docs/record.md, as typed objects."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .source_types import upgrade_entity
from .text.spans import Span

QuoteType = Literal["direct", "indirect", "mixed"]
# What a quote's cue says it reports (quotes/kind.py); stores written before statements were
# defined (docs/statements.md) may hold "other" for acts and findings.
StatementKind = Literal["speech", "writing", "thought"]
KINDS: tuple[StatementKind, ...] = ("speech", "writing", "thought")
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
# The fields each part of the record knows; anything else a record carries is kept in `extra`.
_ENTITY_FIELDS = frozenset({"id", "name", "label", "titles", "affiliations", "source_type", "gender",
                            "gender_evidence", "mentions", "corpus_id", "wikidata"})
_TIME_FIELDS = frozenset({"id", "start", "end", "text", "type", "value", "mod"})
_EVENT_FIELDS = frozenset({"id", "trigger", "time", "date", "relation", "negated", "participants", "sentence"})


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "name": self.name}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Speaker":
        return cls(name=data["name"], entity=data.get("entity"))


@dataclass(slots=True)
class Quote:
    type: QuoteType
    content: list[Span]
    cue: Span | None = None
    source: Span | None = None
    speaker: Speaker | None = None
    addressee: Span | None = None
    time: str | None = None
    confidence: float = 0.5
    id: str = ""
    # speech | writing | thought (quotes/kind.py); None for rows stored before it existed
    kind: StatementKind | None = None
    # A report nested in another quote's content ("Smith said he expects ..."): that quote's
    # id (quotes/nested.py); None for a quote read from the text itself.
    within: str | None = None

    @property
    def start(self) -> int:
        return min(span.start for span in self.content)

    @property
    def end(self) -> int:
        return max(span.end for span in self.content)

    def shifted(self, offset: int) -> "Quote":
        def shift(span: Span | None) -> Span | None:
            return span.shifted(offset) if span is not None else None

        return Quote(
            type=self.type,
            content=[span.shifted(offset) for span in self.content],
            cue=shift(self.cue),
            source=shift(self.source),
            speaker=self.speaker,
            addressee=shift(self.addressee),
            time=self.time,
            confidence=self.confidence,
            id=self.id,
            kind=self.kind,
            within=self.within,
        )

    def to_dict(self) -> dict[str, Any]:
        def opt(span: Span | None) -> dict[str, Any] | None:
            return span.to_dict() if span is not None else None

        return {
            "id": self.id,
            "type": self.type,
            "content": [span.to_dict() for span in self.content],
            "cue": opt(self.cue),
            "source": opt(self.source),
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "addressee": opt(self.addressee),
            "time": self.time,
            "kind": self.kind,
            "within": self.within,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Quote":
        def opt(span: dict[str, Any] | None) -> Span | None:
            return Span(span["start"], span["end"], span["text"]) if span else None

        return cls(
            type=data["type"],
            content=[Span(s["start"], s["end"], s["text"]) for s in data["content"]],
            cue=opt(data.get("cue")),
            source=opt(data.get("source")),
            speaker=Speaker.from_dict(data["speaker"]) if data.get("speaker") else None,
            addressee=opt(data.get("addressee")),
            time=data.get("time"),
            confidence=data.get("confidence", 0.5),
            id=data.get("id", ""),
            kind=data.get("kind"),
            within=data.get("within"),
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """Where the text names or describes an entity; `reason` says why a bare surname counts
    as the person it was resolved to (entities/mentions.py), and is left out when None."""

    start: int
    end: int
    text: str
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.reason is not None:
            out["reason"] = self.reason
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Mention":
        return cls(start=data["start"], end=data["end"], text=data["text"], reason=data.get("reason"))

    def shifted(self, offset: int) -> "Mention":
        return replace(self, start=self.start + offset, end=self.end + offset)


@dataclass(frozen=True, slots=True)
class GenderEvidence:
    """One piece of what the text signals of a person's gender (entities/profile/): its
    `kind` ("pronoun", "honorific", "noun", ..., or "name_prior" for the first-name statistic),
    the gender it signals and the characters it was read from."""

    kind: str
    gender: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "gender": self.gender, "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "GenderEvidence":
        return cls(kind=data["kind"], gender=data["gender"], start=data["start"], end=data["end"], text=data["text"])

    def shifted(self, offset: int) -> "GenderEvidence":
        return replace(self, start=self.start + offset, end=self.end + offset)


@dataclass(slots=True)
class ArticleEntity:
    """An entity of the article: everything the text calls it, under the fullest name it
    gives (`mentions`), what kind of source it is (`source_type`, source_types.py) and, for a
    person, the gender the text signals (`gender`, null where it signals none)."""

    id: str
    name: str
    label: str
    source_type: str
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    gender: str | None = None
    gender_evidence: list[GenderEvidence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # Read back from a store (store/read.py): the corpus entity it was merged into, and its
    # Wikidata id where an aliases file gave one; left out when None.
    corpus_id: int | None = None
    wikidata: str | None = None
    # Fields this version does not know (a record written by another), kept as they came.
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id, "name": self.name, "label": self.label, "titles": list(self.titles),
            "affiliations": list(self.affiliations), "source_type": self.source_type, "gender": self.gender,
            "gender_evidence": [item.to_dict() for item in self.gender_evidence], **self.extra,
            "mentions": [mention.to_dict() for mention in self.mentions],
        }
        if self.corpus_id is not None:
            out["corpus_id"] = self.corpus_id
        if self.wikidata is not None:
            out["wikidata"] = self.wikidata
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ArticleEntity":
        """An entity of `to_dict()`'s form; one written before `source_type` existed gets it
        from its old flags (source_types.py)."""
        data = upgrade_entity(data)
        return cls(id=data["id"], name=data["name"], label=data["label"], source_type=data["source_type"],
                   titles=list(data.get("titles") or []), affiliations=list(data.get("affiliations") or []),
                   gender=data.get("gender"),
                   gender_evidence=[GenderEvidence.from_dict(item) for item in data.get("gender_evidence") or []],
                   mentions=[Mention.from_dict(mention) for mention in data.get("mentions") or []],
                   corpus_id=data.get("corpus_id"), wikidata=data.get("wikidata"),
                   extra={k: v for k, v in data.items() if k not in _ENTITY_FIELDS})


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression (times/): `start`/`end` are character offsets into the text;
    `value` is a TIMEX3 value ("2025-04-14", "2025-W15", "P1M", "PRESENT_REF", "XXXX-04-14"
    when no publication date anchors it); `mod` a TIMEX3 modifier ("MORE_THAN", "APPROX",
    "START", ...) where it has one, left out when None. The times stage makes these, numbered
    in the doc; the record renumbers them across an article's pieces."""

    id: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # fields this version does not know

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "start": self.start, "end": self.end, "text": self.text,
                               "type": self.type, "value": self.value}
        if self.mod is not None:
            out["mod"] = self.mod
        return {**out, **self.extra}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "TimeExpression":
        return cls(id=data["id"], start=data["start"], end=data["end"], text=data["text"], type=data["type"],
                   value=data["value"], mod=data.get("mod"),
                   extra={k: v for k, v in data.items() if k not in _TIME_FIELDS})


@dataclass(frozen=True, slots=True)
class Participant:
    """An entity taking part in an event, by its id (None where the entity did not reach the
    record), and its `role`: "agent", "patient", "recipient" or "location"."""

    entity: str | None
    role: str
    extra: dict[str, Any] = field(default_factory=dict)  # fields this version does not know

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "role": self.role, **self.extra}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Participant":
        return cls(entity=data.get("entity"), role=data["role"],
                   extra={k: v for k, v in data.items() if k not in ("entity", "role")})


@dataclass(frozen=True, slots=True)
class Event:
    """A predicate anchored to a time expression (events/anchoring.py): its `trigger`, the
    time's id and calendar `date` (None where the value has none), how it stands to the time
    (`relation`: "since", "before", ...; None for on/in/at), whether it is `negated`, its
    `participants`, and the `sentence` it is in."""

    id: str
    trigger: Span
    time: str | None = None
    date: str | None = None
    relation: str | None = None
    negated: bool = False
    participants: tuple[Participant, ...] = ()
    sentence: Span | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # fields this version does not know

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "trigger": self.trigger.to_dict(), "time": self.time, "date": self.date,
            "relation": self.relation, "negated": self.negated,
            "participants": [participant.to_dict() for participant in self.participants],
            "sentence": self.sentence.to_dict() if self.sentence is not None else None, **self.extra,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        sentence = data.get("sentence")
        return cls(id=data["id"], trigger=Span.from_dict(data["trigger"]), time=data.get("time"),
                   date=data.get("date"), relation=data.get("relation"), negated=bool(data.get("negated")),
                   participants=tuple(Participant.from_dict(p) for p in data.get("participants") or []),
                   sentence=Span.from_dict(sentence) if sentence else None,
                   extra={k: v for k, v in data.items() if k not in _EVENT_FIELDS})


@dataclass(frozen=True, slots=True)
class RecordError:
    """Why an article's record is empty or partial: a stable `code` (errors.py, "QG102" for
    an article in another language) and a `reason` for people."""

    code: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RecordError":
        """An error of `to_dict()`'s form; a part missing (a hand-written record) reads as an
        extraction failure's."""
        return cls(code=str(data.get("code", "QG300")), reason=str(data.get("reason", "extraction failed")))


@dataclass(slots=True)
class Record:
    """One article and everything extracted from it; every offset refers to `text`."""

    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    entities: list[ArticleEntity] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    error: RecordError | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "text": self.text,
            "quotes": [quote.to_dict() for quote in self.quotes],
            "entities": [entity.to_dict() for entity in self.entities],
            "times": [time.to_dict() for time in self.times],
            "events": [event.to_dict() for event in self.events],
        }
        if self.error is not None:
            out["error"] = self.error.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        """The record of `to_dict()`'s output (as read back from JSON or Parquet); entities
        written before `source_type` existed get it from their old flags (source_types.py)."""
        return cls(
            text=data["text"],
            id=data.get("id"),
            title=data.get("title"),
            published=data.get("published"),
            url=data.get("url"),
            quotes=[Quote.from_dict(quote) for quote in data.get("quotes") or []],
            entities=[ArticleEntity.from_dict(entity) for entity in data.get("entities") or []],
            times=[TimeExpression.from_dict(time) for time in data.get("times") or []],
            events=[Event.from_dict(event) for event in data.get("events") or []],
            error=RecordError.from_dict(data["error"]) if data.get("error") else None,
        )
