"""What a reader calls a statement (../shared/docs/STATEMENTS.md), family by family, on
made-up sentences: the default view (`quotegraph.extract`) shows statements and leaves out the
writer's own voice, deeds, quoted words nobody states, hypotheticals and negated holdings;
everything stays available with `min_confidence=0`. Speakers are named as a reader would."""
from __future__ import annotations

from functools import partial

import pytest

import quotegraph
from quotegraph.config import DEFAULT_MIN_CONFIDENCE, Options
from quotegraph.quotes.acceptance import quotations
from quotegraph.quotes.not_a_statement import NOT_A_STATEMENT, not_a_statement
from quotegraph.record import Quote, Record
from quotegraph.text.spans import make_span

pytestmark = pytest.mark.slow

EVERYTHING = Options(min_confidence=0.0)


def _span_of(text: str, words: str):
    """The span of the first `words` in `text`, as a record holds it."""
    start = text.index(words)
    return make_span(text, start, start + len(words))


def _shown(text: str) -> list[tuple[str | None, str]]:
    """(speaker, content) of the default view's statements."""
    record = quotegraph.extract(text)
    return [(q.speaker.name if q.speaker else None, " | ".join(s.text for s in q.content)) for q in record.quotes]


@pytest.mark.parametrize("text", [
    # the writer's own voice: narration, reasoning, the writer's "we", the reader addressed
    "Prices rose again, showing that the rules are not enforced.",
    "It seems that the rules are not enforced.",
    "We have covered this before, and we think the plan is sound.",
    "You will see that the oats are the easiest thing to make.",
    "I used to think that people who made their own jam must be wizards.",
    # hypotheticals and negated holdings: nobody holds the content
    "If the union wanted to contest that, it could go to court.",
    "Nor does the minister believe that the plan will work.",
    "The minister did not say that the plan would fail.",
    "John Smith didn't say where the cuts were going to take place.",
    # quoted words nobody states: scare quotes, titles of works, slogans
    "Many offices have settled into the \u201cnew normal\u201d of remote work.",
    "The band played \u201cLet It Snow\u201d for the volunteers.",
    # names in quotation marks after a cue that says nothing, or between source and cue
    "Cruz is holding a party at the \u201cRed Neck Country Club.\u201d Trump spoke later.",
    "With the help of \u201cFlip the Script with Liz Plank,\u201d the actor held a reading.",
    "Lee, who starred in \u201cParks and Recreation\u201d and \u201cGuardians of the Galaxy,\u201d posted a video.",
    "Davis appeared on \u201cFox & Friends\u201d to defend the plan.",
    "Later that month, the firm is set to publish \u201cTrump Revealed,\u201d written by two reporters.",
    # the writer's remarks and corrections; finding oneself somewhere; a question put to a source
    "Voters want a wall. It\u2019s safe to say that he is referring to the border.",
    "The race is close. It should be noted that two of the researchers were hired as consultants.",
    "Correction: An earlier version of this story incorrectly indicated that the vote was on Monday.",
    "The network found itself playing host to the candidates night after night.",
    "Asked whether the campaign should take responsibility, Mr. Smith declined to comment.",
    "NASA has held firm despite criticisms that it would be better off adopting commercial alternatives.",
    "Weiner wrote under the pseudonym \u201cCarlos Danger,\u201d and was caught again.",
    "The sound system added Latin hits including \u201cLa Gozadera\u201d and others.",
    "All told, up to 5 million people could be eligible for the programs.",
    # a letter's salutation names whom it is to, not who speaks
    "DEAR ABBY: My husband just bought plane tickets to India for himself and not for me.",
    # a deed with no content is an event, not a statement
    "The governor ordered the evacuation of the coast on Friday.",
    # what the words are about, not what they say; a question nobody asks
    "The mayor continues to give mixed signals about whether she wants a second term.",
    "Many people were talking about the new slogan of the state.",
    "The senator raised that point in criticism of the procurement plan.",
])
def test_not_a_statement_is_not_in_the_default_view(text: str) -> None:
    assert _shown(text) == []


