"""Placeholder: dated events land in this module (issue 4, in progress)."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from .entities import Entity
from .record import Quote
from .times import Timex


def find_events(doc: Doc, text: str, times: list[Timex], entities: list[Entity], quotes: list[Quote]) -> list[dict[str, Any]]:
    return []
