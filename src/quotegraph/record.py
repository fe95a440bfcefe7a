"""The record: the JSON output contract of docs/record.md, as typed objects."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .source_types import upgrade_entity
from .text.spans import Span

QuoteType = Literal["direct", "indirect", "mixed"]
# What a quote's cue says it reports (quotes/kind.py); stores written before statements were
# defined (docs/statements.md) may hold "other" for acts and findings.
StatementKind = Literal["speech", "writing", "thought"]
KINDS: tuple[StatementKind, ...] = ("speech", "writing", "thought")


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


@dataclass(slots=True)
class Record:
    """One article and everything extracted from it; every offset refers to `text`."""

    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    error: dict[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "text": self.text,
            "quotes": [quote.to_dict() for quote in self.quotes],
            "entities": self.entities,
            "times": self.times,
            "events": self.events,
        }
        if self.error is not None:
            out["error"] = self.error
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
            entities=[upgrade_entity(entity) for entity in data.get("entities") or []],
            times=list(data.get("times") or []),
            events=list(data.get("events") or []),
            error=data.get("error"),
        )
