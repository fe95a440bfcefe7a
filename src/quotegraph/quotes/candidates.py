"""Candidate generation: every place the parse says someone may be reporting something.

Each generator is a pure function over a parsed `Doc` yielding `Candidate`s with token
ranges; nothing here decides between candidates (that is `decoding`) or scores them
(`scoring`), so a learned model can replace any of the three parts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from spacy.tokens import Doc, Token

from ..record import QuoteType
from ..text.ranges import TokenRange, subtract, subtree_range, trim_punct
from .lexicon import COGNITION_VERBS, CUE_NOUNS, INFINITIVE_CUES, OBJECT_CUES, PREPOSITION_CUES, SPEECH_VERBS

_CUE_MODIFIERS = frozenset({"aux", "auxpass", "neg", "advmod"})
_ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "brief", "notify", "warn", "advise", "remind", "ask", "urge", "instruct"})
_CONTENT_DEPS = ("ccomp",)
_OBJECT_COMPLEMENTS = frozenset({"dobj", "oprd", "prep", "xcomp", "attr", "acomp", "ccomp"})
_CLAUSE_LINKS = frozenset({"advcl", "conj", "xcomp", "pcomp", "acl"})


@dataclass(eq=False)
class Candidate:
    """One possible attribution; ranges are token ranges, `content` may be discontinuous."""

    kind: str  # "verb" | "according" | "noun" | "direct"
    content: list[TokenRange]
    cue: TokenRange | None = None
    source: TokenRange | None = None
    addressee: TokenRange | None = None
    cue_lemma: str = ""
    regions: list = field(default_factory=list)  # QuotedRegion objects the content came from
    features: dict[str, float] = field(default_factory=dict)
    # Character spans that replace `content` when quotation marks fix the boundaries.
    char_content: list[tuple[int, int]] | None = None
    quote_type: QuoteType = "indirect"
    # For a quote with no cue of its own: the candidate whose speaker it continues.
    continues: "Candidate | None" = None


def cue_range(verb: Token) -> TokenRange:
    """The verb with its auxiliaries, negation and preceding adverbs ("has also said"),
    and its particle ("pointed out")."""
    start = verb.i
    for child in reversed(list(verb.lefts)):
        if child.dep_ in _CUE_MODIFIERS and child.i == start - 1:
            start = child.i
    end = verb.i + 1
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == end:
            end = child.i + 1
    return start, end


def subject_of(verb: Token) -> Token | None:
    """The speaker of `verb`: its own subject, the agent of a passive, or, for a participle
    or conjoined verb without one ("..., adding that"), the subject of the clause it hangs on."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if verb.dep_ in _CLAUSE_LINKS and verb.head.i != verb.i:
        if verb.dep_ == "acl":  # "a statement saying ...", "officials speaking on ..."
            return verb.head if verb.head.pos_ in ("NOUN", "PROPN", "PRON") else None
        for child in verb.head.children:
            if child.dep_ == "nsubj":
                return child
    return None


def source_range(subject: Token, exclude: list[TokenRange]) -> TokenRange | None:
    """The subject's phrase, with any subject the parser split off beside it
    ("The US car manufacturer | General Motors said")."""
    rng = subtree_range(subject)
    for sibling in subject.head.children:
        if sibling.dep_ == subject.dep_ and sibling is not subject:
            s_start, s_end = subtree_range(sibling)
            if s_start == rng[1] or s_end == rng[0]:
                rng = (min(rng[0], s_start), max(rng[1], s_end))
    pieces = [p for p in subtract(rng, exclude) if p[0] <= subject.i < p[1]]
    return trim_punct(subject.doc, pieces[0]) if pieces else None


def _addressee(verb: Token, lemma: str) -> TokenRange | None:
    for child in verb.children:
        if lemma in _ADDRESSEE_VERBS and child.dep_ in ("dobj", "dative"):
            return trim_punct(verb.doc, subtree_range(child))
        if child.dep_ in ("prep", "dative") and child.lower_ == "to" and lemma in SPEECH_VERBS:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return trim_punct(verb.doc, subtree_range(objects[0]))
    return None


def _without_trailing_participle(head: Token, rng: TokenRange) -> TokenRange:
    """Cut ", contradicting ..." / ", engaging in ..." off the end of a content: a participle
    clause after a comma comments on the report, it is not part of it."""
    doc = head.doc
    for child in head.rights:
        if child.dep_ == "advcl" and child.tag_ == "VBG" and child.left_edge.i > rng[0] \
                and doc[child.left_edge.i - 1].text == ",":
            return trim_punct(doc, (rng[0], child.left_edge.i)) or rng
    return rng


_BACKSHIFT_AUX = frozenset({"would", "could", "might", "should", "had", "was", "were"})


