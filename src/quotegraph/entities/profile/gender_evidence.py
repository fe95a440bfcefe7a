"""What in an article's text signals a person's gender, each piece with its characters.

- `pronoun`: a she/her/he/him pronoun that refers to the person: one the speaker
  resolution made a mention of theirs (entities/speakers.py: '"...," she said'), or, by a
  conservative rule, the first subject or possessive pronoun after the person's name in
  its sentence or the next, when the name is its clause's subject, no other person is
  named or described anywhere in those sentences, and the pronoun is outside any
  quotation (a quoted "he" is somebody the speaker talks about);
- `honorific`: Ms., Mrs., Miss, Mr., Sir, Dame, Lady, Lord right before a mention, or as
  the mention's first word;
- `role`: a gendered role noun in apposition ("Jane Doe, a spokeswoman for ..."), before
  the name ("Congresswoman Jane Doe") or in predication ("Doe is a businesswoman");
- `kin`: a kin noun naming the person in the same ways ("her husband, John Doe," and "his
  son John": John is male; "Jane Doe, a mother of two,").

Nothing else: not a first name (profile/name_prior.py does that, marked as such, apart),
not a title, not what the person says or does.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...lexicons.gendered_nouns import FEMALE, FEMALE_PRONOUNS, GENDERED_NOUNS, MALE, MALE_PRONOUNS
from ...lexicons.sources import ROLE_NOUNS
from ...lexicons.titles import ANONYMOUS_NOUNS, PEOPLE_NOUNS
from ...record import GenderEvidence
from ...text.ranges import CharRange
from ..mentions import Entity
from ..names import HONORIFICS, TITLE_WORDS

_HONORIFIC_GENDER = {"f": FEMALE, "m": MALE}
# Nouns that stand for some person: one of them between a name and a pronoun is a rival.
_PERSON_NOUNS = PEOPLE_NOUNS | ROLE_NOUNS | ANONYMOUS_NOUNS | TITLE_WORDS | frozenset(GENDERED_NOUNS)
_PRONOUN_ROLES = ("nsubj", "nsubjpass", "poss")
_NOUN_POS = np.array([NOUN, PROPN], dtype=np.uint64)


def evidence_item(kind: str, gender: str, doc: Doc, start: int, end: int) -> GenderEvidence:
    """One piece of evidence over the tokens [start, end) of `doc`, in character offsets."""
    span = doc[start:end]  # its text is doc.text[start_char:end_char]; doc.text joins every token anew
    return GenderEvidence(kind=kind, gender=gender, start=span.start_char, end=span.end_char, text=span.text)


def pronoun_gender(token: Token) -> str | None:
    word = token.lower_
    return FEMALE if word in FEMALE_PRONOUNS else MALE if word in MALE_PRONOUNS else None


def text_evidence(doc: Doc, entity: Entity, entities: Sequence[Entity], quoted: Sequence[CharRange]) -> list[GenderEvidence]:
    """Every piece of text evidence for `entity`'s gender in `doc`, in text order, once each."""
    found: dict[tuple[str, int, int], GenderEvidence] = {}
    names = [(s, e) for s, e in entity.mentions if not (e - s == 1 and pronoun_gender(doc[s]))]
    for start, end in entity.mentions:
        if end - start == 1 and (gender := pronoun_gender(doc[start])) is not None:
            _add(found, evidence_item("pronoun", gender, doc, start, end))
    for start, end in names:
        for item in _honorifics(doc, start, end) + _nouns(doc[start:end]):
            _add(found, item)
    for item in _following_pronouns(doc, entity, names, entities, quoted):
        _add(found, item)
    return sorted(found.values(), key=lambda item: (item.start, item.kind))


def _add(found: dict[tuple[str, int, int], GenderEvidence], item: GenderEvidence) -> None:
    found.setdefault((item.kind, item.start, item.end), item)


def _honorifics(doc: Doc, start: int, end: int) -> list[GenderEvidence]:
    for i in (start - 1, start):
        if 0 <= i < end and (gender := HONORIFICS.get(doc[i].lower_)) is not None:
            if i < start and doc[i].is_lower:  # "the lord said", "my lady": not a form of address
                continue
            return [evidence_item("honorific", _HONORIFIC_GENDER[gender], doc, i, i + 1)]
    return []


