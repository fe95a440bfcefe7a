"""Entities merged across articles (store/merge.py): the rule as a table, then through the writer
on both stores."""
from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from quotegraph.record import Record
from quotegraph.store import schema
from quotegraph.store.merge import (Attributes, Candidate, choose, name_key, name_relation, person_tokens,
                                    titles_agree, affiliations_agree)
from quotegraph.store.write import write_batch

from store_helpers import store, store_url  # noqa: F401 - fixtures
from test_store_schema import make_run, new_article


@pytest.mark.parametrize("name, tokens", [
    ("Joe Biden", ["joe", "biden"]),
    ("  JOSÉ  Álvarez ", ["jose", "alvarez"]),
    ("Dr. José Álvarez Jr.", ["jose", "alvarez"]),
    ("President Joe Biden", ["joe", "biden"]),
    ("Vice President Kamala Harris", ["kamala", "harris"]),
    ("Mr. O’Neil", ["oneil"]),
    ("Alexandria Ocasio-Cortez", ["alexandria", "ocasiocortez"]),
    ("J.R.R. Tolkien", ["j", "r", "r", "tolkien"]),
    ("Martin Luther King", ["martin", "luther", "king"]),
    ("Dr.", ["dr"]),  # never empty when there is a word
    ("", []),
])
def test_person_tokens(name: str, tokens: list[str]) -> None:
    assert person_tokens(name) == tokens


def test_name_key_keeps_honorific_like_words_of_organisations() -> None:
    assert name_key("General Motors", "ORG") == "general motors"
    assert name_key("General Mark Milley", "PERSON") == "mark milley"


@pytest.mark.parametrize("a, b, relation", [
    ("Joe Biden", "joe biden", "same"),
    ("Nayib Bukele", "Nayib Armando Bukele", "fuller"),
    ("Nayib A. Bukele", "Nayib Armando Bukele", "fuller"),
    ("J. Smith", "John Smith", "initial"),
    ("John Smith", "Jane Smith", None),
    ("John Smith", "John Smithers", None),
    ("John Paul Smith", "John Peter Smith", None),
])
def test_name_relation(a: str, b: str, relation: str | None) -> None:
    assert name_relation(person_tokens(a), person_tokens(b)) == relation
    assert name_relation(person_tokens(b), person_tokens(a)) == relation


def test_titles_and_affiliations_agree() -> None:
    assert titles_agree(["U.S. President"], ["president"])
    assert titles_agree(["former Senator"], ["Senator"])
    assert not titles_agree(["CEO"], ["Senator"])
    assert affiliations_agree(["El Salvador"], ["the government of El Salvador"])
    assert not affiliations_agree(["Acme Corp"], ["Ohio"])


def person(name: str, titles: tuple[str, ...] = (), affiliations: tuple[str, ...] = (), id: int = 1) -> Candidate:
    return Candidate(person_tokens(name), Attributes(list(titles), list(affiliations)), id=id)


BIDEN = person("Joe Biden", ("President",), ("United States",), id=1)
JOHN = person("John Smith", ("CEO",), ("Acme Corp",), id=2)
JANE = person("Jane Smith", ("Senator",), ("Ohio",), id=3)
JOHN_PLAIN = person("John Smith", id=4)
BUKELE = person("Nayib Bukele", ("President",), ("El Salvador",), id=5)
JOHN_OHIO = person("John Smith", ("Senator",), ("Ohio",), id=6)


# One row a case: an article's person (name, titles, affiliations), the corpus persons
# sharing its surname, and the id it links to (None: a new entity).
MERGE_CASES = [
    ("exact name", ("Joe Biden", (), ()), [BIDEN], 1),
    ("case, accents, punctuation", ("JOE  BIDEN.", (), ()), [BIDEN], 1),
    ("honorific in the name", ("President Joe Biden", ("President",), ()), [BIDEN], 1),
    ("titles agreeing", ("Joe Biden", ("U.S. President",), ()), [BIDEN], 1),
    ("fuller name", ("Nayib Armando Bukele", ("President",), ()), [BUKELE], 5),
    ("shorter name", ("Nayib Bukele", (), ()), [person("Nayib Armando Bukele", id=7)], 7),
    ("another first name: never the surname alone", ("Jane Smith", (), ()), [JOHN], None),
    ("John and Jane stay apart", ("John Smith", (), ()), [JANE, JOHN], 2),
    ("affiliations disagree: two John Smiths", ("John Smith", (), ("Ohio",)), [JOHN], None),
    ("titles disagree, no affiliation shared", ("John Smith", ("Senator",), ()), [JOHN], None),
    ("the John Smith whose affiliation agrees", ("John Smith", (), ("Ohio",)), [JOHN, JOHN_OHIO], 6),
    ("exact name, several rows, none agreeing: the oldest", ("John Smith", (), ()), [JOHN, JOHN_OHIO], 2),
    ("initial with agreeing title", ("J. Smith", ("chief executive officer",), ("Acme Corp",)), [JOHN], 2),
    ("initial without evidence", ("J. Smith", (), ()), [JOHN], None),
    ("initial, two candidates, one agreeing", ("J. Smith", ("Senator",), ()), [JOHN, JANE], 3),
    ("initial, two candidates agreeing", ("J. Smith", ("CEO",), ()), [JOHN, person("James Smith", ("CEO",), id=8)],
     None),
    ("bare surname, one Smith, title agrees", ("Smith", ("CEO",), ()), [JOHN], 2),
    ("bare surname, one Smith, affiliation agrees", ("Smith", (), ("Acme",)), [JOHN], 2),
    ("bare surname, one Smith, nothing agrees", ("Smith", (), ()), [JOHN], None),
    ("bare surname, two Smiths", ("Smith", ("CEO",), ("Acme Corp",)), [JOHN, JANE], None),
    ("bare surname, no full name known", ("Smith", ("CEO",), ()), [], None),
    ("bare surname never joins another bare surname", ("Smith", ("CEO",), ()), [person("Smith", ("CEO",))], None),
    ("different surname", ("John Smithers", (), ()), [JOHN_PLAIN], None),
]


