"""Nested attributions: what someone is reported, inside another report, to have said,
thought or planned ("Henderson stated that *he envisioned* the process would take 60 days";
"“*I conclude* that the logo suggests no connection,” the judge said").

PolNeAR, which the model and the rules learn from, is univocal: a word has one role in one
attribution, so the inner report of such a sentence is never annotated there and neither
engine finds it. A reader tracking who believes or plans what needs it all the same, so
it is read from the parse inside every accepted content: a verb of saying or thinking
whose subject and complement both lie inside that content (and "X quoted Y as saying":
`_quoted_as`). Speakers are resolved as for any quote, except that "I" and "we" inside a
quotation are its speaker, and a report whose "we" cannot be its speaker is left out
(quotes/finder.py). The nested quote keeps a reference to the quote it was found in
(`Quote.within` in the record), and the PolNeAR scorer leaves nested quotes out, as that
corpus's annotators did.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..text.ranges import TokenRange, subtree_range, token_range, trim_punct
from .candidates import Candidate, cue_range, source_range
from .decoding import Accepted, char_ranges
from .kind import THOUGHT_CUES
from .lexicon import COGNITION_VERBS, INFINITIVE_CUES, SPEECH_VERBS

# Verbs that report an inner statement, belief or intention when they have a subject and a
# complement: those of the outer reports, and the verbs of intention and expectation
# (THOUGHT_CUES: "intends", "envisioned") that PolNeAR's annotators rarely saw outside one.
# Not perception ("he saw Santilli carrying weapons") nor "continue" ("can continue to be").
NESTED_CUES = (SPEECH_VERBS | COGNITION_VERBS | INFINITIVE_CUES | THOUGHT_CUES) - {"see", "hear", "continue"}
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "oprd"})
# Relative pronouns and expletives are no speaker of their own.
_NOT_SPEAKERS = frozenset({"that", "which", "who", "whom", "what", "there"})


def _inner(doc: Doc, token: Token, piece: TokenRange) -> Candidate | None:
    """The nested attribution whose cue is `token`, when its subject and complement lie
    in `piece`, the piece of the outer content (a token range) that holds `token`."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in NESTED_CUES:
        return None
    subjects = [c for c in token.children if c.dep_ == "nsubj" and c.lower_ not in _NOT_SPEAKERS]
    # a clause ("he expected that sales would rise"), an infinitive ("it plans to cut") or
    # an object's predicate ("what he called a “New GM”") after the verb; of a relative
    # clause, what follows the verb ("the dealers that it intends to shut down": "to shut down")
    complements = [c for c in token.children if c.dep_ in _COMPLEMENTS and c.i > token.i]
    if not subjects or not complements:
        return None
    after = max(token.i + 1, piece[0])
    inside = [(max(s, after), min(e, piece[1])) for s, e in (subtree_range(c) for c in complements)]
    if any(s >= e for s, e in inside) or not piece[0] <= subjects[0].i < piece[1]:
        return None
    content = trim_punct(doc, (inside[0][0], inside[-1][1]))
    source = source_range(subjects[0], [])
    if content is None or source is None or source[0] < piece[0] or source[1] > piece[1]:
        return None
    return Candidate(kind="nested", content=[content], cue=cue_range(token), source=source,
                     cue_lemma=lemma)


def nested_attributions(doc: Doc, accepted: list[Accepted]) -> list[tuple[int, Accepted]]:
    """(index in `accepted` of the outer attribution, nested attribution) for every report
    nested in an accepted content, in text order; each with the outer one's confidence
    (an inner report is no surer than the report it is read from)."""
    cues = [r for _, _, roles in accepted for r in roles["cue"]]
    found: list[tuple[int, Accepted]] = []
    for number, (outer_cand, confidence, roles) in enumerate(accepted):
        outer = [r for r in (token_range(doc, s, e, inside=True) for s, e in roles["content"]) if r is not None]
        inner = [_inner(doc, token, piece) for piece in outer for token in doc[piece[0]:piece[1]]]
        for cand in [_quoted_as(doc, outer_cand, outer), *inner]:
            if cand is None:
                continue
            inner_roles = char_ranges(doc, cand)
            if any(s < e2 and s2 < e for s, e in inner_roles["cue"] for s2, e2 in cues):
                continue  # already a cue of its own (or of a report nested in another content)
            cues.extend(inner_roles["cue"])
            found.append((number, Accepted(cand, confidence, inner_roles)))
    return found


def _quoted_as(doc: Doc, outer: Candidate, content: list[TokenRange]) -> Candidate | None:
    """"Detik.com quoted Djamal as saying ...": the outer report is the medium's (PolNeAR
    annotates it so: source "Detik.com", cue "quoted", content "Djamal as saying ..."), the
    nested one is the words of the one quoted. Its content is what "saying" governs, or,
    with nothing after it, the outer content ("“...,” Detik.com quoted Djamal as saying")."""
    if outer.cue is None or not content:
        return None
    verb = next((t for t in doc[outer.cue[0]:outer.cue[1]] if t.lemma_.lower() == "quote" and t.pos_ == "VERB"), None)
    if verb is None:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    says = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
            for g in c.children if g.dep_ == "pcomp" and g.lemma_.lower() in SPEECH_VERBS]
    if not objects or not says:
        return None
    clauses = [c for c in says[0].children if c.dep_ == "ccomp" and c.i > says[0].i]
    inside = trim_punct(doc, subtree_range(clauses[0])) if clauses else None
    if inside is None and any(s <= says[0].i < e for s, e in content):
        return None  # "Djamal as saying" is all the outer content holds
    return Candidate(kind="nested", content=[inside] if inside else list(content),
                     cue=(says[0].head.i, says[0].i + 1), source=source_range(objects[0], []),
                     cue_lemma=says[0].lemma_.lower(), quote_type="indirect" if inside else outer.quote_type)
