"""Speakers as a reader would name them, one row per kind of mention; and the cases where
the text does not say who spoke, which must stay unresolved rather than guessed."""
from __future__ import annotations

import pytest
import spacy

import quotegraph
from quotegraph.record import ArticleEntity

# Speaker resolution is tested on everything the engine finds, not only the default view.
EVERYTHING = quotegraph.Options(min_confidence=0.0)

pytestmark = pytest.mark.slow


def _speaker_entity(record: quotegraph.Record, quote: quotegraph.Quote) -> ArticleEntity:
    """The record's entity that `quote`'s speaker is."""
    assert quote.speaker is not None
    return next(e for e in record.entities if e.id == quote.speaker.entity)

# (text, source of the last quote, expected speaker name or None)
CASES = [
    # Names expand to the fullest form the article gives.
    ("Salvadoran President Nayib Bukele met reporters. Bukele said the prisoner would stay.", "Bukele", "Nayib Bukele"),
    ("Miller said the plan would work.", "Miller", "Miller"),
    # Pronouns.
    ("Nayib Bukele arrived in Washington on Monday. He said the prisoner would stay.", "He", "Nayib Bukele"),
    ("Mary Barra met John Smith on Monday. She said the plant would close.", "She", "Mary Barra"),
    ("General Motors announced the cuts on Monday. It said the plan would save money.", "It", "General Motors"),
    # Definite descriptions through titles, nationality and party.
    ("Salvadoran President Nayib Bukele visited Washington on Monday. "
     "The Central American president said the prisoner would stay.", "The Central American president", "Nayib Bukele"),
    ("Sen. Ted Cruz (R-Texas) spoke on Monday. The senator said the bill would fail.", "The senator", "Ted Cruz"),
    ("Sen. Ted Cruz (R-Texas) spoke on Monday. The Republican said the bill would fail.", "The Republican", "Ted Cruz"),
    ("General Motors cut 500 jobs on Monday. The company said more cuts would follow.", "The company", "General Motors"),
    # Institutional metonymy: rulings speak for their court.
    ("The Supreme Court ruled on Friday in the case. The order acknowledged that the man was deported in error.",
     "The order", "Supreme Court"),
    # No name in the text: the description is the speaker, never an invented name.
    ("White House officials said the talks had stalled.", "White House officials", "White House officials"),
    ("A person familiar with the talks said they had stalled.", "A person familiar with the talks", "person familiar with the talks"),
    # "Some say": an unnamed group, as "Many say" and "Others say" are.
    ("Some say history tends to repeat itself.", "Some", "Some"),
    # ... as are "those who": never a name inside their relative clause.
    ("Marco Rubio spoke on Monday. Those who have sketched out possible paths for Mr. Rubio to win the nomination "
     "say he must win Florida.", "Those who have sketched out possible paths for Mr. Rubio to win the nomination",
     "Those who have sketched out possible paths for Mr. Rubio to win the nomination"),
    # Ambiguous: two men, one "he": nothing rather than a guess.
    ("John Smith and Bob Jones met on Tuesday. He said the deal was done.", "He", None),
    # No antecedent at all.
    ("He said the deal was done.", "He", None),
    # Never a name inside the quote's own words.
    ("Maria Costa met the chancellor in Berlin. “Angela Merkel has always been a friend to Portugal,” she said.",
     "she", "Maria Costa"),
    # An acronym after an inverted cue is the organisation, not the pronoun "who".
    ("“Every country must step up vaccination,” says WHO.", "WHO", "WHO"),
    # A role noun stands for the person named last before it, outside quotations.
    ("Tom Hanks has made more than 80 films. The actor said that he reads every script twice.",
     "The actor", "Tom Hanks"),
    ("Google's head of research, Jeff Dean, attended the signing. “We can help,” the scientist said.",
     "the scientist", "Jeff Dean"),
    ("Tom Hanks spoke on Monday. “I called Steven Spielberg,” the actor said.", "the actor", "Tom Hanks"),
    # A surname the entity recogniser missed is the article's person of that surname, and
    # a missed name with a title in apposition is a person (never an organisation "Lopez").
    ("Senator Maria Lopez said on Monday that the bridge would reopen in May. “We are ready,” Lopez told reporters.",
     "Lopez", "Maria Lopez"),
    ("Lopez, the senator, said the budget was balanced.", "Lopez, the senator,", "Lopez"),
    # A transcript label in capitals names the article's person in full.
    ("Rubio spoke in Miami on Monday.\n\nMARCO RUBIO: I am running for president.", "MARCO RUBIO", "Marco Rubio"),
    # A body's description stands for an organisation whose name has its noun, not any
    # organisation ("Defense" in "Defense Secretary" is no ministry).
    ("The Ministry of Health opened an inquiry on Monday. The ministry said 40 people had died.",
     "The ministry", "Ministry of Health"),
    ("Defense Secretary Pete Hegseth spoke on Monday. According to the ministry, 40 people died.",
     "the ministry", "ministry"),
    # A description that names its body through a name before its head needs no antecedent,
    # and "the campaign" is no nearby organisation that is not a campaign.
    ("General Motors cut jobs on Monday. The Obama administration said the plan would fail.",
     "The Obama administration", "Obama administration"),
    ("The Obama administration said the plan would fail. The administration also said it would appeal.",
     "The administration", "Obama administration"),
    ("The Pentagon released a report. The campaign said the report was false.", "The campaign", "campaign"),
    # An unnamed speaker is called by the description, without the asides set off by commas.
    ("Some observers, including professor Zeynep Tufekci, said the hack was serious.",
     "Some observers, including professor Zeynep Tufekci,", "Some observers"),
    ("The influential delegate and conservative activist, who backs Cruz, said the rules were unfair.",
     "The influential delegate and conservative activist, who backs Cruz,", "influential delegate and conservative activist"),
    # The parse makes the name a conjunct of the titles before it.
    ("Senate colleague and presidential campaign rival Marco Rubio (R-Fla.), said the deal was bad.",
     "Senate colleague and presidential campaign rival Marco Rubio (R-Fla.),", "Marco Rubio"),
    # A work speaks for the one who made it; a relation noun stands for the person the text
    # named with it before.
    ("Osman was on the flight, according to an interview his brother Alastair Osman gave to ITV.",
     "an interview his brother Alastair Osman gave to ITV", "Alastair Osman"),
    ("Osman was on the flight, according to an interview his brother Alastair Osman gave to ITV. "
     "He and his wife had just welcomed a second baby girl, his brother added.", "his brother", "Alastair Osman"),
    ("Her friend, Jane Miller, visited on Monday. The friend said she was shocked.", "The friend", "Jane Miller"),
    # A name in apposition to the description is who speaks (spaCy may call "Melania" a place).
    ("Donald Trump arrived with Melania Trump. His wife, Melania, said the speech was hers.",
     "His wife, Melania,", "Melania Trump"),
    ("His wife, Melania, said the speech was hers.", "His wife, Melania,", "Melania"),
    # The source's own head is the speaker, not the organisation in apposition to it (here
    # the parse makes "Murphy" the sentence's root, which once made the resolver loop).
    ("“Not us but can’t argue with it!” Murphy, the head of Right to Rise USA, Tweeted on Friday with an image.",
     "Murphy, the head of Right to Rise USA,", "Murphy"),
    # ... but a name the parse hangs on a headline label is not.
    ("Poll: Bernie Sanders Burns Hillary Clinton With First-Ever National Lead.\n\nSanders leads.", "Poll", "Poll"),
    # A plural description is a group, never the one person with that title.
    ("Roger C. Altman, founder of Evercore, spoke. The Centerview founders said the deal was fair.",
     "The Centerview founders", "Centerview founders"),
    ("The minister, who spoke on condition of anonymity, said the talks had stalled.",
     "The minister", "minister"),
    # "it" is the organisation that spoke last, not the one named last inside its words.
    ("Boeing is one of the companies bidding on the program, and confirmed that its approach makes use of the "
     "SLS. In a statement released November 5, it said it submitted a proposal.", "it", "Boeing"),
    # Coordinated sources opening with a pronoun: the first is the speaker, the one it stands for.
    ("Mary Barra spoke to workers on Monday. She and Governor Tom Blake said the plant would reopen.",
     "She and Governor Tom Blake", "Mary Barra"),
    # A surname that is also a title stands for the one person named so.
    ("Media analyst Ken Doctor has followed the industry for years. Meanwhile, Doctor says, the chains "
     "are trying to buy time.", "Doctor", "Ken Doctor"),
    ("Singer Kevin King was freed on Monday. King said that they were being treated well.", "King", "Kevin King"),
]