@pytest.mark.parametrize("what, entity, candidates, expected", MERGE_CASES, ids=[case[0] for case in MERGE_CASES])
def test_merge_rule(what: str, entity: tuple, candidates: list[Candidate], expected: int | None) -> None:
    name, titles, affiliations = entity
    chosen = choose(person_tokens(name), Attributes(list(titles), list(affiliations)), candidates)
    assert (chosen.id if chosen else None) == expected, what


# -- through the writer, on both stores ------------------------------------------------------

def article(id: str, *entities: dict[str, Any], published: str = "2024-03-04") -> Record:
    text = " ".join(e["name"] for e in entities) + "."
    out, position = [], 0
    for number, entity in enumerate(entities):
        start = text.index(entity["name"], position)
        position = start + len(entity["name"])
        out.append({"id": f"e{number}", "label": "PERSON", "titles": [], "affiliations": [], **entity,
                    "mentions": [{"start": start, "end": position, "text": entity["name"]}]})
    return Record(text=text, id=id, published=published, entities=out)


def corpus_ids(connection: sa.Connection) -> dict[tuple[str, str], int]:
    ae, a = schema.article_entities, schema.articles
    rows = connection.execute(sa.select(a.c.external_id, ae.c.name, ae.c.entity_id).join(a, a.c.id == ae.c.article_id))
    return {(r.external_id, r.name): r.entity_id for r in rows}


def test_same_person_across_articles_and_batches(store) -> None:
    with store.write() as connection:
        run_id = make_run(connection)
        write_batch(connection, run_id, [
            new_article(article("a1", {"name": "John Smith", "titles": ["CEO"], "affiliations": ["Acme Corp"]},
                                {"name": "Jane Smith", "titles": ["Senator"], "affiliations": ["Ohio"]})),
            new_article(article("a2", {"name": "JOHN SMITH"}, {"name": "Sen. Jane Smith"})),
        ])
    with store.write() as connection:  # a later batch sees what the first committed
        write_batch(connection, run_id, [
            new_article(article("a3", {"name": "Smith", "titles": ["chief executive"], "affiliations": ["Acme"]})),
            new_article(article("a4", {"name": "Smith"})),
            new_article(article("a5", {"name": "John Robert Smith", "affiliations": ["Acme Corp."]})),
            new_article(article("a6", {"name": "John Smith", "affiliations": ["Ohio State"]})),
        ])
    with store.read() as connection:
        ids = corpus_ids(connection)
        john, jane = ids[("a1", "John Smith")], ids[("a1", "Jane Smith")]
        assert john != jane
        assert ids[("a2", "JOHN SMITH")] == john
        assert ids[("a2", "Sen. Jane Smith")] == jane
        assert ids[("a3", "Smith")] != john  # two Smiths in the corpus: a bare surname joins neither
        assert ids[("a4", "Smith")] not in (john, jane, ids[("a3", "Smith")])
        assert ids[("a5", "John Robert Smith")] == john  # the fuller name
        assert ids[("a6", "John Smith")] != john  # affiliations disagree
        row = connection.execute(sa.select(schema.entities).where(schema.entities.c.id == john)).one()
    assert row.name == "John Robert Smith"  # the fullest name seen
    assert row.titles == ["CEO"] and row.affiliations == ["Acme Corp"]
    assert (row.name_key, row.surname) == ("john robert smith", "smith")


def test_bare_surname_links_to_the_only_person_with_that_surname(store) -> None:
    with store.write() as connection:
        run_id = make_run(connection)
        write_batch(connection, run_id, [
            new_article(article("a1", {"name": "Nayib Bukele", "titles": ["President"],
                                       "affiliations": ["El Salvador"]})),
            new_article(article("a2", {"name": "Bukele", "titles": ["President"]}, {"name": "Bukele"})),
        ])
    with store.read() as connection:
        ids = corpus_ids(connection)
        bukele = ids[("a1", "Nayib Bukele")]
        rows = connection.execute(sa.select(schema.article_entities.c.entity_id).where(
            schema.article_entities.c.name == "Bukele").order_by(schema.article_entities.c.id)).scalars().all()
        # the one with an agreeing title links; the one without stays its own
        assert rows[0] == bukele and rows[1] != bukele
        row = connection.execute(sa.select(schema.entities.c.titles, schema.entities.c.affiliations)
                                 .where(schema.entities.c.id == bukele)).one()
        assert (row.titles, row.affiliations) == (["President"], ["El Salvador"])


def test_anonymous_and_collective_sources_are_never_merged(store) -> None:
    officials = {"name": "Officials", "anonymous": True, "collective": True}
    with store.write() as connection:
        write_batch(connection, make_run(connection), [new_article(article("a1", officials)),
                                                       new_article(article("a2", officials))])
    with store.read() as connection:
        ids = corpus_ids(connection)
    assert ids[("a1", "Officials")] != ids[("a2", "Officials")]


def test_organisations_merge_by_normalised_name(store) -> None:
    with store.write() as connection:
        write_batch(connection, make_run(connection), [
            new_article(article("a1", {"name": "Reuters", "label": "ORG"})),
            new_article(article("a2", {"name": "REUTERS", "label": "ORG"})),
        ])
    with store.read() as connection:
        ids = corpus_ids(connection)
    assert ids[("a1", "Reuters")] == ids[("a2", "REUTERS")]
