"""Attributions written by layout rather than grammar.

- Headline and transcript labels: "Pence: Gennifer Flowers won't be at debate",
  "WALLACE: Let's start ..." (the colon is the cue, the label the source).
- Signatures after a quote: "... our greatest shame." ― Sonya Herridge
"""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc

from ..text.ranges import token_range
from .candidates import Candidate

_LABEL = re.compile(r"^[ \t\"“‘']*(?P<name>[A-Z][\w.’'\-]*(?:[ \t]+[A-Z][\w.’'\-]*){0,3})[ \t]*(?P<colon>:)[ \t]+(?P<content>\S[^\n]*)$", re.MULTILINE)
_SIGNATURE = re.compile(r"(?P<close>[”\"])[ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*(?P<name>[A-Z][^\n.;:,]{1,50}?)[ \t\u00a0.]*$", re.MULTILINE)
_NOT_SPEAKERS = frozenset("""
update note photo photos source sources watch read related editor correction video image
credit caption warning disclaimer transcript advertisement sponsored via tags share subscribe
q a by and the but so also
""".split())



# The capitalised words after a label's colon: with the label, a title's two halves
# ("Star Wars Jedi: Fallen Order").
_TITLE_TAIL = re.compile(r"[ \t]+[A-Z][\w’'\-]*(?:[ \t]+[A-Z][\w’'\-]*)*")


def _a_title_in_a_sentence(text: str, match: re.Match[str]) -> bool:
    """The label and the capitalised words after its colon are a title the text also uses
    inside a sentence ("..., Star Wars Jedi: Fallen Order finds a reason"): the colon is
    the title's, not a transcript's turn ("Star Wars Jedi: Fallen Order is a game ...")."""
    tail = _TITLE_TAIL.match(text, match.end("colon"))
    if tail is None:
        return False
    title = text[match.start("name"):tail.end()]
    at = text.find(title)
    while at != -1:
        if at != match.start("name") and text[:at].rstrip(" \t\"“‘'")[-1:] not in ("", "\n"):
            return True
        at = text.find(title, at + 1)
    return False


def label_candidates(doc: Doc, text: str) -> Iterator[Candidate]:
    for match in _LABEL.finditer(text):
        name = match.group("name")
        if name.split()[0].lower().strip(".’'") in _NOT_SPEAKERS or any(ch.isdigit() for ch in name):
            continue
        if _a_title_in_a_sentence(text, match):
            continue
        source = token_range(doc, match.start("name"), match.end("name"))
        cue = token_range(doc, match.start("colon"), match.end("colon"))
        content = token_range(doc, match.start("content"), match.end("content"))
        if source is None or cue is None or content is None:
            continue
        if not any(t.pos_ == "PROPN" or t.is_upper for t in doc[source[0]:source[1]]):
            continue
        yield Candidate(kind="label", content=[content], cue=cue, source=source, cue_lemma=":",
                        features={"speech": 0.5})


def signature_candidates(doc: Doc, text: str) -> Iterator[Candidate]:
    for match in _SIGNATURE.finditer(text):
        paragraph_start = text.rfind("\n", 0, match.start()) + 1
        content = token_range(doc, paragraph_start, match.start("close"))
        source = token_range(doc, match.start("name"), match.end("name"))
        cue = token_range(doc, match.start("dash"), match.end("dash"))
        if content is None or source is None or cue is None:
            continue
        yield Candidate(kind="signature", content=[content], cue=cue, source=source, cue_lemma="―",
                        features={"speech": 1.0})
