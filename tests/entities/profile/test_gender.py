"""A person's gender as the text signals it (profile/): each kind of evidence on made-up
sentences, conflicts, the name statistic only where the text is silent, and switching it off.
Every piece of evidence points at its own characters."""
from __future__ import annotations

from dataclasses import replace

import pytest

import quotegraph
from quotegraph.config import Options
from quotegraph.entities.profile.gender import decide, without_name_prior
from quotegraph.entities.profile.name_prior import FEMALE_AT_LEAST, MALE_AT_MOST, female_share, prior_gender
from quotegraph.record import ArticleEntity, GenderEvidence

EVERYTHING = Options(min_confidence=0)


def person(text: str, name: str, options: Options = EVERYTHING) -> ArticleEntity:
    record = quotegraph.extract(text, options=options)
    for entity in record.entities:
        for item in entity.gender_evidence:
            assert text[item.start:item.end] == item.text
    found = [e for e in record.entities if e.name == name]
    assert found, f"no entity {name!r} in {[e.name for e in record.entities]}"
    return found[0]


def evidence(entity: ArticleEntity) -> list[tuple[str, str, str]]:
    return [(item.kind, item.gender, item.text) for item in entity.gender_evidence]


@pytest.mark.parametrize("text, name, gender, expected", [
    # pronouns: one the speaker resolution ties to the person, one right after the name
    ('"We are ready," Pat Lopez said. She added that the vote was close.', "Pat Lopez", "female",
     [("pronoun", "female", "She")]),
    ("Alex Brown said the deal was done. His lawyer disagreed.", "Alex Brown", "male",
     [("pronoun", "male", "His")]),
    # honorifics
    ("Mr. Smith said the plan was sound.", "Smith", "male", [("honorific", "male", "Mr.")]),
    ("Ms. Robin Avery said the plan was sound.", "Robin Avery", "female", [("honorific", "female", "Ms.")]),
    # role nouns before the name, in apposition, in predication
    ("Congresswoman Maxine Waters said the bill would pass.", "Maxine Waters", "female",
     [("role", "female", "Congresswoman")]),
    ("Jane Doe, a spokeswoman for the ministry, said the talks had stalled.", "Jane Doe", "female",
     [("role", "female", "spokeswoman")]),
    ("Alex Brown is a businessman from Ohio. He said the deal was done.", "Alex Brown", "male",
     [("role", "male", "businessman"), ("pronoun", "male", "He")]),
    # kin nouns name the person they stand beside: her husband John is male
    ("Her husband, John Kerrigan, said the family was relieved.", "John Kerrigan", "male",
     [("kin", "male", "husband")]),
    ("Kerry Lane, a mother of two, said the school was closing.", "Kerry Lane", "female",
     [("kin", "female", "mother")]),
])
def test_evidence_from_the_text(text, name, gender, expected) -> None:
    entity = person(text, name)
    assert entity.gender == gender
    assert evidence(entity) == expected


def test_conflicting_evidence_gives_no_gender_and_is_listed() -> None:
    entity = person("Mrs. Pat Lopez said the plan was sound. He said no.", "Pat Lopez")
    assert entity.gender is None
    assert evidence(entity) == [("honorific", "female", "Mrs."), ("pronoun", "male", "He")]


@pytest.mark.parametrize("text, name", [
    ("Pat Lopez met the senator on Monday. His plan was praised.", "Pat Lopez"),  # a rival person between
    ("Pat Lopez met Chris Doe on Monday. His plan was praised.", "Pat Lopez"),
    ('Robin Avery said: "He will never win." The vote is on Monday.', "Robin Avery"),  # a quoted "he"
])
def test_a_pronoun_another_person_may_take_is_no_evidence(text, name) -> None:
    """The rule for pronouns that are no quote's source (a source's pronoun is the speaker
    resolution's, entities/speakers.py) takes none that a rival or a quotation may claim."""
    entity = person(text, name)
    assert ("pronoun", "male") not in {(kind, gender) for kind, gender, _ in evidence(entity)}


def test_the_name_statistic_only_where_the_text_is_silent() -> None:
    silent = person("John Smith said the plan was sound.", "John Smith")
    assert (silent.gender, evidence(silent)) == ("male", [("name_prior", "male", "John")])
    said = person("John Smith said the plan was sound. She added that it was cheap.", "John Smith")
    assert ("name_prior", "male", "John") not in evidence(said)  # the text's "She" is what counts
    assert said.gender == "female"


