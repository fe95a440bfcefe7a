"""The words a search looked for, marked where they occur in each result's content."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

# A query's parts as store/queries.py's fts5_query reads them: "phrases", -excluded, words.
_PART = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')
_WORD = re.compile(r"\w+")


def search_terms(query: str | None) -> list[str]:
    """The words of `query` a result contains (its excluded -words left out), longest first."""
    words: set[str] = set()
    for found in _PART.finditer(query or ""):
        excluded = found.group(1) or found.group(3)
        if excluded:
            continue
        words.update(word.lower() for word in _WORD.findall(found.group(2) or found.group(4) or ""))
    return sorted(words, key=lambda word: (-len(word), word))


def mark_terms(text: str | None, terms: list[str]) -> Markup:
    """`text` escaped and isolated (see bidi.py), each word beginning with one of `terms`
    wrapped in <mark> (the full-text index matches a word's other forms: "cost", "costs")."""
    text = text or ""
    if not terms:
        return Markup("<bdi>{}</bdi>").format(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")\w*", re.IGNORECASE)
    parts: list[str] = []
    last = 0
    for found in pattern.finditer(text):
        parts += [str(escape(text[last:found.start()])), f"<mark>{escape(found.group())}</mark>"]
        last = found.end()
    parts.append(str(escape(text[last:])))
    return Markup("<bdi>" + "".join(parts) + "</bdi>")
