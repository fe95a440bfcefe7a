"""The model's attributions for a parsed article, handed on in the same shape as the rules'
(`quotes.decoding.Accepted`), so speaker resolution, kinds and the record are built the
same way for both. How spans are decoded and linked: the comments above
`model_attributions` and `link`.
"""
from __future__ import annotations

import bisect
import math
from typing import Iterable

import numpy as np
from spacy.tokens import Doc

from ...lexicons.events import OCCASION_PREPOSITIONS
from ...record import QuoteType
from ...text.ranges import CharRange, Paragraphs, RangeSet, overlap, token_range
from ..candidates import Candidate
from ..conventions import from_polnear
from ..decoding import Accepted, Roles
from ..kind import cue_lemma
from ..marks import find_quoted_regions
from .encoder import AttributionModel
from .labels import ROLES, TAGS, RoleSpan, best_tags, decode_tags
from .pieces import encode, load_tokenizer
from .windows import tag_probabilities

# Which role each tag names: a piece's probability of having a role at all is the sum of
# its B, I and C columns.
_ROLE_INDEX = np.array([ROLES.index(tag[2:]) if tag != "O" else 0 for tag in TAGS])
_ROLE_OF_TAG = np.array([[float(tag != "O" and tag[2:] == role) for role in ROLES] for tag in TAGS])
_OTHER_SENTENCE = 10_000  # distance penalty: a cue outside the content's sentences
_CONTINUES_PARAGRAPHS = 2  # a cue-less quotation continues a speaker at most this far back


def _gap(a: list[CharRange], b: list[CharRange]) -> int:
    return min(max(0, s2 - e1, s1 - e2) for s1, e1 in a for s2, e2 in b)


