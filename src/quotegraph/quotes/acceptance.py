"""Reader confidence: the probability that an expert reader accepts a statement as fully
right (a real statement, the right speaker, a sound content; ../shared/docs/STATEMENTS.md).

The attribution engine's own confidence says whether a content matches PolNeAR's boundaries
to the character; it cannot tell a real statement with a debatable boundary from a noun
phrase or the writer's voice. This is a logistic model over what the record itself shows of
a quote (that engine confidence among it), so it needs no parse and can be applied to any
record, stored or fresh. Its weights (`acceptance.json`, beside this file) are fitted by
`python -m quotegraph.model.fit_acceptance` on the real-page tuning gold together with
PolNeAR train; how, and the calibration it reaches: docs/statements.md.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from ..record import Quote, Record
from ..text_ranges import RangeSet
from ..source_types import ANONYMOUS, DOCUMENT, GROUP, names_documents, record_source_type
from .interview import is_answer_cue
from .kind import THOUGHT_CUES, WRITING_CUES
from .letters import is_letter_cue
from .lexicon import COGNITION_VERBS, CUE_NOUNS, INFINITIVE_CUES, SPEECH_VERBS
from .marks import find_quoted_regions
from .titles import is_title

WEIGHTS_PATH = Path(__file__).with_name("acceptance.json")

_PRONOUNS = frozenset("he she they it him her them".split())
# The writer and the reader: outside a quotation, "I", "we" and "you" are the article's own voice.
_OWN_VOICE = frozenset("i me my we us our you your".split())
# A source that is only a relative or demonstrative pronoun: the parse's, rarely the reader's.
_RELATIVE = frozenset("who which that this these those what".split())
# Cues that name the act of saying or writing outright, as a reader expects of a quote, and
# those that name a belief or an intention.
_SAYING = frozenset("""say tell according add ask explain write tweet post state warn argue claim insist note
announce deny admit confirm acknowledge concede stress emphasize emphasise report predict promise reply respond
complain suggest urge caution allege testify declare recall estimate vow pledge threaten accuse agree
disagree""".split())
_HOLDING = frozenset("believe think fear hope expect want plan intend worry doubt suspect".split())
# What studies, polls and reports state ("the study found that ...", "a poll shows that ...").
_FINDING = frozenset("find show conclude reveal indicate suggest estimate".split())
# Words whose lemma says "attribution": verbs of saying, writing, belief and intention, and
# the nouns that take a reported complement.
_ATTRIBUTING = SPEECH_VERBS | COGNITION_VERBS | INFINITIVE_CUES | CUE_NOUNS | WRITING_CUES | THOUGHT_CUES
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think",
              "felt": "feel", "knew": "know", "known": "know", "heard": "hear", "saw": "see", "seen": "see",
              "found": "find", "held": "hold", "sang": "sing", "sung": "sing", "swore": "swear",
              "sworn": "swear", "understood": "understand", "forgot": "forget", "taught": "teach"}
_WORD = re.compile(r"\w+")
_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def _lemmas(word: str) -> set[str]:
    """The lemmas `word` may be an inflection of, read off its ending ("warned" -> warn,
    "argues" -> argue, "saying" -> say, "told" -> tell): candidates, not a lemmatiser."""
    word = word.lower().replace("’", "'")
    if word in _IRREGULAR:
        return {_IRREGULAR[word]}
    out = {word}
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            out.add(stem)
            if len(stem) > 2 and stem[-1] == stem[-2]:  # "planned" -> plan
                out.add(stem[:-1])
    return out


def cue_attributes(cue: str) -> bool:
    """Some word of the cue is a verb or noun of saying, writing, belief or intention, or the
    cue is "according to" or a layout mark (":", a dash)."""
    words = _WORD.findall(cue)
    if not words:
        return bool(cue.strip())  # ":" or "―": a transcript label, a signature
    return any(_lemmas(word) & _ATTRIBUTING or word.lower() == "according" for word in words)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def layout_turn(quote: Quote, text: str) -> bool:
    """The layout names the quote's speaker: an interview's answer (quotes/interview.py) or
    a letter's paragraph (its salutation's colon or signature's dash, quotes/letters.py)."""
    if quote.cue is None:
        return False
    return is_answer_cue(text, quote.cue.start) or is_letter_cue(text, quote.cue.start, quote.cue.end)


