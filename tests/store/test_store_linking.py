"""Persons linked across articles (store/linking.py) on the made-up corpus of
quotegraph.eval.linking: the same partition whatever the ingest order, on both stores."""
from __future__ import annotations

import sqlalchemy as sa
from support.records import make_record

from quotegraph.eval.linking import ALIASES, CORPUS, bcubed, gold_partition, ingest_corpus, orders, stored_partition
from quotegraph.store import open_store, schema
from quotegraph.store.aliases import AliasEntry, add_aliases, merge, split
from quotegraph.store.person_links import relink
from quotegraph.store.read import iter_records


def _partition(store_url: str, articles) -> dict[str, frozenset[str]]:
    """Mention id -> the set of mention ids sharing its entity (comparable across stores)."""
    store = open_store(store_url)
    try:
        ingest_corpus(store, articles)
        with store.read() as connection:
            predicted = stored_partition(connection)
    finally:
        store.close()
    members: dict[str, set[str]] = {}
    for mention, entity in predicted.items():
        members.setdefault(entity, set()).add(mention)
    return {mention: frozenset(members[entity]) for mention, entity in predicted.items()}


def _reset(store_url: str, tmp_path, name: str) -> str:
    from support.store import postgres_url

    return str(tmp_path / f"{name}.db") if store_url.endswith(".db") else postgres_url()


def test_any_order_gives_the_expected_persons(store_url: str, tmp_path) -> None:
    gold = gold_partition()
    expected = {m: frozenset(n for n, g in gold.items() if g == gold[m]) for m in gold}
    nickname = {m for m, g in gold.items() if g == "Bill Clinton"}  # needs the aliases file
    for name, articles in orders().items():
        got = _partition(_reset(store_url, tmp_path, name), articles)
        wrong = {m: sorted(got[m]) for m in gold if got[m] != expected[m] and m not in nickname}
        assert not wrong, (name, wrong)
        assert got["t20:e0"] == {"t20:e0"}  # "William Jefferson Clinton": no rule makes him Bill


def test_bcubed_on_the_corpus(store) -> None:
    ingest_corpus(store, CORPUS)
    with store.read() as connection:
        precision, recall = bcubed(stored_partition(connection), gold_partition())
    assert precision == 1.0 and 0.95 < recall < 1.0  # the nickname is the one miss
    with store.write() as connection:
        add_aliases(connection, [AliasEntry(e["canonical"], tuple(e["aliases"]), e["wikidata"]) for e in ALIASES])
    with store.read() as connection:
        assert bcubed(stored_partition(connection), gold_partition()) == (1.0, 1.0)
        wikidata = connection.scalar(sa.select(schema.entities.c.wikidata_id)
                                     .where(schema.entities.c.name == "Bill Clinton"))
        exported = {(s.record.id, e.name): e.wikidata for s in iter_records(connection)
                    for e in s.record.entities}
    assert wikidata == "Q1124"
    assert exported[("t20", "William Jefferson Clinton")] == exported[("t17", "Bill Clinton")] == "Q1124"
    assert exported[("t13", "Hillary Clinton")] is None


def _entity_of(connection: sa.Connection, mention: str) -> int:
    ae, a = schema.article_entities, schema.articles
    article, local = mention.split(":")
    return connection.scalar(sa.select(ae.c.entity_id).join(a, a.c.id == ae.c.article_id)
                             .where(a.c.external_id == article, ae.c.local_id == local))


