"""Dated events and the dates of statements, one row per construction.

Each row is a real sentence, parsed by the real pipeline, with time expressions built by
hand (so these tests do not depend on the temporal tagger): `find_events` is called on the
doc with them. The end-to-end tests at the bottom go through `quotegraph.extract`, the
tagger included.
"""
from __future__ import annotations

from dataclasses import replace

import pytest

import quotegraph
from quotegraph.events.anchoring import calendar_date, find_events
from quotegraph.record import Quote, TimeExpression
from quotegraph.text.spans import make_span

pytestmark = pytest.mark.slow


def build_times(text: str, marks: list[tuple[str, str]]) -> list[TimeExpression]:
    """A TimeExpression for each (surface, value), found in order in `text`; "DURATION:" or "SET:"
    before the value gives the type (DATE otherwise)."""
    times, position = [], 0
    for surface, value in marks:
        start = text.index(surface, position)
        kind, _, bare = value.partition(":") if value.startswith(("DURATION:", "SET:")) else ("DATE", "", value)
        times.append(TimeExpression(f"t{len(times)}", start, start + len(surface), surface, kind, bare))  # type: ignore[arg-type]
        position = start + len(surface)
    return times


def run(nlp, text: str, marks: list[tuple[str, str]]):
    doc = nlp(text)
    times = build_times(doc.text, marks)
    entities = doc._.entities or []
    # Undo what the pipeline's own events component did with the tagger's times.
    quotes = [replace(quote, time=None) for quote in doc._.quotes or []]
    events = find_events(doc, doc.text, times, entities, quotes)
    return doc, times, entities, quotes, events


def described(events, times, entities):
    """Events as (trigger, time text, date, {(entity name, role)}) for comparison."""
    names = {entity.id: entity.name for entity in entities}
    out = []
    for event in events:
        time = times[int(event["time"][1:])].text
        roles = {(names[p["entity"]], p["role"]) for p in event["participants"]}
        out.append((event["trigger"]["text"], time, event["date"], roles))
    return out


