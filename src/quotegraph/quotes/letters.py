"""Letters to an advice column: each letter is its signer's statement.

An advice column prints readers' letters between a salutation and a signature in capitals
("DEAR ABBY: My husband ... Should I have? -- BEATEN UP IN CALIFORNIA"), each followed by
the columnist's reply ("DEAR BEATEN UP: ..."), which is the column's own voice. Every
paragraph of a letter is its signer's (written), and the "I" and "my" inside it are the
signer's, not the writer's; the salutation's colon is the first paragraph's cue, the dash
before the signature the last one's, and the paragraphs between continue the letter.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..text.ranges import nonblank_lines, token_range
from .candidates import Candidate
from .decoding import Accepted, layout_turns_first

_SALUTATION = re.compile(r"^[ \t]*DEAR[ \t]+[A-Z][A-Z .’'\-]*?(?P<colon>:)[ \t]*", re.MULTILINE)
# "... Should I have? -- BEATEN UP IN CALIFORNIA": a dash, then words in capitals to the line's end.
_SIGNATURE = re.compile(r"[ \t]*(?P<dash>--|[—–―])[ \t]*(?P<name>[A-Z][A-Z0-9 ,.’'\-]{2,60}?)[ \t.]*$", re.MULTILINE)
CUE_LEMMA = "write"
LETTER_CONFIDENCE = 0.9


def is_letter_cue(text: str, start: int, end: int) -> bool:
    """The characters `start:end` of `text` are a letter's cue: a salutation's colon
    ("DEAR ABBY:") or the dash before a signature ("-- BEATEN UP IN CALIFORNIA")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if text[start:end] == ":":
        return bool(_SALUTATION.fullmatch(text[line_start:end]))
    return bool(_SIGNATURE.fullmatch(text[start:line_end if line_end >= 0 else len(text)]))


def letter_turns(doc: Doc, text: str, accepted: list[Accepted]) -> list[Accepted]:
    """`accepted` with each signed letter's paragraphs attributed to its signer; any other
    attribution whose cue or content starts inside a letter gives way. Unchanged where the
    text holds no letter (a salutation, then a signature line before the next salutation)."""
    salutations = list(_SALUTATION.finditer(text))
    turns: list[Accepted] = []
    for number, salutation in enumerate(salutations):
        limit = salutations[number + 1].start() if number + 1 < len(salutations) else len(text)
        signature = _SIGNATURE.search(text, salutation.end(), limit)
        if signature is None:
            continue  # a reply ("DEAR BEATEN UP: ...") or no letter
        source = token_range(doc, *signature.span("name"))
        paragraphs = nonblank_lines(text, salutation.end(), signature.start())
        if source is None or not paragraphs:
            continue
        first: Candidate | None = None
        for index, piece in enumerate(paragraphs):
            tokens = token_range(doc, *piece)
            if tokens is None:
                continue
            last = index == len(paragraphs) - 1
            mark = signature.span("dash") if last else salutation.span("colon") if first is None else None
            cue = token_range(doc, *mark) if mark is not None else None
            if first is None or cue is not None:
                cand = Candidate(kind="letter", content=[tokens], cue=cue, source=source, cue_lemma=CUE_LEMMA)
                roles = {"content": [piece], "cue": [mark] if cue is not None and mark is not None else [],
                         "source": [signature.span("name")], "addressee": []}
                first = first or cand
            else:
                cand = Candidate(kind="letter", content=[tokens], cue_lemma=CUE_LEMMA, continues=first)
                roles = {"content": [piece], "cue": [], "source": [], "addressee": []}
            turns.append(Accepted(cand, LETTER_CONFIDENCE, roles))
    return layout_turns_first(accepted, turns)
