"""A temporal expression as the record carries it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Timex:
    """`start`/`end` are character offsets into the doc's text; `value` is a TIMEX3 value
    ("2025-04-14", "2025-W15", "P1M", "PRESENT_REF", "XXXX-04-14" when no anchor exists);
    `mod` a TIMEX3 modifier ("MORE_THAN", "APPROX", "START", ...)."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text,
                               "type": self.type, "value": self.value}
        if self.mod is not None:
            out["mod"] = self.mod
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Timex":
        return cls(start=data["start"], end=data["end"], text=data["text"], type=data["type"],
                   value=data["value"], mod=data.get("mod"))
