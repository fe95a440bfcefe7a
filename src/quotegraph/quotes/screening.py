"""Screening accepted attributions, the rules' and the trained model's alike: drop what a
careful reader would never write down from a web page, and lower weak ones to
`WEAK_CONFIDENCE`. It runs after decoding, on what both paths hand to speaker
resolution, so the model's features (the rules' attributions) are untouched.
The rules, and why: the comment above `screen`.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .. import keys
from ..entities.mentions import Entity
from ..lexicons.sources import BODY_PARTS, DOCUMENT_LABELS, FURNITURE_LABELS, PRODUCT_NOUNS, READER_WORDS
from ..text.ranges import CharRange, RangeSet
from .decoding import Accepted
from .kind import kind_of_lemma
from .titles import is_title

STATEMENT_CONFIDENCE = 0.5
# What a weak attribution keeps at most: below STATEMENT_CONFIDENCE.
WEAK_CONFIDENCE = 0.4

_FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})
_CLAUSE_POS = frozenset({"VERB", "AUX"})
_NAME_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_QUOTE_MARKS = "\"“”‘’'«»„"
# A letter, then digits and letters ("X2", "S24", "A380"); not a group of countries ("G7",
# "G20"), not a decade ("1970s").
_MODEL_NUMBER = re.compile(r"(?!G\d+$)[A-Za-z]+\d[A-Za-z\d]{0,4}")
# Titles after these verbs are works, whoever performs them ("sang “Let It Snow”").
_WORK_VERBS = frozenset("sing perform play recite title entitle call name dub release publish".split())
# The reader told what they will perceive ("you'll notice that the shutter is instant") is
# the writer's own description, whoever the parse makes the source.
_PERCEPTION_VERBS = frozenset("see notice find discover spot hear".split())
# A participle that gives a work its name ("a report titled “Nobody Left Outside”").
_NAMING_PARTICIPLES = frozenset("title entitle name dub call".split())
# What a disaster or a war "claims" is its toll, not a statement ("the bombings claimed
# at least 217 lives", "the storm claimed three victims").
_TOLL_NOUNS = frozenset("life victim casualty death toll".split())
_QUOTED = re.compile(r"[“\"‘«„]([^“”\"‘’«»„]+)[”\"’»“]")
_WORD = re.compile(r"[^\W\d_][\w’'\-.]*")


# What a careful reader would never write down from a web page, dropped:
#
# - page furniture read as speech: a cue or content in a heading, list item or table cell
#   (the page's layout hints, `text/layout.py`); a transcript-style label ("Tip: ...",
#   "Portion Fix Containers: 1 tsp.") that is not a speaker's;
# - a source that cannot speak (`lexicons/sources.py`): a body part ("her eyes said"), a
#   product ("the Nova X2 says"), the reader where no source was marked ("you'll see that")
#   or where the reader is told what they will perceive ("you'll notice that");
# - the title of a work in quotation marks that nobody is said to say, or that a participle
#   names ("a report titled “Nobody Left Outside”", whatever the model takes for its source);
# - a toll: "claimed at least 217 lives" is no claim;
# - a content without a word, only figures and marks: a results list's line ("Hillary
#   Clinton: 1,769.", delegates) is nobody's speech;
#
# and what is at best a weak attribution, whose confidence is lowered to
# `WEAK_CONFIDENCE`, below `STATEMENT_CONFIDENCE`, so that contents are clauses or
# quotations unless weak ones are asked for:
#
# - the reader as the source ("you want to know"; PolNeAR annotates these, 3 of the 7 on
#   dev, "Lest you assume that ...": dropping them cost up to 0.0003 of dev F1);
# - an indirect content that is a noun phrase ("acknowledged the problem");
# - a title that somebody performs ("a choir sang “Let It Snow”"; PolNeAR annotates these).
def screen(doc: Doc, text: str, accepted: list[Accepted], entities: list[Entity],
           quoted: list[CharRange]) -> list[Accepted]:
    """`accepted` without what cannot be an attribution, weak ones with lowered confidence;
    `quoted`: the text's quotations (character ranges), inside which "you" is somebody's
    listener, not the reader."""
    furniture = RangeSet((start, end) for start, end, _ in doc.user_data.get(keys.LAYOUT) or [])
    quotations = RangeSet(quoted)
    kept: list[Accepted] = []
    for cand, confidence, roles in accepted:
        if not roles["content"] or not any(_WORD.search(text, start, end) for start, end in roles["content"]):
            continue
        if _in_furniture(roles, furniture) or _not_a_source(doc, roles) or _a_toll(doc, cand.cue_lemma, roles):
            continue
        if _perceived_by_reader(doc, roles, quotations):
            continue  # "you'll see that ...", whichever cue the content was linked to
        if _addresses_reader(doc, roles, quotations):
            if not roles["source"] or cand.cue_lemma in _PERCEPTION_VERBS:
                continue  # "you'll see that ...", "you'll notice that ...": nobody but the reader
            confidence = min(confidence, WEAK_CONFIDENCE)  # weak, see the comment above
        if cand.cue_lemma == ":" and not _speaker_label(doc, roles, entities):
            continue
        if _work_title(doc, text, roles, cand.quote_type):
            if not roles["source"] or _named_by_participle(doc, roles):
                continue  # "a report titled “Nobody Left Outside”": nobody says it
            if not _says(cand.cue_lemma):
                confidence = min(confidence, WEAK_CONFIDENCE)  # "a choir sang “Let It Snow”"
        if cand.quote_type == "indirect" and cand.kind != "interview" \
                and not any(_is_clause(doc, piece) for piece in roles["content"]):
            confidence = min(confidence, WEAK_CONFIDENCE)
        if cand.quote_type == "indirect" and not roles["cue"] and not roles["source"] and cand.continues is None:
            confidence = min(confidence, WEAK_CONFIDENCE)  # reported words nobody is said to say
        kept.append(Accepted(cand, confidence, roles))
    return kept


def _span(doc: Doc, rng: CharRange) -> SpacySpan | None:
    span = doc.char_span(rng[0], rng[1], alignment_mode="expand")
    return span if span is not None and len(span) else None


def _in_furniture(roles: dict[str, list[CharRange]], furniture: RangeSet) -> bool:
    """A headline, a list item or a table cell is not speech: the cue or the content's
    start lies in one."""
    if not furniture:
        return False
    anchors = [roles["cue"][0][0]] if roles["cue"] else []
    anchors.append(min(start for start, _ in roles["content"]))
    return any(furniture.holds(offset) for offset in anchors)


def _a_toll(doc: Doc, cue_lemma: str, roles: dict[str, list[CharRange]]) -> bool:
    """The content of "claim" is the lives or victims a disaster took."""
    if cue_lemma != "claim" or len(roles["content"]) != 1:
        return False
    span = _span(doc, roles["content"][0])
    return span is not None and span.root.lemma_.lower() in _TOLL_NOUNS


def _not_a_source(doc: Doc, roles: dict[str, list[CharRange]]) -> bool:
    """The source is a body part or a product."""
    if not roles["source"]:
        return False
    span = _span(doc, roles["source"][0])
    if span is None:
        return False
    root = span.root
    if root.pos_ in ("NOUN", "PROPN") and root.lemma_.lower() in BODY_PARTS | PRODUCT_NOUNS and not root.ent_type_:
        return True
    # a model number in the name ("the Nova X2", "the Galaxy S24"), where no entity is named
    return any(_MODEL_NUMBER.fullmatch(t.text) and t.ent_type_ not in _NAME_TYPES for t in span)


def _addresses_reader(doc: Doc, roles: dict[str, list[CharRange]], quoted: RangeSet) -> bool:
    """The source, or where none was marked the cue's subject, is the reader: "you" outside
    a quotation, with a cue that is not in the past ("you want to know", "you'll see
    that"); "as you pointed out, Laura" is said to somebody, in a speech PolNeAR marks
    without quotation marks."""
    if not roles["cue"] or quoted.holds(roles["cue"][0][0]):
        return False
    cue = _span(doc, roles["cue"][0])
    if cue is None or any(t.tag_ in ("VBD", "VBN") for t in cue):
        return False
    if roles["source"]:
        source = _span(doc, roles["source"][0])
        return source is not None and source.root.lower_ in READER_WORDS
    return any(_reader_is_subject(token) for token in cue)


def _perceived_by_reader(doc: Doc, roles: dict[str, list[CharRange]], quoted: RangeSet) -> bool:
    """The content is, or runs into, what the reader is told they will perceive: a
    perception verb, not in the past, whose subject is "you", outside a quotation, governs
    the content's clause or lies in the content ("If you want to know how ..., you'll see
    that overnight oats are the easiest thing": a network may link that content, or all of
    "how to make ... the easiest thing", to "want to know")."""
    span = _span(doc, roles["content"][0])
    if span is None or quoted.holds(span.start_char):
        return False
    verbs = {token.head.i for token in span} | {token.i for token in span}
    return any(_reader_perceives(doc[i]) and not quoted.holds(doc[i].idx) for i in verbs)


def _reader_perceives(verb: Token) -> bool:
    return verb.lemma_.lower() in _PERCEPTION_VERBS and verb.tag_ not in ("VBD", "VBN") and _reader_is_subject(verb)


def _reader_is_subject(verb: Token) -> bool:
    """"you" (or "your", "y'all") is the verb's subject."""
    return any(child.dep_ == "nsubj" and child.lower_ in READER_WORDS for child in verb.children)


