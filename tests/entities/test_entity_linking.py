"""Which mentions the entity builder joins to a person (issue 28, parts 1 and 4), tested on
the rule itself with the recogniser's label given, since its labels vary with context: a
bare surname it takes for a place is the person the article names in full; a surname of two
words ("Van Voorhis") is the person whose fuller name ends with it. And what says a name is a
person's whatever its label: an age or a ranking before it, on a Doc built by hand."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from quotegraph.entities.mentions import Entity, compatible

NLP = spacy.blank("en")


def _mention(text: str, words: str):
    doc = NLP(text)
    start = next(t.i for t in doc if doc[t.i:t.i + len(words.split())].text == words)
    return doc[start:start + len(words.split())]


# (person the article names in full, text, the mention, the recogniser's label, joined?)
CASES = [
    # a surname tagged a place or a people is the person ...
    ("Frank Nervo", "Nervo wrote that the case was closed.", "Nervo", "GPE", True),
    ("Ava DuVernay", "DuVernay explained the clause.", "DuVernay", "GPE", True),
    ("Terry McAuliffe", "McAuliffe has said he will decide.", "McAuliffe", "LOC", True),
    ("Ted Cruz", "Cruz said he would vote no.", "Cruz", "NORP", True),
    # ... unless a word before it makes it a place, or it is a country's name
    ("Steve Israel", "The delegation flew to Israel on Monday.", "Israel", "GPE", False),
    ("Steve Israel", "Israel said the talks would go on.", "Israel", "GPE", False),
    ("Michael Jordan", "Jordan closed its border.", "Jordan", "GPE", False),
    # ... and it must be that person's surname
    ("Frank Nervo", "Manhattan said the case was closed.", "Manhattan", "GPE", False),
    # surnames of two words
    ("Chandler Van Voorhis", "Mr. Van Voorhis said trees convert carbon.", "Van Voorhis", "PERSON", True),
    ("Ildefonso Guajardo Villarreal", "Guajardo Villarreal told me.", "Guajardo Villarreal", "PERSON", True),
    ("Bill de Blasio", "De Blasio said there was no link.", "De Blasio", "PERSON", True),
    # a given name and a surname are no surname of two words ("Crooked Hillary Clinton")
    ("Crooked Hillary Clinton", "Hillary Clinton said so.", "Hillary Clinton", "PERSON", False),
    # given names that differ are two people
    ("John Smith", "Jane Smith said so.", "Jane Smith", "PERSON", False),
    # a middle initial and a generational suffix: one person; two suffixes that differ: two
    ("Patrick Carlineo Jr.", "Patrick W. Carlineo pleaded guilty.", "Patrick W. Carlineo", "PERSON", True),
    ("Patrick W. Carlineo", "Patrick Carlineo Jr. pleaded guilty.", "Patrick Carlineo Jr.", "PERSON", True),
    ("John Smith Sr.", "John Smith Jr. took over the firm.", "John Smith Jr.", "PERSON", False),
]


@pytest.mark.parametrize("person,text,words,label,joined", CASES)
def test_which_mentions_name_a_person(person, text, words, label, joined):
    entity = Entity(name=person, label="PERSON")
    assert compatible(entity, _mention(text, words), label) is joined


def test_a_place_is_still_a_place_beside_no_person_of_its_name():
    place = Entity(name="Israel", label="GPE")
    assert compatible(place, _mention("Israel said the talks would go on.", "Israel"), "GPE")


@pytest.mark.parametrize("words,person", [
    ("Derek Mitchell", True), ("Marcia Price", True), ("Virginia Beach", False), ("Elizabeth City", False),
    ("Georgia", False), ("Santa Clara", False), ("Jordan", False), ("Mary Washington Hospital", False),
])
def test_a_place_s_name_that_is_a_person_s(words, person):
    """What the entity builder relabels PERSON when the recogniser says GPE, LOC, NORP or FAC."""
    from quotegraph.entities.mentions import _a_person_s_name

    assert _a_person_s_name(NLP(words)[:]) is person


def test_a_place_named_as_a_place_elsewhere_in_the_article_stays_a_place():
    from quotegraph.entities.mentions import _a_person_s_name

    doc = NLP("Sierra Leone said the border was open. Aid flowed into Sierra Leone on Monday.")
    assert not _a_person_s_name(doc[0:2])


def test_names_compare_one_apostrophe_and_lose_markup_left_before_them():
    """"James O’Neill" and a later "O'Neill" are one person; a page's leftover '">' is no part
    of the name that follows it."""
    person = Entity(name="James O’Neill", label="PERSON")
    assert compatible(person, _mention("O'Neill said officials have video.", "O'Neill"), "ORG")
    assert Entity(name='">Sanders', label="PERSON").name == "Sanders"


def test_an_age_or_a_ranking_before_a_name_says_person() -> None:
    """"the 14th-ranked Schwartzman", "the 56-year-old Mourinho": whatever label the recogniser
    gave the name, the words before it say it is a person's (entities/mentions.py, entities/speakers.py)."""
    from quotegraph.entities.mentions import _without_age_or_rank
    from quotegraph.entities.speakers import _age_or_rank

    # the tokens spaCy's English tokenizer makes (hyphens are infixes): only the words matter
    words = ["the", "14th", "-", "ranked", "Schwartzman", "and", "the", "56", "-", "year", "-", "old", "Mourinho",
             "and", "14", "Downing", "Street"]
    spaces = [True, False, False, True, True, True, True, False, False, False, False, True, True,
              True, True, True, False]
    doc = Doc(NLP.vocab, words=words, spaces=spaces)
    assert doc.text == "the 14th-ranked Schwartzman and the 56-year-old Mourinho and 14 Downing Street"
    ranked = _without_age_or_rank(doc[1:5])
    assert ranked is not None and ranked.text == "Schwartzman"
    aged = _without_age_or_rank(doc[7:13])
    assert aged is not None and aged.text == "Mourinho"
    assert _without_age_or_rank(doc[14:17]) is None  # "14 Downing Street": a number, no age
    assert _age_or_rank(doc[0:4]) and _age_or_rank(doc[6:12]) and not _age_or_rank(doc[14:15])