@pytest.mark.parametrize("text, content", [
    ("\u201cLet It Be,\u201d she said after the show.", "Let It Be,"),
    ("\u201cWitch Hunt!\u201d Trump tweeted on Monday.", "Witch Hunt!"),
])
def test_words_in_title_case_that_somebody_says_stay_statements(text: str, content: str) -> None:
    assert [c for _, c in _shown(text)] == [content]


def test_a_connective_of_the_writer_hides_only_itself() -> None:
    """"That said, the company promised ...": the writer says "that said"; the promise is the
    company's, a statement of its own, not a report inside the writer's words."""
    text = "That said, the company promised to cut prices."
    assert all(q.source is None or q.source.text != "That" for q in quotegraph.extract(text).quotes)
    everything = quotegraph.extract(text, options=EVERYTHING).quotes
    assert any(q.source is not None and q.source.text == "That" and q.confidence <= NOT_A_STATEMENT for q in everything)
    promise = [q for q in everything if q.content[0].text.startswith("to cut prices")]
    assert len(promise) == 1 and promise[0].within is None and promise[0].confidence > NOT_A_STATEMENT


@pytest.mark.parametrize("text, speaker, content", [
    # rhetoric and the speaker's own "I think" inside a quotation stay in the outer statement
    ("\u201cSo you are telling me I should just resign?\u201d asked the mayor, Anna Lopez.", "Anna Lopez",
     "So you are telling me I should just resign?"),
    ("\u201cI think the plan will work,\u201d Lopez said.", "Lopez", "I think the plan will work,"),
])
def test_words_inside_a_quotation_are_one_statement(text: str, speaker: str, content: str) -> None:
    assert _shown(text) == [(speaker, content)]


def test_rules_of_the_reader_read_the_record_alone() -> None:
    text = "If the union wanted to contest that, it could."
    at = partial(_span_of, text)
    quote = Quote(type="indirect", content=[at("to contest that")], cue=at("wanted"), source=at("the union"))
    assert (quote.cue.text, quote.content[0].text) == ("wanted", "to contest that")
    assert not_a_statement(quote, text, quotations(text)) == "a hypothetical"
    record = Record(text=text, quotes=[quote])
    quotegraph.api.reader_confidence(record)
    assert record.quotes[0].confidence <= NOT_A_STATEMENT < DEFAULT_MIN_CONFIDENCE


@pytest.mark.parametrize("text, source, cue, content, why", [
    # a title in quotation marks far from its cue is the name of something
    ("He writes a weekly column and, since 2013, leads \u201cAmerica with Jane Smith.\u201d", "He", "writes",
     "America with Jane Smith.", "a title far from the cue"),
    # a few words between them are a quotation of the source's ("said in a statement on Monday")
    ("She said in a statement on Monday, \u201cWe Will Win,\u201d and left.", "She", "said", "We Will Win,", None),
])
def test_a_title_case_quotation_and_its_distance_from_the_cue(text, source, cue, content, why) -> None:
    at = partial(_span_of, text)
    quote = Quote(type="direct", content=[at(content)], cue=at(cue), source=at(source))
    found = not_a_statement(quote, text, quotations(text))
    assert found == why if why is None else found.startswith(why)


def test_a_quotation_said_of_a_topic_is_a_statement_its_topic_is_not() -> None:
    text = "Trump said of waterboarding, \u201cIt\u2019s fine.\u201d"
    at = partial(_span_of, text)
    said = Quote(type="direct", content=[at("It\u2019s fine.")], cue=at("said of"), source=at("Trump"))
    topic = Quote(type="indirect", content=[at("waterboarding")], cue=at("said of"), source=at("Trump"))
    assert not_a_statement(said, text, quotations(text)) is None
    assert not_a_statement(topic, text, quotations(text)) == "a topic, not a content"


