"""Question-and-answer interviews: the answers are the interviewee's statements.

A page printed as an interview ("Q: Where did you grow up?" / "A: In St. Croix ...") names
nobody on its answer lines: the layout says who speaks. Its answers are the interviewee's,
and so are the paragraphs that follow an answer before the next question; "I think" and
"we plan" inside them belong to the answer (STATEMENTS.md: the speaker's own "I think"
stays part of the statement). The questions are the interviewer's, who is the publication
itself (the article's own voice), and are left out.

The interviewee is the person the introduction (the text before the first question) names
and the article mentions most. Each answer's source is that person's first mention in the
introduction, its cue the answer label's colon or full stop, so that every role still
points at the characters the attribution is read from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..entities.mentions import Entity
from ..text.ranges import CharRange, nonblank_lines, token_range
from .candidates import Candidate
from .decoding import Accepted, layout_turns_first, token_chars

# "Q: ...", "Q. ...", "Question: ...", "A: ...", "A. ...", "Answer - ..." at a line's start.
_TURN = re.compile(r"^[ \t]*(?P<label>Q|A|Question|Answer)[ \t]*(?P<mark>[:.)]|[-–—])[ \t]+(?P<content>\S[^\n]*?)[ \t]*$",
                   re.MULTILINE)
MIN_TURNS = 2  # of each: one "A:" line is a list item or a grade, not an interview
# The engine confidence of an answer: the layout makes it certain that the interviewee
# speaks, as certain as a transcript label; the reader confidence is fitted on top of it.
ANSWER_CONFIDENCE = 0.9
CUE_LEMMA = "answer"


@dataclass(frozen=True)
class _Line:
    label: str  # "Q" or "A"
    start: int  # of the line
    mark: CharRange
    content: CharRange


def _turn_lines(text: str) -> list[_Line]:
    return [_Line(match.group("label")[0], match.start(), match.span("mark"), match.span("content"))
            for match in _TURN.finditer(text)]


def is_answer_cue(text: str, start: int) -> bool:
    """The cue starting at `start` of `text` is the mark after an answer label ("A: ...")."""
    return text[text.rfind("\n", 0, start) + 1:start].strip() in ("A", "Answer")


def _interviewee(doc: Doc, entities: list[Entity], intro_end: int) -> tuple[int, int] | None:
    """The token range of the introduction's first mention of the person it names that
    the article mentions most: a person entity, else the first run of two or more proper
    nouns in capitals (the recogniser misses many names)."""
    people = [e for e in entities if e.label == "PERSON" and e.mentions]
    in_intro = [(e, min(m for m in e.mentions if doc[m[0]].idx < intro_end)) for e in people
                if any(doc[m[0]].idx < intro_end for m in e.mentions)]
    if in_intro:
        return max(in_intro, key=lambda pair: (len(pair[0].mentions), -pair[1][0]))[1]
    intro = doc.char_span(0, intro_end, alignment_mode="contract")
    return _proper_name(intro) if intro is not None else None


def _proper_name(span: Span) -> tuple[int, int] | None:
    run: list[int] = []
    for token in [*span, None]:
        if token is not None and token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha \
                and token.ent_type_ not in ("ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT"):
            run.append(token.i)
            continue
        if len(run) >= 2:
            return run[0], run[-1] + 1
        run = []
    return None


def interview_turns(doc: Doc, text: str, entities: list[Entity], accepted: list[Accepted]) -> list[Accepted]:
    """`accepted` with a Q&A interview's answers attributed to its interviewee; any other
    attribution whose cue or content starts inside an answer gives way (the answer is the
    statement, "I think" inside it part of it). Unchanged where the text is no interview
    (fewer than MIN_TURNS question lines or answer lines)."""
    lines = _turn_lines(text)
    if sum(line.label == "Q" for line in lines) < MIN_TURNS or sum(line.label == "A" for line in lines) < MIN_TURNS:
        return accepted
    first_question = min(line.start for line in lines if line.label == "Q")
    source = _interviewee(doc, entities, first_question)
    turns: list[Accepted] = []
    for number, line in enumerate(lines):
        if line.label != "A":
            continue
        cue = token_range(doc, *line.mark)
        content = token_range(doc, *line.content)
        if cue is None or content is None:
            continue
        answer = Candidate(kind="interview", content=[content], cue=cue, source=source, cue_lemma=CUE_LEMMA)
        roles = {"content": [line.content], "cue": [line.mark],
                 "source": [token_chars(doc, source)] if source is not None else [], "addressee": []}
        turns.append(Accepted(answer, ANSWER_CONFIDENCE, roles))
        # the paragraphs that follow, up to the next question (none after the last line:
        # what follows the interview is the page's, not the interviewee's)
        following = lines[number + 1] if number + 1 < len(lines) else None
        if following is None or following.label != "Q":
            continue
        for piece in nonblank_lines(text, line.content[1], following.start):
            tokens = token_range(doc, *piece)
            if tokens is None:
                continue
            more = Candidate(kind="interview", content=[tokens], cue_lemma=CUE_LEMMA, continues=answer)
            turns.append(Accepted(more, ANSWER_CONFIDENCE, {"content": [piece], "cue": [], "source": [], "addressee": []}))
    return layout_turns_first(accepted, turns)
