"""Dated events, and the dates of statements: what the parse anchors to a time expression.

A DATE or TIME expression dates the predicate of its own clause: one event per (verb,
timex), or, when that predicate is a quote's cue, the quote's `time`. Pure functions over a
parsed `Doc`: the cost is a few token hops per timex. The rules are in comments by the code.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from spacy.tokens import Doc, Token

from ..entities.mentions import Entity
from ..lexicons.events import EVENT_NOUNS, INCIDENT_NOUNS, OCCASION_PREPOSITIONS
from ..quotes.lexicon import OBJECT_CUES
from ..record import Quote, TimeExpression
from ..text.spans import make_span

# Prepositions whose object dates the predicate they modify; None: the event is at that time.
TEMPORAL_PREPS: dict[str, str | None] = {
    "on": None, "in": None, "at": None, "during": None, "over": None, "throughout": None, "around": None,
    "since": "since", "before": "before", "after": "after", "until": "until", "till": "until",
    "through": "until", "by": "by", "from": "from",
}
_BARE_DEPS = frozenset({"npadvmod", "tmod", "advmod", "obl", "nmod:tmod"})
# Nouns the climb may pass through on its way to the verb (never subjects).
_NOUN_DEPS = frozenset({"pobj", "dobj", "dative", "attr", "oprd", "appos", "npadvmod"})
_NOUN_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_MAX_HOPS = 6
# A timex modifying the noun of an occasion ("at Monday's debate", "during a Friday rally",
# "in a 2013 memo") dates the predicate the occasion is attached to.
_NOUN_MODIFIER_DEPS = frozenset({"poss", "compound", "nummod", "amod", "nmod"})
_ANCHOR_TYPES = frozenset({"DATE", "TIME"})
# A quarter or half-year modifying a noun is the period of a figure, not an occasion:
# "posted a 20% gain in third-quarter net income" does not date the posting.
_PERIOD = re.compile(r"-(?:Q[1-4X]|H[12X])$")
# A time in the base of a comparison dates the value compared with, not the change: "fell
# to $663 million from $1 billion a year ago", "grow to 25% from 20% last year".
_COMPARISON_BASE_PREPS = frozenset({"from", "than", "versus", "vs", "vs."})
# ... and so does a time that names the period compared with, where the base of the
# comparison comes before it, apart from the time: "fell to $9.5 million, or 46 cents a
# share, from $10.1 million, or 49 cents, in the year-ago period".
_COMPARED_PERIOD = re.compile(r"(?i)\b(?:year-(?:ago|earlier)|years? (?:ago|earlier)|last year|previous|prior|"
                              r"same (?:period|quarter|time)|comparable|corresponding)\b")
_QUANTITY_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
_LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})

# TIMEX3 values with a calendar date part: year, month, day, ISO week, quarter, half, season.
CALENDAR_VALUE = re.compile(
    r"^(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}(?:-WE)?|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?)(?:T.*)?$")


def calendar_date(value: str | None) -> str | None:
    """The calendar part of a TIMEX3 value ("2025-03-12T14:00" -> "2025-03-12"), or None."""
    match = CALENDAR_VALUE.match(value or "")
    return match.group("date") if match else None


# When the climb (see `_anchor`) reaches the cue of a quote ("said on Tuesday", "told
# reporters on April 14", "said Monday", "according to a statement on Friday"), the timex
# dates the statement: `quote.time` is set, and no event is made (the statement is the
# timeline's item). A timex inside the quote's own content never dates it ("said the vote
# is on Friday"). A statement is dated only by a time at which it was made ("said on
# Tuesday"), not by one it stands in another relation to ("refused until May").
def find_events(doc: Doc, text: str, times: list[TimeExpression], entities: list[Entity],
                quotes: list[Quote]) -> list[dict[str, Any]]:
    """Events anchored to `times` (doc-local ids "t<i>", "e<i>"); dates `quotes` in place."""
    if not times or len(doc) == 0:
        return []
    cues = _cue_tokens(doc, quotes)
    mentions = _mention_index(entities)
    # "e<i>" is the entity's index in the doc's list (its `id` where set, as build_entities does).
    ids = {id(entity): entity.id or f"e{number}" for number, entity in enumerate(entities)}
    events: list[dict[str, Any]] = []
    for number, timex in enumerate(times):
        if timex.type not in _ANCHOR_TYPES or timex.value.endswith("_REF"):
            continue  # durations, sets, and "now", "recently", "in the future": no point in time
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        anchor = _anchor(span.root, span.start, span.end, cues, period=bool(_PERIOD.search(timex.value)))
        if anchor is None:
            continue
        target, relation = anchor
        time_id = f"t{number}"
        if isinstance(target, list):  # the cue of these quotes
            for quote in target:
                # "said on Tuesday" dates the statement; "has refused until Thursday" does not.
                # A time inside a reported (unquoted) content reached the cue through nouns
                # only (a clause's verb would have stopped the climb): it dates the act, as
                # in "issued a warrant Monday", "announced the move on Wednesday".
                if quote.time is None and relation is None \
                        and (quote.type == "indirect" or not _inside(timex, quote)):
                    quote.time = time_id
            # A deed ("issued a warrant Monday", "ordered the evacuation on Friday"): no
            # statement for a reader (docs/statements.md), so an event with its actor.
            verb = _deed_verb(doc, target)
            if verb is not None:
                events.append(_event(doc, text, verb, time_id, timex, relation, mentions, ids))
            continue
        events.append(_event(doc, text, target, time_id, timex, relation, mentions, ids))
    events.sort(key=lambda e: (e["trigger"]["start"], e["time"]))
    return events


# -- anchoring ---------------------------------------------------------------------------------

# A time expression (a `TimeExpression` of type DATE or TIME) dates the predicate of its own clause:
# from the timex's syntactic head we climb the dependency tree ("on March 12": pobj of a
# temporal preposition; "Monday", "last week": npadvmod/tmod; "two weeks ago": advmod), past
# at most a few nouns that are objects or prepositional objects ("ordered his return on
# April 6", "said in a statement on Tuesday"), to the first verb. That verb is the trigger;
# one event per (verb, timex). A noun that names an event (`lexicons/events.py`) is a
# trigger too where the time would otherwise date nothing: modified by the time ("the March
# 12 raid", "Monday's vote") or reached as a subject ("the bombing on Aug. 7 killed ...").
#
# No event: the climb hits an auxiliary, a copula or "be" ("the hearing is on Monday",
# "there were two polls yesterday"), another subject noun, or the timex modifies another
# noun (compound, possessive: "Monday's paper") other than the object of an occasion ("at
# Monday's debate, Clinton cited": dated). Durations, sets and reference values ("for
# three years", "every Monday", "now", "recently": PRESENT_REF, PAST_REF) anchor nothing.
def _anchor(root: Token, start: int, end: int, cues: dict[int, list[Quote]], *,
            period: bool = False) -> tuple[Token | list[Quote], str | None] | None:
    """The verb or event noun (or the quotes whose cue it is) that the timex rooted at
    `root` modifies, with the timex's relation to it; None when it modifies no predicate."""
    relation: str | None = None
    dep = root.dep_
    head = root.head
    if head.i == root.i:
        return None
    if dep == "pobj" and head.dep_ == "prep" and head.lower_ in TEMPORAL_PREPS:
        relation = TEMPORAL_PREPS[head.lower_]
        token = _past_named_subject(head)
    elif dep == "prep" and root.lower_ in TEMPORAL_PREPS and start <= root.i < end:
        relation = TEMPORAL_PREPS[root.lower_]  # the tagger included the preposition
        token = head
    elif dep in _BARE_DEPS:
        token = head
    elif dep in _NOUN_MODIFIER_DEPS and head.pos_ == "NOUN" and head.lemma_.lower() in INCIDENT_NOUNS:
        return head, None  # "in the Oct. 23 sniper shooting": the shooting, not the charge
    elif (dep in _NOUN_MODIFIER_DEPS and head.dep_ == "pobj" and head.head.dep_ == "prep"
          and head.head.lower_ in OCCASION_PREPOSITIONS and not period):
        token = head.head.head  # the occasion is dated: "at Monday's debate", "in a 2013 memo"
    elif dep in _NOUN_MODIFIER_DEPS and _is_event_noun(head):
        return head, None  # "the June 3 hearing", "Monday's vote"
    else:
        return None
    for _ in range(_MAX_HOPS):
        if token.i in cues:
            return cues[token.i], relation
        if token.pos_ == "AUX" or token.lemma_ == "be":
            return None  # "the hearing is on Monday", "there were two polls": no predicate to date
        if token.pos_ == "VERB":
            if _COMPARED_PERIOD.search(root.doc[start:end].text) and _compares_before(token, root.i):
                return None  # "fell to $9.5 million from $10.1 million in the year-ago period"
            return token, relation
        if token.head.i == token.i:
            return None
        if token.pos_ in _NOUN_POS and token.dep_ in _NOUN_DEPS:
            token = token.head
        elif _is_event_noun(token):
            return token, relation  # "the bombing on Aug. 7 killed 200 people": the bombing is dated
        elif token.dep_ in ("prep", "agent") and token.pos_ in ("ADP", "SCONJ"):
            if _compares_a_quantity(token):
                return None  # the time dates the value compared with ("from $1 billion a year ago")
            token = token.head
        elif token.pos_ in ("ADV", "ADJ") and token.dep_ in ("advmod", "npadvmod"):
            token = token.head  # "earlier on Monday", "later that day"
        else:
            return None
    return None