# (text, [(timex surface, value)], [(trigger, timex surface, date, {(entity, role)})])
EVENT_CASES = [
    # Passive: the subject is the patient, a GPE in a prepositional phrase the location.
    ("Kilmar Abrego Garcia was arrested in Baltimore on March 12.", [("March 12", "2025-03-12")],
     [("arrested", "March 12", "2025-03-12", {("Kilmar Abrego Garcia", "patient"), ("Baltimore", "location")})]),
    # Active: the subject is the agent, the object the patient; a fronted partial date.
    ("In March, Bukele's government imprisoned Kilmar Abrego Garcia in El Salvador.", [("March", "2025-03")],
     [("imprisoned", "March", "2025-03", {("Kilmar Abrego Garcia", "patient"), ("El Salvador", "location")})]),
    ("Judge Paula Xinis ordered his return on April 6.", [("April 6", "2025-04-06")],
     [("ordered", "April 6", "2025-04-06", {("Paula Xinis", "agent")})]),
    # A bare noun phrase (npadvmod) and an ISO week.
    ("Donald Trump met Nayib Bukele last week.", [("last week", "2025-W15")],
     [("met", "last week", "2025-W15", {("Donald Trump", "agent"), ("Nayib Bukele", "patient")})]),
    # Two verbs, two times: each time dates its own clause; the conjoined verb shares the subject.
    ("Police arrested John Smith on Monday and charged him on Tuesday.",
     [("Monday", "2025-04-14"), ("Tuesday", "2025-04-15")],
     [("arrested", "Monday", "2025-04-14", {("John Smith", "patient")}),
      ("charged", "Tuesday", "2025-04-15", set())]),
    # A passive by-agent is the agent.
    ("The bill was signed by Joe Biden on Friday.", [("Friday", "2025-04-18")],
     [("signed", "Friday", "2025-04-18", {("Joe Biden", "agent")})]),
    # The time reaches the verb through a noun ("in a ruling on Thursday").
    ("The Supreme Court, in a ruling on Thursday, ordered the government to facilitate his return.",
     [("Thursday", "2025-04-10")],
     [("ordered", "Thursday", "2025-04-10", {("Supreme Court", "agent")})]),
    # A relative clause takes its subject from the noun it modifies; negation is kept.
    ("Abrego Garcia, who was deported on March 15, was not released on Friday.",
     [("March 15", "2025-03-15"), ("Friday", "2025-04-18")],
     [("deported", "March 15", "2025-03-15", {("Abrego Garcia", "patient")}),
      ("released", "Friday", "2025-04-18", {("Abrego Garcia", "patient")})]),
    # "over" a time is "at" it.
    ("Over the weekend, rebels seized the airport.", [("the weekend", "2025-W16-WE")],
     [("seized", "the weekend", "2025-W16-WE", set())]),
    # "since": the value is the date, the relation says how the event stands to it.
    ("Since 2019, El Salvador has held thousands of prisoners.", [("2019", "2019")],
     [("held", "2019", "2019", {("El Salvador", "agent")})]),
    # A time value with a clock time keeps its calendar part as the date; an unresolved value none.
    ("The plane landed in Texas at 10 a.m. on Monday.", [("10 a.m. on Monday", "2025-04-14T10:00")],
     [("landed", "10 a.m. on Monday", "2025-04-14", {("Texas", "location")})]),
    ("The plane landed in Texas on April 14.", [("April 14", "XXXX-04-14")],
     [("landed", "April 14", None, {("Texas", "location")})]),
    # A time modifying the noun of an occasion dates the predicate.
    ("John Smith was arrested in the March 12 raid.", [("March 12", "2025-03-12")],
     [("arrested", "March 12", "2025-03-12", {("John Smith", "patient")})]),
    # ... but a time modifying an incident dates the incident, not what the phrase hangs on.
    ("Police charged John Smith with murder in the 1995 shooting.", [("1995", "1995")],
     [("shooting", "1995", "1995", set())]),
    # A noun that names an event is dated by a time that modifies it, or reaches it as a subject.
    ("Monday's vote was close.", [("Monday", "2025-04-14")], [("vote", "Monday", "2025-04-14", set())]),
    ("The March 12 raid angered residents in Texas.", [("March 12", "2025-03-12")],
     [("raid", "March 12", "2025-03-12", set())]),
    ("The bombing on Aug. 7 killed 200 people.", [("Aug. 7", "2025-08-07")],
     [("bombing", "Aug. 7", "2025-08-07", set())]),
    # No event: the time attaches to no predicate (a copula, another noun's modifier or subject).
    ("The hearing is on Monday.", [("Monday", "2025-04-14")], []),
    ("Monday's paper was late.", [("Monday", "2025-04-14")], []),
    ("The report on Monday angered residents in Texas.", [("Monday", "2025-04-14")], []),
    # No event: a time in the base of a comparison dates the value compared with.
    ("Loan originations dropped sharply to $663 million from $1 billion a year ago.",
     [("a year ago", "2024")], []),
    ("Westinghouse expects its sales to grow to 25% from 20% last year.", [("last year", "2024")], []),
    # ... also where the time stands apart from the base, naming the period compared with ...
    ("Net income fell to $9.5 million, or 46 cents a share, from $10.1 million, or 49 cents a share, "
     "in the year-ago period.", [("the year-ago period", "2024-Q3")], []),
    ("These results compare with net income of $1.8 million for the corresponding period last year.",
     [("last year", "2024")], []),
    # ... while a time that names no compared period dates the change itself.
    ("Acme shares rose to $50 from $40 on Monday.", [("Monday", "2025-04-14")],
     [("rose", "Monday", "2025-04-14", set())]),
    # ... but "from" a time is the event's own start.
    ("He was found guilty of driving drunk twice from 1991 to 1997.", [("1991", "1991"), ("1997", "1997")],
     [("driving", "1991", "1991", set())]),
    # A time the parser hung on a named subject dates the verb the subject goes with.
    ("Police chief Jane Roe on Tuesday arrested three men in Texas.", [("Tuesday", "2025-04-15")],
     [("arrested", "Tuesday", "2025-04-15", {("Jane Roe", "agent"), ("Texas", "location")})]),
    # No event: durations and sets anchor nothing; no time, no event.
    ("He served in the Senate for three years.", [("three years", "DURATION:P3Y")], []),
    ("Police arrested two men in Chicago.", [], []),
]


