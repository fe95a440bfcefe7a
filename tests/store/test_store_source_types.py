"""Source types in the store (migration 0008_source_profile): a store written with the
anonymous and collective flags gets `source_type` of the same meaning, on SQLite and
PostgreSQL; records written before the field are read by it too."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from quotegraph.entities.mentions import Entity
from quotegraph.record import Record
from quotegraph.source_types import flagged_source_type, legacy_source_type, source_type_of
from quotegraph.store import open_store, schema

# (name, label, anonymous, collective) as a 0007 store held them -> the source type
OLD_ROWS = [
    ("Joe Biden", "PERSON", False, False, "person"),
    ("Reuters", "ORG", False, False, "organisation"),
    ("Germany", "GPE", False, False, "organisation"),
    ("Officials", "GROUP", True, True, "group"),           # anonymous and collective: a group
    ("protesters", "GROUP", False, True, "group"),
    ("Ana Ruiz’s lawyers", "ORG", False, True, "group"),
    ("senior official", "PERSON", True, False, "anonymous"),
    ("woman", "PERSON", True, False, "anonymous"),
    ("report", "GROUP", False, False, "document"),
    ("ruling", "GROUP", False, False, "document"),
    ("oxygen bar", "GROUP", False, False, "anonymous"),  # one unnamed source the text describes
]


def test_migrating_a_0007_store_turns_the_flags_into_source_types(store_url: str) -> None:
    from alembic import command

    from quotegraph.store.migrate import alembic_config

    now = dt.datetime.now(dt.timezone.utc)
    old = open_store(store_url, migrate=False)
    try:
        with old.write() as connection:
            command.upgrade(alembic_config(connection), "0007_quote_within")
            run = connection.execute(sa.text(
                "INSERT INTO runs (started, quotegraph_version, spacy_version, model_name) "
                "VALUES (:now, 'old', 'old', 'm') RETURNING id"), {"now": now}).scalar_one()
            article = connection.execute(sa.text(
                "INSERT INTO articles (key, source, text, run_id, created) VALUES ('k', 's', 't', :run, :now) "
                "RETURNING id"), {"run": run, "now": now}).scalar_one()
            for n, (name, label, anonymous, collective, _) in enumerate(OLD_ROWS):
                entity = connection.execute(sa.text(
                    "INSERT INTO entities (name, norm_name, label, anonymous, collective, created) "
                    "VALUES (:name, :name, :label, :anonymous, :collective, :now) RETURNING id"),
                    {"name": name, "label": label, "anonymous": anonymous, "collective": collective,
                     "now": now}).scalar_one()
                connection.execute(sa.text(
                    "INSERT INTO article_entities (article_id, local_id, entity_id, name, label, anonymous, collective) "
                    "VALUES (:a, :local, :e, :name, :label, :anonymous, :collective)"),
                    {"a": article, "local": f"e{n}", "e": entity, "name": name, "label": label,
                     "anonymous": anonymous, "collective": collective})
    finally:
        old.close()
    store = open_store(store_url)
    try:
        with store.read() as connection:
            e, ae = schema.entities, schema.article_entities
            corpus = dict(connection.execute(sa.select(e.c.name, e.c.source_type)).all())
            local = dict(connection.execute(sa.select(ae.c.name, ae.c.source_type)).all())
            columns = {c["name"] for c in sa.inspect(connection).get_columns("entities")}
    finally:
        store.close()
    expected = {name: kind for name, _, _, _, kind in OLD_ROWS}
    assert corpus == expected
    assert local == expected
    assert {"source_type", "gender", "gender_evidence"} <= columns
    assert not {"anonymous", "collective"} & columns


@pytest.mark.parametrize("name, label, anonymous, collective, kind", OLD_ROWS)
def test_an_old_records_flags_read_as_the_migration_reads_them(name, label, anonymous, collective, kind) -> None:
    entity = {"id": "e0", "name": name, "label": label, "anonymous": anonymous, "collective": collective,
              "mentions": []}
    assert legacy_source_type(entity) == kind
    upgraded = Record.from_dict({"text": "x", "entities": [entity]}).entities[0].to_dict()
    assert upgraded["source_type"] == kind and "anonymous" not in upgraded and "collective" not in upgraded


@pytest.mark.parametrize("label, flags, kind", [
    ("PERSON", {}, "person"),
    ("ORG", {}, "organisation"),
    ("NORP", {}, "organisation"),
    ("GROUP", {"collective": True}, "group"),
    ("PERSON", {"anonymous": True}, "anonymous"),
    ("PERSON", {"anonymous": True, "collective": True}, "group"),
    ("GROUP", {}, "anonymous"),
    ("GROUP", {"document": True}, "document"),
    ("GROUP", {"document": True, "collective": True}, "document"),  # "reports say"
])
def test_source_type_of(label, flags, kind) -> None:
    assert source_type_of(label, **flags) == kind


@pytest.mark.parametrize("name, kind", [
    ("federal judge", "anonymous"),       # a description the speaker rules kept as a person
    ("max", "anonymous"),                 # a lower-case word the recogniser took for a name
    ("Ana Ruiz", "person"),
    ("de Klerk", "person"),               # a capital anywhere: a name
    ("习近平", "person"),                  # no case in the script: never a description
])
def test_a_person_without_a_capital_is_described_not_named(name, kind) -> None:
    assert flagged_source_type("PERSON", name, anonymous=False, collective=False) == kind
    assert Entity(name=name, label="PERSON").source_type == kind


def test_an_ingested_record_keeps_its_source_types(store) -> None:
    from support.store import make_run, new_article, record

    from quotegraph.store.read import iter_records
    from quotegraph.store.write import write_batch

    with store.write() as connection:
        write_batch(connection, make_run(connection), [new_article(record())])
    with store.read() as connection:
        stored = next(iter_records(connection)).record
        corpus = dict(connection.execute(sa.select(schema.entities.c.name, schema.entities.c.source_type)).all())
    assert {e.name: e.source_type for e in stored.entities} == {
        "Joe Biden": "person", "Officials": "group", "Smith": "person"}
    assert corpus == {"Joe Biden": "person", "Officials": "group", "Smith": "person"}
