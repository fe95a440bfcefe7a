"""Source profiles in the store: an article entity's source type and gender as its record
gives them, and a corpus person's gender from the evidence of all its articles.

A corpus person's gender (entities.gender) is decided by the articles whose record decided
one: those with evidence from the text (a pronoun, an honorific, a role or kin noun) vote
first, and a name statistic counts only where no article's text says anything; votes that
disagree give NULL, as conflicting evidence within one article does. entities.gender_evidence
counts every piece of evidence by gender and kind ({"female": {"pronoun": 12, "honorific":
1}, "male": {}}), so that a reader sees what the decision rests on.

It is recomputed for the persons a batch touches, after linking has regrouped them
(`refresh_genders`), by ingest, by the bulk load and by `relink` alike: the result depends
only on which article entities a person has, not on the order they came in.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Sequence

import sqlalchemy as sa

from ..entities.profile.name_prior import NAME_PRIOR
from ..lexicons.gendered_nouns import FEMALE, MALE
from ..source_types import record_source_type
from . import schema
from .core import in_chunks


def article_profile_columns(entity: dict[str, Any]) -> dict[str, Any]:
    """The source_type, gender and gender_evidence columns of a record entity's row."""
    gender = entity.get("gender")
    return {"source_type": record_source_type(entity), "gender": gender if gender in (FEMALE, MALE) else None,
            "gender_evidence": list(entity.get("gender_evidence") or ()) or None}


def corpus_gender(articles: Iterable[tuple[str | None, Sequence[dict[str, Any]] | None]]
                  ) -> tuple[str | None, dict[str, dict[str, int]] | None]:
    """A corpus person's gender and evidence counts from its articles' (gender, evidence)."""
    counts: dict[str, Counter[str]] = {FEMALE: Counter(), MALE: Counter()}
    text_votes: set[str] = set()
    prior_votes: set[str] = set()
    for gender, evidence in articles:
        kinds = [item.get("kind") for item in evidence or ()]
        for item in evidence or ():
            side = item.get("gender")
            if side in counts:
                counts[side][str(item.get("kind"))] += 1
        if gender in counts:
            (prior_votes if kinds and all(kind == NAME_PRIOR for kind in kinds) else text_votes).add(gender)
    votes = text_votes or prior_votes
    decided = next(iter(votes)) if len(votes) == 1 else None
    if not any(counts.values()):
        return decided, None
    return decided, {side: dict(sorted(kinds.items())) for side, kinds in counts.items()}


def refresh_genders(connection: sa.Connection, entity_ids: Iterable[int | None]) -> None:
    """Recompute entities.gender and .gender_evidence of the persons among `entity_ids`."""
    e, ae = schema.entities, schema.article_entities
    ids = sorted({i for i in entity_ids if i is not None})
    updates = []
    for chunk in in_chunks(ids):
        stored = {row.id: (row.gender, row.gender_evidence) for row in connection.execute(
            sa.select(e.c.id, e.c.gender, e.c.gender_evidence).where(e.c.id.in_(chunk), e.c.label == "PERSON"))}
        members: dict[int, list[tuple[str | None, Any]]] = {entity_id: [] for entity_id in stored}
        for row in connection.execute(sa.select(ae.c.entity_id, ae.c.gender, ae.c.gender_evidence)
                                      .where(ae.c.entity_id.in_(list(stored))).order_by(ae.c.id)):
            members[row.entity_id].append((row.gender, row.gender_evidence))
        for entity_id, articles in members.items():
            new = corpus_gender(articles)
            if new != stored[entity_id]:
                updates.append({"target": entity_id, "new_gender": new[0], "new_evidence": new[1]})
    if updates:
        connection.execute(e.update().where(e.c.id == sa.bindparam("target")).values(
            gender=sa.bindparam("new_gender"), gender_evidence=sa.bindparam("new_evidence", type_=e.c.gender_evidence.type)),
            updates)


def block_entity_ids(connection: sa.Connection, surnames: Iterable[str | None]) -> set[int]:
    """The corpus entities of the article entities with these surnames (the blocks that
    person linking may have regrouped)."""
    ae = schema.article_entities
    found: set[int] = set()
    for chunk in in_chunks(sorted({s for s in surnames if s})):
        found.update(connection.scalars(sa.select(ae.c.entity_id).where(ae.c.surname.in_(chunk)).distinct()))
    return found


def run_entity_ids(connection: sa.Connection, run_id: int) -> set[int]:
    """The corpus entities of the article entities of the articles one run stored."""
    a, ae = schema.articles, schema.article_entities
    return set(connection.scalars(sa.select(ae.c.entity_id).join(a, a.c.id == ae.c.article_id)
                                  .where(a.c.run_id == run_id).distinct()))