@pytest.mark.parametrize("text,source,speaker", CASES, ids=[c[0][:50] for c in CASES])
def test_speaker(text, source, speaker):
    record = quotegraph.extract(text, options=EVERYTHING)
    assert record.quotes, "no quote found"
    quote = record.quotes[-1]
    assert quote.source is not None and quote.source.text == source
    assert (quote.speaker.name if quote.speaker else None) == speaker
    if quote.speaker is not None:
        entity = _speaker_entity(record, quote)
        assert entity.name == speaker
        assert any(m.text == source for m in entity.mentions)


def test_unnamed_sources_are_groups_or_anonymous():
    record = quotegraph.extract("Officials said the talks had stalled. A person familiar with the talks said they had stalled.", options=EVERYTHING)
    typed = {e.name: e.source_type for e in record.entities if e.label in ("GROUP", "PERSON")}
    assert typed["Officials"] == "group"
    assert typed["person familiar with the talks"] == "anonymous"
    majority = quotegraph.extract("A majority of Americans say the economy is weak.", options=EVERYTHING)
    speaker = _speaker_entity(majority, majority.quotes[0])
    assert (speaker.name, speaker.label, speaker.source_type) == ("majority of Americans", "GROUP", "group")
    some = quotegraph.extract("Some say history tends to repeat itself.", options=EVERYTHING)
    assert [(e.name, e.source_type) for e in some.entities] == [("Some", "group")]


