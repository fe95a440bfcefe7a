"""Reader confidence: the probability that an expert reader accepts a statement as fully
right (a real statement, the right speaker, a sound content; docs/statements.md).

The attribution engine's own confidence says whether a content matches PolNeAR's boundaries
to the character; it cannot tell a real statement with a debatable boundary from a noun
phrase or the writer's voice. This is a logistic model over what the record itself shows of
a quote (that engine confidence among it), so it needs no parse and can be applied to any
record, stored or fresh. Its weights (`acceptance.json`, beside this file) are fitted by
`python -m quotegraph.training.fit_acceptance` on the real-page tuning gold together with
PolNeAR train; how, and the calibration it reaches: docs/statements.md.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from ..record import ArticleEntity, Quote, Record
from ..source_types import ANONYMOUS, DOCUMENT, GROUP, names_documents
from ..text.ranges import RangeSet
from .cue_lemmas import OWN_VOICE, SAYING, WORD, lemmas
from .interview import is_answer_cue
from .kind import THOUGHT_CUES, WRITING_CUES
from .letters import is_letter_cue
from .lexicon import COGNITION_VERBS, CUE_NOUNS, INFINITIVE_CUES, SPEECH_VERBS
from .marks import find_quoted_regions
from .not_a_statement import ABOUT, NOT_A_STATEMENT, not_a_statement

WEIGHTS_PATH = Path(__file__).with_name("acceptance.json")

_PRONOUNS = frozenset("he she they it him her them".split())
# A source that is only a relative or demonstrative pronoun: the parse's, rarely the reader's.
_RELATIVE = frozenset("who which that this these those what".split())
_HOLDING = frozenset("believe think fear hope expect want plan intend worry doubt suspect".split())
# What studies, polls and reports state ("the study found that ...", "a poll shows that ...").
_FINDING = frozenset("find show conclude reveal indicate suggest estimate".split())
# Words whose lemma says "attribution": verbs of saying, writing, belief and intention, and
# the nouns that take a reported complement.
_ATTRIBUTING = SPEECH_VERBS | COGNITION_VERBS | INFINITIVE_CUES | CUE_NOUNS | WRITING_CUES | THOUGHT_CUES
_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def cue_attributes(cue: str) -> bool:
    """Some word of the cue is a verb or noun of saying, writing, belief or intention, or the
    cue is "according to" or a layout mark (":", a dash)."""
    words = WORD.findall(cue)
    if not words:
        return bool(cue.strip())  # ":" or "―": a transcript label, a signature
    return any(lemmas(word) & _ATTRIBUTING or word.lower() == "according" for word in words)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def layout_turn(quote: Quote, text: str) -> bool:
    """The layout names the quote's speaker: an interview's answer (quotes/interview.py) or
    a letter's paragraph (its salutation's colon or signature's dash, quotes/letters.py)."""
    if quote.cue is None:
        return False
    return is_answer_cue(text, quote.cue.start) or is_letter_cue(text, quote.cue.start, quote.cue.end)