def test_the_name_statistic_reads_the_given_name_past_titles_the_first_mention_holds() -> None:
    """The first mention "White House Press Secretary Stephanie Grisham" opens with the
    title; the given name is the person's name's first word, wherever the mention has it."""
    text = "White House Press Secretary Stephanie Grisham said the talks went well. Grisham left early."
    entity = person(text, "Stephanie Grisham")
    assert (entity.gender, evidence(entity)) == ("female", [("name_prior", "female", "Stephanie")])


def test_name_prior_false_gives_null_where_the_text_is_silent() -> None:
    entity = person("John Smith said the plan was sound.", "John Smith", Options(min_confidence=0, name_prior=False))
    assert (entity.gender, entity.gender_evidence) == (None, [])
    text_said = person("Mr. Smith said the plan was sound.", "Smith", Options(min_confidence=0, name_prior=False))
    assert text_said.gender == "male"


def test_a_bare_surname_or_an_unnamed_source_gets_no_name_statistic() -> None:
    record = quotegraph.extract("A senior official said the plan was sound.", options=EVERYTHING)
    official = [e for e in record.entities if e.source_type == "anonymous"]
    assert official and all(e.gender is None and e.gender_evidence == [] for e in official)


def test_only_persons_carry_a_gender() -> None:
    record = quotegraph.extract("Reuters said the plan was sound. Mr. Smith agreed.", options=EVERYTHING)
    assert all(e.gender is None and e.gender_evidence == [] for e in record.entities if e.label != "PERSON")


# -- the decision and the switch, without the parser -------------------------------------------

def item(kind: str, gender: str) -> GenderEvidence:
    return GenderEvidence(kind=kind, gender=gender, start=0, end=1, text="x")


@pytest.mark.parametrize("items, gender", [
    ([], None),
    ([item("pronoun", "female")], "female"),
    ([item("pronoun", "female"), item("honorific", "female")], "female"),
    ([item("pronoun", "female"), item("role", "male")], None),
    ([item("name_prior", "male")], "male"),
    ([item("name_prior", "male"), item("pronoun", "female")], "female"),  # the text outranks the statistic
])
def test_decide(items, gender) -> None:
    assert decide(items) == gender


def test_without_name_prior() -> None:
    entity = ArticleEntity(id="e0", name="John Smith", label="PERSON", source_type="person", gender="male",
                           gender_evidence=[item("name_prior", "male")])
    assert without_name_prior(entity) == replace(entity, gender=None, gender_evidence=[])
    kept = ArticleEntity(id="e1", name="Smith", label="PERSON", source_type="person", gender="male",
                         gender_evidence=[item("honorific", "male")])
    assert without_name_prior(kept) is kept


@pytest.mark.parametrize("name, gender", [
    ("Mary", "female"), ("John", "male"), ("Donald", "male"),
    ("Jordan", None),   # shared: a female share between the thresholds
    ("Jean", None),     # 95.0% female in the US counts: not enough
    ("Hillary", "female"), ("Barack", "male"),  # 95.8% female; 264 boys, over the 250 counted
    ("Zyxwv", None),    # not in the table
])
def test_name_prior_table(name, gender) -> None:
    assert prior_gender(name) == gender
    found = female_share(name)
    if gender == "female":
        assert found is not None and found[0] >= FEMALE_AT_LEAST
    elif gender == "male":
        assert found is not None and found[0] <= MALE_AT_MOST


@pytest.mark.parametrize("flags, gender, kinds", [
    ([], "male", ["name_prior"]),
    (["--no-name-prior"], None, []),
])
def test_the_command_line_switch(flags, gender, kinds) -> None:
    import json

    from click.testing import CliRunner

    from quotegraph import cli

    result = CliRunner().invoke(cli.main, ["extract", "-", *flags], input="John Smith said the plan was sound.")
    assert result.exit_code == 0, result.output
    entity = next(e for e in json.loads(result.output)["entities"] if e["name"] == "John Smith")
    assert (entity["gender"], [i["kind"] for i in entity["gender_evidence"]]) == (gender, kinds)
