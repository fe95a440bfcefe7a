"""Cross-article person linking measured on a made-up corpus: the store's partition of the
corpus's person mentions against the expected one, by B-cubed precision and recall.

Each article of `CORPUS` names persons (name, titles, affiliations) and says which person
each one is (`gold`); a name whose person the text cannot settle has a gold of its own. Each
named person is quoted once, so speaker counts can be checked too. `evaluate` ingests the
articles into a store in a given order (batches of `BATCH` articles) and scores the result.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Sequence

import sqlalchemy as sa

from ..record import ArticleEntity, Mention, Quote, Record

BATCH = 2


@dataclass(frozen=True)
class Person:
    name: str
    gold: str
    titles: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    id: str
    published: str
    site: str
    persons: tuple[Person, ...]


def _p(name: str, gold: str, titles: Sequence[str] = (), affiliations: Sequence[str] = ()) -> Person:
    return Person(name, gold, tuple(titles), tuple(affiliations))


DJT, IVANKA, JR = "Donald J. Trump", "Ivanka Trump", "Donald Trump Jr."
HRC, WJC = "Hillary Clinton", "Bill Clinton"
COMEY, BUKELE = "James B. Comey", "Nayib Bukele"

# One row an article: what it is for, then the article. Dates in 2016; sites: a.example, b.example.
CASES: list[tuple[str, Article]] = [
    ("full name, one title", Article("t01", "2016-03-01", "a.example", (_p("Donald Trump", DJT, ["candidate"]),))),
    ("fuller form", Article("t02", "2016-03-03", "a.example", (_p("Donald J. Trump", DJT, ["nominee"]),))),
    ("fullest form", Article("t03", "2016-03-05", "b.example", (_p("Donald John Trump", DJT),))),
    ("honorific and title in the name", Article("t04", "2016-03-07", "a.example",
                                                (_p("Mr. Donald Trump", DJT, ["businessman"]),))),
    ("same name, a later title", Article("t05", "2016-03-09", "b.example",
                                         (_p("Donald Trump", DJT, ["President-elect"]),))),
    ("same name again", Article("t06", "2016-03-11", "a.example", (_p("Donald Trump", DJT),))),
    ("another first name, same surname", Article("t07", "2016-03-12", "a.example",
                                                 (_p("Ivanka Trump", IVANKA, ["businesswoman"]),))),
    ("a generational suffix is another person", Article("t08", "2016-06-20", "a.example",
                                                        (_p("Donald Trump Jr.", JR),))),
    ("bare surname, the article names one Trump", Article("t09", "2016-03-14", "a.example", (
        _p("Trump", DJT), _p("Donald Trump", DJT)))),
    ("bare surname, the article names two Trumps", Article("t10", "2016-03-15", "a.example", (
        _p("Trump", "t10:Trump"), _p("Donald Trump", DJT), _p("Ivanka Trump", IVANKA)))),
    ("bare surname, one Trump dominates the period", Article("t11", "2016-03-16", "b.example",
                                                            (_p("Trump", DJT, ["candidate"]),))),
    ("bare surname again", Article("t12", "2016-03-20", "a.example", (_p("Trump", DJT),))),
    ("full name with two titles", Article("t13", "2016-02-01", "a.example",
                                          (_p("Hillary Clinton", HRC, ["Secretary of State"]),))),
    ("same name, a different title", Article("t14", "2016-07-29", "b.example",
                                             (_p("Hillary Clinton", HRC, ["nominee"], ["Democratic Party"]),))),
    ("fuller form with a maiden name", Article("t15", "2016-07-30", "a.example",
                                               (_p("Hillary Rodham Clinton", HRC),))),
    ("the other Clinton", Article("t16", "2016-07-30", "b.example", (_p("Bill Clinton", WJC, ["former President"]),))),
    ("the other Clinton again", Article("t17", "2016-08-01", "a.example", (_p("Bill Clinton", WJC),))),
    ("bare surname, an article about both Clintons", Article("t18", "2016-08-02", "a.example", (
        _p("Clinton", "t18:Clinton"), _p("Hillary Clinton", HRC), _p("Bill Clinton", WJC)))),
    ("bare surname, no Clinton dominates", Article("t19", "2016-08-03", "b.example",
                                                   (_p("Clinton", "t19:Clinton"),))),
    ("a nickname: only an alias can tell", Article("t20", "2016-08-04", "a.example",
                                                   (_p("William Jefferson Clinton", WJC),))),
    ("middle initial", Article("t21", "2016-07-05", "a.example", (_p("James B. Comey", COMEY, ["FBI Director"]),))),
    ("no middle name", Article("t22", "2016-07-06", "b.example", (_p("James Comey", COMEY, ["director"], ["FBI"]),))),
    ("first initial", Article("t23", "2016-07-07", "a.example", (_p("J. Comey", COMEY),))),
    ("bare surname, the only Comey", Article("t24", "2016-10-28", "b.example", (_p("Comey", COMEY, ["director"]),))),
    ("two middle names both given: two people", Article("t25", "2016-05-01", "a.example", (
        _p("John Paul Smith", "John Paul Smith", ["professor"]),))),
    ("the other one", Article("t26", "2016-05-02", "a.example", (_p("John Peter Smith", "John Peter Smith",
                                                                    ["coach"]),))),
    ("a shorter name under both stays apart", Article("t27", "2016-05-03", "b.example",
                                                      (_p("John Smith", "t27:John Smith"),))),
    ("the only Bukele", Article("t28", "2016-06-01", "a.example", (_p(BUKELE, BUKELE, ["mayor"], ["San Salvador"]),))),
    ("bare surname, agreeing title", Article("t29", "2016-06-02", "b.example", (_p("Bukele", BUKELE, ["mayor"]),))),
    ("bare surname, contradicting title and affiliation", Article("t30", "2016-06-03", "a.example", (
        _p("Bukele", "t30:Bukele", ["chief executive"], ["Acme Corp"]),))),
]
CORPUS: list[Article] = [article for _, article in CASES]
# What a user's aliases file would add: the nickname case above.
ALIASES = [{"canonical": "Bill Clinton", "aliases": ["William Jefferson Clinton"], "wikidata": "Q1124"}]


def record(article: Article) -> Record:
    """The article as extract() could give it: each person named once and quoted once."""
    parts, entities, quotes = [], [], []
    position = 0
    for number, person in enumerate(article.persons):
        content = f"We will talk about the plan number {number} of {article.id}."
        sentence = f'{person.name} said: "{content}" '
        start = position
        name_span = {"start": start, "end": start + len(person.name), "text": person.name}
        content_start = start + sentence.index(content)
        cue_start = start + len(person.name) + 1
        entities.append(ArticleEntity(id=f"e{number}", name=person.name, label="PERSON", source_type="person",
                                      titles=list(person.titles), affiliations=list(person.affiliations),
                                      mentions=[Mention.from_dict(name_span)]))
        quotes.append(Quote.from_dict({
            "id": f"q{number}", "type": "direct",
            "content": [{"start": content_start, "end": content_start + len(content), "text": content}],
            "cue": {"start": cue_start, "end": cue_start + 4, "text": "said"}, "source": name_span,
            "speaker": {"entity": f"e{number}", "name": person.name}, "addressee": None, "time": None,
            "confidence": 0.9}))
        parts.append(sentence)
        position += len(sentence)
    return Record(text="".join(parts), id=article.id, published=article.published,
                  url=f"https://{article.site}/{article.id}", quotes=quotes, entities=entities)


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall of the clustering `predicted` (item -> cluster) against
    `gold` (item -> class), averaged over the items."""
    by_cluster: dict[str, set[str]] = {}
    by_class: dict[str, set[str]] = {}
    for item, cluster in predicted.items():
        by_cluster.setdefault(cluster, set()).add(item)
    for item, klass in gold.items():
        by_class.setdefault(klass, set()).add(item)
    precision = recall = 0.0
    for item in gold:
        in_cluster, in_class = by_cluster[predicted[item]], by_class[gold[item]]
        both = len(in_cluster & in_class)
        precision += both / len(in_cluster)
        recall += both / len(in_class)
    return precision / len(gold), recall / len(gold)