def test_a_lone_article_is_no_source() -> None:
    text = "That target is expected to be achieved with parks such as a 2.1 GW floating project."
    at = partial(_span_of, text)
    article = text.index(" a 2.1") + 1
    quote = Quote(type="indirect", content=[at("That target")], cue=at("is expected"),
                  source=make_span(text, article, article + 1))
    assert not_a_statement(quote, text, quotations(text)).startswith("a source that names no one")
    record = Record(text=text, quotes=[quote])
    quotegraph.api.reader_confidence(record)
    assert record.quotes[0].confidence <= NOT_A_STATEMENT


@pytest.mark.parametrize("text, speaker", [
    # a pointing source is named by the text around it
    ("Gov. Ana Ruiz signed the bill on Tuesday. Her office said the law takes effect in May.", "Ana Ruiz’s office"),
    ("The US military said two soldiers were killed. \u201cThe cause is under investigation,\u201d the statement said.",
     "US military"),
    ("Acme Corp. announced new jobs on Monday. According to the release, the plant will open in May.", "Acme Corp."),
    # a body noun before a document: the body named before whose name holds it
    ("A man pleaded guilty, the U.S. Attorney\u2019s Office for the Western District of New York announced on Monday. "
     "His sentencing is scheduled for Feb. 14, according to the office release.",
     "U.S. Attorney\u2019s Office for the Western District of New York"),
    # a heading above the source is page furniture, never part of the name
    ("Prisons plagued by understaffing\nPrison union representatives have long warned that staff shortages "
     "have taken their toll.", "Prison union representatives"),
    # a ranking or an age is no part of a name
    ("Diego Schwartzman beat Bublik. \u201cI played one of the best matches of the year,\u201d said 14th-ranked "
     "Diego Schwartzman.", "Diego Schwartzman"),
    # a pronoun the text already gave to a woman ("she said in an email") is not a later "he"
    ("Lina Ferrante, the defendant\u2019s attorney, told reporters that her client meant no harm. \u201cHe regrets "
     "every word,\u201d she said in an email.\nWhen Tomas Gruber was questioned, he told police he had been drinking.",
     "Tomas Gruber"),
    # "the companies" are several: not the one named last
    ("Blue Origin and Virgin Galactic have both flown tourists this year. In March, the companies said they "
     "wanted to expand their services to include longer flights.", "companies"),
    # a role noun stands for the person named last, also by a bare surname the tagger reads as
    # a plural noun and the recogniser leaves untagged ("Simmons teased")
    ("Founding members Rosa Simmons, Leo Jennings and Ana Brooks will tour together again next year. "
     "Simmons teased the dates during the band’s set on Monday night at a theatre in Denver. "
     "After the last encore, the singer and guitarist told the crowd, “that was fun, maybe we should go on "
     "the road.”", "Rosa Simmons"),
    # "they" after coordinated sources ("she and her husband Tom explained") is those sources,
    # and their speaker is the first
    ("Budgets only go so far, says financial planner Marta Ruiz. You can save more by earning more, she and her "
     "husband Tom explained on an episode of their podcast. Cutting costs takes constant effort, they said.",
     "Marta Ruiz"),
    ("Money can only be cut so far, says planner Dana Whitfield. Earning more helps more, he and his partner Sam "
     "explained in a video. “Cutting costs takes effort every single day,” they said.", "Dana Whitfield"),
    # "the Nevada senator" is a senator of Nevada: the one the text says is, else the person the
    # sentences before are about, never a senator of nowhere in particular named nearer
    ("Nevada Sen. Maria Delgado and Sen. Tom Harlow met voters on Monday. Harlow spoke first. "
     "The Nevada senator said that she will win the nomination next month.", "Maria Delgado"),
    ("Sen. Tom Harlow criticized the bill on Monday. Maria Delgado says the race has become a contest between "
     "herself and Harlow. The Nevada senator is predicting that she will win the nomination next month.",
     "Maria Delgado"),
    ("Democratic candidate Sen. Paul Okafor spoke in Boston on Friday. Later, candidate Ruth Lindqvist declined to "
     "answer the accusations of her rivals. Instead, the Vermont senator said that her campaign would stay positive.",
     "Ruth Lindqvist"),
    # a description the parser hangs on the name before it as an apposition ("with hosts Joe
    # Carter and Mia Brandt, the Democratic presidential candidate stated") is the subject of
    # its verb, no role of that name's; a party's candidate is the one the text is about
    ("Senator Ana Ruiz does not recognize the rhetoric of her rival Tom Dale. In an interview with radio hosts "
     "Joe Carter and Mia Brandt, the Democratic presidential candidate stated that his comments do not fit what "
     "she knew about him.", "Ana Ruiz"),
    # a date is nobody's work: "a report in March" is no report by March
    ("A report in March showed that most of the voters were unhappy with the plan.", "report"),
    # a possessor the tagger reads as a plural noun ("Simmons' team") still names whose team
    ("The campaign of Senator Ruth Simmons accused the Democratic National Committee of violating fundraising "
     "laws. Simmons' team said the committee appears to skirt legal limits on donations.", "Ruth Simmons’s team"),
    # a poll with a name of its own is not the last poll's maker's
    ("A poll from Quinnipiac found that Kasich leads Clinton by 8 points. In a three-way race, Clinton earned "
     "42 percent. The Monmouth poll also suggests that Kasich is the only candidate who leads her.", "Monmouth poll"),
    # "the two" are the group counted before
    ("The two lawmakers argue that there is a precedent for prosecution. “You seem to have picked a new "
     "standard out of thin air,” the two write.", "lawmakers"),
    # "the party" is a party, not the news agency named after it
    ("The Labour Party met in Leeds, Reuters reported. The party said that it would oppose the budget.",
     "Labour Party"),
    # "the nurse" after "a nurse who ..." is that unnamed nurse, not the last person named;
    # one the text names ("Maria Lopez is a nurse") is that person
    ("When a nurse who had been treating patients in Liberia returned home, Gov. Ray Dalton ordered a quarantine. "
     "The nurse later sued, claiming that the quarantine violated her constitutional rights.", "nurse"),
    ("Maria Lopez is a nurse at the county hospital. She met the governor on Monday. The nurse said that the ward "
     "was full.", "Maria Lopez"),
    # a club the recogniser tags as a person once is no person "the 56-year-old" can stand for
    ("Jose Alvarez has agreed a deal to coach the club.\nAlvarez had been out of work since being sacked by "
     "Manchester United in December.\nThe 56-year-old said: \u201cI am excited to be here.\u201d", "Jose Alvarez"),
])
def test_speakers_the_reader_would_name(text: str, speaker: str) -> None:
    record = quotegraph.extract(text, options=EVERYTHING)
    quote = record.quotes[-1]
    assert quote.speaker is not None and quote.speaker.name == speaker


