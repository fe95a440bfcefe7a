"""Dated events and statements against MEANTIME's event-time links (eval/event_times.py).

Scorer tests use a small hand-built MEANTIME-style document (the Builder of
test_eval_meantime) and hand-built records; one test runs the real pipeline on it through
the CLI; corpus tests read ../shared/data.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quotegraph.eval import event_times, gate, meantime
from quotegraph.record import Quote, Record
from quotegraph.spans import make_span

from conftest import SHARED_DATA, skip_or_fail
from test_eval_meantime import Builder

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


def _doc(tmp_path: Path) -> meantime.MeantimeDocument:
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
    return meantime.load_document(b.write(tmp_path / "corpus_x" / "42_test.xml"))


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
    record = Record(text=text, times=times)
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
    links = {(doc.mention_text(g.event), doc.mention_text(g.timex)): g for g in event_times.gold_links(doc)}
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
    assert result.exit_code != 0 and "no MEANTIME documents" in result.output


def test_gate_knows_the_suite() -> None:
    assert "meantime_events" in gate.SUITES
    floors = gate.load_floors()
    assert set(floors["meantime_events"]) >= {"all.precision", "all.recall"}


MEANTIME_DIR = SHARED_DATA / "meantime_en" / "intra-doc_annotation"


@pytest.mark.corpus
def test_corpus_links_read_cleanly() -> None:
    if not MEANTIME_DIR.is_dir():
        skip_or_fail(f"MEANTIME not found at {MEANTIME_DIR} (provide ../shared/data/meantime_en to run this test)")
    docs = meantime.load_corpus(MEANTIME_DIR)
    links = [g for d in docs for g in event_times.gold_links(d)]
    assert len(links) == 320
    assert sum(g.attempted for g in links) == 245
    assert all(g.event.tag == "EVENT_MENTION" and g.timex.tag == "TIMEX3" for g in links)
