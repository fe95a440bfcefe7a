"""quotegraph.entities.names: one normalisation of names, honorifics and titles for the whole package."""
from __future__ import annotations

from typing import Any

import pytest

from quotegraph.entities.names import (
    NAME_PREFIXES,
    Attributes,
    affiliations_agree,
    generation,
    is_form_of,
    is_named_person,
    merge_key,
    name_key,
    name_relation,
    normalize_name,
    normalize_title,
    person_tokens,
    titles_agree,
)


@pytest.mark.parametrize("name, tokens", [
    ("Joe Biden", ["joe", "biden"]),
    ("  JOSÉ  Álvarez ", ["jose", "alvarez"]),
    ("Dr. José Álvarez Jr.", ["jose", "alvarez"]),
    ("President Joe Biden", ["joe", "biden"]),
    ("Vice President Kamala Harris", ["kamala", "harris"]),
    ("Senior Adviser Kellyanne Conway", ["kellyanne", "conway"]),  # a title word the old list missed
    ("Mr. O’Neil", ["oneil"]),
    ("Alexandria Ocasio-Cortez", ["alexandria", "ocasiocortez"]),
    ("J.R.R. Tolkien", ["j", "r", "r", "tolkien"]),
    ("Martin Luther King", ["martin", "luther", "king"]),
    ("Dean Baquet", ["dean", "baquet"]),  # a given name that is also a title stays
    ("Dr.", ["dr"]),  # never empty when there is a word
    ("", []),
])
def test_person_tokens(name: str, tokens: list[str]) -> None:
    assert person_tokens(name) == tokens


@pytest.mark.parametrize("name, suffix", [
    ("Donald Trump Jr.", "jr"), ("Donald Trump", None), ("Donald Trump Sr.", None), ("Pope John Paul II", "ii"),
    ("Jane Doe, PhD", None),
])
def test_generation(name: str, suffix: str | None) -> None:
    assert generation(name) == suffix


def test_honorifics_and_titles_are_one_list() -> None:
    assert {"mr", "mrs", "dr", "sen", "senator", "president", "former"} <= NAME_PREFIXES
    assert normalize_title("Sen.") == "senator"


def test_name_key_keeps_honorific_like_words_of_organisations() -> None:
    assert name_key("General Motors", "ORG") == "general motors"
    assert name_key("General Mark Milley", "PERSON") == "mark milley"


@pytest.mark.parametrize("a, b, relation", [
    ("Joe Biden", "joe biden", "same"),
    ("Nayib Bukele", "Nayib Armando Bukele", "fuller"),
    ("Nayib A. Bukele", "Nayib Armando Bukele", "fuller"),
    ("James Comey", "James B. Comey", "fuller"),
    ("J. Smith", "John Smith", "initial"),
    ("John Smith", "Jane Smith", None),
    ("John Smith", "John Smithers", None),
    ("John Paul Smith", "John Peter Smith", None),
])
def test_name_relation(a: str, b: str, relation: str | None) -> None:
    assert name_relation(person_tokens(a), person_tokens(b)) == relation
    assert name_relation(person_tokens(b), person_tokens(a)) == relation


def test_is_form_of_is_directed() -> None:
    assert is_form_of(person_tokens("James Comey"), person_tokens("James Brien Comey"))
    assert not is_form_of(person_tokens("James Brien Comey"), person_tokens("James Comey"))
    assert not is_form_of(person_tokens("James C. Comey"), person_tokens("James Brien Comey"))


def test_titles_and_affiliations_agree() -> None:
    assert titles_agree(["U.S. President"], ["president"])
    assert titles_agree(["former Senator"], ["Sen."])
    assert not titles_agree(["CEO"], ["Senator"])
    assert affiliations_agree(["El Salvador"], ["the government of El Salvador"])
    assert not affiliations_agree(["Acme Corp"], ["Ohio"])
    assert Attributes(["CEO"], ["Acme Corp"]).conflict(Attributes(["Senator"], ["Ohio"]))
    assert not Attributes(["CEO"], []).conflict(Attributes([], ["Ohio"]))


@pytest.mark.parametrize("entity, key", [
    ({"name": "Joe Biden", "label": "PERSON"}, None),  # persons: grouped by store/linking.py
    ({"name": "the U.N.", "label": "ORG"}, "ORG:the u n"),
    ({"name": "Reuters", "label": "ORG"}, "ORG:reuters"),
    ({"name": "White House officials", "label": "ORG", "source_type": "group"}, None),
    ({"name": "White House officials", "label": "ORG", "collective": True}, None),  # a record written before source_type
    ({"name": "a senior official", "label": "PERSON", "source_type": "anonymous"}, None),
    ({"name": "report", "label": "GROUP", "source_type": "document"}, "GROUP:report"),
    ({"name": "", "label": "ORG"}, None),
])
def test_merge_key(entity: dict[str, Any], key: str | None) -> None:
    assert merge_key(entity) == key


def test_normalize_name() -> None:
    assert normalize_name("Dr.  José\tO'Neil-Smith") == "dr jose oneilsmith"


@pytest.mark.parametrize("name,named", [
    ("Tony Woodley", True), ("Mr. Smith", True), ("John Smith Jr.", True),
    ("French president", False), ("senator", False), ("Trump's campaign manager", False),
])
def test_only_a_name_is_a_named_person(name, named):
    """A person the article only describes is never linked across articles by that description."""
    assert is_named_person({"name": name, "label": "PERSON", "source_type": "person"}) is named
