"""The canonical speaker rate (issue 28): is a statement's speaker named as the article names
the person in full ("Hillary Clinton", not "Clinton", "he" or "spokesperson Clinton")?

On the real pages the gold gives each statement's speaker by name (`statements.py`). On
PolNeAR, whose gold marks a source span and no name, a gold attribution's person is the one
of the article's gender gold (`gold/gender/polnear_dev`) that its source span names as its
head: the span names them ("Sanders", "Rep. John Mica (R-Fla.)", "Ryan Ellis, a Republican
tax consultant"), not someone they belong to or work for ("Clinton's campaign",
"a spokeswoman for Hillary Clinton", "advisers to Mr. Obama"), and it names no one else
("Mr. Grassley and Mr. Leahy" is left out). A pronoun source names no one and is left out.
Where two people of the gold share the surname the span gives, a given name in the span must
settle it, else it is left out.

A statement is scored when it is shown (reader confidence at or above the threshold), is no
report nested in another quote (PolNeAR's gold marks the outer one), and its content shares
at least half the words of the shorter of it and a scored gold attribution's content (the
one it shares most with). It is canonical when its speaker's first and last name words
(honorifics and generational suffixes aside) are the person's; it is lenient-right when the
speaker is the person by surname at all (`sources.same_person`).
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from ..entities.names import person_tokens
from ..record import Quote
from .brat import Fragments, GoldArticle
from .sources import same_person

_WORD = re.compile(r"\w+")
# A word before the name that makes the span's head somebody else ("a spokeswoman for X").
_NOT_THE_HEAD = frozenset({"for", "of", "to", "by", "with", "from", "at", "behind", "near"})
_COORDINATION = re.compile(r"\band\b|&")


def first_and_last(name: str | None) -> tuple[str, str] | None:
    """A person's first and last name words, honorifics and suffixes aside; None for a name
    of fewer than two words."""
    tokens = person_tokens(name or "")
    return (tokens[0], tokens[-1]) if len(tokens) > 1 else None


def _heads(source: str, person: str) -> bool:
    """Whether `source` names `person` as its head: the surname, not possessive and not
    followed by a noun, with no preposition before the name in its stretch of the span."""
    tokens = person_tokens(person)
    if not tokens:
        return False
    for match in re.finditer(r"\b" + re.escape(tokens[-1]) + r"\b", source, re.I):
        after = source[match.end():]
        if after.strip() and not re.match(r"\s*[,(\u2014\u2013-]", after):
            continue  # "Clinton's campaign", "Clinton aides"
        stretch = source[:match.start()].rsplit(",", 1)[-1]
        if any(word.lower() in _NOT_THE_HEAD for word in _WORD.findall(stretch)):
            continue
        return True
    return False


def source_person(text: str, source: Fragments, people: Sequence[str]) -> str | None:
    """The gold person (of `people`, the article's gender gold names) that a gold source span
    names as its head, or None (see the module's docstring)."""
    span = " ".join(text[start:end] for start, end in source)
    if not span.strip() or _COORDINATION.search(span):
        return None
    found = [person for person in people if _heads(span, person)]
    if len(found) > 1:
        given = {word.lower() for word in _WORD.findall(span)}
        found = [person for person in found if person_tokens(person)[0] in given]
    return found[0] if len(found) == 1 else None


def _words(text: str, fragments: Iterable[tuple[int, int]]) -> frozenset[int]:
    return frozenset(m.start() for start, end in fragments for m in _WORD.finditer(text, start, end))


def judge_article(article: GoldArticle, quotes: Sequence[Quote], people: Sequence[str],
                  min_confidence: float) -> list[tuple[bool, bool]]:
    """(canonical, lenient) of each scored statement of one article."""
    golds = []
    for attribution in article.attributions:
        person = source_person(article.text, attribution.source, people) if attribution.content else None
        if person is not None:
            golds.append((_words(article.text, attribution.content), person))
    out = []
    for quote in quotes:
        if quote.within is not None or quote.confidence < min_confidence:
            continue
        words = _words(article.text, ((s.start, s.end) for s in quote.content))
        shared = [(len(words & gold), person) for gold, person in golds
                  if words and len(words & gold) >= 0.5 * min(len(words), len(gold))]
        if not shared:
            continue
        person = max(shared, key=lambda pair: pair[0])[1]
        name = quote.speaker.name if quote.speaker is not None else None
        if first_and_last(person) is None:
            continue  # the gold knows the person by one name only ("Obama")
        out.append((first_and_last(name) == first_and_last(person), bool(name) and same_person(name or "", person)))
    return out


def rate(articles: Iterable[tuple[GoldArticle, Sequence[Quote], Sequence[str]]], min_confidence: float) -> dict[str, Any]:
    """The canonical speaker rate and the lenient speaker accuracy over (gold article, its
    quotes with reader confidences, its gender gold names)."""
    judged = [pair for article, quotes, people in articles
              for pair in judge_article(article, quotes, people, min_confidence)]
    n = len(judged)
    return {"canonical_speaker": round(sum(c for c, _ in judged) / n, 4) if n else 0.0,
            "lenient_speaker": round(sum(ok for _, ok in judged) / n, 4) if n else 0.0,
            "of": n, "min_confidence": min_confidence}


__all__ = ["first_and_last", "judge_article", "rate", "source_person"]