def _is_event_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in EVENT_NOUNS


def _past_named_subject(prep: Token) -> Token:
    """What a temporal preposition modifies: its head, or the verb where the parser hung it
    on a named subject it follows ("Joseph Estrada on Tuesday condemned the bombings":
    a person, an organisation or a place has no date of its own)."""
    subject = prep.head
    verb = subject.head
    if (subject.dep_ in ("nsubj", "nsubjpass") and subject.ent_type_ in _NAMED_LABELS
            and subject.i < prep.i < verb.i):
        return verb
    return subject


def _compares_a_quantity(prep: Token) -> bool:
    """Whether `prep` opens the base of a comparison of quantities ("from $1 billion",
    "than 20%")."""
    if prep.lower_ not in _COMPARISON_BASE_PREPS:
        return False
    return any(child.dep_ == "pobj" and _is_quantity(child) for child in prep.children)


def _compares_before(verb: Token, position: int) -> bool:
    """Whether `verb` states a comparison whose base comes before `position`: a quantity
    after "from", "than" ("rose to $5 from $4"), or "compare(d) with" ("compared with $4")."""
    if verb.lemma_ == "compare":
        return True
    for child in verb.children:
        if child.i >= position:
            break
        if child.dep_ == "prep" and _compares_a_quantity(child):
            return True
        if child.lemma_ == "compare" and child.dep_ in ("prep", "advcl", "acl"):
            return True
    return False