@pytest.mark.parametrize("text", [
    "The minister, who spoke on condition of anonymity, said the talks had stalled.",
    "Finance Minister Jane Doe arrived on Monday. The minister said, on condition of anonymity, that the talks had stalled.",
    "An aide who asked not to be identified said the talks had stalled.",
    "A diplomat said the talks had stalled, speaking anonymously because the talks were private.",
    '"It is over," said one well-connected Democrat familiar with the campaign, who requested anonymity.',
])
def test_a_source_kept_unnamed_on_purpose_is_anonymous(text):
    """Watchdogs count anonymous sourcing: the anonymity the text states is flagged, and such
    a source is never one of the article's named people."""
    record = quotegraph.extract(text, options=EVERYTHING)
    quote = record.quotes[-1]
    assert quote.speaker is not None
    speaker = _speaker_entity(record, quote)
    assert speaker.source_type in ("anonymous", "group")  # "a diplomat", or a group of them
    assert speaker.name != "Jane Doe"


def test_a_stated_anonymity_inside_the_quote_is_not_the_speakers():
    record = quotegraph.extract("Finance Minister Jane Doe arrived on Monday. "
                                "The minister said officials spoke on condition of anonymity.")
    quote = record.quotes[-1]
    speaker = _speaker_entity(record, quote)
    assert (speaker.name, speaker.source_type) == ("Jane Doe", "person")


def test_anonymity_stated_for_one_source_is_not_lent_to_an_organisation_beside_it():
    record = quotegraph.extract("The Trump team said the rally was a success, while a strategist, "
                                "speaking on condition of anonymity, said it was not.", options=EVERYTHING)
    types = {e.name: e.source_type for e in record.entities if any(
        q.speaker and q.speaker.entity == e.id for q in record.quotes)}
    assert types == {"Trump team": "organisation", "strategist": "anonymous"}


def test_a_person_described_but_never_named_is_unnamed():
    """"the woman", "a voter in Iowa": a person, and unnamed (so the store never links two
    articles' "voter in Iowa" as one person)."""
    for text, name in (("The woman said her son was a citizen.", "woman"),
                       ("A voter in Iowa said the race was close.", "voter in Iowa")):
        record = quotegraph.extract(text, options=EVERYTHING)
        speaker = _speaker_entity(record, record.quotes[0])
        assert (speaker.name, speaker.label, speaker.source_type) == (name, "PERSON", "anonymous")


def test_a_transcript_label_is_a_person_unless_it_names_a_role():
    record = quotegraph.extract("SMITH: We have to act now.\n\nMODERATOR: Thank you, Senator.")
    labels = {e.name: e.label for e in record.entities}
    assert labels["Smith"] == "PERSON"
    assert "MODERATOR" in labels and "Moderator" not in labels  # a role, not made a person's name


