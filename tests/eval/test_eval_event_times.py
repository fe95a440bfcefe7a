"""Dated events and statements against MEANTIME's event-time links (eval/event_times.py).

Scorer tests use a small hand-built MEANTIME-style document (support.meantime.Builder) and
hand-built records; one test runs the real pipeline on it through the CLI; corpus tests
(`corpus`, `slow`) read the corpora through `corpus_path`.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support.meantime import Builder
from support.policy import corpus_path
from support.records import make_record

from quotegraph.eval import event_times, gate
from quotegraph.record import Quote, Record
from quotegraph.text.spans import make_span

SENTENCES = [
    "Acme cuts jobs",
    "March 06 , 2008",
    "Acme Corp said on Monday that it would cut 500 jobs .",
    "The plant closed in 2007 .",
    "Sales rose for three years .",
    "The union protested .",
    "Workers marched .",
    "It fell on Friday .",   # past the annotated sentences (0-5 and the last with a markable)
]


def _doc(tmp_path: Path) -> event_times.LinkDocument:
    b = Builder(SENTENCES)
    said, cut, closed, rose = b.event("said"), b.event("cut"), b.event("closed"), b.event("rose")
    b.event("protested")
    monday = b.mention("TIMEX3", "Monday", type="DATE", value="2008-03-03")
    year = b.mention("TIMEX3", "2007", type="DATE", value="2007")
    years = b.mention("TIMEX3", "three years", type="DURATION", value="P3Y")
    b.relation("TLINK", [monday], said, reltype="INCLUDES")     # from the time's side: read as IS_INCLUDED
    b.relation("TLINK", [closed], year, reltype="IS_INCLUDED")
    b.relation("TLINK", [rose], years, reltype="MEASURE")       # a duration: not attempted
    b.relation("TLINK", [cut], "1", reltype="AFTER")            # to the creation time: not in the text
    return event_times.read_meantime(b.write(tmp_path / "corpus_x" / "42_test.xml"))


def _at(text: str, phrase: str) -> tuple[int, int]:
    """The first whole-word occurrence ("cut", not the "cut" of "cuts")."""
    found = re.search(rf"\b{re.escape(phrase)}\b", text)
    assert found, phrase
    return found.span()


def _record(text: str, events: list[tuple[str, str, str | None]], statements: list[tuple[str, str]] = ()) -> Record:
    """A record dating `events` (trigger, time expression, relation) and quotes (cue, time)."""
    phrases = sorted({time for _, time, _ in events} | {time for _, time in statements})
    times = [{"id": f"t{i}", "start": _at(text, p)[0], "end": _at(text, p)[1], "text": p, "type": "DATE",
              "value": "2008"} for i, p in enumerate(phrases)]
    ids = {p: f"t{i}" for i, p in enumerate(phrases)}
    record = make_record(text=text, times=times)
    for trigger, time, relation in events:
        start, end = _at(text, trigger)
        record.events.append({"trigger": {"start": start, "end": end, "text": trigger}, "time": ids[time],
                              "relation": relation})
    for cue, time in statements:
        content = make_span(text, *_at(text, "it would cut 500 jobs"))
        record.quotes.append(Quote(type="indirect", content=[content], confidence=0.9,
                                   cue=make_span(text, *_at(text, cue)), time=ids[time]))
    return record


def test_links_are_read_from_the_event_side_without_the_creation_time(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    links = {(doc.show(g.event), doc.show(g.timex)): g for g in doc.links}
    assert set(links) == {("said", "Monday"), ("closed", "2007"), ("rose", "three years")}
    assert links["said", "Monday"].reltype == "IS_INCLUDED"
    assert [key for key, g in links.items() if not g.attempted] == [("rose", "three years")]


def test_everything_right_scores_one_on_the_links_to_points_in_time(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    record = _record(doc.text, [("closed", "2007", None)], [("said", "Monday")])
    result = event_times.score([doc], [record])
    overall = result["all"]
    assert (result["gold_links"], result["gold_attempted"]) == (3, 2)
    assert overall["recall"] == overall["precision"] == overall["f1"] == overall["relation_agreement"] == 1.0
    assert overall["recall_all_links"] == round(2 / 3, 4)
    assert result["statement"]["right"] == 1 and result["event"]["right"] == 1
    assert "precision 100.0" in event_times.format_report(result)


def test_wrong_unjudged_and_unannotated_predictions(tmp_path: Path) -> None:
    """'cut' at Monday: both ends annotated, not linked: wrong. 'jobs' is no event mention:
    unjudged. 'fell' lies past the annotated sentences: not counted at all."""
    doc = _doc(tmp_path)
    record = _record(doc.text, [("closed", "2007", "before"), ("cut", "Monday", None), ("jobs", "2007", None),
                                ("fell", "Friday", None)])
    result = event_times.score([doc], [record])
    overall = result["all"]
    assert (overall["predicted"], overall["judged"], overall["right"], overall["unjudged"]) == (3, 2, 1, 1)
    assert overall["precision"] == 0.5 and overall["recall"] == 0.5
    assert overall["relation_agreement"] == 0.0  # "before" does not agree with IS_INCLUDED
    errors = event_times.format_errors([event_times.judge(doc, record)], 5)
    assert "'said' IS_INCLUDED 'Monday'" in errors and "event 'cut' at 'Monday'" in errors


TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>APW19980301.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-01" functionInDocument="CREATION_TIME">March 1, 1998</TIMEX3></DCT>
<TEXT>The company <EVENT eid="e1" class="REPORTING">said</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-02-27">Friday</TIMEX3> that sales <EVENT eid="e2" class="OCCURRENCE">rose</EVENT> for <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> & more.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="INCLUDES" timeID="t1" relatedToEventInstance="ei1"/>
<TLINK lid="l2" relType="DURING" eventInstanceID="ei2" relatedToTime="t2"/>
<TLINK lid="l3" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
<TLINK lid="l4" relType="BEFORE" eventInstanceID="ei2" relatedToEventInstance="ei1"/>
</TimeML>
"""