def _speaker_label(doc: Doc, roles: dict[str, list[CharRange]], entities: list[Entity]) -> bool:
    """A transcript label ("CALDER: I believe it will.") is a speaker's when it is a known
    speaker of the article (its words are a name's), or holds a name (a named entity, proper
    nouns, or words in capitals as transcripts print them: "the Secretary ... Bill Bodie",
    "WALLACE") followed by a speech turn (a clause with a finite verb). Furniture words
    ("Tip: ...") and lines with no verb ("Portion Fix Containers: 1 tsp.") are not; a
    document's label in a headline is ("Poll: ...")."""
    if not roles["source"]:
        return False
    label = _span(doc, roles["source"][0])
    if label is None:
        return False
    words = {t.lower_ for t in label if t.is_alpha}
    if len(words) == 1 and words <= DOCUMENT_LABELS:
        return True
    if not words or label[0].lower_ in FURNITURE_LABELS:
        return False
    if any(e.label in _NAME_TYPES and words <= {w.lower() for w in _WORD.findall(e.name)}
                     for e in entities if e.name):
        return True
    named = any(e.label in _NAME_TYPES and label.start <= start and end <= label.end
                for e in entities for start, end in e.mentions)
    alpha = [t for t in label if t.is_alpha]
    capitals = all(t.is_upper and len(t) > 1 for t in alpha)
    proper = all(t.pos_ == "PROPN" for t in alpha)  # "Pence: ...", which NER may miss
    if not (named or capitals or proper):
        return False
    content = [span for span in (_span(doc, rng) for rng in roles["content"]) if span is not None]
    return any(t.tag_ in _FINITE_TAGS for span in content for t in span)


