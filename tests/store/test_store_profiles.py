"""A corpus person's gender from the evidence of all its articles (store/profiles.py), on
SQLite and PostgreSQL, shown by `entities --explain`; hand-built records, no parser."""
from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa
from support.records import make_record
from support.store import make_run, new_article

from quotegraph.record import Record
from quotegraph.store import open_store, schema
from quotegraph.store.profiles import corpus_gender
from quotegraph.store.write import write_batch


def article(id: str, text: str, name: str, day: str, evidence: list[tuple[str, str, str]]) -> Record:
    """An article naming `name`, with gender evidence (kind, gender, the words it is over)."""
    start = text.index(name)
    items = []
    for kind, gender, words in evidence:
        at = text.index(words)
        items.append({"kind": kind, "gender": gender, "start": at, "end": at + len(words), "text": words})
    for item in items:
        assert text[item["start"]:item["end"]] == item["text"]
    genders = {item["gender"] for item in items if item["kind"] != "name_prior"} or {i["gender"] for i in items}
    return make_record(text=text, id=id, published=day, entities=[{
        "id": "e0", "name": name, "label": "PERSON", "titles": [], "affiliations": [], "source_type": "person",
        "gender": genders.pop() if len(genders) == 1 else None, "gender_evidence": items,
        "mentions": [{"start": start, "end": start + len(name), "text": name}]}])


SHE = article("a1", "Robin Avery said the bridge is safe. She added that it would open.", "Robin Avery",
              "2024-03-01", [("pronoun", "female", "She")])
MS = article("a2", "Ms. Robin Avery spoke on Monday.", "Robin Avery", "2024-03-02", [("honorific", "female", "Ms.")])
PRIOR = article("a3", "Robin Avery spoke again.", "Robin Avery", "2024-03-03", [("name_prior", "male", "Robin")])
HE = article("a4", "Robin Avery left early. He did not say why.", "Robin Avery", "2024-03-04",
             [("pronoun", "male", "He")])


def stored_person(connection: sa.Connection) -> tuple[Any, Any]:
    e = schema.entities
    return connection.execute(sa.select(e.c.gender, e.c.gender_evidence).where(e.c.name == "Robin Avery")).one()


def ingest(store, *batches: list[Record]) -> None:
    for batch in batches:
        with store.write() as connection:
            write_batch(connection, make_run(connection), [new_article(r) for r in batch])


def test_a_persons_gender_comes_from_the_evidence_of_all_its_articles(store) -> None:
    ingest(store, [SHE], [MS, PRIOR])
    with store.read() as connection:
        gender, counts = stored_person(connection)
        local = connection.execute(sa.select(schema.article_entities.c.gender).order_by(
            schema.article_entities.c.id)).scalars().all()
    # the text's evidence (a pronoun, an honorific) outranks another article's name statistic
    assert gender == "female"
    assert counts == {"female": {"honorific": 1, "pronoun": 1}, "male": {"name_prior": 1}}
    assert local == ["female", "female", "male"]
    ingest(store, [HE])  # an article whose text says male: the articles conflict
    with store.read() as connection:
        gender, counts = stored_person(connection)
    assert gender is None
    assert counts["male"] == {"name_prior": 1, "pronoun": 1}


def test_the_order_of_ingest_does_not_change_the_gender(store_url: str) -> None:
    from support.store import postgres_url

    results = []
    for order in ([[SHE], [PRIOR]], [[PRIOR], [SHE]], [[PRIOR, SHE]]):
        # a new store each time: the test database emptied, or another SQLite file
        url = postgres_url() if store_url.startswith("postgresql") else f"{store_url}.{len(results)}"
        db = open_store(url)
        try:
            ingest(db, *order)
            with db.read() as connection:
                results.append(tuple(json.dumps(v, sort_keys=True) for v in stored_person(connection)))
        finally:
            db.close()
    assert len(set(results)) == 1 and json.loads(results[0][0]) == "female"


def test_explain_shows_gender_counts_and_source_type(store_url: str) -> None:
    from click.testing import CliRunner

    from quotegraph.cli import main

    db = open_store(store_url)
    try:
        ingest(db, [SHE, MS])
    finally:
        db.close()
    result = CliRunner().invoke(main, ["entities", "--db", store_url, "--explain", "Robin Avery"])
    assert result.exit_code == 0, result.output
    assert "source type: person; gender: female (female: honorific 1, pronoun 1; male: none)" in result.output
    data = json.loads(CliRunner().invoke(main, ["entities", "--db", store_url, "--explain", "Robin Avery",
                                                "--format", "json"]).output)
    assert (data[0]["source_type"], data[0]["gender"]) == ("person", "female")


def item(kind: str, gender: str) -> dict[str, Any]:
    return {"kind": kind, "gender": gender, "start": 0, "end": 1, "text": "x"}


@pytest.mark.parametrize("articles, gender", [
    ([], None),
    ([("female", [item("pronoun", "female")])], "female"),
    ([("female", [item("pronoun", "female")]), ("male", [item("name_prior", "male")])], "female"),
    ([("male", [item("name_prior", "male")]), ("male", [item("name_prior", "male")])], "male"),
    ([("male", [item("name_prior", "male")]), ("female", [item("name_prior", "female")])], None),
    ([("female", [item("role", "female")]), ("male", [item("honorific", "male")])], None),
    # an article whose own evidence conflicts votes for nobody, its evidence still counted
    ([(None, [item("pronoun", "female"), item("pronoun", "male")]), ("male", [item("honorific", "male")])], "male"),
])
def test_corpus_gender(articles, gender) -> None:
    assert corpus_gender(articles)[0] == gender
