"""What kind of statement an attribution reports, read from its cue: `speech` (said, told,
according to), `writing` (wrote, tweeted, "in a letter"), `thought` (believes, hopes,
wants, plans) or `other` (acts and findings: ruled, voted, unveiled, the study found).

A user tracking who said what filters on this to leave beliefs and plans out (`quotes
--kind speech`). The lists are lemmas, lower-case; a cue's lemma is its syntactic head's.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..record import StatementKind
from .lexicon import COGNITION_VERBS, SPEECH_VERBS

WRITING_CUES = frozenset("""
write tweet retweet post blog publish email e-mail text pen sign print letter memo op-ed
editorial column essay filing
""".split())

THOUGHT_CUES = COGNITION_VERBS - {"hear", "see", "recall", "remember", "learn"} | frozenset("""
want wish plan intend aim prefer like love hate desire seek envision envisage anticipate belief
view fear notion idea suspicion concern expectation intention
""".split())

# Decisions and findings: neither said nor believed in the sense a quote tracker means.
OTHER_CUES = frozenset("""
find conclude show indicate rule order decide hold determine vote approve veto
finding ruling order conclusion
""".split())

SPEECH_NOUNS = frozenset("""
claim statement assertion allegation argument suggestion assurance promise warning accusation
charge admission acknowledgment acknowledgement insistence contention announcement testimony
message remark comment speech interview remarks
""".split())


def kind_of_lemma(lemma: str) -> StatementKind:
    """The kind of a cue whose head lemma is `lemma`. "according to", a transcript's speaker
    label (":") and a quotation's signature dash ("―") count as speech."""
    lemma = lemma.lower()
    if lemma in ("according to", "according", ":", "―"):
        return "speech"
    if lemma in WRITING_CUES:
        return "writing"
    if lemma in THOUGHT_CUES:
        return "thought"
    if lemma in OTHER_CUES:
        return "other"
    if lemma in SPEECH_VERBS or lemma in SPEECH_NOUNS:
        return "speech"
    return "other"


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