def gold_partition(corpus: Sequence[Article] = CORPUS) -> dict[str, str]:
    """Mention id ("t09:e0") -> the person it is."""
    return {f"{a.id}:e{n}": p.gold for a in corpus for n, p in enumerate(a.persons)}


def stored_partition(connection: sa.Connection) -> dict[str, str]:
    """Mention id -> the corpus entity the store gave it."""
    from ..store import schema

    ae, a = schema.article_entities, schema.articles
    rows = connection.execute(sa.select(a.c.external_id, ae.c.local_id, ae.c.entity_id)
                              .join(a, a.c.id == ae.c.article_id))
    return {f"{r.external_id}:{r.local_id}": str(r.entity_id) for r in rows}


def ingest_corpus(store, articles: Sequence[Article]) -> None:
    """Write `articles` into `store` in this order, `BATCH` to a transaction."""
    from ..store.write import NewArticle, article_key, write_batch

    with store.write() as connection:
        run_id = connection.execute(sa.text(
            "INSERT INTO runs (started, quotegraph_version, spacy_version, model_name, command) "
            "VALUES (:now, 'eval', 'eval', 'none', 'eval') RETURNING id"),
            {"now": dt.datetime.now(dt.timezone.utc)}).scalar_one()
    for start in range(0, len(articles), BATCH):
        batch = [record(a) for a in articles[start:start + BATCH]]
        with store.write() as connection:
            write_batch(connection, run_id, [NewArticle(article_key(r.url or "", r.text), r.url or "", r)
                                             for r in batch])


def orders(seed: int = 7) -> dict[str, list[Article]]:
    """The corpus as written, reversed, and shuffled."""
    shuffled = list(CORPUS)
    random.Random(seed).shuffle(shuffled)
    return {"as written": list(CORPUS), "reversed": list(reversed(CORPUS)), "shuffled": shuffled}