def features(quote: Quote, entities: Sequence[dict[str, Any]], quoted: RangeSet, text: str) -> dict[str, float]:
    """What the record shows of `quote`, as named numbers; `entities`: the record's;
    `quoted`: the text's quotations (character ranges); `text`: the record's."""
    content = " ".join(span.text for span in quote.content)
    words = _WORD.findall(content)
    cue = quote.cue.text.lower() if quote.cue is not None else ""
    cue_words = [w for word in _WORD.findall(cue) for w in _lemmas(word)]
    source = quote.source.text.lower() if quote.source is not None else ""
    entity: dict[str, Any] = {}
    if quote.speaker is not None and quote.speaker.entity is not None:
        entity = next((e for e in entities if e.get("id") == quote.speaker.entity), {})
    label = entity.get("label", "")
    first = content.lstrip(" \"“‘'«„")[:1]
    own_voice = source in _OWN_VOICE and quote.source is not None and not quoted.holds(quote.source.start)
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
        "cue_saying": float(any(w in _SAYING for w in cue_words)),
        "cue_holding": float(any(w in _HOLDING for w in cue_words)),
        "cue_finding": float(any(w in _FINDING for w in cue_words)),
        # a transcript's label ("WALLACE: ..."), a signature dash: the layout says who speaks;
        # an interview's answer or a letter's paragraph apart (they are not labels in a line)
        "layout_cue": float(quote.cue is not None and not _WORD.search(cue) and not turn),
        "layout_turn": float(turn),
        "cue_attributes": float(quote.cue is not None and cue_attributes(cue)),
        "no_source": float(quote.source is None),
        "pronoun_source": float(source in _PRONOUNS),
        "own_voice": float(own_voice),
        "relative_source": float(source in _RELATIVE),
        # the inputs the weights were fitted with, the anonymous and collective flags, as the
        # source type keeps them (source_types.py): an unnamed group (or several documents,
        # "reports say"); an unnamed person
        "collective": float(bool(entity) and (record_source_type(entity) == GROUP or (
            record_source_type(entity) == DOCUMENT and names_documents(str(entity.get("name") or ""))))),
        "anonymous": float(bool(entity) and record_source_type(entity) == ANONYMOUS and label != "GROUP"),
        "no_speaker": float(quote.speaker is None),
        "nested": float(quote.within is not None),
        "log_words": math.log1p(len(words)),
        "short": float(len(words) < 4),
        "pieces": float(len(quote.content) > 1),
        "lower_start": float(first.islower()),
        # a reported clause ("that the deal is off") or an intention ("to run"): a content
        "that_clause": float(bool(words) and words[0].lower() == "that" and quote.type != "direct"),
        "to_clause": float(bool(words) and words[0].lower() == "to" and quote.type != "direct"),
        "long_cue": float(len(_WORD.findall(cue)) > 3),
    }
    for name in _LABELS:
        row[f"speaker_{name}"] = float(label == name)
    return row


# What a reader never calls a statement, read off the record (../shared/docs/STATEMENTS.md,
# "Not a statement"): the reader confidence of such a quote is at most NOT_A_STATEMENT, so
# the default view never shows it; everything stays with `--min-confidence 0`.
NOT_A_STATEMENT = 0.02
# The writer's reasoning in a participle with no subject of its own ("..., showing that ...").
_WRITER_PARTICIPLES = frozenset("show suggest indicate mean prove highlight underscore underline signal reflect "
                                "demonstrate illustrate raise confirm make leave".split())
_HEDGES = frozenset("seem appear look sound".split())
# "That said, ...", "Having said that", "Needless to say", "Suffice it to say": the writer.
_CONNECTIVE_BEFORE = re.compile(r"(?:\bhaving|\bneedless\s+to|\bsuffice\s+it\s+to|\bso\s+to|\bthat\s+being)\s*$",
                                re.IGNORECASE)
# A cue under "if"/"unless" in its own clause, or after "would/could/might/may (have)"
# ("others may argue that ...": nobody has).
_HYPOTHETICAL_BEFORE = re.compile(r"(?:\b(?:if|unless)\b[^,;:.!?\n]*|\b(?:would|could|might|may)(?:\s+(?:not|never))?"
                                  r"(?:\s+have)?\s*)$", re.IGNORECASE)