def _is_quantity(token: Token) -> bool:
    if token.like_num or token.pos_ == "NUM" or token.ent_type_ in _QUANTITY_LABELS or token.text in ("%", "$"):
        return True
    return any(child.dep_ in ("nummod", "quantmod", "compound") and (child.like_num or child.pos_ == "NUM")
               for child in token.children)


def _cue_tokens(doc: Doc, quotes: list[Quote]) -> dict[int, list[Quote]]:
    cues: dict[int, list[Quote]] = {}
    for quote in quotes:
        if quote.cue is None:
            continue
        span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
        for token in span or ():
            cues.setdefault(token.i, []).append(quote)
    return cues


def _deed_verb(doc: Doc, quotes: list[Quote]) -> Token | None:
    """The verb of a cue whose every quote reports a deed: unquoted words that are no clause,
    a noun phrase ("issued a warrant", "ordered the evacuation": PolNeAR's attribution with a
    noun-phrase content), after a verb that is not one whose object is what was said
    ("cited remarks", "criticized the plan": `OBJECT_CUES`)."""
    if not quotes or any(quote.type != "indirect" or quote.cue is None for quote in quotes):
        return None
    for quote in quotes:
        for part in quote.content:
            content = doc.char_span(part.start, part.end, alignment_mode="expand")
            if content is None or content.root.pos_ in ("VERB", "AUX") or any(t.tag_ == "TO" for t in content[:1]):
                return None
    first_cue = quotes[0].cue
    assert first_cue is not None  # every quote has a cue (checked above)
    cue = doc.char_span(first_cue.start, first_cue.end, alignment_mode="expand")
    verbs = [t for t in cue or () if t.pos_ == "VERB"]
    return verbs[-1] if verbs and verbs[-1].lemma_.lower() not in OBJECT_CUES else None


def _inside(timex: TimeExpression, quote: Quote) -> bool:
    return any(part.start < timex.end and timex.start < part.end for part in quote.content)


# -- the event -----------------------------------------------------------------------------