def test_coordinated_sources_keep_both_as_entities() -> None:
    record = quotegraph.extract("Oxfam and the Red Cross warned that the camps were overcrowded.")
    [quote] = record.quotes
    assert quote.source is not None and quote.source.text == "Oxfam and the Red Cross"
    assert quote.speaker is not None and quote.speaker.name == "Oxfam"
    inside = {e.name for e in record.entities
              for m in e.mentions if quote.source.start <= m.start and m.end <= quote.source.end}
    assert inside == {"Oxfam", "Red Cross"}


@pytest.mark.parametrize("context", [
    "",
    "The board met on Tuesday to discuss the merger.\n\n",
    "\u201cWe will decide soon.\u201d The board met on Tuesday.\n\n",
])
def test_a_title_before_a_name_does_not_lose_the_source(context: str) -> None:
    """A quotation followed by "<Title> <Title> <First> <Last> said during the meeting." keeps its
    source whatever comes before it."""
    text = (context + "\u201cThat is not what we agreed. They broke the deal and everyone knows it,\u201d "
            "Senior Vice President Tom Reed said during the meeting.")
    quote = next(q for q in quotegraph.extract(text, options=EVERYTHING).quotes if "broke the deal" in q.content[0].text)
    assert quote.source is not None and quote.source.text == "Senior Vice President Tom Reed"
    assert quote.speaker is not None and quote.speaker.name == "Tom Reed"


