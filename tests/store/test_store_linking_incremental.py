"""A batch of known names is linked from the block's summaries (store/person_links.py), not by
regrouping the block: on random corpora of fuller and shorter forms, bare surnames, titles,
affiliations, sites and dates, ingested two articles a batch in two orders, the store ends
as a regrouping of every block leaves it (`relink` changes nothing), and both orders give
the same persons, reasons and summaries."""
from __future__ import annotations

import datetime as dt
import random

import pytest
import sqlalchemy as sa
from support.store import postgres_url

from quotegraph.eval.linking import Article, Person, ingest_corpus
from quotegraph.store import open_store, schema
from quotegraph.store.person_links import relink

NAMES = {
    "Lopez": ["Maria Lopez", "Maria T. Lopez", "M. Lopez", "Jose Lopez", "Lopez", "Lopez", "Lopez"],
    "Smith": ["John Smith", "John Paul Smith", "John Peter Smith", "Smith", "Smith"],
    "Khan": ["Aisha Khan", "Khan", "Khan", "Imran Khan Jr."],
}
TITLES = [(), (), ("Senator",), ("Governor",), ("Mayor",)]
AFFILIATIONS = [(), (), ("City Hall",), ("Acme",)]


def corpus(seed: int, size: int = 60) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for number in range(size):
        day = None if rng.random() < 0.15 else (dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(150))).isoformat()
        persons = tuple(Person(rng.choice(NAMES[surname]), surname, rng.choice(TITLES), rng.choice(AFFILIATIONS))
                        for surname in rng.sample(sorted(NAMES), rng.randint(1, 2)) for _ in range(rng.randint(1, 2)))
        articles.append(Article(f"r{seed}-{number:03d}", day, rng.choice(["a.example", "b.example"]), persons))
    return articles


def snapshot(connection: sa.Connection) -> dict[str, object]:
    """Everything linking decides, by mention and by key (ids differ between stores)."""
    ae, a, e = schema.article_entities, schema.articles, schema.entities
    f, c = schema.person_forms, schema.person_classes
    keys = dict(connection.execute(sa.select(e.c.id, e.c.merge_key)).all())
    mentions = {f"{r.external_id}:{r.local_id}": (keys[r.entity_id], r.link_reason, r.form, r.day, r.host)
                for r in connection.execute(sa.select(a.c.external_id, ae.c.local_id, ae.c.entity_id, ae.c.link_reason,
                                                      ae.c.form, ae.c.day, ae.c.host).join(a, a.c.id == ae.c.article_id))}
    entities = {r.merge_key: (r.name, r.titles, r.affiliations, r.attribute_history, r.ambiguous)
                for r in connection.execute(sa.select(e).where(e.c.label == "PERSON"))}
    forms = {r.key: (r.group_key, keys[r.entity_id], r.reason, r.names, r.canonicals, r.titles, r.affiliations,
                     r.articles) for r in connection.execute(sa.select(f))}
    classes = {r.key: (keys.get(r.entity_id), r.reason, r.uses_store) for r in connection.execute(sa.select(c))}
    members = {r.key: sorted(f"{m.external_id}:{m.local_id}" for m in connection.execute(
        sa.select(a.c.external_id, ae.c.local_id).join(a, a.c.id == ae.c.article_id).where(ae.c.class_id == r.id)))
        for r in connection.execute(sa.select(c.c.id, c.c.key))}
    quotes = {r.local: keys[r.speaker_entity_id] for r in connection.execute(
        sa.select((a.c.external_id + ":" + schema.quotes.c.local_id).label("local"),
                  schema.quotes.c.speaker_entity_id).join(a, a.c.id == schema.quotes.c.article_id))}
    return {"mentions": mentions, "entities": entities, "forms": forms, "classes": classes,
            "class_members": members, "quotes": quotes}


def _ingested(url: str, articles: list[Article]) -> tuple[dict[str, object], int, dict[str, object]]:
    store = open_store(url)
    try:
        ingest_corpus(store, articles)
        with store.read() as connection:
            before = snapshot(connection)
        with store.write() as connection:
            changed = relink(connection)
        with store.read() as connection:
            return before, changed, snapshot(connection)
    finally:
        store.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_batches_link_as_a_regrouping_would_in_any_order(store_url: str, tmp_path, seed: int) -> None:
    articles = corpus(seed)
    before, changed, after = _ingested(store_url, articles)
    assert before["classes"] and before["forms"], "the corpus must exercise both summaries"
    assert changed == 0
    assert before == after
    other_url = str(tmp_path / "reversed.db") if store_url.endswith(".db") else postgres_url()
    reversed_before, _, _ = _ingested(other_url, list(reversed(articles)))
    assert reversed_before == before