@pytest.mark.parametrize("text,addressee", [
    ("Bukele told reporters that the prisoner would stay.", "reporters"),
    ("Bukele told CNN that the prisoner would stay.", "CNN"),
    ("The senator wrote to the committee that the bill would fail.", "the committee"),
    ("Bukele said the prisoner would stay.", None),
])
def test_addressee(text, addressee):
    quote, = quotegraph.extract(text, options=EVERYTHING).quotes
    assert (quote.addressee.text if quote.addressee else None) == addressee


def test_titles_and_affiliations():
    text = ("Homeland Security Secretary Kristi Noem spoke on Monday. Salvadoran President Nayib Bukele "
            "listened. Hugh Hill, a doctor at Johns Hopkins Hospital, said the patient was stable.")
    entities = {e.name: e for e in quotegraph.extract(text, options=EVERYTHING).entities}
    assert (entities["Kristi Noem"].titles, entities["Kristi Noem"].affiliations) == (["Secretary"], ["Homeland Security"])
    assert (entities["Nayib Bukele"].titles, entities["Nayib Bukele"].affiliations) == (["President"], ["El Salvador"])
    assert (entities["Hugh Hill"].titles, entities["Hugh Hill"].affiliations) == (["doctor"], ["Johns Hopkins Hospital"])


def test_a_missed_name_with_a_title_in_apposition_is_a_person_with_that_title():
    record = quotegraph.extract("Lopez, the senator, said the budget was balanced.")
    entity = _speaker_entity(record, record.quotes[0])
    assert (entity.name, entity.label, entity.titles) == ("Lopez", "PERSON", ["senator"])


def test_a_name_given_in_full_later_names_the_earlier_quotes_too():
    record = quotegraph.extract("“We will win,” Rubio said in Miami.\n\nMARCO RUBIO: I am running for president.", options=EVERYTHING)
    assert [q.speaker.name for q in record.quotes] == ["Marco Rubio", "Marco Rubio"]
    assert len({q.speaker.entity for q in record.quotes}) == 1


def test_names_lose_punctuation_the_recogniser_took_in():
    record = quotegraph.extract("“We will win,” said Hillary Clinton'' on Monday.", options=EVERYTHING)
    assert [e.name for e in record.entities if e.label == "PERSON"] == ["Hillary Clinton"]


# A bare surname two people of the article share names the one the article is about (issue
# 24, part 3): (text, source of the quote checked, its index, speaker, start of the reason).
SHARED_SURNAMES = [
    ("Hillary Clinton campaigned in Ohio on Tuesday. Her husband, Bill Clinton, joined her later. "
     "Clinton said the race was close.", "Clinton", -1, "Hillary Clinton", "the article is about Hillary Clinton: named first"),
    ("Ruth Okafor opened the bakery in 2010. Her brother Daniel Okafor helped her. "
     "Okafor said the rent had doubled.", "Okafor", -1, "Ruth Okafor", "the article is about Ruth Okafor: named first"),
    # Named before the other one is: the only one it can be yet.
    ("Ruth Okafor opened the bakery in 2010. “It was hard,” Okafor said. Her brother Daniel Okafor "
     "helped twice. Daniel Okafor left in 2015.", "Okafor", 0, "Ruth Okafor", "the only one named before: Ruth Okafor"),
    # Named more often in full.
    ("Bill Clinton introduced the speakers on Monday. Hillary Clinton spoke in Ohio. Supporters of Hillary "
     "Clinton cheered. Later, Clinton said the race was close.", "Clinton", -1, "Hillary Clinton",
     "the article is about Hillary Clinton: named most"),
    # A generational suffix is not the surname.
    ("Patrick Carlineo Jr., 55, was charged on Monday. His lawyer said Pat Carlineo regrets the call. "
     "Later, Carlineo said he was sorry.", "Carlineo", -1, "Patrick Carlineo Jr.",
     "the article is about Patrick Carlineo Jr.: named first"),
    # The recogniser says organisation for the bare surname: still the person.
    ("Donald Trump and Ivanka Trump arrived in Ohio. Ivanka spoke first. "
     "Later, the crowd cheered as Trump said the race was over.", "Trump", -1, "Donald Trump",
     "the article is about Donald Trump: named first"),
]