def _with_reported_but(verb: Token, rng: TokenRange) -> TokenRange:
    """The content runs on over ", but" into a second clause that is still reported speech
    ("Okafor said the sample was small, but the result was clear"), where the parse hangs
    that clause on the cue verb. Only with no "that" before the first clause, and a second
    clause backshifted as reported speech is ("was", "would", "could", "had" ...), not an
    event the writer narrates ("said that the plan was late, but the council approved it")
    nor the writer's comment in the present ("said Clinton was the winner, but instant
    polls are not a measure of ...", as PolNeAR has it)."""
    doc = verb.doc
    first = [c for c in verb.children if c.dep_ in _CONTENT_DEPS][0]
    if any(c.dep_ == "mark" for c in first.children):
        return rng
    for conj in verb.rights:
        if conj.dep_ != "conj" or conj.i < rng[1]:
            continue
        links = [c for c in verb.children if rng[1] <= c.i < conj.i]
        if not any(c.dep_ == "cc" and c.lower_ == "but" for c in links) or any(c.dep_ not in ("cc", "punct") for c in links):
            return rng
        if conj.lemma_ in SPEECH_VERBS or conj.lemma_ in COGNITION_VERBS:
            return rng
        subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in conj.children)
        # backshifted, as reported speech is: "was", "would honour", not "polls are not"
        reported = (conj.lemma_ == "be" and conj.tag_ == "VBD") or any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in _BACKSHIFT_AUX for c in conj.children)
        if subject and reported:
            extended = trim_punct(doc, (rng[0], conj.right_edge.i + 1))
            return extended or rng
        return rng
    return rng


def _is_time_phrase(token: Token) -> bool:
    """"on Wednesday", "in March": a preposition whose object is a date or time."""
    return token.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in token.children)


def _passive_content(verb: Token) -> list[TokenRange] | None:
    """"The plan was described by officials as a failure": with an agent, the passive
    subject and its predicate ("as a failure") are the content."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not subjects:
        return None
    pieces = [subtree_range(subjects[0])]
    for token in verb.subtree:
        if token.i <= verb.i:
            continue
        # The parser may hang "as a failure" on the agent ("by officials as a failure").
        on_verb = token.head == verb or (token.head.dep_ == "pobj" and token.head.head.dep_ == "agent")
        if on_verb and (token.dep_ in ("oprd", "xcomp") or (token.dep_ == "prep" and token.lower_ == "as")):
            pieces.append(subtree_range(token))
    return [p for p in (trim_punct(verb.doc, r) for r in pieces) if p]


def _verb_content(verb: Token, lemma: str) -> tuple[list[TokenRange], str] | None:
    """The reported content of a cue verb and how it was found."""
    doc = verb.doc
    clauses = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    if clauses:
        clause = clauses[0]
        rng = trim_punct(doc, (min(subtree_range(c)[0] for c in clauses), max(subtree_range(c)[1] for c in clauses)))
        if rng is None:
            return None
        rng = _without_trailing_participle(clauses[-1], rng)
        if clause.i > verb.i:
            rng = _with_reported_but(verb, rng)
        # A postposed attribution inside its content ("The economy, Smith said, is strong").
        holes = [cue_and_subject_range(verb)] if rng[0] < verb.i < rng[1] else []
        kind = "postposed" if clause.i < verb.i else "complement"
        pieces = [p for p in subtract(rng, holes) if p[1] > p[0]]
        if kind == "postposed":
            pieces.extend(_continuation(verb, rng))
        return pieces, kind
    passive = _passive_content(verb)
    if passive:
        return passive, "passive"
    if lemma in INFINITIVE_CUES:
        for child in verb.children:
            if child.dep_ == "xcomp" and child.i > verb.i and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
                rng = trim_punct(doc, subtree_range(child))
                return ([rng], "infinitive") if rng else None
    if lemma in OBJECT_CUES:
        objects = [c for c in verb.rights if c.dep_ == "dobj" and lemma not in _ADDRESSEE_VERBS]
        if objects and objects[0].pos_ != "PRON" or objects and lemma == "call":
            # Complements after the object belong to the content, but not a trailing time
            # ("announced the move on Wednesday"): that dates the report.
            last = max((c for c in verb.rights if c.dep_ in _OBJECT_COMPLEMENTS and not _is_time_phrase(c)),
                       key=lambda c: c.i)
            rng = trim_punct(doc, (objects[0].left_edge.i, last.right_edge.i + 1))
            return ([rng], "object") if rng else None
    for child in verb.rights:
        if child.dep_ == "prep" and (lemma, child.lower_) in PREPOSITION_CUES:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                rng = trim_punct(doc, subtree_range(objects[0]))
                return ([rng], "preposition") if rng else None
    if verb.dep_ == "parataxis" and lemma in SPEECH_VERBS:
        # "The museum, Mr. Bush said, celebrated ..." and "X is true, Y said": the clause
        # the attribution interrupts or follows, without the attribution.
        head = verb.head
        pieces = subtract(subtree_range(head), [subtree_range(verb)])
        trimmed = [p for p in (trim_punct(doc, piece) for piece in pieces) if p]
        return (trimmed, "postposed") if trimmed else None
    return None


def _continuation(verb: Token, content: TokenRange) -> list[TokenRange]:
    """The rest of the sentence after a parenthetical attribution: in "X is true, Smith
    said, since Y" the content runs on past "Smith said"."""
    doc = verb.doc
    _, attribution_end = cue_and_subject_range(verb)
    if content[1] > verb.i or attribution_end >= verb.sent.end or doc[attribution_end].text != ",":
        return []
    rest = trim_punct(doc, (attribution_end + 1, verb.sent.end))
    return [rest] if rest else []


