"""Attributions written by layout rather than grammar.

- Headline and transcript labels: "Pence: Gennifer Flowers won't be at debate",
  "WALLACE: Let's start ..." (the colon is the cue, the label the source).
- Signatures after a quote: "... our greatest shame." ― Sonya Herridge
"""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc

from .candidates import Candidate
from ..text_ranges import TokenRange, token_range

_LABEL = re.compile(r"^[ \t\"“‘']*(?P<name>[A-Z][\w.’'\-]*(?:[ \t]+[A-Z][\w.’'\-]*){0,3})[ \t]*(?P<colon>:)[ \t]+(?P<content>\S[^\n]*)$", re.MULTILINE)
_SIGNATURE = re.compile(r"(?P<close>[”\"])[ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*(?P<name>[A-Z][^\n.;:,]{1,50}?)[ \t\u00a0.]*$", re.MULTILINE)
_NOT_SPEAKERS = frozenset("""
update note photo photos source sources watch read related editor correction video image
credit caption warning disclaimer transcript advertisement sponsored via tags share subscribe
q a by and the but so also
""".split())



def label_candidates(doc: Doc, text: str) -> Iterator[Candidate]:
    for match in _LABEL.finditer(text):
        name = match.group("name")
        if name.split()[0].lower().strip(".’'") in _NOT_SPEAKERS or any(ch.isdigit() for ch in name):
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