# A holding denied: "did not say", "doesn't believe", "nor does she believe", "never thought".
_NEGATED = re.compile(r"(?:\bnot|n[’']t|\bnever|\bno\s+longer|\bnor\s+\w+\s+\w+)\s+(?:\w+\s+)?$", re.IGNORECASE)
# "were talking about the slogan", "mixed signals about whether ...", "raised that point in
# criticism of the plan": what the words are about, not what they say.
_TOPIC_PREPOSITIONS = frozenset({"about", "of", "over", "regarding", "concerning"})
_ABOUT = "a topic, not a content"
_NEGATION_IN_CUE = re.compile(r"\b(?:not|never)\b|n[’']t\b")


_ARTICLES = frozenset({"a", "an", "the"})


# "It's safe to say", "it's important to remember", "it should be noted": the writer remarks.
_WRITER_REMARKS = frozenset("say note remember add stress mention point emphasize emphasise".split())
_MODAL_PASSIVE = re.compile(r"\b(?:should|must|can|could|may|might)\s+(?:also\s+)?be\s+\w+$")
# "Correction: An earlier version of this story incorrectly indicated that ..."
_CORRECTION = re.compile(r"^correction\b|\b(?:earlier|previous|prior) version of this\b")
# "NASA has held firm despite criticisms that ...": the criticisms are not NASA's.
_NOUN_AFTER_DESPITE = re.compile(r"\b(?:despite|amid|amidst|in\s+spite\s+of)\b(?:\s+(?:the|a|an|some|many|growing|repeated))*\s*$",
                                 re.IGNORECASE)
_REFLEXIVE = re.compile(r"\s*(?:himself|herself|itself|themselves|myself|ourselves|yourself)\b", re.I)
_NAMING = frozenset("call dub label brand term nickname describe".split())
_MARKS = "\"“”‘’'«»„ "
_BY_AFTER = re.compile(r"\s+by\b")
# Words between a cue and a quotation in title case that make the quotation a name.
_NAME_NOUNS = re.compile(r"\b(?:pseudonym|name|nickname|alias|moniker|handle|title|headline|slogan|called|named|"
                         r"titled|entitled|dubbed|including|like|hits?|songs?|album|book|film|show|series)\b", re.I)


# Words a quotation of somebody's sits from its cue at most ("said in a statement, “...”").
_MOST_WORDS_BETWEEN = 6


def _content_start(quote: Quote) -> int:
    return quote.content[0].start if quote.content else quote.start


def _title_not_said(quote: Quote, text: str) -> str | None:
    """Why a quotation in title case ("Red Neck Country Club", "Guardians of the Galaxy") is
    a name, not words said, or None: nobody is said to say it (the cue is no verb of saying,
    "is holding a party at the “Red Neck Country Club”"), or it sits between the source and
    the cue ("Lee, who starred in “Parks” and “Guardians of the Galaxy,” posted ..."), where
    no quotation of the source's stands. A naming ("called it a “Witch Hunt”") is a statement."""
    if quote.type != "direct" or len(quote.content) != 1:
        return None
    if not is_title(quote.content[0].text.strip(_MARKS).rstrip(".,").strip(_MARKS)):
        return None
    lemmas = {lemma for word in _WORD.findall(quote.cue.text.lower()) for lemma in _lemmas(word)} if quote.cue else set()
    if lemmas & _NAMING:
        return None
    if not lemmas & _SAYING:
        return "a title or a name in quotation marks that nobody is said to say"
    if quote.cue is not None:
        gap = text[min(quote.cue.end, _content_start(quote)):max(quote.cue.start, _content_start(quote))]
        if quote.source is not None:
            gap = gap.replace(quote.source.text, " ")
        if _NAME_NOUNS.search(gap):
            return "a name in quotation marks ('wrote under the pseudonym “Carlos Danger”', 'added hits including')"
        if len(_WORD.findall(gap)) > _MOST_WORDS_BETWEEN:
            return "a title far from the cue ('writes a weekly column and, since 2013, leads “America with ...”')"
    if quote.cue is not None and _BY_AFTER.match(text, quote.cue.end):
        return "a work and its author ('written by'), not words said"
    content = quote.content[0]
    if quote.source is not None and quote.cue is not None and quote.source.end <= content.start \
            and quote.cue.start >= content.end:
        return "a title between the source and the cue: no quotation of the source's"
    return None


