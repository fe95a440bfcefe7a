"""Words in title case: the name of a work, a place or a slogan in quotation marks ("Let It
Snow", "Red Neck Country Club", "Fox & Friends"), which a reader does not take for words somebody said.
Read by the screening of the attribution engine and by the reader confidence."""
from __future__ import annotations

TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from it is be &".split())


def is_title(words: str) -> bool:
    """Words in title case ("Let It Snow", "Nobody Left Outside"): at least two, every one
    capitalised but short function words, and no sentence punctuation."""
    tokens = words.split()
    if len(tokens) < 2 or any(ch in words for ch in ",.;:!?"):
        return False
    return all(w[0].isupper() or (i > 0 and w.lower() in TITLE_SMALL_WORDS) for i, w in enumerate(tokens))
