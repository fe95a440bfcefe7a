"""A person's gender as the article signals it: the record's `gender` and `gender_evidence`.

The text's evidence (profile/gender_evidence.py) decides: all of it one gender gives that
gender; evidence of both gives null, the evidence still listed, so that a reader sees the
conflict. Where the text says nothing, the first name's statistic (profile/name_prior.py)
may give one, as evidence of kind `name_prior` over the first name's characters.
`Options(name_prior=False)` removes it from the records (`without_name_prior`). Nothing
else is ever used: not a title, not a topic, not a guess.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from spacy.tokens import Doc

from ...record import ArticleEntity, GenderEvidence
from ...text.ranges import CharRange
from ..mentions import Entity
from ..names import HONORIFICS, TITLE_WORDS
from .gender_evidence import evidence_item, text_evidence
from .name_prior import NAME_PRIOR, prior_gender


def decide(evidence: Sequence[GenderEvidence]) -> str | None:
    """The gender all the evidence agrees on (the text's over the name statistic), else None."""
    text = {item.gender for item in evidence if item.kind != NAME_PRIOR}
    if text:
        return text.pop() if len(text) == 1 else None
    prior = {item.gender for item in evidence}
    return prior.pop() if len(prior) == 1 else None


def gender_profile(doc: Doc, entity: Entity, entities: Sequence[Entity],
                   quoted: Sequence[CharRange]) -> tuple[str | None, list[GenderEvidence]]:
    """The gender and its evidence of a person of `doc` (offsets into `doc.text`); None and
    no evidence for any other entity and for a source the text leaves unnamed."""
    if entity.label != "PERSON":
        return None, []
    evidence = text_evidence(doc, entity, entities, quoted)
    if not evidence and entity.source_type == "person":
        evidence = _name_prior(doc, entity)
    return decide(evidence), evidence


def _name_prior(doc: Doc, entity: Entity) -> list[GenderEvidence]:
    """The first name's statistic, over the given name of a person named in full: the first
    word of the person's name, found in a mention ("White House Press Secretary Stephanie
    Grisham" holds it past the title); a bare surname, or a name of one word, gives none."""
    words = entity.name.split()
    while words and (words[0].lower() in HONORIFICS or words[0].lower().rstrip(".") in TITLE_WORDS):
        words.pop(0)
    if len(words) < 2 or not words[0].isalpha() or not words[0].istitle():
        return []
    gender = prior_gender(words[0])
    if gender is None:
        return []
    for start, end in sorted(entity.mentions):
        given = next((t for t in doc[start:end] if t.text == words[0]), None)
        if given is not None:
            return [evidence_item(NAME_PRIOR, gender, doc, given.i, given.i + 1)]
    return []


def without_name_prior(entity: ArticleEntity) -> ArticleEntity:
    """A record entity with the name statistic taken out of its evidence and its gender."""
    if not any(item.kind == NAME_PRIOR for item in entity.gender_evidence):
        return entity
    kept = [item for item in entity.gender_evidence if item.kind != NAME_PRIOR]
    return replace(entity, gender=decide(kept), gender_evidence=kept)