def test_quotes_clusters_and_reasons_follow_the_person(store) -> None:
    ingest_corpus(store, [a for a in CORPUS if a.id in ("t11", "t12")])  # "Trump" alone, before any full name
    with store.read() as connection:
        assert _entity_of(connection, "t11:e0") != _entity_of(connection, "t12:e0")
    ingest_corpus(store, [a for a in CORPUS if a.id in ("t01", "t02", "t03")])
    q, e, c, ae = schema.quotes, schema.entities, schema.quote_clusters, schema.article_entities
    with store.read() as connection:
        donald = _entity_of(connection, "t01:e0")
        assert _entity_of(connection, "t11:e0") == donald == _entity_of(connection, "t12:e0")
        speakers = connection.execute(sa.select(q.c.speaker_entity_id, sa.func.count()).group_by(
            q.c.speaker_entity_id)).all()
        assert speakers == [(donald, 5)]
        assert set(connection.scalars(sa.select(c.c.entity_id))) == {donald}
        assert connection.scalar(sa.select(sa.func.count()).select_from(e)) == 1  # the bare "Trump" rows are gone
        row = connection.execute(sa.select(e.c.name, e.c.titles, e.c.attribute_history)).one()
        reasons = dict(connection.execute(sa.select(ae.c.name, ae.c.link_reason)).all())
    assert row.name == "Donald John Trump"
    assert row.titles == ["candidate", "nominee"]
    assert [(h["value"], h["first"], h["last"]) for h in row.attribute_history] == [
        ("candidate", "2016-03-01", "2016-03-16"), ("nominee", "2016-03-03", "2016-03-03")]
    assert reasons["Donald Trump"] == "a shorter form of Donald John Trump"
    assert reasons["Trump"].startswith("the only person called Trump")


def test_merge_and_split_are_undone_by_each_other(store) -> None:
    ingest_corpus(store, [a for a in CORPUS if a.id in ("t16", "t20")])
    with store.write() as connection:
        merge(connection, "Bill Clinton", "William Jefferson Clinton")
    with store.read() as connection:
        assert _entity_of(connection, "t16:e0") == _entity_of(connection, "t20:e0")
    with store.write() as connection:
        split(connection, "Bill Clinton", "William Jefferson Clinton")
    with store.read() as connection:
        assert _entity_of(connection, "t16:e0") != _entity_of(connection, "t20:e0")
    with store.write() as connection:  # a split also keeps forms of one name apart
        split(connection, "Trump", "Donald Trump")
    ingest_corpus(store, [a for a in CORPUS if a.id in ("t01", "t11")])
    with store.read() as connection:
        assert _entity_of(connection, "t01:e0") != _entity_of(connection, "t11:e0")


def test_relink_changes_nothing_on_a_linked_store(store) -> None:
    ingest_corpus(store, CORPUS)
    with store.write() as connection:
        assert relink(connection) == 0


def test_unnamed_sources_are_never_merged(store) -> None:
    from support.store import make_run, new_article

    from quotegraph.record import Record
    from quotegraph.store.write import write_batch

    def article(id: str, entity: dict) -> Record:
        text = entity["name"] + "."
        return make_record(text=text, id=id, published="2024-03-04", entities=[
            {"id": "e0", "titles": [], "affiliations": [], **entity,
             "mentions": [{"start": 0, "end": len(entity["name"]), "text": entity["name"]}]}])

    officials = {"name": "Officials", "label": "PERSON", "source_type": "group"}
    reuters = {"name": "Reuters", "label": "ORG"}
    with store.write() as connection:
        write_batch(connection, make_run(connection), [new_article(article("a1", officials)),
                                                       new_article(article("a2", officials))])
        write_batch(connection, make_run(connection), [new_article(article("a3", reuters)),
                                                       new_article(article("a4", {**reuters, "name": "REUTERS"}))])
    with store.read() as connection:
        assert _entity_of(connection, "a1:e0") != _entity_of(connection, "a2:e0")
        assert _entity_of(connection, "a3:e0") == _entity_of(connection, "a4:e0")