# `date` is the timex value's calendar part when it has one (2025-03-12, 2025-03, 2025-W15,
# 2025-Q2, 2025); None for values the tagger could not anchor ("XXXX-04-14").
# `relation` says how the event stands to its time when the preposition is not "at that
# time": "since", "before", "after", "until", "by", "from"; None for on/in/at/during/bare
# times. `negated` is true for "was not arrested on Monday".
def _event(doc: Doc, text: str, verb: Token, time_id: str, timex: TimeExpression, relation: str | None,
           mentions: dict[int, tuple[int, int, Entity]], ids: dict[int, str]) -> dict[str, Any]:
    end = verb.i + 1
    if end < len(doc) and doc[end].dep_ == "prt" and doc[end].head.i == verb.i:
        end += 1  # "shut down", "took over"
    trigger = make_span(text, verb.idx, doc[end - 1].idx + len(doc[end - 1]), strip=False)
    sent = verb.sent
    sentence = make_span(text, sent.start_char, sent.end_char)
    assert trigger is not None
    return {
        "trigger": trigger.to_dict(),
        "time": time_id,
        "date": calendar_date(timex.value),
        "relation": relation,
        "negated": any(child.dep_ == "neg" for child in verb.children),
        "participants": _participants(verb, mentions, ids),
        "sentence": sentence.to_dict() if sentence else None,
    }


# Participants are the article's entities whose mentions head the verb's arguments (or
# are conjoined or in apposition to a head): active subjects and passive `by`-agents are
# "agent", objects and passive subjects "patient", indirect objects "recipient",
# GPE/LOC/FAC objects of the verb's prepositions "location". Subjects missing from a
# conjoined verb ("arrested him and charged him on Tuesday"), a controlled infinitive
# ("ordered the government to return him on April 6") or a relative clause are taken from
# the clause they are shared with (`_shared_subject`, `_antecedent`).
def _participants(verb: Token, mentions: dict[int, tuple[int, int, Entity]],
                  ids: dict[int, str]) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for token, role in _arguments(verb):
        for head in _heads(token):
            start, end, entity = mentions.get(head.i, (0, 0, None))
            if entity is None or start <= verb.i < end:
                continue  # a description entity spanning the verb itself ("a study released by ...")
            if role == "location" and entity.label not in _LOCATION_LABELS:
                continue
            key = (ids[id(entity)], role)
            if key not in seen:
                seen.add(key)
                found.append({"entity": key[0], "role": role})
    return found


def _arguments(verb: Token) -> Iterable[tuple[Token, str]]:
    """(argument head, role) for the verb's subject, objects, agent and places."""
    passive = any(child.dep_ == "auxpass" for child in verb.children)
    has_subject = False
    for child in verb.children:
        dep = child.dep_
        if dep in ("nsubj", "nsubjpass", "csubj"):
            has_subject = True
            subject = _antecedent(verb, child)
            if subject is not None:
                yield subject, "patient" if dep == "nsubjpass" or passive else "agent"
        elif dep == "dobj":
            yield child, "patient"
        elif dep == "dative":
            object_ = next((c for c in child.children if c.dep_ == "pobj"), None)
            yield (object_ or child), "recipient"
        elif dep == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    yield grandchild, "agent"
        elif dep == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    yield grandchild, "location"
    if not has_subject:
        yield from _shared_subject(verb, passive)


def _antecedent(verb: Token, subject: Token) -> Token | None:
    """A relative pronoun's noun ("the man who was deported"): the relative clause's head."""
    if subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return subject


def _shared_subject(verb: Token, passive: bool) -> Iterable[tuple[Token, str]]:
    head = verb.head
    if verb.dep_ == "conj":  # "police arrested him on Monday and charged him on Tuesday"
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                subject = _antecedent(head, child)
                if subject is not None:
                    yield subject, "patient" if child.dep_ == "nsubjpass" else "agent"
        if head.dep_ == "conj" or head.dep_ in ("xcomp", "relcl", "acl"):
            yield from _shared_subject(head, passive)
    elif verb.dep_ == "xcomp":  # "ordered the government to return him", "agreed to return"
        controller = next((c for c in head.children if c.dep_ in ("dobj",)), None)
        if controller is None:
            controller = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if controller is not None:
            yield controller, "patient" if passive else "agent"
    elif verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG")):
        # "a man deported on March 15" (patient), "officials visiting on Monday" (agent)
        yield head, "patient" if passive or verb.tag_ == "VBN" else "agent"


def _heads(token: Token) -> Iterable[Token]:
    """The argument's head and the heads conjoined with or in apposition to it."""
    stack = [token]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(c for c in current.children if c.dep_ in ("conj", "appos"))


def _mention_index(entities: list[Entity]) -> dict[int, tuple[int, int, Entity]]:
    """Token index -> (start, end, entity) of the shortest mention covering it."""
    index: dict[int, tuple[int, int, Entity]] = {}
    for entity in entities:
        for start, end in entity.mentions:
            for i in range(start, end):
                if i not in index or end - start < index[i][1] - index[i][0]:
                    index[i] = (start, end, entity)
    return index