def not_a_statement(quote: Quote, text: str, quoted: RangeSet) -> str | None:
    """Why a reader would not call `quote` a statement, or None: the writer's own voice
    (a source "I", "we" or "you" outside any quotation; "That said, ..."; a participle with
    no subject of its own, "..., showing that ..."; a hedge, "it seems that ..."), what the
    words are about rather than what they say ("talking about the slogan", "mixed signals
    about whether ..."), a hypothetical or a negated holding ("if the union wanted to ...", "nor does she
    believe ..."), the salutation of a letter read as a transcript label ("DEAR ABBY: My
    husband ...": the letter is to Abby), or the speaker's own "I think" or rhetoric inside
    a quotation (it stays part of the quotation's statement), or a source that is a lone
    article (the engine's misreading of "... such as a 2.1 GW project")."""
    source = quote.source.text.lower() if quote.source is not None else ""
    if quote.within is not None:
        return "inside a quotation: part of its statement" if source in _OWN_VOICE else None
    if source in _OWN_VOICE and quote.source is not None and not quoted.holds(quote.source.start):
        return "the writer's or the reader's own voice"
    if source in _ARTICLES:
        return "a source that names no one (a lone article: 'such as a')"
    title = _title_not_said(quote, text)
    if title is not None:
        return title
    if quote.cue is None:
        return None
    cue_text = quote.cue.text.lower()
    if cue_text.strip() == ":" and source.startswith("dear "):
        return "a letter's salutation: it names whom the letter is to"
    cue_words = _WORD.findall(cue_text)
    lemmas = {lemma for word in cue_words for lemma in _lemmas(word)}
    before = text[max(0, quote.cue.start - 60):quote.cue.start]
    before = re.split(r"[.!?\n]", before)[-1]
    if "say" in lemmas and (source in ("that", "this") or _CONNECTIVE_BEFORE.search(before)):
        return "a discourse connective of the writer"
    if len(cue_words) == 1 and cue_text.endswith("ing") and lemmas & _WRITER_PARTICIPLES \
            and before.rstrip().endswith(","):
        return "the writer's participle"
    if lemmas & _HEDGES and source in ("", "it"):
        return "a hedge of the writer"
    if source in ("", "it") and lemmas & _WRITER_REMARKS and ("to" in cue_words or _MODAL_PASSIVE.search(cue_text)):
        return "a remark of the writer ('it's safe to say', 'it should be noted')"
    if _CORRECTION.search(source):
        return "the article's own correction"
    if "find" in lemmas and _REFLEXIVE.match(quote.content[0].text if quote.content else ""):
        return "finding oneself somewhere: no finding"
    if _NOUN_AFTER_DESPITE.search(text, quote.source.end if quote.source else quote.cue.start, quote.cue.start) \
            and len(cue_words) == 1 and quote.source is not None and quote.source.end <= quote.cue.start:
        return "a noun of saying after 'despite' or 'amid': the text does not say whose words they are"
    if source == "all" and cue_words == ["told"]:
        return "'all told': in all, not a telling"
    if cue_words == ["asked"] and quote.cue.text[:1].isupper() and quote.type == "indirect":
        return "a question put to the source ('Asked whether ...'), not the source's words"
    if cue_words and cue_words[-1] in _TOPIC_PREPOSITIONS and not (
            quote.type != "indirect" and lemmas & {"say", "tell", "write", "add"}):
        return _ABOUT  # not 'Trump said of waterboarding, “It's fine”': a quotation with its topic
    if _HYPOTHETICAL_BEFORE.search(before) or cue_words[:1] in (["would"], ["could"], ["might"], ["may"]):
        return "a hypothetical"
    if _NEGATED.search(before) or _NEGATION_IN_CUE.search(cue_text):
        return "a negated holding"
    return None


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
        if quote.within is not None and reasons.get(quote.within) not in (None, _ABOUT) \
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
    labels = {entity.get("id"): entity.get("label") for entity in record.entities}
    for quote in record.quotes:
        holder = holders.get(quote.within) if quote.within is not None else None
        named = quote.speaker is not None and labels.get(quote.speaker.entity) in _LABELS
        if holder is not None and reasons[quote.id] is None and named:
            # a report nested in a statement ("Henderson stated that he envisioned ...") is
            # read with it: the holder's confidence, as the engine gives it (no fit saw
            # these), when its speaker is somebody named ("Words cannot describe ..." is not)
            quote.confidence = holder.confidence


def quotations(text: str) -> RangeSet:
    """The text's quotations, marks included, as character ranges."""
    return RangeSet((region.open, region.end) for region in find_quoted_regions(text))
