"""WHERE clauses on `schema.quotes` by who the speaker is and where the article appeared:
the speaker's gender and source type (the corpus entity's, store/profiles.py) and the
article's outlet (outlets.py). `quotegraph quotes` and the web listing filter by them, and
`quotegraph sources` counts by the same definitions, so that every figure of the report is
the length of a listing.

A statement's speaker gender is "unknown" when the speaker's gender is NULL (no evidence,
conflicting evidence, not a person) or the statement has no speaker; its source type is
NO_SPEAKER ("none") when it has no speaker entity.
"""
from __future__ import annotations

import sqlalchemy as sa

from ..source_types import SOURCE_TYPES
from . import schema
from .outlets import articles_of_outlet

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"
SPEAKER_GENDERS = (FEMALE, MALE, UNKNOWN)
NO_SPEAKER = "none"
SOURCE_TYPE_FILTERS = (*SOURCE_TYPES, NO_SPEAKER)


def speaker_gender_condition(gender: str) -> sa.ColumnElement[bool]:
    """Statements whose speaker has `gender` (female, male or unknown)."""
    q, e = schema.quotes, schema.entities
    if gender in (FEMALE, MALE):
        return q.c.speaker_entity_id.in_(sa.select(e.c.id).where(e.c.gender == gender))
    if gender == UNKNOWN:
        return sa.or_(q.c.speaker_entity_id.is_(None),
                      q.c.speaker_entity_id.not_in(sa.select(e.c.id).where(e.c.gender.is_not(None))))
    raise ValueError(f"speaker gender must be one of {', '.join(SPEAKER_GENDERS)}, not {gender!r}")


def source_type_condition(source_type: str) -> sa.ColumnElement[bool]:
    """Statements whose speaker is of `source_type` (or, NO_SPEAKER, that have none)."""
    q, e = schema.quotes, schema.entities
    if source_type == NO_SPEAKER:
        return q.c.speaker_entity_id.is_(None)
    if source_type in SOURCE_TYPES:
        return q.c.speaker_entity_id.in_(sa.select(e.c.id).where(e.c.source_type == source_type))
    raise ValueError(f"source type must be one of {', '.join(SOURCE_TYPE_FILTERS)}, not {source_type!r}")


def outlet_condition(dialect: str, outlet: str) -> sa.ColumnElement[bool]:
    """Statements of the articles from `outlet` (outlets.NO_OUTLET: without a URL)."""
    return schema.quotes.c.article_id.in_(articles_of_outlet(dialect, outlet))
