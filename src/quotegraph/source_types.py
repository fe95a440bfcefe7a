"""What kind of source an entity is: a person, an organisation, a group, an anonymous
individual or a document (the record's `entities[].source_type`, the store's column).

It replaced two flags, `anonymous` and `collective`. Records and stores written before
carry the flags; `legacy_source_type` reads them with the same meaning:

- a collective source ("officials", "protesters", "Some", "her lawyers") is a `group`,
  whether or not it was also flagged anonymous;
- an anonymous one that is not collective ("a senior official", "the woman") is `anonymous`;
- an unnamed description of a document or ruling ("the report", "the ruling"; label GROUP)
  is a `document` (a named one, "the Mueller report", is its maker's or an organisation);
- any other unnamed description of one source (label GROUP, singular: "the refugee", "the
  duo", and the odd noun phrase taken for a source) is `anonymous` too: the text describes it
  and does not name it;
- a "person" whose name has letters but no capital ("federal judge", "candidate", a
  lower-case word the recogniser took for a name) is described, not named: `anonymous`;
- otherwise a person is a `person`, and any other named entity (ORG, GPE, NORP, FAC, ...)
  an `organisation`.

The reader confidence (quotes/acceptance.py) reads its old "collective" and "anonymous"
inputs from the source type and label, so that it scores the statements as it did.
"""
from __future__ import annotations

from typing import Any, Final

from .lexicons.sources import WORK_NOUNS
from .lexicons.titles import RULING_NOUNS

PERSON: Final = "person"
ORGANISATION: Final = "organisation"
GROUP: Final = "group"
ANONYMOUS: Final = "anonymous"
DOCUMENT: Final = "document"
SOURCE_TYPES: Final = (PERSON, ORGANISATION, GROUP, ANONYMOUS, DOCUMENT)
# Sources the text does not name: never one corpus entity across articles, and what the
# store's "unnamed share" counts.
UNNAMED: Final = frozenset({GROUP, ANONYMOUS})
DOCUMENT_NOUNS: Final = WORK_NOUNS | RULING_NOUNS


def source_type_of(label: str, *, anonymous: bool = False, collective: bool = False,
                   document: bool = False) -> str:
    """The source type of an entity the pipeline flagged so (see the module docstring)."""
    if anonymous and not collective:
        return ANONYMOUS
    if document:
        return DOCUMENT
    if collective:
        return GROUP
    if label == "PERSON":
        return PERSON
    if label == "GROUP":
        return ANONYMOUS
    return ORGANISATION


def names_a_document(name: str) -> bool:
    """An unnamed description whose last word is a document's ("the report", "the ruling")."""
    words = name.lower().split()
    return bool(words) and (words[-1] in DOCUMENT_NOUNS or words[-1].rstrip("s") in DOCUMENT_NOUNS)


def names_documents(name: str) -> bool:
    """An unnamed description of several documents ("reports", "new figures"): what the
    pipeline flagged collective before documents had a type of their own."""
    words = name.lower().split()
    return bool(words) and words[-1].endswith("s") and words[-1][:-1] in DOCUMENT_NOUNS or (
        bool(words) and words[-1] in ("data", "figures", "statistics", "estimates", "findings", "records",
                                      "documents"))


def a_description(name: str) -> bool:
    """A name with cased letters and no capital ("federal judge"): a description, not a
    name. Scripts without case (Chinese, Arabic) are never told so."""
    cased = [ch for ch in name if ch.isupper() or ch.islower()]
    return bool(cased) and not any(ch.isupper() for ch in cased)


def flagged_source_type(label: str, name: str, *, anonymous: bool, collective: bool) -> str:
    """The source type of an entity with the old flags, a document told by its name, a
    person described by it (as the pipeline's entities and the store's migration 0008 tell it)."""
    document = label == "GROUP" and names_a_document(name)
    described = label == "PERSON" and not collective and a_description(name)
    return source_type_of(label, anonymous=anonymous or described, collective=collective, document=document)


def legacy_source_type(entity: dict[str, Any]) -> str:
    """The source type of a record entity written before the field existed."""
    return flagged_source_type(str(entity.get("label") or ""), str(entity.get("name") or ""),
                               anonymous=bool(entity.get("anonymous")), collective=bool(entity.get("collective")))


def record_source_type(entity: dict[str, Any]) -> str:
    """A record entity's source type: its field, else read from the old flags."""
    given = entity.get("source_type")
    return str(given) if given else legacy_source_type(entity)


def upgrade_entity(entity: dict[str, Any]) -> dict[str, Any]:
    """A record entity with `source_type` in place of the old flags (unchanged when it has it)."""
    if "source_type" in entity and "anonymous" not in entity and "collective" not in entity:
        return entity
    out = {k: v for k, v in entity.items() if k not in ("anonymous", "collective")}
    out["source_type"] = record_source_type(entity)
    return out