def test_everything_stays_available() -> None:
    text = "The governor ordered the evacuation of the coast on Friday."
    assert quotegraph.extract(text).quotes == []
    assert [q.cue.text for q in quotegraph.extract(text, options=EVERYTHING).quotes if q.cue] == ["ordered"]


def test_extract_kind_filter() -> None:
    text = "The senator said that the bill would pass. She believes the plan will work."
    kinds = {q.kind for q in quotegraph.extract(text, options=Options(kinds=("speech",))).quotes}
    assert kinds == {"speech"}
    with pytest.raises(ValueError, match="kinds must be among"):
        Options(kinds=("other",))


def test_a_role_in_apposition_makes_a_person_of_a_name_tagged_as_a_body(nlp) -> None:
    from quotegraph.entities.mentions import _role_in_apposition

    doc = nlp("Eswar Prasad, a trade professor at Cornell, said the talks had stalled.")
    assert _role_in_apposition(doc[0:2])
    doc = nlp("Cornell, a university in New York, said the talks had stalled.")
    assert not _role_in_apposition(doc[0:1])


@pytest.mark.parametrize("text,content,addressee", [
    ("In a letter, the union leader urged Mr. Trump to make a deal as soon as possible.",
     "to make a deal as soon as possible", "Mr. Trump"),
    ("The spokeswoman urged the American public not to tolerate the delay.",
     "not to tolerate the delay", "the American public"),
])
def test_the_one_urged_is_the_addressee_not_the_content(text: str, content: str, addressee: str) -> None:
    [quote] = [q for q in quotegraph.extract(text, options=EVERYTHING).quotes if q.cue and q.cue.text == "urged"]
    assert [s.text for s in quote.content] == [content]
    assert quote.addressee is not None and quote.addressee.text == addressee


@pytest.mark.parametrize("text,content", [
    ("When President Smith\u2019s advisers suggested that Beijing resume buying around $20 billion in American farm "
     "products as part of a trade deal, Mr. Smith wasn\u2019t satisfied.",
     "that Beijing resume buying around $20 billion in American farm products as part of a trade deal"),
    ("After the minister said the plan was dead, the markets fell sharply.", "the plan was dead"),
])
def test_a_report_in_a_subordinate_clause_ends_with_it(text: str, content: str) -> None:
    """The main clause after the comma is the writer's narrative, not the report's content."""
    quotes = [q for q in quotegraph.extract(text, options=EVERYTHING).quotes
              if q.cue and q.cue.text in ("suggested", "said")]
    assert [[s.text for s in q.content] for q in quotes] == [[content]]


@pytest.mark.parametrize("text,role,expected", [
    ("HONOLULU, Hawaii (Island News) - Astronomers using a telescope atop Mauna Kea said they had found water "
     "vapour on the surface of Europa.", "source", "Astronomers using a telescope atop Mauna Kea"),
    ("Deaths rise in the city unrest November 20, 2019 - 11:28 AMT Example.Net - Verified video footage shows "
     "security forces firing on crowds, the rights group said.", "content",
     "Verified video footage shows security forces firing on crowds"),
])
def test_a_dateline_is_nobodys_words(text: str, role: str, expected: str) -> None:
    """A wire dateline ("CITY (Outlet) - ", "date - time Outlet - ") is the page's: a source or a
    content that starts before it starts after it."""
    from quotegraph.quotes.dateline import datelines

    assert datelines(text)
    quotes = quotegraph.extract(text, options=EVERYTHING).quotes
    spans = [q.source if role == "source" else q.content[0] for q in quotes]
    assert expected in [s.text for s in spans if s is not None]


def test_a_party_after_a_name_is_no_dateline() -> None:
    from quotegraph.quotes.dateline import datelines

    assert datelines("Kamala Harris (D-Calif.) - We will win this fight.") == []
    assert datelines("WASHINGTON (Reuters) - Scientists on Monday unveiled a map.") == [(0, 23)]


