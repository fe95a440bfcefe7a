"""Statement clusters (store/clusters.py): the rule as a table, then through the writer on both stores."""
from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from support.records import make_record
from support.store import make_run, new_article

from quotegraph.record import Quote, Record
from quotegraph.store import schema
from quotegraph.store.clusters import SIMILARITY, content_tokens, jaccard, length_window, shingles, speaker_key
from quotegraph.store.write import write_batch

BASE = "We will rebuild every bridge in the capital before the end of the year, whatever it costs"


@pytest.mark.parametrize("a, b, same", [
    (BASE, BASE, True),
    (BASE, BASE.upper() + "!", True),  # case and punctuation
    (BASE, "“" + BASE.replace(",", "") + "”", True),
    (BASE, BASE.replace("the capital", "the capital city"), True),  # one word added
    (BASE, BASE.replace("every", "each"), False),  # one word of 16 changed: 14/18 bigrams, 0.78
    (BASE + " and we will not ask the taxpayers of this country to pay for any of it",
     BASE.replace("every", "each") + " and we will not ask the taxpayers of this country to pay for any of it",
     True),  # one word of 32 changed: 0.88
    (BASE, "We will rebuild every bridge in the capital", False),  # half of it
    (BASE, "The bridges will stay closed until the end of the year, the ministry said", False),
    ("Yes", "Yes.", True),
    ("Yes", "No", False),
])
def test_similarity_rule(a: str, b: str, same: bool) -> None:
    score = jaccard(shingles(content_tokens(a)), shingles(content_tokens(b)))
    assert (score >= SIMILARITY) == same, score


@pytest.mark.parametrize("n", [1, 2, 5, 10, 17, 40])
def test_length_window_admits_every_possible_match(n: int) -> None:
    low, high = length_window(n)
    for m in range(1, 3 * n + 5):
        a = shingles([f"w{i}" for i in range(n)])
        b = shingles([f"w{i}" for i in range(m)])
        if jaccard(a, b) >= SIMILARITY:
            assert low <= m <= high, (n, m)


@pytest.mark.parametrize("name, key", [
    ("President Joe Biden", "joe biden"), ("JOE BIDEN", "joe biden"), ("Officials", "officials"), (None, None),
    ("", None)])
def test_speaker_key(name: str | None, key: str | None) -> None:
    assert speaker_key(name) == key


def report(id: str, published: str | None, *quotes: tuple[str | None, str]) -> Record:
    """An article quoting (speaker, content) pairs; speakers are named persons of the article."""
    text, parts = "", []
    for speaker, content in quotes:
        start = len(text) + 1
        text += f'"{content}," said {speaker or "someone"}. '
        parts.append((speaker, start, content))
    entities, out = [], []
    for number, (speaker, start, content) in enumerate(parts):
        spk = None
        if speaker:
            local = f"e{len(entities)}"
            at = text.index(speaker, start + len(content))
            entities.append({"id": local, "name": speaker, "label": "PERSON", "titles": [], "affiliations": [],
                             "mentions": [{"start": at, "end": at + len(speaker), "text": speaker}]})
            spk = {"entity": local, "name": speaker}
        out.append(Quote.from_dict({"id": f"q{number}", "type": "direct", "confidence": 0.9, "speaker": spk,
                                    "content": [{"start": start, "end": start + len(content), "text": content}]}))
    return make_record(text=text, id=id, published=published, quotes=out, entities=entities)


def clusters(connection: sa.Connection) -> dict[tuple[str, str], Any]:
    q, a, c = schema.quotes, schema.articles, schema.quote_clusters
    rows = connection.execute(sa.select(a.c.external_id, q.c.local_id, q.c.cluster_id, c.c.first_seen,
                                        c.c.quote_count)
                              .join(a, a.c.id == q.c.article_id).join(c, c.c.id == q.c.cluster_id))
    return {(r.external_id, r.local_id): r for r in rows}


def test_same_statement_by_several_outlets_is_one_cluster(store) -> None:
    with store.write() as connection:
        run_id = make_run(connection)
        write_batch(connection, run_id, [
            new_article(report("outlet1", "2024-03-05", ("Joe Biden", BASE), ("Jane Smith", BASE))),
            new_article(report("outlet2", "2024-03-04", ("Joe Biden", BASE.replace("capital", "capital city")))),
        ])
    with store.write() as connection:
        write_batch(connection, run_id, [
            new_article(report("outlet3", "2024-03-06", ("President Joe Biden", BASE + "."),
                               ("Joe Biden", "The bridges will stay closed until the end of the year"))),
            new_article(report("outlet4", None, (None, "No comment"))),
            new_article(report("outlet5", "2024-03-09", (None, "No comment."), (None, "Something else entirely"))),
        ])
    with store.read() as connection:
        found = clusters(connection)
        total = connection.scalar(sa.select(sa.func.count()).select_from(schema.quote_clusters))
        unclustered = connection.scalar(sa.select(sa.func.count()).where(schema.quotes.c.cluster_id.is_(None)))
    biden = found[("outlet1", "q0")]
    assert found[("outlet2", "q0")].cluster_id == biden.cluster_id
    assert found[("outlet3", "q0")].cluster_id == biden.cluster_id  # another batch, honorific in the name
    assert found[("outlet1", "q1")].cluster_id != biden.cluster_id  # same words, another speaker
    assert found[("outlet3", "q1")].cluster_id != biden.cluster_id  # same speaker, another statement
    assert str(biden.first_seen) == "2024-03-04" and biden.quote_count == 3  # the earliest published date
    no_comment = found[("outlet4", "q0")]
    assert found[("outlet5", "q0")].cluster_id == no_comment.cluster_id  # speakerless, same words
    assert no_comment.first_seen is not None  # no published date: the day it was ingested
    assert found[("outlet5", "q1")].cluster_id != no_comment.cluster_id
    assert total == 5 and unclustered == 0