def features(quote: Quote, entities: Sequence[ArticleEntity], quoted: RangeSet, text: str) -> dict[str, float]:
    """What the record shows of `quote`, as named numbers; `entities`: the record's;
    `quoted`: the text's quotations (character ranges); `text`: the record's."""
    content = " ".join(span.text for span in quote.content)
    words = WORD.findall(content)
    cue = quote.cue.text.lower() if quote.cue is not None else ""
    cue_words = [w for word in WORD.findall(cue) for w in lemmas(word)]
    source = quote.source.text.lower() if quote.source is not None else ""
    entity: ArticleEntity | None = None
    if quote.speaker is not None and quote.speaker.entity is not None:
        entity = next((e for e in entities if e.id == quote.speaker.entity), None)
    label = entity.label if entity is not None else ""
    first = content.lstrip(" \"“‘'«„")[:1]
    own_voice = source in OWN_VOICE and quote.source is not None and not quoted.holds(quote.source.start)
    turn = layout_turn(quote, text)
    row = {
        "engine": _logit(quote.confidence),
        "weak": float(quote.confidence <= 0.4),
        "direct": float(quote.type == "direct"),
        "mixed": float(quote.type == "mixed"),
        "speech": float(quote.kind == "speech"),
        "writing": float(quote.kind == "writing"),
        "thought": float(quote.kind == "thought"),
        "no_cue": float(quote.cue is None),
        "cue_saying": float(any(w in SAYING for w in cue_words)),
        "cue_holding": float(any(w in _HOLDING for w in cue_words)),
        "cue_finding": float(any(w in _FINDING for w in cue_words)),
        # a transcript's label ("WALLACE: ..."), a signature dash: the layout says who speaks;
        # an interview's answer or a letter's paragraph apart (they are not labels in a line)
        "layout_cue": float(quote.cue is not None and not WORD.search(cue) and not turn),
        "layout_turn": float(turn),
        "cue_attributes": float(quote.cue is not None and cue_attributes(cue)),
        "no_source": float(quote.source is None),
        "pronoun_source": float(source in _PRONOUNS),
        "own_voice": float(own_voice),
        "relative_source": float(source in _RELATIVE),
        # the inputs the weights were fitted with, the anonymous and collective flags, as the
        # source type keeps them (source_types.py): an unnamed group (or several documents,
        # "reports say"); an unnamed person
        "collective": float(entity is not None and (entity.source_type == GROUP or (
            entity.source_type == DOCUMENT and names_documents(entity.name)))),
        "anonymous": float(entity is not None and entity.source_type == ANONYMOUS and label != "GROUP"),
        "no_speaker": float(quote.speaker is None),
        "nested": float(quote.within is not None),
        "log_words": math.log1p(len(words)),
        "short": float(len(words) < 4),
        "pieces": float(len(quote.content) > 1),
        "lower_start": float(first.islower()),
        # a reported clause ("that the deal is off") or an intention ("to run"): a content
        "that_clause": float(bool(words) and words[0].lower() == "that" and quote.type != "direct"),
        "to_clause": float(bool(words) and words[0].lower() == "to" and quote.type != "direct"),
        "long_cue": float(len(WORD.findall(cue)) > 3),
    }
    for name in _LABELS:
        row[f"speaker_{name}"] = float(label == name)
    return row


@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS_PATH) -> dict[str, float]:
    """The fitted weights (feature name -> weight, "bias" among them)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: float(value) for name, value in data["weights"].items()}


def probability(row: dict[str, float], weights: dict[str, float]) -> float:
    z = weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * value for name, value in row.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def reader_confidence(record: Record, weights: dict[str, float] | None = None) -> None:
    """Sets every quote's confidence of `record` to its reader confidence, in place; the
    quotes' confidence must still be the engine's."""
    weights = weights if weights is not None else load_weights()
    quoted = quotations(record.text)
    reasons = {quote.id: not_a_statement(quote, record.text, quoted) for quote in record.quotes}
    for quote in record.quotes:
        if quote.within is not None and reasons.get(quote.within) not in (None, ABOUT) \
                and not quoted.holds(quote.start):
            # "That said, the company promised ...": the writer's words hold a statement of the
            # narrative (not "signals about whether he wants ...": that is nobody's statement)
            quote.within = None
            reasons[quote.id] = not_a_statement(quote, record.text, quoted)
    for quote in record.quotes:
        confidence = probability(features(quote, record.entities, quoted, record.text), weights)
        if reasons[quote.id] is not None:
            confidence = min(confidence, NOT_A_STATEMENT)
        quote.confidence = confidence
    holders = {quote.id: quote for quote in record.quotes}
    labels = {entity.id: entity.label for entity in record.entities}
    for quote in record.quotes:
        holder = holders.get(quote.within) if quote.within is not None else None
        speaker = quote.speaker.entity if quote.speaker is not None else None
        named = speaker is not None and labels.get(speaker) in _LABELS
        if holder is not None and reasons[quote.id] is None and named:
            # a report nested in a statement ("Henderson stated that he envisioned ...") is
            # read with it: the holder's confidence, as the engine gives it (no fit saw
            # these), when its speaker is somebody named ("Words cannot describe ..." is not)
            quote.confidence = holder.confidence


def quotations(text: str) -> RangeSet:
    """The text's quotations, marks included, as character ranges."""
    return RangeSet((region.open, region.end) for region in find_quoted_regions(text))