def _nouns(name: SpacySpan) -> list[GenderEvidence]:
    """Gendered role and kin nouns that name the person: in apposition either way, right
    before the name in its noun phrase, or predicated of it."""
    doc, root = name.doc, name.root
    candidates: list[Token] = []
    # set off right after the name ("Jane Doe, a spokeswoman,"; not "Bill Clinton and Melania
    # Trump, Donald Trump's wife," where the parse hangs "wife" on the first name)
    if name.end + 1 < len(doc) and doc[name.end].text == ",":
        candidates += [c for c in root.children if c.dep_ == "appos" and c.left_edge.i == name.end + 1]
    if root.dep_ == "appos" and root.head.i < name.start and (
            root.head.i == name.start - 1 or (doc[name.start - 1].text == "," and root.head.i == name.start - 2)):
        candidates.append(root.head)  # "her husband, John Doe," / "her husband John"
    before = name.start - 1
    while before >= 0 and doc[before].dep_ in ("compound", "amod", "nmod") and doc[before].head.i >= before + 1 \
            and doc[before].head.i < name.end and not doc[before].is_punct:
        candidates.append(doc[before])  # "Congresswoman Jane Doe", "his son John"
        before -= 1
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
        candidates += [c for c in root.head.children if c.dep_ in ("attr", "acomp") and c.i > root.i]
    out = []
    for noun in candidates:
        gender_kind = GENDERED_NOUNS.get(noun.lower_) or GENDERED_NOUNS.get(noun.lemma_.lower())
        if gender_kind is not None and noun.pos_ in ("NOUN", "PROPN"):
            out.append(evidence_item(gender_kind[1], gender_kind[0], doc, noun.i, noun.i + 1))
    return out


def _following_pronouns(doc: Doc, entity: Entity, names: Sequence[tuple[int, int]], entities: Sequence[Entity],
                        quoted: Sequence[CharRange]) -> list[GenderEvidence]:
    """The first subject or possessive pronoun after a name of the person that is its
    clause's subject, in its sentence or the next, where no rival person is named or
    described in those sentences (the module docstring's conservative rule); only the
    first, as further ones may already be somebody else."""
    out = []
    own = {i for s, e in entity.mentions for i in range(s, e)}
    rivals: set[int] | None = None  # found when first needed: a scan of the whole doc
    for start, end in names:
        if doc[start].pos_ != "PROPN" or _inside(doc[start].idx, quoted) or not _subject(doc[start:end]):
            continue
        sentence = doc[start].sent
        window_end = sentence.end
        if window_end < len(doc):
            window_end = doc[window_end].sent.end
        pronoun = next((doc[i] for i in range(end, window_end) if pronoun_gender(doc[i]) is not None
                        and doc[i].dep_ in _PRONOUN_ROLES and i not in own and not _inside(doc[i].idx, quoted)), None)
        if pronoun is None:
            continue
        owned = pronoun.head.i if pronoun.dep_ == "poss" else None  # "His lawyer": no rival to "His"
        if rivals is None:
            rivals = _rival_tokens(doc, entity, entities)
        if any(i in rivals and i != owned for i in range(sentence.start, window_end)):
            continue  # "With her husband, Bill Clinton, by her side, Hillary Clinton said"
        out.append(evidence_item("pronoun", pronoun_gender(pronoun), doc, pronoun.i, pronoun.i + 1))  # type: ignore[arg-type]
    return out


def _subject(name: SpacySpan) -> bool:
    """The name is the subject of its clause ("Alex Brown said", "Jane Doe, 45, was named")."""
    return name.root.dep_ in ("nsubj", "nsubjpass")


def _rival_tokens(doc: Doc, entity: Entity, entities: Sequence[Entity]) -> set[int]:
    """Tokens that name or describe a person other than `entity`: another person's
    mention, a person the recogniser found, a noun for a person that is not part of the
    entity's own name, role or apposition."""
    own = {i for s, e in entity.mentions for i in range(s, e)}
    rivals: set[int] = set()
    for other in entities:
        if other is not entity and other.label in ("PERSON", "GROUP"):
            rivals.update(i for s, e in other.mentions for i in range(s, e))
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not any(i in own for i in range(ent.start, ent.end)):
            rivals.update(range(ent.start, ent.end))
    for token in _person_nouns(doc):
        if token.i in own:
            continue
        if token.head.i in own or any(child.i in own for child in token.children):
            continue  # "Jane Doe, a spokeswoman," / "Senator Jane Doe": the person's own role
        rivals.add(token.i)
    return rivals - own


def _person_nouns(doc: Doc) -> list[Token]:
    """The doc's nouns and proper nouns whose lemma is a noun for a person, found from the
    doc's arrays: making a Token of every word, for every person of the article, was most
    of the record's assembly."""
    array = doc.to_array([POS, LEMMA])
    strings = doc.vocab.strings
    nouns = np.flatnonzero(np.isin(array[:, 0], _NOUN_POS))
    return [doc[int(i)] for i in nouns if strings[int(array[i, 1])].lower() in _PERSON_NOUNS]


def _inside(offset: int, ranges: Sequence[CharRange]) -> bool:
    return any(start <= offset < end for start, end in ranges)