def test_entities_commands(store_url: str, tmp_path) -> None:
    import json

    from click.testing import CliRunner

    from quotegraph.cli import main

    store = open_store(store_url)
    try:
        ingest_corpus(store, CORPUS)
    finally:
        store.close()
    run = lambda *args: CliRunner().invoke(main, [*args, "--db", store_url] if args[0] == "relink" else  # noqa: E731
                                           ["entities", "--db", store_url, *args])
    listed = run("--format", "json", "--limit", "3")
    assert listed.exit_code == 0, listed.output
    assert [r["name"] for r in json.loads(listed.output)][0] == "Donald John Trump"
    explained = run("--explain", "Trump")
    assert explained.exit_code == 0, explained.output
    assert "Donald John Trump: entity" in explained.output
    assert '"Trump" in 1 articles (2016-03-20 .. 2016-03-20; e.g. t12): Donald John Trump is named in at least 75%' \
        in explained.output
    assert "Trump (unlinked: ambiguous)" in explained.output
    assert "title: candidate (2016-03-01 .. 2016-03-16, 2 articles)" in explained.output
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("canonical,aliases,wikidata\nBill Clinton,William Jefferson Clinton|W. J. Clinton,Q1124\n")
    relinked = CliRunner().invoke(main, ["relink", "--db", store_url, "--aliases", str(aliases)])
    assert relinked.exit_code == 0, relinked.output
    assert "relinked; 0 names changed" in relinked.output  # the aliases file already regrouped them
    bill = json.loads(run("--explain", "Bill Clinton", "--format", "json").output)
    assert [(b["name"], b["wikidata"], b["articles"]) for b in bill] == [("Bill Clinton", "Q1124", 4)]
    assert run("split", "Bill Clinton", "William Jefferson Clinton").exit_code == 0
    bill = json.loads(run("--explain", "Bill Clinton", "--format", "json").output)
    assert [b["articles"] for b in bill] == [3]
    assert run("merge", "Bill Clinton", "William Jefferson Clinton").exit_code == 0
    assert [b["articles"] for b in json.loads(run("--explain", "Bill Clinton", "--format", "json").output)] == [4]


def test_migrating_a_0004_store_links_its_persons(store_url: str) -> None:
    """A store of the previous revision, its article entities pointing at entities (which a
    table copy on SQLite would trip over), gets its persons grouped when next opened."""
    import datetime as dt

    from alembic import command

    from quotegraph.store.migrate import alembic_config

    old = open_store(store_url, migrate=False)
    now = dt.datetime.now(dt.timezone.utc)
    try:
        with old.write() as connection:
            command.upgrade(alembic_config(connection), "0004")
            run = connection.execute(sa.text(
                "INSERT INTO runs (started, quotegraph_version, spacy_version, model_name) "
                "VALUES (:now, 'old', 'old', 'm') RETURNING id"), {"now": now}).scalar_one()
            for n, name in enumerate(["Donald Trump", "Donald J. Trump", "Trump"]):
                article = connection.execute(sa.text(
                    "INSERT INTO articles (key, source, text, run_id, created, published) "
                    "VALUES (:key, 's', :name, :run, :now, :day) RETURNING id"),
                    {"key": f"k{n}", "name": name, "run": run, "now": now, "day": dt.date(2016, 3, n + 1)}).scalar_one()
                entity = connection.execute(sa.text(
                    "INSERT INTO entities (name, norm_name, label, merge_key, created) "
                    "VALUES (:name, :name, 'PERSON', :key, :now) RETURNING id"),
                    {"name": name, "key": f"PERSON:{name.lower()}", "now": now}).scalar_one()
                connection.execute(sa.text(
                    "INSERT INTO article_entities (article_id, local_id, entity_id, name, label) "
                    "VALUES (:a, 'e0', :e, :name, 'PERSON')"), {"a": article, "e": entity, "name": name})
    finally:
        old.close()
    store = open_store(store_url)
    try:
        with store.read() as connection:
            linked = connection.execute(sa.select(schema.article_entities.c.entity_id).distinct()).scalars().all()
            names = connection.execute(sa.select(schema.entities.c.name)).scalars().all()
    finally:
        store.close()
    assert len(linked) == 1 and names == ["Donald J. Trump"]