@pytest.mark.parametrize("text,speaker,kind", [
    ("A report by the Harbour Energy Agency says that prices will fall next year.", "Harbour Energy Agency",
     "writing"),
    ("According to a report in the Valley Ledger of Twin Falls, the mayor launched the campaign on Monday.",
     "Valley Ledger", "writing"),
    ("According to Gamewire's review, the game only renders at 1440p.", "Gamewire", "writing"),
    ("The report, published by Oxfam on Monday, said that inequality is rising.", "Oxfam", "writing"),
    ("A 2018 survey by Penelope Ardern of the University of Leeds found that the firm cut staff.",
     "Penelope Ardern", "writing"),
])
def test_a_document_speaks_for_its_maker(text: str, speaker: str, kind: str) -> None:
    """"A report by X", "X's review", "data released by X": the reader names the maker, and
    what a document states is writing (the recogniser may keep "of Twin Falls" in the name)."""
    [quote] = quotegraph.extract(text, options=EVERYTHING).quotes
    assert quote.speaker is not None and quote.speaker.name.startswith(speaker)
    assert quote.kind == kind


def test_the_document_named_again_is_its_makers() -> None:
    text = ("According to a report in the Valley Ledger, the mayor launched the campaign on Monday. "
            "The report says that the state paid the agency 449,000 dollars.")
    quotes = quotegraph.extract(text, options=EVERYTHING).quotes
    assert [q.speaker.name if q.speaker else None for q in quotes] == ["Valley Ledger", "Valley Ledger"]


@pytest.mark.parametrize("text,speaker", [
    ("An analysis of Donald Trump's tax returns found that he paid little.", "analysis of Donald Trump's tax returns"),
    # named by its head phrase (issue 28): what follows the head is no part of the name
    ("Credible reports received by Amnesty say that 106 protesters were killed.", "Credible reports"),
])
def test_a_document_about_someone_or_received_by_them_is_not_theirs(text: str, speaker: str) -> None:
    [quote] = quotegraph.extract(text, options=EVERYTHING).quotes
    assert quote.speaker is not None and quote.speaker.name == speaker


@pytest.mark.parametrize("text,content", [
    ('Ben Sasse called the ruling "meritless and improper" in a tweet on Tuesday.',
     'the ruling "meritless and improper"'),
    ('Cruz described the suicide as a "profound indictment of the system" on Monday.',
     'the suicide as a "profound indictment of the system"'),
])
def test_a_naming_ends_with_its_quoted_name(text: str, content: str) -> None:
    """When or where the name was given, after the closing mark of "called X “Y”", is the
    writer's setting of it."""
    [quote] = quotegraph.extract(text, options=EVERYTHING).quotes
    assert [s.text for s in quote.content] == [content]


def test_a_call_for_something_is_no_naming() -> None:
    text = 'He called for "a full investigation" into the deaths.'
    record = quotegraph.extract(text, options=EVERYTHING)
    assert all(q.content[-1].text.endswith("into the deaths") for q in record.quotes if q.cue and "called" in q.cue.text)


def test_a_title_with_a_colon_is_no_transcript_label() -> None:
    """"Star Wars Jedi: Fallen Order is a game ...": the text uses the title inside a
    sentence too, so the colon is the title's, not a speaker's turn."""
    text = ("Even so, Star Wars Jedi: Fallen Order finds a reason for them.\n"
            "Star Wars Jedi: Fallen Order is a game that is many things to different people.")
    quotes = quotegraph.extract(text, options=EVERYTHING).quotes
    assert not [q for q in quotes if q.cue is not None and q.cue.text == ":"]
    transcript = "The debate began.\nWALLACE: Let's start with the economy.\nTRUMP: We will win the vote."
    quotes = quotegraph.extract(transcript, options=EVERYTHING).quotes
    assert [q.source.text for q in quotes if q.cue is not None and q.cue.text == ":" and q.source] == ["WALLACE", "TRUMP"]