def cue_and_subject_range(verb: Token) -> TokenRange:
    """The attribution clause alone: the verb's subtree minus its content clauses."""
    start, end = cue_range(verb)
    for child in verb.children:
        if child.dep_ in _CONTENT_DEPS or child.dep_ == "punct":
            continue
        c_start, c_end = subtree_range(child)
        start, end = min(start, c_start), max(end, c_end)
    return start, end


_CUE_LEMMAS = SPEECH_VERBS | COGNITION_VERBS | INFINITIVE_CUES | OBJECT_CUES | {v for v, _ in PREPOSITION_CUES}


def verb_candidates(doc: Doc) -> Iterator[Candidate]:
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.tag_ == "MD":
            continue
        lemma = token.lemma_.lower()
        if lemma not in _CUE_LEMMAS:
            continue
        found = _verb_content(token, lemma)
        if found is None:
            continue
        content, how = found
        if not content:
            continue
        if lemma not in SPEECH_VERBS and how not in ("complement", "infinitive", "object", "preposition", "passive"):
            continue
        cue = cue_range(token)
        if how == "preposition":
            cue = (cue[0], content[0][0])
        subject = subject_of(token)
        source = source_range(subject, content + [cue]) if subject is not None else None
        yield Candidate(
            kind="verb",
            content=content,
            cue=cue,
            source=source,
            addressee=_addressee(token, lemma),
            cue_lemma=lemma,
            features={
                "speech": float(lemma in SPEECH_VERBS),
                "say": float(lemma in ("say", "tell")),
                "postposed": float(how == "postposed"),
                "infinitive": float(how == "infinitive"),
                "object": float(how in ("object", "preposition")),
                "has_that": float(doc[content[0][0]].lower_ == "that"),
            },
        )


def according_candidates(doc: Doc) -> Iterator[Candidate]:
    """"According to X, ..." and "..., according to X": X is the source, the rest the content."""
    for token in doc:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in token.children if c.dep_ == "pobj"]
        if not objects:
            continue
        phrase = (token.i, max(subtree_range(objects[0])[1], to.i + 1))
        source = trim_punct(doc, (to.i + 1, phrase[1]))
        sent = token.sent
        content = [p for p in (trim_punct(doc, r) for r in subtract((sent.start, sent.end), [phrase])) if p]
        if not content:
            continue
        # Only the clause around the phrase: the longest piece next to it.
        content = [max(content, key=lambda p: p[1] - p[0])]
        yield Candidate(kind="according", content=content, cue=(token.i, to.i + 1), source=source,
                        cue_lemma="according to", features={"speech": 1.0})


def noun_candidates(doc: Doc) -> Iterator[Candidate]:
    """"the claim that ...", "his statement that ...": the noun is the cue."""
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in CUE_NOUNS:
            continue
        clauses = [c for c in token.children if c.dep_ in ("acl", "ccomp")
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
        if not clauses:
            continue
        content = trim_punct(doc, subtree_range(clauses[0]))
        if content is None:
            continue
        owners = [c for c in token.children if c.dep_ == "poss"]
        source = trim_punct(doc, subtree_range(owners[0])) if owners else None
        yield Candidate(kind="noun", content=[content], cue=(token.i, token.i + 1), source=source,
                        cue_lemma=token.lemma_.lower(), features={"speech": 0.0})


def clip_to_paragraph(cand: Candidate, breaks: list[int]) -> Candidate | None:
    """The candidate with its content cut to the cue's paragraph: a parse that runs a
    sentence across a line break must not carry a report into the next paragraph."""
    if cand.cue is None or not breaks:
        return cand
    anchor = cand.cue[0]
    low = max((b for b in breaks if b < anchor), default=-1) + 1
    high = min((b for b in breaks if b >= anchor), default=10**9)
    clipped = [(max(s, low), min(e, high)) for s, e in cand.content]
    cand.content = [(s, e) for s, e in clipped if s < e]
    if cand.source is not None:
        s, e = max(cand.source[0], low), min(cand.source[1], high)
        cand.source = (s, e) if s < e else None
    return cand if cand.content else None
