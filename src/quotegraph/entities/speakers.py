"""Who a quote's source mention is: resolving names, pronouns, descriptions and
institutions to the article's entities (coreference for speakers).

No coreference model for spaCy 3.8 installs from PyPI, so this is rules over the parse
and the entity list, with one principle: where the text does not settle who is meant,
say nothing rather than guess (two men in the paragraph and a "he" stays unresolved).
A name the text does not give is never made up: a description with no antecedent
becomes its own entity named by the description ("White House officials").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..lexicons.common_given_names import gender_of
from ..lexicons.places import DEMONYMS, PARTIES, REGIONS
from ..lexicons.sources import ROLE_NOUNS, WORK_NOUNS
from ..lexicons.titles import (
    ANONYMITY_PATTERNS,
    ANONYMOUS_NOUNS,
    NAMED_BODY_NOUNS,
    ORGANISATION_NOUNS,
    PEOPLE_NOUNS,
    RULING_NOUNS,
    TRANSCRIPT_ROLES,
)
from ..text.ranges import CharRange, Paragraphs, subtract
from .mentions import Entity, compatible, meant_by_shorter_form, read_role, subject_of_what_follows
from .names import HONORIFICS, TITLE_WORDS, normalize_title

TokenRange = tuple[int, int]

_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_FIRST_PERSON = frozenset({"i", "me", "we", "us", "my", "our"})
_PLURAL = frozenset({"they", "them", "their"})
_NEUTER = frozenset({"it", "its"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Pronouns that count people without naming them ("Some say ..."): an unnamed group, as
# "Many say" and "Others say" already are (spaCy tags those as adjective and noun).
_QUANTIFIERS = frozenset({"some", "most", "few", "all", "both", "many", "several", "others"})
# Nouns that count a part of a group ("a majority of Americans", "a lot of voters").
_PORTIONS = frozenset({"majority", "minority", "number", "lot", "half", "third", "quarter", "share", "plurality",
                       "handful", "percent", "proportion", "fraction", "group", "couple", "dozen", "hundred",
                       "thousand", "million", "score"})
# What a text may say "shows" or "found" that is no source at all: an event's outcome ("the
# vote showed that residents want the park"); the statement keeps no speaker.
_AFFILIATING = frozenset({"at", "from", "for", "with"})
_NO_SPEAKER_HEADS = frozenset({"vote", "election", "referendum", "ballot", "turnout", "outcome"})
_LOOKBACK_SENTENCES = 3
# A pronoun may take the previous speaker from the paragraph before, not from further back.
_SPEAKER_PARAGRAPH_BREAKS = 1
_ORG_LABELS = ("ORG", "FAC")
_ANONYMITY = re.compile("|".join(ANONYMITY_PATTERNS), re.IGNORECASE)
# Modifiers set off by a comma after a description's head ("The minister, who spoke on
# condition of anonymity,"): they describe the speaker but are not what to call them.
_NONRESTRICTIVE = frozenset({"relcl", "acl", "appos", "advcl", "prep"})
_OPENS_ASIDE = _RELATIVE - {"that"}  # ", who ..." (", that" is no relative clause's start)
# Heads of a description of one person ("the woman", "the actor", "the senator", "an aide");
# those a name in apposition may follow ("his wife, Melania,"); and the relations and roles
# the text may have named someone by before ("his brother Alastair Osman").
_RELATION_HEADS = PEOPLE_NOUNS | ROLE_NOUNS
_APPOSITION_HEADS = _RELATION_HEADS | TITLE_WORDS
_PERSON_HEADS = _APPOSITION_HEADS | ANONYMOUS_NOUNS
# Words of a transcript label that make it a role rather than a name ("MODERATOR:").
_LABEL_ROLES = TRANSCRIPT_ROLES | ROLE_NOUNS | ANONYMOUS_NOUNS


@dataclass
class Resolution:
    entity: Entity | None
    confidence: float


def _age_or_rank(words: SpacySpan) -> bool:
    """The words before a name are an age or a ranking ("the 14th-ranked", "the 56-year-old")."""
    tokens = [t for t in words if t.lower_ not in ("the", "a", "an")]
    return bool(tokens) and tokens[0].text[:1].isdigit() and any("-" in t.text for t in tokens) \
        and tokens[-1].is_lower and tokens[-1].is_alpha


class SpeakerResolver:
    """Resolves source mentions in text order; remembers the speakers resolved so far."""

    def __init__(self, doc: Doc, text: str, paragraphs: Paragraphs, entities: list[Entity],
                 quoted: list[CharRange] | None = None) -> None:
        """`quoted`: the article's quotations (character ranges): names inside them are
        what somebody said, not who is speaking outside them."""
        self.doc = doc
        self.text = text
        self.paragraphs = paragraphs
        self.entities = entities
        self.quoted = quoted or []
        self.sents = list(doc.sents)
        self.sent_index = {sent.start: n for n, sent in enumerate(self.sents)}
        self.previous: tuple[int, Entity] | None = None  # (token index, speaker)
        # the latest speaker's source was coordinated ("he and his wife Kali explained"): a
        # later "they" is those sources, whose speaker is the first (STATEMENTS.md)
        self.previous_coordinated = False
        self.content: list[CharRange] = []  # the content of the quote being resolved
        self.works: dict[str, Entity] = {}  # a document's head lemma -> its maker, as last named

    # -- public ----------------------------------------------------------------------------

    def resolve(self, source: TokenRange | None, content: list[CharRange] | None = None, *,
                remember: bool = True) -> Resolution:
        """Who `source` is; a mention inside the quote's own `content` (character ranges)
        is never the answer ("“Angela Merkel is a friend,” she said": she is not Merkel).
        Without `remember` the answer does not become the latest speaker a later pronoun may
        take (a report nested in another quote's words)."""
        if source is None:
            return Resolution(None, 0.0)
        span = self.doc[source[0]:source[1]]
        self.content = content or []
        result = self._resolve_span(span)
        if result.entity is not None:
            if source not in result.entity.mentions:
                result.entity.mentions.append(source)
            if remember:
                self.previous = (source[0], result.entity)
                self.previous_coordinated = any(c.dep_ == "conj" for c in span.root.children)
        return result

    def remember(self, position: int, entity: Entity | None) -> None:
        """A speaker given without a source (a cue-less quote continuing the previous one)."""
        if entity is not None:
            self.previous = (position, entity)
            self.previous_coordinated = False

    # -- kinds of mention -------------------------------------------------------------------

    def _resolve_span(self, span: SpacySpan) -> Resolution:
        root = span.root
        if root.pos_ == "PRON" and root.lower_ in _MALE | _FEMALE | _PLURAL and root.i == span.start \
                and any(c.dep_ == "conj" for c in root.children):
            # "he and his wife Kali explained": the first of coordinated sources is the
            # speaker (STATEMENTS.md), here the one the pronoun stands for
            return self._pronoun(root)
        named = self._named(span)
        if named is not None:
            return Resolution(named, 0.95)
        root = span.root
        maker = self._maker_of_work(span, root)
        if maker is not None:
            return Resolution(maker, 0.85)
        if len(span) == 1 and root.is_upper and len(root) > 1 and (root.pos_ == "PRON" or root.lower_ in _RELATIVE):
            return Resolution(self._acronym(root), 0.8)  # "says WHO": the organisation, not "who"
        if root.pos_ == "PRON" and (root.lower_ in _QUANTIFIERS or (  # "Those who know him say"
                root.lower_ == "those" and any(c.dep_ == "relcl" for c in root.children))):
            group = self._group(span, root)
            group.anonymous = group.collective = True
            return Resolution(group, 0.6)
        if root.pos_ == "PRON" or root.lower_ in _RELATIVE:
            return self._pronoun(root)
        number = _counted_alone(span)
        if number is not None:
            # "The two lawmakers argue ... “...,” the two write": the group counted so before
            counted = {number, "two"} if number == "both" else {number}
            found = self._nearest(root, lambda e: e.collective and any(
                counted & {t.lower_ for t in self.doc[start:end]} for start, end in e.mentions), require_unique=True)
            if found.entity is not None:
                return Resolution(found.entity, 0.6)
        unrecognised = self._unrecognised_name(span, root)
        if unrecognised is not None:
            return Resolution(unrecognised, 0.8)
        return self._description(span, root)

    def _named(self, span: SpacySpan) -> Entity | None:
        """The entity named by the phrase's head ("the company's vice president John Smith")
        or by a name in apposition to it, never by a name merely inside it ("Politicians
        in Germany")."""
        roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
        best: tuple[tuple[bool, int], Entity] | None = None
        for entity in self.entities:
            for start, end in entity.mentions:
                if not (span.start <= start and end <= span.end):
                    continue
                mention = self.doc[start:end]
                if entity.label == "NORP" and (span[0].lower_ in _DEFINITE or span.root.tag_ in ("NN", "NNP")):
                    continue  # "the Republican", "the Germans", "one Democrat": a description, not a name
                heads = any(start <= r.i < end for r in roots)
                # A name in apposition to the head speaks ("the firm's chief, Alan Mulally");
                # a name that only modifies it does not ("White House officials").
                # A name inside a clause that modifies the head is not the speaker ("those who
                # sketched out paths for Mr. Rubio to win").
                linked = (mention.root.dep_ in ("appos", "nsubj") and entity.label in ("PERSON", "ORG")
                          and (not _in_clause(mention.root, span) or _made_it(mention.root, roots)))
                # "Senate colleague and campaign rival Marco Rubio": the parse makes the name a
                # conjunct of the titles before it
                linked = linked or (mention.root.dep_ == "conj" and entity.label == "PERSON"
                                    and mention.root.head in roots and mention.root.head.pos_ == "NOUN")
                # the head's own name first ("Murphy, the head of Right to Rise USA"), then the longest
                rank = (heads, end - start)
                if (heads or linked) and (best is None or rank > best[0]):
                    best = (rank, entity)
        return best[1] if best else None

    def _maker_of_work(self, span: SpacySpan, root: Token) -> Entity | None:
        """Who made the document or study the source is, where the phrase names them: its
        owner ("Eurogamer's review"), a name before it ("the Oxfam report"), or the object
        of "by", "from" or "in" on it or on a participle of it ("a report by the IEA", "a
        report in the Argus Leader", "data released by the ministry"). Not "of" ("an
        analysis of Trump's returns" is about him), nor a place before it ("a China report").
        The recogniser often misses a publication's name or calls it a place: the proper
        nouns are the name then, an organisation."""
        if not names_a_work(root):
            return None
        holders = {root} | {c for c in root.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN"
                            and c.lemma_.lower() in _MAKING}
        for token in span:
            if token.pos_ != "PROPN" or token.dep_ == "compound" and token.head.pos_ == "PROPN" \
                    or self._in_content(token.i) or token.ent_type_ in ("DATE", "TIME"):
                continue  # "a Bloomberg poll in June": a date is nobody's work
            owner = token.dep_ == "poss" and token.head == root
            before = token.dep_ in ("compound", "nmod") and token.head == root and token.ent_type_ != "GPE"
            by = token.dep_ == "pobj" and token.head.lower_ in ("by", "from", "in") and token.head.head in holders
            if owner or before or by:
                maker = self._organisation_named(token)
                self.works[root.lemma_.lower()] = maker
                return maker
        return None

    def _organisation_named(self, token: Token) -> Entity:
        """The article's entity with a mention at `token`, else an organisation named by the
        proper nouns that end at it ("the Argus Leader")."""
        for entity in self.entities:
            if entity.label in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC") and any(
                    start <= token.i < end for start, end in entity.mentions):
                return entity
        first = token.left_edge.i
        while first < token.i and self.doc[first].pos_ != "PROPN":
            first += 1  # "the", "a 2018": no part of the name
        mention = self.doc[first:token.i + 1]
        name = mention.text
        for entity in self.entities:
            if entity.label == "ORG" and entity.name == name:
                entity.mentions.append((mention.start, mention.end))
                return entity
        entity = Entity(name=name, label="ORG")
        entity.mentions.append((mention.start, mention.end))
        return self._added(entity)

    def _unrecognised_name(self, span: SpacySpan, root: Token) -> Entity | None:
        """A name the entity recogniser missed ("“We are ready,” Lopez told reporters";
        "Lopez, the senator, said", where the tagger may even call "Lopez" an adjective; a
        transcript label "MARCO RUBIO:"): the one person of the article with that surname
        (and given name, where both are given), else a new person where a title in
        apposition or a known given name says it is one. None otherwise (two people share
        the surname, or nothing says person)."""
        def name_like(token: Token) -> bool:  # "Lopez", or a transcript label's "RUBIO"
            return token.is_alpha and (token.is_title or (token.is_upper and len(token) > 1))

        if not name_like(root):
            return None
        if root.lower_ in TITLE_WORDS or root.lower_ in HONORIFICS:
            # "Meanwhile, Doctor says": a title word that is the surname of the one person of
            # the article named so ("Ken Doctor"), standing alone as a name does
            return self._person_by_surname(root) if root.i == span.end - 1 and root.i == span.start else None
        run = [root]
        while run[0].i > span.start and name_like(run[0].nbor(-1)):
            run.insert(0, run[0].nbor(-1))
        while run and (run[0].lower_ in TITLE_WORDS or run[0].lower_ in HONORIFICS):
            run.pop(0)  # "Senator Lopez": the title is not the name
        if not run or any(self._in_content(t.i) for t in run):
            return None
        mention = self.doc[run[0].i:run[-1].i + 1]
        name = " ".join(t.text.capitalize() if t.is_upper else t.text for t in run)  # "MARCO RUBIO" -> "Marco Rubio"
        # "the 14th-ranked Schwartzman", "the 56-year-old Mourinho": an age or a ranking says
        # person, whatever label the recogniser gave the name elsewhere in the article
        aged = run[0].i > span.start and _age_or_rank(self.doc[span.start:run[0].i])
        labels = ("PERSON", "ORG", "GPE", "FAC", "PRODUCT", "NORP") if aged else ("PERSON",)
        people = [e for e in self.entities if e.label in labels and not e.anonymous and e.words
                  and compatible(e, mention, "PERSON")]
        if len(people) > 1:
            meant, reason = meant_by_shorter_form(people, mention)
            if meant is None or reason is None:
                return None
            meant.mentions.append((mention.start, mention.end))
            meant.reasons[(mention.start, mention.end)] = reason
            return meant
        if people:
            person = people[0]
            person.label = "PERSON"
            if len(run) > len(person.words):  # "MARCO RUBIO:" names the article's "Rubio" in full
                person.name = name
            return person
        titles = [c for c in root.children if c.dep_ == "appos" and c.lower_ in TITLE_WORDS]
        gender = gender_of(run[0].text) if len(run) > 1 else None
        if not titles and gender is None and not aged and not self._transcript_label(run):
            return None
        entity = Entity(name=name, label="PERSON", gender=gender)
        entity.mentions.append((run[0].i, run[-1].i + 1))
        for title in titles:
            read_role(entity, title)
        return self._added(entity)

    def _person_by_surname(self, token: Token) -> Entity | None:
        """The one person of the article whose name has more than one word and ends in
        `token`'s word, when `token` is capitalised and stands alone (a singular common noun
        would take an article: "the king said")."""
        if not token.is_title:
            return None
        people = [e for e in self.entities if e.label == "PERSON" and not e.anonymous and len(e.words) > 1
                  and e.words[-1] == token.lower_]
        return people[0] if len(people) == 1 else None

    def _transcript_label(self, run: list[Token]) -> bool:
        """"SMITH: We have to act now.": a name in capitals opening a line before a colon,
        which is how transcripts print a person's turn (unless the words are a role:
        "MODERATOR:", "AUDIENCE MEMBER:")."""
        last = run[-1]
        opens_line = run[0].idx == 0 or self.text[:run[0].idx].rstrip(" \t").endswith("\n")
        return (opens_line and last.i + 1 < len(self.doc) and self.doc[last.i + 1].text == ":"
                and all(t.is_upper for t in run)
                and not any(t.lower_ in _LABEL_ROLES for t in run))

    def _pronoun(self, token: Token) -> Resolution:
        word = token.lower_
        if word in _RELATIVE:
            head = token.head.head if token.head.dep_ == "relcl" else None
            if head is not None:
                phrase = self.doc[head.left_edge.i:head.i + 1]
                return self._resolve_span(phrase)
            return Resolution(None, 0.0)
        if word in _FIRST_PERSON:
            return Resolution(None, 0.0)
        if word in _MALE or word in _FEMALE:
            return self._person_pronoun(token, "m" if word in _MALE else "f")
        if word in _NEUTER:
            # "Boeing ... confirmed that its approach makes use of the SLS. ..., it said": the
            # organisation that spoke last, not the one named last inside its words
            if self._recent_speaker(token, lambda e: e.label in _ORG_LABELS and not e.collective):
                return Resolution(self.previous[1], 0.75)  # type: ignore[index]
            return self._nearest(token, lambda e: e.label in _ORG_LABELS, require_unique=False)
        if word in _PLURAL:
            if self._recent_speaker(token, lambda e: self.previous_coordinated or e.collective
                                    or e.label in _ORG_LABELS or e.label == "GROUP"):
                return Resolution(self.previous[1], 0.7)  # type: ignore[index]
            return self._nearest(token, lambda e: e.collective or e.label == "GROUP", require_unique=True)
        return Resolution(None, 0.0)

    def _person_pronoun(self, token: Token, gender: str) -> Resolution:
        def fits(entity: Entity) -> bool:
            return entity.label == "PERSON" and entity.gender in (None, gender)

        if self._recent_speaker(token, fits):
            found = Resolution(self.previous[1], 0.85)  # type: ignore[index]
        else:
            # The subject of the sentence before, or of this one, when it is the only candidate.
            found = self._nearest(token, fits, require_unique=True)
        if found.entity is not None and found.entity.gender is None:
            # "she said in an email": a later "he" is somebody else
            found.entity.gender = gender
        return found

    def _description(self, span: SpacySpan, root: Token) -> Resolution:
        if self._said_anonymously(span):
            # kept unnamed on purpose: never one of the article's named people
            entity = self._group(span, root)
            entity.anonymous = True
            return Resolution(entity, 0.6)
        head = root.lemma_.lower()
        if head in _NO_SPEAKER_HEADS and not any(c.dep_ in ("compound", "poss") for c in root.children):
            return Resolution(None, 0.0)
        if head in _APPOSITION_HEADS:
            for child in root.children:  # "his wife, Melania,": the name in apposition
                if child.dep_ == "appos" and child.pos_ == "PROPN" and child.is_title and child.i > root.i \
                        and self.doc[child.left_edge.i - 1].text == ",":
                    return Resolution(self._named_in_apposition(self.doc[child.left_edge.i:child.i + 1], child), 0.8)
        determiner = span[0].lower_ if len(span) else ""
        definite = determiner in _DEFINITE or span[0].dep_ == "poss"
        if definite and head in TITLE_WORDS and root.tag_ != "NNS":  # "the founders" are not one person
            found = self._by_title(span, root)
            if found is not None:
                return Resolution(found, 0.75)
        if definite and head in RULING_NOUNS | {"court", "judge", "justice"}:
            nearest = self._nearest(root, _is_court, require_unique=False)
            if nearest.entity is not None:
                return Resolution(nearest.entity, 0.7)
        # "the company" is the one named last; "the companies" are several, named as such
        if definite and head in ORGANISATION_NOUNS and head not in ("court",) and root.tag_ not in ("NNS", "NNPS") \
                and not self._named_by_modifier(root):
            def organisation(entity: Entity) -> bool:
                if head == "party":  # "the party" is a party, not the news agency named last
                    return entity.label in _ORG_LABELS and _is_party(entity)
                return entity.label in _ORG_LABELS and not _is_court(entity) and (
                    head not in NAMED_BODY_NOUNS or head in entity.name.lower().split())

            nearest = self._nearest(root, organisation, require_unique=False)
            if nearest.entity is not None:
                return Resolution(nearest.entity, 0.7)
        if definite and head in _RELATION_HEADS and root.tag_ == "NN":
            found = self._by_relation(root)  # "his brother Alastair Osman ... his brother added"
            if found is not None:
                return Resolution(found, 0.7)
        if head in _SPEAKS_FOR_SOMEONE:
            found = self._speaks_for(root)
            if found is not None:
                return Resolution(found, 0.7)
        if definite and _an_age(span) and self._recent_speaker(root, lambda e: e.label == "PERSON"):
            assert self.previous is not None
            return Resolution(self.previous[1], 0.7)  # "“...,” Mourinho said. ... the 56-year-old said"
        if definite and head in ROLE_NOUNS and root.tag_ == "NN" and self._introduced_unnamed(root):
            # "When a nurse who had treated Ebola patients returned, the governor ordered a
            # quarantine. The nurse later sued": the nurse the text introduced, unnamed
            return Resolution(self._group(span, root), 0.6)
        if definite and (head in ROLE_NOUNS and head not in TITLE_WORDS and root.tag_ == "NN" or _an_age(span)):
            found = self._latest_person(root)  # "Tom Hanks ... The actor said", "the 56-year-old said"
            if found is not None:
                return Resolution(found, 0.7)
        if definite and head in self.works and root.tag_ == "NN" and not self._named_by_modifier(root):
            return Resolution(self.works[head], 0.7)  # "a report in the Argus Leader ... The report says"
        if definite and head in _DOCUMENTS and not any(c.dep_ in ("compound", "poss", "nmod") for c in root.children):
            found = self._issuer(root)  # "the US military said in a statement ... the statement said"
            if found is not None:
                return Resolution(found, 0.7)
        body = self._body_before(root, span) if head in _DOCUMENTS | _SPOKEN_FOR_BY_BODY else None
        if body is not None:
            return Resolution(body, 0.7)  # "according to the office release"
        if root.lower_ in PARTIES and definite:  # "the Republican"
            party = PARTIES[root.lower_]
            nearest = self._nearest(root, lambda e: e.label == "PERSON" and party in e.affiliations,
                                    require_unique=True)
            if nearest.entity is not None:
                return Resolution(nearest.entity, 0.7)
        return Resolution(self._group(span, root), 0.6)

    # -- helpers ----------------------------------------------------------------------------

    def _named_by_modifier(self, root: Token) -> bool:
        """"the Obama administration", "the Trump campaign", "Clinton's campaign": the
        description names its own body through a name before its head; no antecedent needed."""
        return any(child.dep_ in ("compound", "poss", "amod", "nmod") and child.i < root.i
                   and (child.pos_ == "PROPN" or child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                        or (child.dep_ == "poss" and self._person_by_surname(child) is not None))
                   for child in root.children)

    def _body_before(self, root: Token, span: SpacySpan) -> Entity | None:
        """The organisation a body noun before a document or a management names, for a noun
        that bodies carry in their names: "according to the office release" is the latest
        organisation before whose name holds "office" ("the U.S. Attorney's Office ...").
        None where no such noun opens the source or no such organisation is named ("Company
        management" stays unnamed: the latest or the most named organisation is as often the
        wrong one, "Wall Street predicted" or a headline)."""
        first = span.start + (span[0].lower_ in _DEFINITE)  # the noun opens the source, after "the"
        modifier = next((c for c in root.children if c.dep_ == "compound" and c.i == first
                         and c.lemma_.lower() in NAMED_BODY_NOUNS), None)
        if modifier is None:
            return None
        word = modifier.lemma_.lower()
        return self._nearest(root, lambda e: e.label in _ORG_LABELS and word in e.name.lower().split(),
                             require_unique=False, window=None).entity

    def _said_anonymously(self, span: SpacySpan) -> bool:
        """The source says it is kept unnamed ("an official who asked not to be identified"),
        or, for a source that is people, its sentence does outside the quote's own words ("...,
        a strategist said, speaking on condition of anonymity"; not "the company" beside
        them)."""
        if _ANONYMITY.search(span.text):
            return True
        head = span.root.lemma_.lower()
        if not (span.root.tag_ in ("NNS", "NNPS") or head in PARTIES or head in _PERSON_HEADS):
            return False
        sentence = span.root.sent
        outside = subtract((sentence.start_char, sentence.end_char), self.content)
        return any(_ANONYMITY.search(self.text[a:b]) for a, b in outside)

    def _acronym(self, token: Token) -> Entity:
        """The organisation an all-capitals word names ("WHO", "NATO"), one entity per name."""
        for entity in self.entities:
            if entity.name == token.text and entity.label in _ORG_LABELS:
                return entity
        return self._added(Entity(name=token.text, label="ORG"))

    def _latest_person(self, token: Token) -> Entity | None:
        """The person named last before `token`, within the look-back window, outside any
        quotation: who a role noun ("the actor", "the designer") stands for."""
        first_allowed = self._window_start(token)
        best: tuple[int, Entity] | None = None
        # a name the recogniser also calls a place or a body ("sacked by Manchester United"
        # tagged a person once) is no person to stand for
        bodies = {e.name.lower() for e in self.entities if e.label in ("ORG", "GPE", "FAC", "NORP", "LOC")}
        for entity in self.entities:
            if entity.label != "PERSON" or entity.anonymous or entity.name.lower() in bodies:
                continue
            for start, end in entity.mentions:
                if first_allowed <= start and end <= token.i and not self._in_quotation(start) \
                        and _names(self.doc[start:end], entity) and (best is None or start > best[0]):
                    best = (start, entity)
        return best[1] if best else None

    def _introduced_unnamed(self, root: Token) -> bool:
        """The sentences before `root` ("the nurse") introduce one with its noun ("a nurse
        who ...") and no name beside it ("Jane Doe, a nurse," is named)."""
        head = root.lemma_.lower()
        for token in self.doc[self._window_start(root):root.i]:
            if token.lemma_.lower() != head or token.tag_ != "NN" or self._in_quotation(token.i):
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
                continue
            named = (token.dep_ == "appos" and token.head.pos_ == "PROPN") or any(
                c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in token.children) or (
                token.dep_ == "attr" and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in token.head.children))
            if not named:
                return True
        return False

    def _speaks_for(self, root: Token) -> Entity | None:
        """Whose office, team or lawyer `root` is, by its possessor: a pronoun ("Gov. Ana Ruiz
        ... Her office said": Ana Ruiz's office) or a surname the tagger reads as a plural
        noun ("Sanders' team said")."""
        for owner in root.children:
            if owner.dep_ != "poss":
                continue
            if owner.lower_ in _MALE | _FEMALE:
                person = self._person_pronoun(owner, "m" if owner.lower_ in _MALE else "f").entity
            elif owner.pos_ != "PROPN":
                person = self._person_by_surname(owner)
            else:
                continue
            if person is None:
                continue
            start = owner.i + 1
            while start < root.i and self.doc[start].dep_ == "case":  # the "'" or "’s" after it
                start += 1
            return self._theirs(person, self.doc[start:root.i + 1].text)
        return None

    def _window_start(self, token: Token, window: int = _LOOKBACK_SENTENCES) -> int:
        """The first token of the `window` sentences before `token`'s own."""
        current = self.sent_index.get(token.sent.start, 0)
        return self.sents[max(0, current - window)].start

    def _theirs(self, person: Entity, what: str) -> Entity:
        """The group or body that speaks for `person` ("Ana Ruiz's office"), one per name."""
        name = f"{person.name}’s {what}"
        for entity in self.entities:
            if entity.name == name:
                return entity
        entity = Entity(name=name, label="ORG", collective=what.endswith("s"))
        entity.add_affiliation(person.name)
        return self._added(entity)

    def _issuer(self, token: Token) -> Entity | None:
        """Who issued a document the text points to with no name of its own ("the statement",
        "the release"; not "the state's website"; "the office release" is `_body_before`'s): the narrative's
        latest speaker when named in this paragraph or the one before, else the one
        organisation named within the look-back window."""
        if self._recent_speaker(token, lambda entity: not entity.collective and not entity.anonymous):
            assert self.previous is not None
            return self.previous[1]
        return self._nearest(token, lambda e: e.label in _ORG_LABELS, require_unique=True).entity

    def _in_quotation(self, token_index: int) -> bool:
        offset = self.doc[token_index].idx
        return any(start <= offset < end for start, end in self.quoted)

    def _in_content(self, token_index: int) -> bool:
        offset = self.doc[token_index].idx
        return any(start <= offset < end for start, end in self.content)

    def _by_title(self, span: SpacySpan, root: Token) -> Entity | None:
        """"the senator", "the Central American president": a person with that title whose
        affiliations agree with the description's adjectives."""
        adjectives = " ".join(t.lower_ for t in span if t.i != root.i and t.lower_ not in _DEFINITE and t.dep_ != "poss")
        places: set[str] | None = None
        padded = f" {adjectives} "
        for key, region in REGIONS.items():
            if f" {key} " in padded:
                places = region
        if places is None:
            demonyms = [key for key in DEMONYMS if f" {key} " in padded]
            if demonyms:
                places = {DEMONYMS[max(demonyms, key=len)]}
        place = None if places is not None else _place_named_in(span, root)

        def fits(entity: Entity) -> bool:
            if entity.label != "PERSON":
                return False
            titles = {normalize_title(word) for title in entity.titles for word in title.split()}
            if normalize_title(root.lower_) not in titles and normalize_title(root.lemma_) not in titles:
                return False
            if place is not None:
                return place in entity.affiliations
            return places is None or bool(places & set(entity.affiliations))

        found = self._nearest(root, fits, require_unique=False, window=None).entity
        if found is not None:
            return found
        party = next((PARTIES[t.lower_] for t in span if t.i < root.i and t.lower_ in PARTIES), None)
        if place is None and party is None:
            return None
        # "Marco Rubio says ... The Florida senator is predicting": a senator of a place (or a
        # party's candidate) no titled person is known to be is the person the text is writing
        # about, the one subject of the sentences just before, not another senator named
        # nearer nor one of another party
        return self._nearest(root, lambda e: e.label == "PERSON" and not (
            party is not None and any(a in PARTIES.values() and a != party for a in e.affiliations))
            and any(start < root.sent.start for start, _ in e.mentions), require_unique=True).entity

    def _named_in_apposition(self, name: SpacySpan, root: Token) -> Entity:
        """The person a description of a person names in apposition ("His wife, Melania,"):
        the article's person of that name, else a new one (the recogniser may call a lone
        given name a place)."""
        found = self._named(name)
        if found is not None and found.label in ("PERSON", "ORG"):
            return found
        found = self._unrecognised_name(name, root)
        if found is not None:
            return found
        person = Entity(name=name.text, label="PERSON", gender=gender_of(name[0].text))
        person.mentions.append((name.start, name.end))
        return self._added(person)

    def _added(self, entity: Entity) -> Entity:
        """`entity`, numbered and added to the article's entities."""
        entity.id = f"e{len(self.entities)}"
        self.entities.append(entity)
        return entity

    def _by_relation(self, root: Token) -> Entity | None:
        """The one person the text named with this noun before ("his brother Alastair Osman",
        "Jane Miller, her friend," / "Her friend, Jane Miller,"): who "his brother" or "the
        friend" is later."""
        head = root.lemma_.lower()

        def named_so(entity: Entity) -> bool:
            if entity.label != "PERSON":
                return False
            for start, end in entity.mentions:
                if end > root.i:
                    continue
                name = self.doc[start:end].root
                if start > 0 and self.doc[start - 1].lemma_.lower() == head and self.doc[start - 1].i != root.i:
                    return True
                if any(c.dep_ == "appos" and c.lemma_.lower() == head and not subject_of_what_follows(c)
                       for c in name.children):
                    return True
                if name.dep_ == "appos" and name.head.lemma_.lower() == head and name.head.i != root.i:
                    return True
            return False

        return self._nearest(root, named_so, require_unique=True).entity

    def _recent_speaker(self, token: Token, fits) -> bool:
        if self.previous is None:
            return False
        position, entity = self.previous
        breaks = self.paragraphs.index(token.idx) - self.paragraphs.index(self.doc[position].idx)
        return fits(entity) and position < token.i and breaks <= _SPEAKER_PARAGRAPH_BREAKS

    def _nearest(self, token: Token, fits, *, require_unique: bool, window: int | None = _LOOKBACK_SENTENCES) -> Resolution:
        """The entity most recently mentioned before `token` (subjects first), within
        `window` sentences; with `require_unique`, nothing when two candidates compete."""
        sent_start = token.sent.start
        first_allowed = 0 if window is None else self._window_start(token, window)
        candidates: list[tuple[int, bool, Entity]] = []
        for entity in self.entities:
            if not fits(entity):
                continue
            for start, end in entity.mentions:
                if first_allowed <= start and end <= token.i and not self._in_content(start):
                    root = self.doc[start:end].root
                    subject = root.dep_ in ("nsubj", "nsubjpass") or (
                        root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass"))
                    candidates.append((start, subject, entity))
        if not candidates:
            return Resolution(None, 0.0)
        distinct = {id(c[2]) for c in candidates}
        if require_unique and len(distinct) > 1:
            subjects = {id(c[2]): c[2] for c in candidates if c[1]}
            latest_sentence = max(self.doc[c[0]].sent.start for c in candidates)
            latest_subjects = {id(c[2]): c[2] for c in candidates if c[1] and self.doc[c[0]].sent.start == latest_sentence}
            if len(latest_subjects) == 1:
                return Resolution(next(iter(latest_subjects.values())), 0.6)
            if len(subjects) == 1 and len(latest_subjects) == 0:
                return Resolution(next(iter(subjects.values())), 0.5)
            return Resolution(None, 0.0)
        start, _, entity = max(candidates, key=lambda c: (c[1] and self.doc[c[0]].sent.start == sent_start, c[0]))
        return Resolution(entity, 0.7)

    def _group(self, span: SpacySpan, root: Token) -> Entity:
        """A speaker the article does not name: the description itself, as its own entity."""
        asides = [child.left_edge.i - 1 for child in root.children
                  if child.dep_ in _NONRESTRICTIVE and child.i > root.i and child.left_edge.i > span.start
                  and self.doc[child.left_edge.i - 1].text == ","]
        asides += [t.i for t in span[:-1] if t.i > root.i and t.text == "," and t.nbor().lower_ in _OPENS_ASIDE]
        end = min(asides, default=span.end)  # the name stops at the comma before the first aside
        plural = root.tag_ in ("NNS", "NNPS") or (_a_portion(root) and any(  # "a majority of Americans"
            c.dep_ == "prep" and c.lower_ == "of" and any(o.tag_ in ("NNS", "NNPS") for o in c.children)
            for c in root.children)) or any(  # "four former staff"
            c.dep_ == "nummod" and c.like_num and c.lower_ not in ("one", "1") for c in root.children)
        after = _after_the_head(root, span) if plural or names_a_work(root) else []
        end = min([end] + [child.left_edge.i for child in after])
        words = [t for t in span if not (t.i == span.start and t.lower_ in ("the", "a", "an")) and t.i < end]
        while plural and len(words) > 1 and words[0].like_num and words[0].head == root:
            words.pop(0)  # "Four former bakery staff": the staff, not how many
        while words and (words[-1].is_punct or words[-1].lower_ in _RELATIVE):
            words.pop()  # "Lopez, the senator," and "MARCO RUBIO:" end at the name, "an official who" at its head
        name = self.text[words[0].idx:words[-1].idx + len(words[-1])] if words else span.text
        for entity in self.entities:
            if entity.label in ("GROUP", "ORG") and entity.name.lower() == name.lower() and (plural or span[0].lower_ in _DEFINITE):
                return entity
        head = root.lemma_.lower()
        names_someone = any(t.ent_type_ == "PERSON" and not _someone_else_s(t, root) for t in span)
        anonymous = head in ANONYMOUS_NOUNS and not names_someone
        if plural:
            label = "GROUP"
        elif head in ORGANISATION_NOUNS or root.pos_ == "PROPN":
            label = "ORG"
        else:
            label = "PERSON" if head in _PERSON_HEADS else "GROUP"
        if not plural and head in PARTIES and head != "gop":
            label = "PERSON"  # "one Republican involved in the planning"
        if label == "PERSON" and head not in TITLE_WORDS and not names_someone:
            # a private person the article describes without naming ("the woman", "his
            # brother", "a voter in Iowa"): an unnamed source; a title ("the French president")
            # points at a public figure the reader can name, so it is not flagged
            anonymous = True
        entity = Entity(name=name, label=label, anonymous=anonymous, collective=plural)
        read_role(entity, root)
        for affiliation in filter(None, map(_affiliation_in, after)):
            entity.add_affiliation(affiliation)
        return self._added(entity)


def _names(mention: SpacySpan, entity: Entity) -> bool:
    """`mention` names `entity` rather than describing it ("the actor", "he"): a proper noun
    opens it, or its words are words of the name ("Simmons teased ...", where the tagger
    reads the surname as a plural common noun)."""
    if mention[0].pos_ == "PROPN":
        return True
    name = set(entity.name.split())
    return all(token.is_title and token.text in name for token in mention)


def _counted_alone(span: SpacySpan) -> str | None:
    """The number word of a source that is only a number standing for people counted before
    ("the two", "both"); None for any other source."""
    words = [t for t in span if t.lower_ != "the"]
    if len(words) != 1:
        return None
    word = words[0]
    counted = word.lower_ == "both" or (word.pos_ == "NUM" and word.like_num and word.lower_ not in ("one", "1"))
    return word.lower_ if counted else None


def _is_party(entity: Entity) -> bool:
    """A political party by its name ("the Labour Party", "GOP", "Democrats Abroad")."""
    words = entity.name.lower().split()
    return "party" in words or (bool(words) and words[0].rstrip("s") in PARTIES)


def _place_named_in(span: SpacySpan, root: Token) -> str | None:
    """The place a description names before its head after "the" ("the Florida senator",
    "the New York congresswoman"), as the recogniser tags it; None if none, or if the place
    is a possessor ("Colorado's delegation chairman" is somebody new)."""
    if not len(span) or span[0].lower_ != "the" or any(t.tag_ == "POS" for t in span if t.i < root.i):
        return None
    words = [t.text for t in span if t.i < root.i and t.ent_type_ == "GPE" and t.is_title]
    return " ".join(words) or None


def _someone_else_s(name: Token, root: Token) -> bool:
    """Whether the name in a description is whom the described one belongs to or works for
    ("Pagliano's lawyer", "a spokeswoman for Hillary Clinton"), not who the description is
    ("his brother Alastair Osman")."""
    token = name
    while token.i != root.i and token.head.i != token.i:
        if token.dep_ in ("poss", "pobj"):
            return True
        token = token.head
    return False


def _a_portion(noun: Token) -> bool:
    """"a majority", "a group", "dozens", "hundreds": a noun for some of what follows "of"."""
    return noun.lower_ in _PORTIONS or noun.lemma_.lower() in _PORTIONS


def _after_the_head(root: Token, span: SpacySpan) -> list[Token]:
    """What follows a group's or a document's head and is no part of its name: a clause or a
    phrase other than "of" ("former bakery staff behind an online petition", "residents who
    live near the plant", "a release sent to media from the union late Friday"), on the
    head and, for a portion ("a group of parents from ..."), on what it is a portion of."""
    heads = [root] + [o for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and _a_portion(root)
                      for o in c.children if o.dep_ == "pobj"]
    return [child for head in heads for child in head.children
            if child.i > head.i and span.start <= child.left_edge.i < span.end
            and (child.dep_ in ("relcl", "acl") or (child.dep_ == "prep" and child.lower_ != "of"))]


def _affiliation_in(phrase: Token) -> str | None:
    """"officials at the ministry", "staff from Acme": the body a group is at or from."""
    if phrase.dep_ != "prep" or phrase.lower_ not in _AFFILIATING:
        return None
    body = next((o for o in phrase.children if o.dep_ == "pobj"), None)
    if body is None or not (body.pos_ == "PROPN" or body.lemma_.lower() in ORGANISATION_NOUNS):
        return None
    words = [t for t in body.subtree if not (t.i == body.left_edge.i and t.dep_ == "det")]
    return " ".join(t.text for t in words) or None


_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj"})
# What a person makes that speaks for them ("an interview his brother gave to ITV").
_WORKS = frozenset({"interview", "statement", "letter", "report", "email", "tweet", "post", "speech", "memo",
                    "book", "article", "column", "op-ed", "filing", "testimony", "remarks", "message", "video"})


# How a document comes from its maker ("data released by the ministry"; not "reports
# received by Amnesty", "documents obtained by the AP").
_MAKING = frozenset("""release publish issue conduct commission prepare compile write produce file post send author
lead run carry put make""".split())


# Who speaks for a person ("her office", "his lawyers", "his campaign said").
_SPEAKS_FOR_SOMEONE = frozenset({"office", "campaign", "spokesman", "spokeswoman", "spokesperson", "lawyer", "lawyers",
                                 "attorney", "attorneys", "team", "staff", "aides", "family", "representatives",
                                 "representative", "administration", "camp"})
# Documents that speak for whoever issued them ("the statement said", "according to the release").
_DOCUMENTS = frozenset({"statement", "release", "website", "site", "memo", "email", "letter", "filing",
                        "announcement", "notice", "communique", "post", "tweet"})


# What speaks for a body named by a noun before it ("Company management said").
_SPOKEN_FOR_BY_BODY = frozenset({"management", "leadership"})


def names_a_work(head: Token) -> bool:
    """The noun is a document, study or publication ("report", "data", "review")."""
    return head.lemma_.lower() in WORK_NOUNS or head.lower_ in WORK_NOUNS


def _an_age(span: SpacySpan) -> bool:
    """A person named by their age: "the 56-year-old", "the 33-year-old striker"."""
    return bool(re.search(r"\b\d+-year-old\b", span.text))


def _made_it(name: Token, roots: list[Token]) -> bool:
    """`name` is the subject of a relative clause on the source's head that is a work of
    theirs: "an interview his brother Alastair Osman gave to ITV" is his."""
    if name.dep_ == "appos":  # "his brother Alastair Osman": the subject is "brother"
        name = name.head
    clause = name.head
    return (name.dep_ == "nsubj" and clause.dep_ == "relcl" and clause.head in roots
            and clause.head.lemma_.lower() in _WORKS)


def _in_clause(token: Token, span: SpacySpan) -> bool:
    """Whether `token` hangs from the head of `span` through a clause of its own."""
    while span.start <= token.head.i < span.end and token.head.i != token.i:
        if token.dep_ in _CLAUSES:
            return True
        token = token.head
    return False


def _is_court(entity: Entity) -> bool:
    name = entity.name.lower()
    return entity.label in ("ORG", "GPE", "FAC") and ("court" in name or "tribunal" in name) or any(
        t.lower() in ("judge", "justice") for t in entity.titles)