def _says(cue_lemma: str) -> bool:
    """The cue reports words said or written ("said", "wrote"), not a performance ("sang")."""
    return bool(cue_lemma) and cue_lemma not in _WORK_VERBS and kind_of_lemma(cue_lemma) in ("speech", "writing")


def _work_title(doc: Doc, text: str, roles: dict[str, list[CharRange]], quote_type: str) -> bool:
    """The content is a title in quotation marks (a song, a book, a report), alone or
    followed by words that are no clause ("“Let It Snow” for the volunteers"): a name, not
    words somebody said. A title inside a longer content ("his references to her as “Miss
    Piggy”") is left alone."""
    if quote_type == "indirect":
        return False
    start, end = roles["content"][0]
    if quote_type == "direct" and len(roles["content"]) == 1:
        return is_title(text[start:end].strip(_QUOTE_MARKS + " ,"))
    title = _QUOTED.match(text, start, end)
    if title is None or not is_title(title.group(1)):
        return False
    rest = [t for rng in roles["content"] for t in (_span(doc, rng) or []) if t.idx >= title.end()]
    return not any(t.pos_ in _CLAUSE_POS for t in rest)


def _named_by_participle(doc: Doc, roles: dict[str, list[CharRange]]) -> bool:
    """The word before the content (its quotation mark aside) is a naming participle:
    "titled", "entitled", "named", "dubbed", "called" (tagged VBN)."""
    first = _span(doc, (roles["content"][0][0], roles["content"][0][0] + 1))
    if first is None:
        return False
    i = first.start - 1
    while i >= 0 and doc[i].text in _QUOTE_MARKS:
        i -= 1
    return i >= 0 and doc[i].tag_ == "VBN" and doc[i].lemma_.lower() in _NAMING_PARTICIPLES


def _is_clause(doc: Doc, rng: CharRange) -> bool:
    """The range holds a clause: the head of its words is a verb, not a noun phrase
    ("that the jar is safe", "to know how", not "the problem", "claims in BBC interview")."""
    span = _span(doc, rng)
    if span is None:
        return False
    heads = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    return any(t.pos_ in _CLAUSE_POS for t in heads)