@pytest.mark.parametrize("text,marks,expected", EVENT_CASES, ids=[c[0][:50] for c in EVENT_CASES])
def test_events(rules_nlp, text, marks, expected):
    nlp = rules_nlp  # written against the rules' quotes: a quote's cue is not also an event
    doc, times, entities, _, events = run(nlp, text, marks)
    assert described(events, times, entities) == expected
    assert_event_offsets(doc.text, events)


def test_relation_and_negation(nlp):
    _, _, _, _, events = run(nlp, "Since 2019, El Salvador has held thousands of prisoners.", [("2019", "2019")])
    assert [(e["relation"], e["negated"]) for e in events] == [("since", False)]
    _, _, _, _, events = run(nlp, "Abrego Garcia, who was deported on March 15, was not released on Friday.",
                             [("March 15", "2025-03-15"), ("Friday", "2025-04-18")])
    assert [(e["trigger"]["text"], e["relation"], e["negated"]) for e in events] == [
        ("deported", None, False), ("released", None, True)]


def test_event_shape_and_ids(nlp):
    text = "Kilmar Abrego Garcia was arrested in Baltimore on March 12."
    # t0 anchors nothing (a duration), so the event's time is "t1".
    doc, times, entities, _, events = run(nlp, text, [("Kilmar", "DURATION:P1D"), ("March 12", "2025-03-12")])
    [event] = events
    assert set(event) == {"trigger", "time", "date", "relation", "negated", "participants", "sentence"}
    assert event["time"] == "t1"  # the index into the doc's times list
    ids = {entity.name: entity.id for entity in entities}
    assert event["participants"] == [{"entity": ids["Kilmar Abrego Garcia"], "role": "patient"},
                                     {"entity": ids["Baltimore"], "role": "location"}]
    assert event["sentence"]["text"] == text
    assert_event_offsets(doc.text, events)


def assert_event_offsets(text: str, events: list[dict]) -> None:
    for event in events:
        for key in ("trigger", "sentence"):
            span = event[key]
            assert text[span["start"]:span["end"]] == span["text"], (key, span)


# (text, [(timex surface, value)], cue text -> timex surface dating its quote, or None)
QUOTE_CASES = [
    ("Nayib Bukele said on Tuesday that the prisoner would stay.", [("Tuesday", "2025-04-15")], {"said": "Tuesday"}),
    ("The company said Monday it would cut 500 jobs.", [("Monday", "2025-04-14")], {"said": "Monday"}),
    ("Officials said last week that the case was closed.", [("last week", "2025-W15")], {"said": "last week"}),
    ("Trump told reporters on April 14 that he was arrested on March 12.",
     [("April 14", "2025-04-14"), ("March 12", "2025-03-12")], {"told": "April 14"}),
    # Through a noun: "said in an interview two weeks ago".
    ("He said in an interview two weeks ago that he was innocent.", [("two weeks ago", "2025-W14")],
     {"said": "two weeks ago"}),
    # The time of an occasion the statement was made at.
    ("At Monday's presidential debate, Clinton cited remarks Trump had made.", [("Monday", "2025-04-14")],
     {"cited": "Monday"}),
    ("Trump said during a Friday evening rally in Michigan that Clinton was wrong.",
     [("Friday evening", "2025-04-18TEV")], {"said": "Friday evening"}),
    ("In a 2013 memo, the agency suggested that the program was abused.", [("2013", "2013")], {"suggested": "2013"}),
    # A quarter modifying a figure is the figure's period, not the statement's date.
    ("Kimberly-Clark Corp. reported a 20% gain in third-quarter net income.", [("third-quarter", "2025-Q3")],
     {"reported": None}),
    # A time inside the content dates the event it belongs to, never the statement.
    ("“We will leave on Friday,” Bukele said.", [("Friday", "2025-04-18")], {"said": None}),
    ("Bukele said the prisoner would leave on Friday.", [("Friday", "2025-04-18")], {"said": None}),
    ("“We will leave on Friday,” Bukele said on Tuesday.",
     [("Friday", "2025-04-18"), ("Tuesday", "2025-04-15")], {"said": "Tuesday"}),
]