class _Layout:
    """Sentences and paragraphs of one doc, by character offset."""

    def __init__(self, doc: Doc, paragraphs: Paragraphs) -> None:
        self.sentence_starts = [sent.start_char for sent in doc.sents]
        self.paragraphs = paragraphs

    def sentence(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def sentences(self, fragments: list[CharRange]) -> set[int]:
        return {n for s, e in fragments for n in range(self.sentence(s), self.sentence(max(s, e - 1)) + 1)}

    def paragraph(self, offset: int) -> int:
        return self.paragraphs.index(offset)


def role_spans(model: AttributionModel, doc: Doc, text: str, rules: list[Accepted]) -> list[RoleSpan]:
    """The model's role spans over `text` (PolNeAR's conventions), each with the mean
    probability of its pieces having its role."""
    pieces = encode(load_tokenizer(model.tokenizer_path), doc, text, rules)
    probs = tag_probabilities(model, pieces)
    if len(probs) == 0:
        return []
    tags = best_tags(probs)
    # each piece's probability of the role its tag names (0 for O): tags x roles sums
    by_role = probs @ _ROLE_OF_TAG  # (pieces, roles)
    role_prob = np.where(np.asarray(tags) > 0, by_role[np.arange(len(tags)), _ROLE_INDEX[tags]], 0.0)
    return decode_tags(pieces.offsets, tags, role_prob.tolist())


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def calibrated(raw: float, a: float, b: float) -> float:
    """Platt scaling of a raw span score into a probability that the quote is right."""
    return 1.0 / (1.0 + math.exp(-(a * logit(raw) + b)))


def raw_score(content: RoleSpan, cue: RoleSpan | None) -> float:
    """What calibration starts from: the content's mean role probability, times the cue's
    (a quote without a cue is as sure as its content)."""
    return content.confidence * (cue.confidence if cue is not None else 1.0)


# Linking is by position, as PolNeAR's annotations are laid out: a content takes the
# nearest cue in its paragraph, preferring one in a sentence it shares; a cue takes the
# nearest source in its sentence. A content with no cue in its paragraph is a quotation
# continuing the speaker before it (when it is in quotation marks) or has no speaker.
def link(spans: list[RoleSpan], layout: _Layout) -> list[tuple[RoleSpan, RoleSpan | None, RoleSpan | None]]:
    """(content, cue, source) triples in text order of their content."""
    cues = _ByPlace(sorted((s for s in spans if s.role == "cue"), key=lambda s: s.start), layout)
    sources = _ByPlace(sorted((s for s in spans if s.role == "source"), key=lambda s: s.start), layout)
    triples = []
    contents = [part for s in spans if s.role == "content" for part in _split_at_cues(s, cues, layout)]
    for content in contents:
        cue = _nearest_cue(content, cues, layout)
        source = None
        if cue is not None:
            same = sources.in_sentences([layout.sentence(cue.start)])
            source = min(same, key=lambda s: _gap(s.fragments, cue.fragments), default=None)
        triples.append((content, cue, source))
    return triples


class _ByPlace:
    """Role spans (in text order) looked up by sentence and paragraph: linking compares a
    content with the cues near it, not with every cue of a long article."""

    def __init__(self, spans: list[RoleSpan], layout: _Layout) -> None:
        self.sentence: dict[int, list[RoleSpan]] = {}
        self.paragraph: dict[int, list[RoleSpan]] = {}
        for span in spans:
            self.sentence.setdefault(layout.sentence(span.start), []).append(span)
            self.paragraph.setdefault(layout.paragraph(span.start), []).append(span)

    def in_sentences(self, sentences: Iterable[int]) -> list[RoleSpan]:
        return [span for n in sorted(sentences) for span in self.sentence.get(n, ())]

    def in_paragraphs(self, paragraphs: Iterable[int]) -> list[RoleSpan]:
        return [span for n in sorted(paragraphs) for span in self.paragraph.get(n, ())]


def _nearest_cue(content: RoleSpan, cues: _ByPlace, layout: _Layout) -> RoleSpan | None:
    """The nearest cue in the content's paragraphs, one in a sentence it shares first.

    A cue of a shared sentence nearer than _OTHER_SENTENCE characters beats every other,
    so only the shared sentences are searched then; else the paragraphs, as before."""
    paragraphs = {layout.paragraph(s) for s, _ in content.fragments}
    sentences = layout.sentences(content.fragments)
    shared = [(_gap(c.fragments, content.fragments), c) for c in cues.in_sentences(sentences)
              if layout.paragraph(c.start) in paragraphs]
    gap, best = min(shared, key=lambda pair: pair[0], default=(_OTHER_SENTENCE, None))
    if gap < _OTHER_SENTENCE:
        return best
    return min(cues.in_paragraphs(paragraphs), key=lambda c: _gap(c.fragments, content.fragments)
               + (0 if layout.sentence(c.start) in sentences else _OTHER_SENTENCE), default=None)


def _split_at_cues(content: RoleSpan, cues: _ByPlace, layout: _Layout) -> list[RoleSpan]:
    """`content` cut where its fragments have different cues of their own: the model
    sometimes continues a content across a second cue ("Lopez said that the bridge would
    reopen. “We are ready,” Lopez told reporters" as one content of "told"), and PolNeAR
    gives a cue one content. A fragment's own cue is the nearest one in its sentence and
    paragraph; a fragment without one stays with the fragments before it."""
    if len(content.fragments) < 2:
        return [content]
    groups: list[tuple[RoleSpan | None, list[CharRange]]] = []
    for fragment in content.fragments:
        sentences, paragraph = layout.sentences([fragment]), layout.paragraph(fragment[0])
        own = [c for c in cues.in_sentences(sentences) if layout.paragraph(c.start) == paragraph]
        cue = min(own, key=lambda c: _gap(c.fragments, [fragment]), default=None)
        if groups and (cue is None or groups[-1][0] in (None, cue)):
            groups[-1] = (groups[-1][0] or cue, groups[-1][1] + [fragment])
        else:
            groups.append((cue, [fragment]))
    if len(groups) == 1:
        return [content]
    return [RoleSpan("content", fragments, content.scores) for _, fragments in groups]


def _join_adjacent(triples: list[tuple[RoleSpan, RoleSpan | None, RoleSpan | None]], text: str
                   ) -> list[tuple[RoleSpan, RoleSpan | None, RoleSpan | None]]:
    """Consecutive contents of one cue with nothing but white space between them, or a full
    stop that ends no sentence (the next content begins in lower case), as one content: the
    model sometimes ends a content at a stray full stop ("Parents must show the child's
    health ID. at every visit, the director said") and begins another, and PolNeAR gives a
    cue one content."""
    joined: list[tuple[RoleSpan, RoleSpan | None, RoleSpan | None]] = []
    for content, cue, source in triples:
        if joined and cue is not None and joined[-1][1] is cue \
                and _continues(text[joined[-1][0].end:content.start], text[content.start:content.end]):
            before = joined[-1][0]
            fragments = before.fragments[:-1] + [(before.fragments[-1][0], content.fragments[0][1])] \
                + content.fragments[1:]
            joined[-1] = (RoleSpan("content", fragments, before.scores + content.scores), cue, source)
        else:
            joined.append((content, cue, source))
    return joined


def _continues(gap: str, following: str) -> bool:
    """`following` goes on the sentence before `gap`: nothing but white space lies between,
    or a full stop and white space before a word in lower case."""
    gap = gap.strip()
    return not gap or (gap == "." and following[:1].islower())


def _quote_type(content: list[CharRange], regions: RangeSet) -> QuoteType:
    quoted = sum(min(e, r_end) - max(s, r_start) for s, e in content for r_start, r_end in regions.overlapping(s, e))
    size = sum(e - s for s, e in content)
    if quoted == 0:
        return "indirect"
    return "direct" if quoted >= size else "mixed"


# The model's attributions for a parsed article: tag the word pieces, decode role spans,
# link each content to its cue and each cue to its source (where the model tagged no
# cue, or no source, the rules' for the same content or cue), add the rules' attributions
# the model left wholly untouched, and hand them on in the same
# shape as the rules' (`quotes.decoding.Accepted`), so speaker resolution, kinds and the
# record are built the same way for both.
def model_attributions(model: AttributionModel, doc: Doc, text: str, paragraphs: Paragraphs,
                       rules: list[Accepted]) -> list[Accepted]:
    """The model's attributions over `doc`, in text order, with calibrated confidences
    at or above the model's threshold. `rules` (the rules' attributions) are features
    of the model and lend their addressees to cues they share."""
    layout = _Layout(doc, paragraphs)
    regions = RangeSet((r.open, r.end) for r in find_quoted_regions(text))
    a, b = model.calibration
    accepted: list[Accepted] = []
    previous: tuple[int, Candidate] | None = None  # (paragraph, candidate with a source)
    triples = _join_adjacent(link(role_spans(model, doc, text, rules), layout), text)
    # whether each content shares a sentence with its cue
    beside = [cue is not None and layout.sentence(cue.start) in layout.sentences(content.fragments)
              for content, cue, _ in triples]
    answered = {id(cue) for (_, cue, _), near in zip(triples, beside) if near}
    for (content, cue, source), near in zip(triples, beside):
        confidence = calibrated(raw_score(content, cue), a, b)
        if confidence < model.threshold:
            continue
        fragments = [from_polnear(text, s, e) for s, e in content.fragments]
        token_content = [r for r in (token_range(doc, s, e) for s, e in fragments) if r is not None]
        if not token_content:
            continue
        quote_type = _quote_type(fragments, regions)
        if quote_type == "indirect" and id(cue) in answered and not near:
            # PolNeAR gives a cue one content: reported words in another sentence are not a
            # second content of a cue whose own sentence holds one ("Garcia was arrested.
            # Bukele said that the prisoner would stay" made "Kilmar Abrego Garcia" one)
            continue
        roles: Roles = {"content": fragments, "cue": [], "source": [], "addressee": []}
        cand = Candidate(kind="model", content=token_content, quote_type=quote_type)
        if cue is not None:
            roles["cue"] = [_with_whole_object(doc, cue.start, cue.end, fragments, source)]
            cand.cue = token_range(doc, *roles["cue"][0])
            cand.cue_lemma = cue_lemma(doc, cue.start, cue.end)
            roles["addressee"] = _addressee(rules, cue)
        if cue is None:
            borrowed = _rules_attribution(rules, fragments)
            if borrowed is not None:  # the rules tie this quotation to a cue the model did not tag
                roles["cue"], roles["addressee"] = borrowed.roles["cue"], borrowed.roles["addressee"]
                cand.cue, cand.cue_lemma = borrowed.candidate.cue, borrowed.candidate.cue_lemma
                source_range = borrowed.roles["source"][0] if borrowed.roles["source"] else None
            else:
                source_range = None
        else:
            source_range = (source.start, source.end) if source is not None else None
            if source_range is None or _is_clause(doc, *source_range):
                source_range = _rules_source(rules, cue, fragments) or source_range
            if source_range is not None:
                source_range = _without_dangling_relative(doc, *_whole_coordination(doc, *source_range))
        if source_range is not None:
            roles["source"] = [source_range]
            cand.source = token_range(doc, *source_range)
        paragraph = layout.paragraph(fragments[0][0])
        if cue is None and quote_type != "indirect" and previous is not None \
                and paragraph - previous[0] <= _CONTINUES_PARAGRAPHS:
            cand.continues = previous[1]
        if cand.source is not None or cand.continues is not None:
            previous = (paragraph, cand)
        accepted.append(Accepted(cand, confidence, roles))
    return _with_untouched_rules(accepted, rules)


def _with_untouched_rules(accepted: list[Accepted], rules: list[Accepted]) -> list[Accepted]:
    """The model's attributions and, in text order among them, the rules' attributions
    whose content and cue share no character with any of the model's roles (constructions
    the model was not shown enough of: "The plan was criticized by Senator Ted Cruz as a
    giveaway"). Measured on held-back train: a fraction of a point more cue F1, no loss."""
    taken = RangeSet(r for _, _, roles in accepted for name in ("content", "cue", "source") for r in roles[name])
    for rule in rules:
        mine = rule.roles["content"] + rule.roles["cue"]
        if mine and not any(taken.overlaps(s, e) for s, e in mine):
            accepted.append(rule)
    accepted.sort(key=lambda item: min(s for s, _ in item.roles["content"]))
    return accepted


def _rules_attribution(rules: list[Accepted], content: list[CharRange]) -> Accepted | None:
    """The rules' attribution, with a cue, whose content covers most of `content` (a
    quotation the model found but tagged no cue for: "“...” Defense Secretary Pete Hegseth
    said during the briefing.")."""
    size = sum(e - s for s, e in content)
    for accepted in rules:
        roles = accepted.roles
        if not roles["cue"]:
            continue
        shared = sum(overlap(a, b) for a in content for b in roles["content"])
        if 2 * shared > size and not any(s < ce and cs < e for s, e in content for cs, ce in roles["cue"]):
            return accepted
    return None


def _is_clause(doc: Doc, start: int, end: int) -> bool:
    """Whether the characters [start, end) hold a clause (a verb with its own subject: "she
    feared deportation"), which is no one's name: a source tagged there yields to the rules'."""
    tokens = token_range(doc, start, end)
    if tokens is None:
        return False
    span = doc[tokens[0]:tokens[1]]
    root = span.root
    return root.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") and c.i >= span.start
                                                 for c in root.children)