@pytest.mark.parametrize("text,source,index,speaker,reason", SHARED_SURNAMES)
def test_a_surname_two_people_share_names_the_one_the_article_is_about(text, source, index, speaker, reason):
    record = quotegraph.extract(text, options=EVERYTHING)
    quote = record.quotes[index]
    assert quote.source is not None and quote.source.text == source
    entity = _speaker_entity(record, quote)
    assert (entity.name, entity.label) == (speaker, "PERSON")
    mention = next(m for m in entity.mentions if m.start == quote.source.start)
    assert mention.reason.startswith(reason)
    assert text[mention.start:mention.end] == mention.text == source


@pytest.mark.parametrize("text,speaker", [
    ("John Smith and Jane Smith met on Monday. Later, Mrs. Smith said the deal was done.", "Jane Smith"),
    # The article is about Phyllis Schlafly; "Mr." rules her out.
    ("Phyllis Schlafly founded the group in 1972. Her son John Schlafly ran it later. "
     "Mr. Schlafly said the group would go on.", "John Schlafly"),
    ("Phyllis Schlafly founded the group in 1972. Her son John Schlafly ran it later. "
     "Mrs. Schlafly said the group would go on.", "Phyllis Schlafly"),
])
def test_an_honorific_settles_a_shared_surname_before_the_article_s_subject_does(text, speaker):
    record = quotegraph.extract(text, options=EVERYTHING)
    assert _speaker_entity(record, record.quotes[-1]).name == speaker