@pytest.mark.parametrize("text,marks,expected", QUOTE_CASES, ids=[c[0][:50] for c in QUOTE_CASES])
def test_quote_times(rules_nlp, text, marks, expected):
    nlp = rules_nlp  # the rules' cue boundaries ("said", not PolNeAR's "said Monday")
    _, times, _, quotes, events = run(nlp, text, marks)
    dated = {quote.cue.text: (times[int(quote.time[1:])].text if quote.time else None)
             for quote in quotes if quote.cue is not None}
    assert dated == expected
    # The cue of a statement is never also an event.
    cue_starts = {quote.cue.start for quote in quotes if quote.cue is not None}
    assert not [e for e in events if e["trigger"]["start"] in cue_starts]


def test_time_inside_content_dates_the_reported_event(nlp):
    text = "Trump told reporters on April 14 that he was arrested on March 12."
    _, times, _, quotes, events = run(nlp, text, [("April 14", "2025-04-14"), ("March 12", "2025-03-12")])
    assert [(e["trigger"]["text"], e["time"]) for e in events] == [("arrested", "t1")]


def test_time_inside_a_noun_phrase_content_dates_the_act(nlp):
    """The model reads "issued a warrant" as an attribution with a noun-phrase content
    (PolNeAR's convention); a time in it reached the cue through nouns only, so it dates
    the issuing, as a verb's own time would. A deed is no statement for a reader: it is an
    event too, with its actor."""
    text = "Canadian authorities issued a nationwide arrest warrant Monday for James Kopp."
    doc = nlp(text)
    times = build_times(text, [("Monday", "2025-04-14")])
    # the attribution built by hand: whether the network reads one here is not the point
    start, cue = text.index("a nationwide"), text.index("issued")
    quote = Quote(type="indirect", content=[make_span(text, start, text.index(" Monday"))], cue=make_span(text, cue, cue + 6))
    assert (quote.cue.text, quote.content[0].text) == ("issued", "a nationwide arrest warrant")
    events = find_events(doc, text, times, doc._.entities or [], [quote])
    assert quote.time == "t0"
    assert [(e["trigger"]["text"], e["time"], e["date"]) for e in events] == [("issued", "t0", "2025-04-14")]


@pytest.mark.parametrize("text, trigger", [
    ("The governor ordered the evacuation of the coast on Friday.", "ordered"),
    ("Acme Corp. signed the contract on Monday.", "signed"),
])
def test_a_deed_reported_with_no_content_is_an_event_with_its_actor(text, trigger):
    record = quotegraph.extract(text, published="2025-04-14")
    events = [e for e in record.events if e.trigger.text == trigger]
    assert len(events) == 1 and events[0].date
    actors = [p for p in events[0].participants if p.role == "agent"]
    assert actors and actors[0].entity is not None and record.entities[int(actors[0].entity[1:])].name
    assert not record.quotes  # and no statement in the default view


def test_a_statement_dated_by_its_cue_is_no_event(nlp):
    text = "The governor said on Friday that the coast would be evacuated."
    _, times, _, quotes, events = run(nlp, text, [("Friday", "2025-04-11")])
    assert [(q.cue.text, q.time) for q in quotes] == [("said", "t0")]
    assert not [e for e in events if e["trigger"]["text"] == "said"]


def test_no_times_no_work(nlp):
    doc = nlp("Police arrested two men on Monday.")
    assert find_events(doc, doc.text, [], doc._.entities, doc._.quotes) == []


@pytest.mark.parametrize("value,date", [
    ("2025-03-12", "2025-03-12"), ("2025-03", "2025-03"), ("2025-W15", "2025-W15"), ("2025", "2025"),
    ("2025-Q2", "2025-Q2"), ("2025-SU", "2025-SU"), ("2025-04-14T10:00", "2025-04-14"), ("2025-04-14TMO", "2025-04-14"),
    ("XXXX-04-14", None), ("PRESENT_REF", None), ("P1M", None), ("", None),
])
def test_calendar_date(value, date):
    assert calendar_date(value) == date