def _whole_coordination(doc: Doc, start: int, end: int) -> CharRange:
    """The whole subject where the source tagged is only its last conjunct ("[the Bank of
    Canada, ..., and the Swiss National Bank] jointly announced": the network tagged the
    Swiss National Bank alone); PolNeAR's source is the subject as a whole."""
    tokens = token_range(doc, start, end)
    if tokens is None:
        return start, end
    top = doc[tokens[0]:tokens[1]].root
    if top.dep_ != "conj":
        return start, end
    while top.dep_ in ("conj", "appos") and top.head.i != top.i:  # "X, the Y and Z": Z is Y's conjunct
        top = top.head
    if top.dep_ not in ("nsubj", "nsubjpass"):
        return start, end
    first, last = top.left_edge, top.right_edge
    return min(start, first.idx), max(end, last.idx + len(last))


def _with_whole_object(doc: Doc, start: int, end: int, content: list[CharRange],
                       source: RoleSpan | None) -> CharRange:
    """The cue with the object of a preposition it ends on ("said in" -> "said in a
    statement"): the network stopped inside the phrase, which it took into the cue. Not
    where the object would run into the content or out of the cue's sentence."""
    tokens = token_range(doc, start, end)
    if tokens is None:
        return start, end
    last = doc[tokens[1] - 1]
    if last.pos_ != "ADP" or last.dep_ != "prep" or last.lower_ not in OCCASION_PREPOSITIONS:
        return start, end
    objects = [child for child in last.children if child.dep_ == "pobj" and child.i >= tokens[1]]
    if not objects:
        return start, end
    right = objects[0].right_edge
    new_end = right.idx + len(right)
    taken = content + (source.fragments if source is not None else [])
    if right.sent != last.sent or any(s < new_end and end < e for s, e in taken):
        return start, end
    return start, new_end


