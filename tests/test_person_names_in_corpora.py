"""No record names a person by a pronoun, with an invisible character, or with a title the
recogniser took into the name (issue 28), over PolNeAR dev and the real pages of our gold
(corpus: skips with a message without ../shared/data)."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from quotegraph.api import extract_many
from quotegraph.article import Article
from quotegraph.config import Options
from quotegraph.eval.statements import load_gold, read_page
from quotegraph.names import HONORIFICS, TITLE_WORDS

from conftest import shared_data

_PRONOUNS = frozenset("i me my we us he him his she her hers they them it who whom".split())


def _what_is_wrong(name: str) -> str | None:
    words = name.split()
    if name.lower() in _PRONOUNS:
        return "a pronoun"
    if any(unicodedata.category(ch) == "Cf" for ch in name):
        return "an invisible character"
    # "Rabbi Rick Jacobs": a capitalised title before a proper name (a description such as
    # "spokeswoman for Hillary Clinton" names no one and is not this)
    if len(words) > 2 and words[0].lower() in TITLE_WORDS | set(HONORIFICS) and all(w[:1].isupper() for w in words):
        return "a title in the name"
    return None


@pytest.mark.slow
@pytest.mark.corpus
def test_no_person_is_named_by_a_pronoun_an_invisible_character_or_a_title():
    texts = sorted(shared_data("polnear", "dev", "text").glob("*.txt"))
    pages_dir = shared_data("pages-dev")
    articles = [Article(text=path.read_text(encoding="utf-8"), id=path.stem) for path in texts]
    articles += [read_page(Path(pages_dir), page) for page in load_gold()]
    wrong = []
    for article, record in zip(articles, extract_many(articles, options=Options().everything())):
        for entity in record.entities:
            why = _what_is_wrong(entity["name"]) if entity.get("source_type") == "person" else None
            if why:
                wrong.append(f"{article.id}: {entity['name']!r} ({why})")
    assert len(articles) == len(texts) + len(load_gold()) and len(texts) == 84
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name, wrong", [
    ("he", "a pronoun"), ("John Smith\u200b", "an invisible character"),
    ("Rabbi Rick Jacobs", "a title in the name"), ("spokeswoman for Hillary Clinton", None), ("Rick Jacobs", None),
])
def test_what_the_corpus_test_calls_wrong(name, wrong):
    assert _what_is_wrong(name) == wrong