# -- end to end: through extract ------------------------------------------------------------------

def test_extract_events_end_to_end(nlp):
    text = ("Kilmar Abrego Garcia was arrested in Baltimore on March 12. "
            "Nayib Bukele said on Tuesday that the prisoner would stay.")
    record = quotegraph.extract(text, published="2025-04-17").to_dict()
    times = {t["id"]: t for t in record["times"]}
    names = {e["id"]: e["name"] for e in record["entities"]}
    arrested = [e for e in record["events"] if e["trigger"]["text"] == "arrested"]
    assert len(arrested) == 1
    event = arrested[0]
    assert event["id"] == "ev0"
    assert times[event["time"]]["text"].endswith("March 12") and event["date"] == "2025-03-12"
    assert ("Kilmar Abrego Garcia", "patient") in {(names[p["entity"]], p["role"]) for p in event["participants"]}
    [quote] = [q for q in record["quotes"] if q["cue"] and q["cue"]["text"] == "said"]
    assert quote["time"] is not None and times[quote["time"]]["text"].endswith("Tuesday")
    assert_event_offsets(text, record["events"])


def test_events_reach_the_record(nlp, monkeypatch):
    """Through extract and record assembly (renumbered ids, offsets), with a stand-in tagger
    that dates spaCy's DATE entities, so this runs before the real tagger lands."""
    from quotegraph.pipeline import components

    values = {"March 12": "2025-03-12", "Tuesday": "2025-04-15"}

    def stand_in(doc, text, anchor):
        dates = [ent for ent in doc.ents if ent.label_ == "DATE"]
        return [TimeExpression(f"t{number}", ent.start_char, ent.end_char, ent.text, "DATE",
                               values.get(ent.text, "XXXX")) for number, ent in enumerate(dates)]

    monkeypatch.setattr(components, "find_times", stand_in)
    text = ("Kilmar Abrego Garcia was arrested in Baltimore on March 12. "
            "Nayib Bukele said on Tuesday that the prisoner would stay.")
    record = quotegraph.extract(text, published="2025-04-17").to_dict()
    assert [(t["id"], t["text"]) for t in record["times"]] == [("t0", "March 12"), ("t1", "Tuesday")]
    names = {e["id"]: e["name"] for e in record["entities"]}
    assert [(e["id"], e["trigger"]["text"], e["time"], e["date"]) for e in record["events"]] == [
        ("ev0", "arrested", "t0", "2025-03-12")]
    assert {(names[p["entity"]], p["role"]) for p in record["events"][0]["participants"]} == {
        ("Kilmar Abrego Garcia", "patient"), ("Baltimore", "location")}
    assert [(q["cue"]["text"], q["time"]) for q in record["quotes"]] == [("said", "t1")]
    assert_event_offsets(text, record["events"])


def test_reference_values_and_non_simultaneous_times_do_not_date(nlp):
    # "now" (PRESENT_REF) is no point in time: no event.
    _, _, _, _, events = run(nlp, "Police now patrol the border.", [("now", "PRESENT_REF")])
    assert events == []
    # A statement is dated by when it was made, not by "until".
    for surface in ("Until Thursday", "Thursday"):
        _, _, _, quotes, _ = run(nlp, "Until Thursday, officials insisted that the plan was safe.",
                                 [(surface, "2025-04-17")])
        assert [(q.cue.text, q.time) for q in quotes] == [("insisted", None)]


def test_a_description_spanning_the_verb_is_no_participant(nlp):
    """A group entity named by a whole phrase ("study being released on Tuesday by ...")
    is neither agent nor patient of the verb inside it."""
    from quotegraph.entities.mentions import Entity

    text = "An exhaustive study being released on Tuesday by a group of researchers shows the problem."
    doc = nlp(text)
    study = Entity(name="study", label="ORG", mentions=[(0, 12)], id="e0")
    events = find_events(doc, doc.text, build_times(doc.text, [("Tuesday", "2025-04-15")]), [study], [])
    assert [(e["trigger"]["text"], e["participants"]) for e in events] == [("released", [])]
