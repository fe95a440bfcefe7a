"""Best-effort speaker names: the source mention expanded to the fullest name the article
gives for it ("Bukele" -> "Nayib Bukele"). Pronouns are resolved only to the speaker of
the quote just before, or the person named just before, and otherwise left unresolved:
full coreference is a separate concern. A name the text does not give is never made up.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan

from .record import Speaker

_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me"})
_LEADING_DETERMINERS = frozenset({"the", "a", "an"})
# How far back (in characters) a pronoun may look for the person it names.
_PRONOUN_WINDOW = 600


def _fullest_name(doc: Doc, ent: SpacySpan) -> str:
    """The longest mention of the same label whose words include all of `ent`'s words."""
    words = {t.lower_ for t in ent if not t.is_punct}
    best = ent.text
    # Labels disagree between mentions of one name ("Nayib Bukele" PERSON, "Bukele" ORG),
    # so any name label may expand a mention; the words must agree.
    for other in doc.ents:
        if other.label_ not in _NAME_LABELS or len(other.text) <= len(best):
            continue
        other_words = {t.lower_ for t in other if not t.is_punct}
        if words <= other_words and other[-1].lower_ == ent[-1].lower_:
            best = other.text
    return best.strip().removesuffix("'s").removesuffix("’s")


_LABEL_PREFERENCE = {"PERSON": 0, "ORG": 1, "FAC": 2, "GPE": 3, "NORP": 4}


def _entity_in(span: SpacySpan) -> SpacySpan | None:
    """The name the mention is about: a name containing its head word ("the company's vice
    president John Smith"), not one merely inside it ("Politicians in Germany")."""
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head is t]
    ents = [e for e in span.doc.ents if e.start >= span.start and e.end <= span.end and e.label_ in _NAME_LABELS]
    heads = [e for e in ents if any(e.start <= root.i < e.end for root in roots)]
    if heads:
        return heads[0]
    # A head noun in apposition or compound with a name ("the US car manufacturer General Motors").
    linked = [e for e in ents if e.root.dep_ in ("appos", "compound", "nsubj") and e.label_ in ("PERSON", "ORG")]
    return min(linked, key=lambda e: _LABEL_PREFERENCE[e.label_]) if linked else None


def resolve_speaker(doc: Doc, source: tuple[int, int] | None, previous: Speaker | None,
                    previous_end: int | None) -> Speaker | None:
    """The speaker named by the token range `source`; `previous` is the speaker of the
    quote before, ending at character `previous_end`."""
    if source is None:
        return None
    span = doc[source[0]:source[1]]
    ent = _entity_in(span)
    if ent is not None:
        return Speaker(name=_fullest_name(doc, ent))
    root = span.root
    if root.pos_ == "PRON":
        if root.lower_ not in _PERSON_PRONOUNS:
            return None
        if previous is not None and previous_end is not None and span.start_char - previous_end <= _PRONOUN_WINDOW:
            return previous
        people = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= span.start
                  and span.start_char - e.end_char <= _PRONOUN_WINDOW]
        return Speaker(name=_fullest_name(doc, people[-1])) if people else None
    words = [t for t in span if not (t.i == span.start and t.lower_ in _LEADING_DETERMINERS)]
    text = doc.text[words[0].idx:words[-1].idx + len(words[-1])] if words else span.text
    return Speaker(name=text) if text else None