def test_timeml_links_through_event_instances(tmp_path: Path) -> None:
    """TimeML: links through MAKEINSTANCE ids, in both directions; the creation time and
    event-event links are left out; a bare ampersand does not stop the reader."""
    path = tmp_path / "TimeBank" / "APW19980301.0001.tml"
    path.parent.mkdir()
    path.write_text(TIMEML, encoding="utf-8")
    doc, = event_times.load_corpus(tmp_path)
    assert doc.format == "timeml" and doc.published == "1998-03-01"
    assert {(doc.show(g.event), doc.show(g.timex), g.reltype) for g in doc.links} == {
        ("said", "Friday", "IS_INCLUDED"), ("rose", "three years", "DURING")}
    assert len(doc.events) == 2 and len(doc.timexes) == 2
    record = _record(doc.text, [("rose", "three years", None)], [])
    result = event_times.score([doc], [record])
    assert result["gold_attempted"] == 1 and result["all"]["right"] == 1 and result["all"]["recall"] == 0.0


def test_score_needs_one_record_per_document(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="1 documents but 0 records"):
        event_times.score([_doc(tmp_path)], [])


def test_cli_runs_the_pipeline_and_dates_the_statement(tmp_path: Path) -> None:
    """The real pipeline on the hand-built document: "said on Monday" is a dated statement."""
    from click.testing import CliRunner

    from quotegraph.cli import main

    _doc(tmp_path)
    result = CliRunner().invoke(main, ["eval", "event-times", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["statement"]["right"] == 1
    assert figures["gold_links"] == 3
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["eval", "event-times", str(tmp_path / "empty")])
    assert result.exit_code != 0 and "no TimeML (*.tml) or MEANTIME (*.xml) files" in result.output


def test_gate_knows_the_suite() -> None:
    assert "meantime_events" in gate.SUITES
    floors = gate.load_floors()
    assert set(floors["meantime_events"]) >= {"all.precision", "all.recall"}


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_links_read_cleanly() -> None:
    docs = event_times.load_corpus(corpus_path("meantime_en", "intra-doc_annotation"))
    links = [g for d in docs for g in d.links]
    assert len(links) == 320
    assert sum(g.attempted for g in links) == 245
    assert all(d.text[g.event.start:g.event.end].strip() for d in docs for g in d.links)


@pytest.mark.corpus
@pytest.mark.slow
def test_timebank_and_aquaint_links_read_cleanly() -> None:
    docs = event_times.load_corpus(corpus_path("tempeval3", "Training", "TBAQ-cleaned"))
    assert len(docs) == 256
    links = [g for d in docs for g in d.links]
    assert len(links) == 2673 and sum(g.attempted for g in links) == 2220
