"""The timeline view: calendar order, partial and unresolved dates, undated items, the JSON
shape, and `quotegraph timeline` (exit codes, formats, output file).

Records are built by hand, and the CLI tests replace `extract_many` with a stand-in that
returns them, so they test the view and not the model; the `slow` test runs the real
pipeline in a real subprocess.
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from support.records import make_record as record_of

from quotegraph import cli
from quotegraph.article import Article
from quotegraph.errors import ModelError
from quotegraph.events.timeline import build_timeline, format_text, period_start
from quotegraph.record import Quote, Record, Speaker
from quotegraph.text.spans import Span

TEXT = ("Smith was arrested on March 12. In March, police raided the office. "
        "Jones said on Tuesday that it was wrong. Lee said it was fine. "
        "Officials met last week. Police left on Friday.")


def span(text: str, surface: str, after: int = 0) -> Span:
    start = text.index(surface, after)
    return Span(start, start + len(surface), surface)


def make_record(id: str = "a", text: str = TEXT, *, values: dict[str, str] | None = None) -> Record:
    """Four dated events (day, month, week, unresolved), one dated and one undated statement."""
    values = {"March 12": "2025-03-12", "March": "2025-03", "Tuesday": "2025-04-15", "last week": "2025-W15",
              "Friday": "XXXX-WXX-5", **(values or {})}
    surfaces = ["March 12", "In March", "Tuesday", "last week", "Friday"]
    times = []
    for number, surface in enumerate(surfaces):
        s = span(text, surface)
        key = surface.removeprefix("In ")
        times.append({"id": f"t{number}", "start": s.start, "end": s.end, "text": s.text, "type": "DATE",
                      "value": values[key]})
    entities = [{"id": "e0", "name": "John Smith", "label": "PERSON", "mentions": [span(text, "Smith").to_dict()]},
                {"id": "e1", "name": "Ann Jones", "label": "PERSON", "mentions": [span(text, "Jones").to_dict()]}]

    def event(number: int, trigger: str, time: str, participants: list[dict[str, str]]) -> dict[str, Any]:
        t = span(text, trigger)
        sentence_start = text.rfind(". ", 0, t.start)
        sentence_start = 0 if sentence_start < 0 else sentence_start + 2
        sentence_end = text.index(".", t.end) + 1
        return {"id": f"ev{number}", "trigger": t.to_dict(), "time": time, "date": None, "relation": None,
                "negated": False, "participants": participants,
                "sentence": Span(sentence_start, sentence_end, text[sentence_start:sentence_end]).to_dict()}

    events = [
        event(0, "arrested", "t0", [{"entity": "e0", "role": "patient"}]),
        event(1, "raided", "t1", []),
        event(2, "met", "t3", []),
        event(3, "left", "t4", []),
    ]
    said = span(text, "said")
    quotes = [
        Quote(type="indirect", content=[span(text, "that it was wrong")], cue=said, source=span(text, "Jones"),
              speaker=Speaker("Ann Jones", "e1"), time="t2", id="q0"),
        Quote(type="indirect", content=[span(text, "it was fine")], cue=span(text, "said", said.end),
              source=span(text, "Lee"), speaker=None, time=None, id="q1"),
    ]
    return record_of(text=text, id=id, published="2025-04-17", quotes=quotes, entities=entities, times=times,
                  events=events)


def test_calendar_order_partial_dates_first_unresolved_last():
    timeline = build_timeline([make_record()])
    assert [(item["kind"], item["text"], item["date"], item["precision"]) for item in timeline.items] == [
        ("event", "raided", "2025-03", "month"),          # March 1: the start of its period
        ("event", "arrested", "2025-03-12", "day"),
        ("event", "met", "2025-W15", "week"),             # Monday 2025-04-07
        ("statement", "that it was wrong", "2025-04-15", "day"),
        ("event", "left", None, "unresolved"),            # XXXX-WXX-5: last
    ]
    assert timeline.undated == 1 and timeline.unresolved == 1 and timeline.articles == 1


def test_coarser_period_first_then_articles_in_input_order():
    first = make_record("first", values={"March 12": "2025-03-01"})
    second = make_record("second", values={"March": "2025-03-01"})  # "In March" read as a day
    timeline = build_timeline([first, second])
    march_first = [(item["article"], item["text"], item["precision"]) for item in timeline.items
                   if item["date"] in ("2025-03", "2025-03-01")]
    assert march_first == [("first", "raided", "month"), ("first", "arrested", "day"), ("second", "raided", "day")]
    # Unresolved items of both articles come after every dated one.
    kinds = [item["precision"] for item in timeline.items]
    assert kinds[-2:] == ["unresolved", "unresolved"] and "unresolved" not in kinds[:-2]


@pytest.mark.parametrize("value,start,precision", [
    ("2025-03-12", dt.date(2025, 3, 12), "day"),
    ("2025-03", dt.date(2025, 3, 1), "month"),
    ("2025-W15", dt.date(2025, 4, 7), "week"),
    ("2025-W15-WE", dt.date(2025, 4, 12), "weekend"),
    ("2025-Q2", dt.date(2025, 4, 1), "quarter"),
    ("2025-H2", dt.date(2025, 7, 1), "half"),
    ("2025-SU", dt.date(2025, 6, 1), "season"),
    ("2025-WI", dt.date(2024, 12, 1), "season"),
    ("2025", dt.date(2025, 1, 1), "year"),
    ("201", dt.date(2010, 1, 1), "decade"),
    ("2025-04-14T10:00", dt.date(2025, 4, 14), "time"),
])
def test_period_start(value, start, precision):
    assert period_start(value)[:2] == (start, precision)


@pytest.mark.parametrize("value,cell", [("2025-04-14T10:00", "2025-04-14 10:00"), ("2025-04-14TNI", "2025-04-14 night")])
def test_time_of_day_in_the_table(value, cell):
    out = format_text(build_timeline([make_record(values={"March 12": value})]))
    assert any(line.startswith(cell) and "arrested" in line for line in out.splitlines())


@pytest.mark.parametrize("value", ["XXXX-04-14", "PRESENT_REF", "P1M", "2025-02-30", "2025-W54", "", None])
def test_values_without_a_period(value):
    assert period_start(value) is None


def test_json_shape_and_offsets():
    record = make_record()
    items = build_timeline([record]).items
    for item in items:
        assert list(item)[:8] == ["article", "date", "precision", "kind", "time_id", "time", "id", "text"]
        assert item["article"] == "a"
        t = item["time"]
        assert record.text[t["start"]:t["end"]] == t["text"]
        spans = ([item["trigger"], item["sentence"]] if item["kind"] == "event"
                 else [item["cue"], item["source"], item["snippet"], *item["content"]])
        for s in spans:
            assert record.text[s["start"]:s["end"]] == s["text"]
    event = next(item for item in items if item["text"] == "arrested")
    assert event["participants"] == [{"entity": "e0", "role": "patient", "name": "John Smith"}]
    assert (event["id"], event["time_id"], event["time"]["value"]) == ("ev0", "t0", "2025-03-12")
    statement = next(item for item in items if item["kind"] == "statement")
    assert statement["speaker"] == {"entity": "e1", "name": "Ann Jones"}
    assert (statement["id"], statement["time_id"], statement["cue"]["text"]) == ("q0", "t2", "said")
    json.dumps(items)  # plain JSON all the way down


def test_events_inside_a_statement_say_who_claims_them():
    text = "Jones said on Tuesday that Smith was arrested on March 12."
    said, arrested = span(text, "said"), span(text, "arrested")
    record = record_of(
        text=text, id="a",
        times=[{"id": "t0", **span(text, "Tuesday").to_dict(), "type": "DATE", "value": "2025-04-15"},
               {"id": "t1", **span(text, "March 12").to_dict(), "type": "DATE", "value": "2025-03-12"}],
        entities=[{"id": "e0", "name": "Ann Jones", "label": "PERSON", "mentions": []}],
        quotes=[Quote(type="indirect", content=[span(text, "that Smith was arrested on March 12")], cue=said,
                      source=span(text, "Jones"), speaker=Speaker("Ann Jones", "e0"), time="t0", id="q0")],
        events=[{"id": "ev0", "trigger": arrested.to_dict(), "time": "t1", "date": "2025-03-12", "relation": None,
                 "negated": False, "participants": [], "sentence": Span(0, len(text), text).to_dict()}])
    timeline = build_timeline([record])
    assert [(i["text"], i.get("reported_in")) for i in timeline.items] == [
        ("arrested", {"quote": "q0", "speaker": {"entity": "e0", "name": "Ann Jones"}}),
        ("that Smith was arrested on March 12", None)]
    assert "arrested (says Ann Jones)" in format_text(timeline)


def test_text_table():
    out = format_text(build_timeline([make_record()]))
    lines = out.splitlines()
    assert lines[0].split() == ["DATE", "KIND", "WHO", "WHAT", "SOURCE"]
    rows = lines[2:7]
    assert rows[0].startswith("2025-03 (month)") and "raided" in rows[0]
    assert rows[1].startswith("2025-03-12") and "arrested [patient: John Smith]" in rows[1]
    assert rows[2].startswith("2025-W15 (week)")
    assert rows[3].startswith("2025-04-15") and "Ann Jones" in rows[3] and "“that it was wrong”" in rows[3]
    assert rows[4].startswith("XXXX-WXX-5 (unresolved)")
    assert "5 dated items (4 events, 1 statement) from 1 article" in out
    assert "1 undated item left out" in out
    assert "1 item with a relative date that could not be resolved" in out


def test_empty_timeline():
    out = format_text(build_timeline([record_of(text="Nothing happened.", id="x")]))
    assert out == "no dated events or statements in 1 article\n"


# -- the command -------------------------------------------------------------------------------

def fake_extract_many(items: Iterable[Article], **kwargs: Any) -> Iterator[Record]:
    for article in items:
        if "FAIL" in article.text:
            yield record_of(text="", id=article.id, error={"code": "QG999", "reason": "stand-in failure"})
        else:
            yield make_record(article.id or "?")


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cli.extract, "extract_many", fake_extract_many)
    (tmp_path / "one.txt").write_text("An article.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Another article.", encoding="utf-8")
    (tmp_path / "fails.txt").write_text("FAIL", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, ["timeline", *args])


@pytest.mark.parametrize("inputs,code,reported", [
    (["one.txt"], 0, []),
    (["one.txt", "two.txt"], 0, []),
    (["one.txt", "missing.txt"], 1, ["missing.txt: no such file or directory"]),
    (["one.txt", "fails.txt"], 1, ["fails: stand-in failure"]),
    (["missing.txt"], 2, ["missing.txt: no such file or directory"]),
    (["empty.txt"], 2, ["empty.txt: empty"]),
])
def test_exit_codes(files, monkeypatch, inputs, code, reported):
    monkeypatch.chdir(files)
    result = run(*inputs)
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == len(reported)
    for line, expected in zip(lines, reported):
        assert line.startswith(f"quotegraph: {expected}"), line
    if code == 2:
        assert result.stdout == ""
    else:
        assert "dated items" in result.stdout


def test_many_articles_get_an_article_column(files):
    result = run(str(files / "one.txt"), str(files / "two.txt"))
    assert result.stdout.splitlines()[0].split()[:2] == ["ARTICLE", "DATE"]
    assert "from 2 articles" in result.stdout


def test_json_format_and_output_file(files):
    result = run("--format", "json", str(files / "one.txt"))
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert [item["text"] for item in items] == ["raided", "arrested", "met", "that it was wrong", "left"]
    # The notes go to stderr, so stdout stays JSON.
    assert result.stderr.splitlines() == [
        "quotegraph: 1 undated item left out (statements and events whose time is not given in the text)",
        "quotegraph: 1 item with a relative date that could not be resolved (no publication date?) listed last"]
    out = files / "timeline.json"
    result = run("--format", "json", "-o", str(out), str(files / "one.txt"))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8")) == items


@pytest.mark.parametrize("args,message", [
    (["--published", "2025-13-01"], "not a calendar date"),
    (["--format", "xml"], "'xml' is not one of"),
    (["-o", "."], "is a directory"),
    ([], "give INPUTS, or --db URL --entity NAME"),
])
def test_usage_errors_exit_2(files, args, message):
    result = run(*args, *([str(files / "one.txt")] if args else []))
    assert result.exit_code == 2
    assert message in result.stderr


def test_published_reaches_the_articles(files, monkeypatch):
    seen: list[str | None] = []

    def spy(items: Iterable[Article], **kwargs: Any) -> Iterator[Record]:
        for article in items:
            seen.append(article.published)
            yield make_record(article.id or "?")

    monkeypatch.setattr(cli.extract, "extract_many", spy)
    assert run("--published", "2025-04-17", str(files / "one.txt")).exit_code == 0
    assert seen == ["2025-04-17"]


def test_model_that_cannot_load_exits_2(files, monkeypatch):
    def broken(items: Iterable[Article], **kwargs: Any) -> Iterator[Record]:
        raise ModelError("cannot load spaCy pipeline 'nope'")
        yield  # a generator, as extract_many is

    monkeypatch.setattr(cli.extract, "extract_many", broken)
    result = run("--model", "nope", str(files / "one.txt"))
    assert result.exit_code == 2
    assert result.stderr.startswith("quotegraph: [QG200] cannot load spaCy pipeline")
    assert result.stdout == ""


@pytest.mark.slow
def test_real_subprocess(tmp_path: Path) -> None:
    """`python -m quotegraph timeline` on a real article: JSON on stdout, exit code 1 for a
    missing input beside it. Whether items appear depends on the temporal tagger."""
    article = tmp_path / "article.txt"
    article.write_text("Kilmar Abrego Garcia was arrested in Baltimore on March 12. "
                       "Nayib Bukele said on Tuesday that the prisoner would stay.", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "quotegraph", "timeline", "--published", "2025-04-17", "--format", "json",
         str(article), str(tmp_path / "missing.txt")],
        capture_output=True, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    items = json.loads(proc.stdout)
    assert isinstance(items, list)
    assert f"quotegraph: {tmp_path / 'missing.txt'}: no such file or directory" in proc.stderr.decode()
    if items:  # the tagger has landed
        assert [(i["kind"], i["text"], i["date"]) for i in items][:1] == [("event", "arrested", "2025-03-12")]
        assert any(i["kind"] == "statement" and i["date"] == "2025-04-15" for i in items)


@settings(max_examples=200, deadline=None)
@given(contents=st.lists(st.lists(st.tuples(st.integers(0, 190), st.integers(1, 60)), min_size=1, max_size=3),
                         max_size=8),
       triggers=st.lists(st.tuples(st.integers(0, 195), st.integers(1, 5)), min_size=1, max_size=8))
def test_the_statement_that_reports_an_event_is_the_first_whose_content_holds_it(contents, triggers):
    """Found through an index of the contents (an article of thousands of events and quotes
    made millions of comparisons): the same answer as trying every quote in order."""
    text = "x" * 200
    quotes = [Quote(type="direct", content=[Span(s, min(s + n, 200), text[s:min(s + n, 200)]) for s, n in spans],
                    id=f"q{number}") for number, spans in enumerate(contents)]
    events = [{"id": f"ev{number}", "trigger": Span(s, min(s + n, 200), "x").to_dict(), "time": "t0",
               "participants": []} for number, (s, n) in enumerate(triggers)]
    record = record_of(text=text, id="a", quotes=quotes, events=events,
                    times=[{"id": "t0", "start": 0, "end": 1, "text": "x", "type": "DATE", "value": "2025-03-12"}])
    reported = {item["id"]: item["reported_in"] for item in build_timeline([record]).items if item["kind"] == "event"}
    for event in events:
        trigger = event["trigger"]
        first = next((q for q in quotes if any(c.start <= trigger["start"] and trigger["end"] <= c.end
                                               for c in q.content)), None)
        assert reported[event["id"]] == ({"quote": first.id, "speaker": None} if first else None)