def test_re_ingest_adds_nothing_to_clusters(store) -> None:
    rec = report("outlet1", "2024-03-05", ("Joe Biden", BASE))
    with store.write() as connection:
        run_id = make_run(connection)
        write_batch(connection, run_id, [new_article(rec)])
    with store.write() as connection:
        write_batch(connection, run_id, [new_article(rec)])
    with store.read() as connection:
        counts = connection.execute(sa.select(schema.quote_clusters.c.quote_count)).scalars().all()
    assert counts == [1]


def test_migrating_a_0001_store_fills_keys_clusters_and_dates(store_url: str) -> None:
    """A store created before migrations 0002/0003 gets entity keys, a cluster per quote and
    quotes.published when it is next opened."""
    import datetime as dt

    from alembic import command

    from quotegraph.store import open_store
    from quotegraph.store.migrate import alembic_config

    old = open_store(store_url, migrate=False)
    now = dt.datetime.now(dt.timezone.utc)
    try:
        with old.write() as connection:
            command.upgrade(alembic_config(connection), "0001")
            run = connection.execute(sa.text(
                "INSERT INTO runs (started, quotegraph_version, spacy_version, model_name) "
                "VALUES (:now, 'old', 'old', 'm') RETURNING id"), {"now": now}).scalar_one()
            article = connection.execute(sa.text(
                "INSERT INTO articles (key, source, text, run_id, created, published) "
                "VALUES ('k', 's', 'text', :run, :now, :day) RETURNING id"),
                {"run": run, "now": now, "day": dt.date(2024, 3, 4)}).scalar_one()
            entity = connection.execute(sa.text(
                "INSERT INTO entities (name, norm_name, label, created) "
                "VALUES ('Dr. José Álvarez', 'dr jose alvarez', 'PERSON', :now) RETURNING id"),
                {"now": now}).scalar_one()
            for local in ("q0", "q1"):
                connection.execute(sa.text(
                    "INSERT INTO quotes (article_id, local_id, type, content, start, \"end\", confidence, run_id, "
                    "speaker_name, speaker_entity_id) VALUES (:a, :local, 'direct', 'We will win.', 0, 4, 0.9, :run, "
                    "'José Álvarez', :e)"), {"a": article, "local": local, "run": run, "e": entity})
    finally:
        old.close()
    store = open_store(store_url)
    try:
        with store.read() as connection:
            row = connection.execute(sa.select(schema.entities.c.name_key, schema.entities.c.surname)).one()
            quotes = connection.execute(sa.select(schema.quotes.c.cluster_id, schema.quotes.c.published)).all()
            cluster = connection.execute(sa.select(schema.quote_clusters)).one()
    finally:
        store.close()
    assert tuple(row) == ("jose alvarez", "alvarez")
    assert {q.cluster_id for q in quotes} == {cluster.id} and {str(q.published) for q in quotes} == {"2024-03-04"}
    assert cluster.quote_count == 2 and str(cluster.first_seen) == "2024-03-04"


def test_candidates_of_a_common_speaker_are_bounded(store) -> None:
    """300 different statements by "officials": a new quote is compared with its near
    duplicate, not with every cluster of the speaker."""
    import datetime as dt
    import random

    from quotegraph.store.clusters import assign_clusters, candidates, content_key, minhashes

    rng = random.Random(3)
    vocabulary = [f"w{n}" for n in range(400)] + ["the", "of", "will", "said", "a", "to", "and", "in"]
    statements = [" ".join(rng.choice(vocabulary) for _ in range(14)) for _ in range(300)]
    now = dt.datetime.now(dt.timezone.utc)
    with store.write() as connection:
        assign_clusters(connection, [{"content": s, "speaker_name": "officials"} for s in statements],
                        [None] * len(statements), now=now)
    quote = {"content": statements[42] + " again", "speaker_name": "officials"}
    tokens = content_tokens(quote["content"])
    with store.read() as connection:
        pool = candidates(connection, [quote], [(tokens, content_key(tokens), shingles(tokens), "officials",
                                                 minhashes(shingles(tokens)))])
        stored = connection.scalar(sa.select(sa.func.count()).select_from(schema.quote_clusters))
    assert stored == 300
    assert any(jaccard(c.shingles, shingles(tokens)) >= SIMILARITY for c in pool)
    assert len(pool) <= 10