def _without_dangling_relative(doc: Doc, start: int, end: int) -> CharRange:
    """The source without a relative pronoun it ends on after a comma ("The minister, who"
    -> "The minister"): the network stopped inside a clause that is no part of a name."""
    tokens = token_range(doc, start, end)
    if tokens is None or tokens[1] - tokens[0] < 3:
        return start, end
    last, comma = doc[tokens[1] - 1], doc[tokens[1] - 2]
    if last.tag_ in ("WP", "WDT") and last.head.dep_ == "relcl" and comma.text == ",":
        return start, doc[tokens[1] - 3].idx + len(doc[tokens[1] - 3])
    return start, end


def _rules_source(rules: list[Accepted], cue: RoleSpan, content: list[CharRange]) -> CharRange | None:
    """Where the model tagged a cue but no source, the source the rules found for the same
    cue, unless it lies inside the content (a name quoted is not its speaker)."""
    for _, _, roles in rules:
        if roles["source"] and any(s < cue.end and cue.start < e for s, e in roles["cue"]):
            start, end = roles["source"][0]
            if not any(s < end and start < e for s, e in content):
                return start, end
    return None


def _addressee(rules: list[Accepted], cue: RoleSpan) -> list[CharRange]:
    """The addressee the rules found for the same cue ("told reporters")."""
    for _, _, roles in rules:
        if roles["addressee"] and any(s < cue.end and cue.start < e for s, e in roles["cue"]):
            return roles["addressee"]
    return []
