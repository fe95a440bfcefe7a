"""The words of a cue as a reader names them, read off the record's text with no parse:
the lemmas a word may be an inflection of, and the lemmas that name saying outright. Shared
by the reader confidence's features (`acceptance.py`) and its rules (`not_a_statement.py`)."""
from __future__ import annotations

import re

WORD = re.compile(r"\w+")
# The writer and the reader: outside a quotation, "I", "we" and "you" are the article's own voice.
OWN_VOICE = frozenset("i me my we us our you your".split())
# Cues that name the act of saying or writing outright, as a reader expects of a quote, and
# those that name a belief or an intention.
SAYING = frozenset("""say tell according add ask explain write tweet post state warn argue claim insist note
announce deny admit confirm acknowledge concede stress emphasize emphasise report predict promise reply respond
complain suggest urge caution allege testify declare recall estimate vow pledge threaten accuse agree
disagree""".split())
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think",
              "felt": "feel", "knew": "know", "known": "know", "heard": "hear", "saw": "see", "seen": "see",
              "found": "find", "held": "hold", "sang": "sing", "sung": "sing", "swore": "swear",
              "sworn": "swear", "understood": "understand", "forgot": "forget", "taught": "teach"}


def lemmas(word: str) -> set[str]:
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


def cue_lemmas(cue: str) -> set[str]:
    """The lemmas every word of a cue may stand for ("also told" -> also, tell)."""
    return {lemma for word in WORD.findall(cue.lower()) for lemma in lemmas(word)}
