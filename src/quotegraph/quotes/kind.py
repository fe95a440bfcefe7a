"""What kind of statement an attribution reports, read from its cue: `speech` (said, told,
noted, pointed out, acknowledged, according to), `writing` (wrote, tweeted, "in a letter",
a ruling, an order, a study that finds) or `thought` (believes, hopes, wants, plans);
docs/statements.md.

A user tracking who said what filters on this to leave beliefs and plans out (`extract
--kind speech --kind writing`). The lists are lemmas, lower-case; a cue's lemma is its
syntactic head's.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..record import StatementKind
from .lexicon import COGNITION_VERBS

# Written words, and what rulings, orders, reports and studies state or find.
WRITING_CUES = frozenset("""
write tweet retweet post blog publish email e-mail text pen sign print letter memo op-ed
editorial column essay filing
find conclude show indicate rule order hold determine finding ruling conclusion
""".split())

# Verbs of saying that a belief list would claim: acknowledging and conceding are said.
_SAID_NOT_THOUGHT = frozenset({"acknowledge", "concede", "hear", "see", "recall", "remember", "learn"})

THOUGHT_CUES = COGNITION_VERBS - _SAID_NOT_THOUGHT | frozenset("""
want wish plan intend aim prefer like love hate desire seek envision envisage anticipate belief
view fear notion idea suspicion concern expectation intention decide
""".split())

SPEECH_NOUNS = frozenset("""
claim statement assertion allegation argument suggestion assurance promise warning accusation
charge admission acknowledgment acknowledgement insistence contention announcement testimony
message remark comment speech interview remarks
""".split())


def kind_of_lemma(lemma: str) -> StatementKind:
    """The kind of a cue whose head lemma is `lemma`: writing or thought where the lists
    say so, else speech (said, noted, pointed out, voiced, "according to", a transcript's
    label ":", a quotation's signature dash "―", and any verb a reader takes as saying)."""
    lemma = lemma.lower()
    if lemma in WRITING_CUES:
        return "writing"
    if lemma in THOUGHT_CUES:
        return "thought"
    return "speech"


def cue_lemma(doc: Doc, start: int, end: int) -> str:
    """The lemma of the cue's head: the root of the character span `start:end`, preferring
    a verb or noun over an auxiliary ("has also said" -> "say")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    if span[0].lower_ == "according":
        return "according to"
    words = [t for t in span if t.pos_ in ("VERB", "NOUN", "PROPN")]
    head = span.root if span.root.pos_ in ("VERB", "NOUN") or not words else words[-1]
    return head.lemma_.lower()