def test_entity_mentions_point_at_their_text():
    text = CASES[5][0] + " " + CASES[6][0]
    record = quotegraph.extract(text, options=EVERYTHING).to_dict()
    assert record["entities"]
    for entity in record["entities"]:
        assert entity["mentions"]
        for mention in entity["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]


def test_first_person_inside_a_quote_is_its_speaker():
    text = "“I will not resign, and my party knows it,” said Senator John Smith."
    record = quotegraph.extract(text, options=EVERYTHING)
    entity = _speaker_entity(record, record.quotes[0])
    assert {"I", "my"} <= {m.text for m in entity.mentions}


def test_a_body_the_recogniser_calls_a_person_is_an_organisation():
    record = quotegraph.extract("The Obama White House said the parties were costly. "
                                "The Clinton Foundation said the audit was complete. Mary House said the plan was fine.")
    labels = {e.name: e.label for e in record.entities}
    assert (labels["Obama White House"], labels["Clinton Foundation"], labels["Mary House"]) == ("ORG", "ORG", "PERSON")


@pytest.mark.parametrize("words,body", [
    (["Obama", "White", "House"], True), (["Clinton", "Foundation"], True), (["Junge", "SVP"], True),
    (["Mary", "House"], False), (["John", "Smith", "III"], False), (["Marco", "Rubio"], False),
    (["Dave", "Matthews", "Band"], True), (["Davis", "Cup"], True), (["Tequila", "Works"], True),
    (["Doobie", "Brothers"], True),
])
def test_names_the_recogniser_calls_people_that_are_bodies(words, body):
    """What the entity builder relabels ORG when spaCy says PERSON (its mislabels vary with
    context, so the rule is tested on the words themselves)."""
    import spacy

    from quotegraph.entities.mentions import _names_a_body

    doc = spacy.blank("en")(" ".join(words))
    assert _names_a_body(doc[:]) is body


def test_a_short_form_in_brackets_names_the_same_body():
    """"the Ministry of Trade, Industry and Energy (MOTIE)": a later "MOTIE" is that
    ministry, named in full, and the bracket is no part of its name."""
    text = ("The Ministry of Trade, Industry and Energy (MOTIE) has unveiled a plan. "
            "MOTIE said that prices fell.")
    record = quotegraph.extract(text, options=quotegraph.Options(min_confidence=0))
    said = [q for q in record.quotes if q.cue is not None and q.cue.text == "said"]
    assert [q.speaker.name for q in said if q.speaker] == ["Ministry of Trade, Industry and Energy"]
    assert not any("(" in e.name for e in record.entities)


# A person's name is the proper name alone: titles the recogniser took in go to `titles`,
# invisible characters go (issue 28, part 2). (text, name, title)
CLEAN_NAMES = [
    ("Spokeswoman Haley Morris said the campaign would continue.", "Haley Morris", "Spokeswoman"),
    ("Rabbi Rick Jacobs said the letter was wrong.", "Rick Jacobs", "Rabbi"),
    ("Archbishop Aris Shirvanian said the church would help.", "Aris Shirvanian", "Archbishop"),
    ("Organizer Ann Lee said the march would go ahead.", "Ann Lee", "Organizer"),
    ("Acme Telecom spokesperson Jane Doe said the outage was over.", "Jane Doe", "spokesperson"),
    ("John Smith\u200b said the plan was fine.", "John Smith", None),
]


@pytest.mark.parametrize("text,name,title", CLEAN_NAMES)
def test_a_person_s_name_is_the_proper_name_alone(text, name, title):
    record = quotegraph.extract(text, options=EVERYTHING)
    entity = _speaker_entity(record, record.quotes[0])
    assert (entity.name, entity.label) == (name, "PERSON")
    assert entity.titles == ([title] if title else [])
    for mention in entity.mentions:
        assert text[mention.start:mention.end] == mention.text


def test_a_headline_s_verb_is_no_part_of_a_name():
    text = "Obama Says Museum Will Tell of Suffering.\n\nPresident Obama said it would tell a story. Obama said more."
    record = quotegraph.extract(text, options=EVERYTHING)
    assert {_speaker_entity(record, q).name for q in record.quotes} == {"Obama"}


@pytest.mark.parametrize("text, person", [
    # a verb or a preposition of a title-case headline, which the recogniser tags as a name's
    ("Maria Lindqvist Defends Remarks on Farmers\n\nMaria Lindqvist said on Sunday that she stood by them.",
     "Maria Lindqvist"),
    ("Asking David Chen To Resign Would Be Wrong, Allies Say\n\nAllies said David Chen should stay.", "David Chen"),
])
def test_a_headline_glued_to_a_name_is_no_part_of_it(text: str, person: str) -> None:
    record = quotegraph.extract(text, options=EVERYTHING)
    assert [e.name for e in record.entities if e.label == "PERSON"] == [person]


@pytest.mark.parametrize("words, tags, name", [
    # the rule itself, the recogniser's span and tags given (they vary with the names)
    (["Telling", "Ana", "Ruiz"], ["VBG", "NNP", "NNP"], "Ana Ruiz"),
    (["Ana", "Ruiz", "Slams", "New", "Tax"], ["NNP", "NNP", "NNP", "NNP", "NNP"], "Ana Ruiz"),
    (["Ruiz", "To", "Farmers", "Worried"], ["NNP", "IN", "NNPS", "VBN"], "Ruiz"),
    (["Will", "Smith"], ["MD", "NNP"], "Will Smith"),
    (["Sam", "Speaks"], ["NNP", "NNP"], "Sam Speaks"),
])
def test_the_headline_rule_on_given_tags(words: list[str], tags: list[str], name: str) -> None:
    from spacy.tokens import Doc

    from quotegraph.entities.mentions import _before_a_verb

    doc = Doc(spacy.blank("en").vocab, words=words, tags=tags)
    assert _before_a_verb(doc[0:len(doc)]).text == name


@pytest.mark.parametrize("name", ["Will Smith", "Nicholas Sparks", "Tom Banks", "Win Butler", "Sam Speaks",
                                  "Robert De Niro", "Amy Von Trapp"])
def test_names_that_hold_a_verb_or_a_particle_stay_whole(name: str) -> None:
    record = quotegraph.extract(f"{name} said on Monday that the plan was unfair.", options=EVERYTHING)
    assert [e.name for e in record.entities if e.label == "PERSON"] == [name]


# A group is named by its head phrase, what follows the head going (its affiliation kept
# apart); a document is a document; an event's outcome is no speaker (issue 28, part 5).
# (text, speaker name or None, source type, affiliations)
GROUP_HEADS = [
    ("Four former bakery staff behind an online petition said the owner had ignored them.",
     "former bakery staff", "group", []),
    ("Dozens of residents who live near the plant said the smell was unbearable.", "Dozens of residents", "group", []),
    ("A group of angry parents from the north side said the school had failed them.", "group of angry parents",
     "group", []),
    ("Officials at the ministry said the plan was sound.", "Officials", "group", ["ministry"]),
    ("Workers from Acme Corp said the plant was unsafe.", "Workers", "group", ["Acme Corp"]),
    ("A majority of Americans say the economy is weak.", "majority of Americans", "group", ["Americans"]),
    ("A release sent to media from the union late Friday said the strike would go ahead.", "release", "document", []),
    ("The vote showed that residents want the park.", None, None, None),
]


@pytest.mark.parametrize("text,name,source_type,affiliations", GROUP_HEADS)
def test_a_group_is_named_by_its_head_phrase(text, name, source_type, affiliations):
    record = quotegraph.extract(text, options=EVERYTHING)
    quote = record.quotes[0]
    assert quote.source is not None
    if name is None:
        assert quote.speaker is None
        return
    entity = _speaker_entity(record, quote)
    assert (entity.name, entity.source_type, entity.affiliations) == (name, source_type, affiliations)
    assert entity.name in text


@pytest.mark.parametrize("text,person,affiliation", [
    ("Leeds's Mark Smith said the club would appeal.", "Mark Smith", "Leeds"),
    ("Ottawa's Jane Doe said the budget was too small.", "Jane Doe", "Ottawa"),
    # a person's name elsewhere in the article: still that person, and the boss of this one
    ("Donald Trump spoke on Monday. Trump's Kellyanne Conway said the poll was wrong.", "Kellyanne Conway", "Trump"),
    # "of X" after the name
    ("John Smith of Barclays said the bank would cut jobs.", "John Smith", "Barclays"),
    ("Professor Jane Doe of the University of Leeds said the data were clear.", "Jane Doe", "University of Leeds"),
])
def test_a_place_before_a_person_s_name_is_their_affiliation_not_a_person(text, person, affiliation):
    record = quotegraph.extract(text, options=EVERYTHING)
    entity = _speaker_entity(record, record.quotes[-1])
    assert (entity.name, entity.affiliations) == (person, [affiliation])
    assert affiliation not in {e.name for e in record.entities if e.label == "PERSON"}


@pytest.mark.parametrize("text,credited,kept", [
    ("“It will be really exciting,” Lopes said.\n(Reporting by Will Dunham; Editing by Tom Brown)\n© Reuters",
     {"Will Dunham", "Tom Brown"}, "Lopes"),
    ("Stadia launches today.\n5:45 AM PST 11/19/2019 by Patrick Shanley\n“We are ready,” Phil Harrison said.",
     {"Patrick Shanley"}, "Phil Harrison"),
    ("Kai Lee said the port was shut.\nKeith Bradsher contributed reporting from Hong Kong.", {"Keith Bradsher"},
     "Kai Lee"),
    ("Have a tip? Amy Kuperinsky may be reached at akuperinsky@example.com.\nMayor Jo Park said so.",
     {"Amy Kuperinsky"}, "Jo Park"),
    # a byline the page runs into the text, its date after the name
    ("A bigger role for a rocket by Jane Orr Monday, November 18, 2019 Earlier this month, NASA announced a test, "
     "Tom Ray said.", {"Jane Orr"}, "Tom Ray"),
    ("“It is over,” Mia Long said.\nContributing: Kim Dale", {"Kim Dale"}, "Mia Long"),
    ("Shares rose, Dan Ford said.\nWrite to Bo Reyes at bo.reyes@example.com", {"Bo Reyes"}, "Dan Ford"),
    # a name after "by" inside a sentence is somebody the article speaks of
    ("The study by John Smith found nothing, Ann Lee said.", set(), "John Smith"),
    ("A study released by John Smith on May 5 found nothing, Ann Lee said.", set(), "John Smith"),
])
def test_people_credited_for_the_article_are_not_its_people(text, credited, kept):
    names = {e.name for e in quotegraph.extract(text, options=EVERYTHING).entities}
    assert not names & credited
    assert kept in names


def test_a_platform_the_recogniser_calls_a_person_is_an_organisation() -> None:
    record = quotegraph.extract("Twitter said on Monday that it would remove the posts. Maria Lindqvist said "
                                "the move was overdue.", options=EVERYTHING)
    kinds = {e.name: (e.label, e.source_type) for e in record.entities}
    assert kinds["Twitter"] == ("ORG", "organisation") and kinds["Maria Lindqvist"] == ("PERSON", "person")


def test_a_surname_in_the_plural_after_the_is_the_family() -> None:
    record = quotegraph.extract("Bill Clinton spoke on Monday. The Clintons said they would attend the dinner.",
                                options=EVERYTHING)
    kinds = {e.name: e.source_type for e in record.entities}
    assert kinds == {"Bill Clinton": "person", "Clintons": "group"}
