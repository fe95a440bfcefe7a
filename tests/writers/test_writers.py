"""Writers, on records built by hand: JSON, JSON Lines, CSV and brat standoff."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from quotegraph.record import Quote, Record, Speaker
from quotegraph.text.spans import Span, make_span
from quotegraph.writers import COLUMNS, brat_annotations, write_brat, write_csv, write_json, write_jsonl

TEXT = (
    '"We will not back down," Minister Ana Díaz said, "not this week."\n'
    "The unions said that the plan was \u201cunfair\u201d.\n"
    "According to officials, talks\nwill resume."
)
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$")
_E_LINE = re.compile(r"^(E\d+)\t(Attribution(?:-no-source)?):(T\d+)((?: \w+:T\d+)+)$")


def span(needle: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(needle, start + 1)
    made = make_span(TEXT, start, start + len(needle))
    assert made is not None
    return made


def record(id: str = "story") -> Record:
    quotes = [
        Quote(type="direct", content=[span("We will not back down,"), span("not this week.")],
              cue=span("said"), source=span("Minister Ana Díaz"), speaker=Speaker("Ana Díaz", "e0"),
              confidence=0.9123, id="q0"),
        Quote(type="mixed", content=[span("that the plan was \u201cunfair\u201d")], cue=span("said", 1),
              source=span("The unions"), speaker=Speaker("unions"), confidence=0.7, id="q1"),
        # No source, and content across a line break: fragments in brat.
        Quote(type="indirect", content=[span("talks\nwill resume")], cue=span("According to"), id="q2"),
        # Neither cue nor source.
        Quote(type="direct", content=[span("not this week.")], id="q3"),
    ]
    return Record(text=TEXT, id=id, title="Talks", published="2024-03-05", quotes=quotes)


def test_json_single_is_one_indented_object() -> None:
    out = io.StringIO()
    assert write_json([record()], out, single=True) == 1
    text = out.getvalue()
    assert text.startswith('{\n  "id": "story"')
    assert "Díaz" in text and "\\u" not in text  # ensure_ascii=False
    assert json.loads(text) == record().to_dict()


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_many_is_an_array(count: int) -> None:
    out = io.StringIO()
    assert write_json([record(f"r{n}") for n in range(count)], out, single=False) == count
    assert [item["id"] for item in json.loads(out.getvalue())] == [f"r{n}" for n in range(count)]


def test_jsonl_one_record_per_line() -> None:
    out = io.StringIO()
    assert write_jsonl([record("a"), record("b")], out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "b"]
    assert "Díaz" in lines[0]


def test_csv_one_row_per_quote() -> None:
    out = io.StringIO()
    assert write_csv([record("a"), Record(text="No quotes.", id="b")], out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == COLUMNS
    assert [(r["article_id"], r["quote_id"], r["type"]) for r in rows] == [
        ("a", "q0", "direct"), ("a", "q1", "mixed"), ("a", "q2", "indirect"), ("a", "q3", "direct")]
    first = rows[0]
    assert (first["speaker"], first["cue"], first["source"]) == ("Ana Díaz", "said", "Minister Ana Díaz")
    assert first["content"] == "We will not back down, … not this week."
    assert (int(first["start"]), int(first["end"]), float(first["confidence"])) == (1, 64, 0.912)
    assert rows[2]["content"] == "talks\nwill resume"  # a line break survives CSV quoting
    assert rows[3]["speaker"] == rows[3]["cue"] == rows[3]["source"] == ""


def test_csv_header_only_without_records() -> None:
    out = io.StringIO()
    write_csv([], out)
    assert out.getvalue() == ",".join(COLUMNS) + "\r\n"


def parse_ann(ann: str) -> tuple[dict[str, tuple[str, list[tuple[int, int]], str]], list[re.Match[str]]]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events = []
    for line in ann.splitlines():
        if match := _T_LINE.match(line):
            ranges = [tuple(map(int, part.split())) for part in match[3].split(";")]
            spans[match[1]] = (match[2], ranges, match[4])  # type: ignore[assignment]
        else:
            event = _E_LINE.match(line)
            assert event, f"not a brat T or E line: {line!r}"
            events.append(event)
    return spans, events


def test_brat_offsets_point_at_the_span_text() -> None:
    spans, events = parse_ann(brat_annotations(record()))
    for label, ranges, text in spans.values():
        pieces = [TEXT[start:end] for start, end in ranges]
        assert " ".join(pieces) == text, label
        assert all("\n" not in piece for piece in pieces)
    assert len(events) == 4
    assert sum(1 for label, _, _ in spans.values() if label == "Content") == 4


def test_brat_fragments_and_relations_as_polnear() -> None:
    ann = brat_annotations(record())
    spans, events = parse_ann(ann)
    first = events[0]
    assert first[2] == "Attribution"
    args = dict(arg.split(":") for arg in first[4].split())
    assert list(args) == ["Source", "Cue", "Content"]
    assert spans[args["Source"]][2] == "Minister Ana Díaz"
    assert spans[first[3]][0] == "Attribution" and spans[first[3]][2] == "said"
    assert spans[args["Content"]][1] == [(1, 23), (50, 64)]
    assert spans[args["Content"]][2] == "We will not back down, not this week."
    # no source: Attribution-no-source; a content span across a newline becomes two fragments
    third = events[2]
    assert third[2] == "Attribution-no-source"
    content = spans[dict(a.split(":") for a in third[4].split())["Content"]]
    assert content[2] == "talks will resume" and len(content[1]) == 2
    # neither cue nor source: anchored on the content
    fourth = events[3]
    (arg,) = fourth[4].split()
    content_id = arg.removeprefix("Content:")
    assert fourth[2] == "Attribution-no-source"
    assert spans[fourth[3]][1:] == spans[content_id][1:] == ([(50, 64)], "not this week.")


def test_brat_writes_txt_and_ann_per_article(tmp_path: Path) -> None:
    out = tmp_path / "brat"
    records = [record("feed:1"), record("feed/1"), Record(text="No quotes here.\r\n", id="plain")]
    assert write_brat(records, out) == 3
    assert sorted(p.name for p in out.iterdir()) == [
        "feed_1-2.ann", "feed_1-2.txt", "feed_1.ann", "feed_1.txt", "plain.ann", "plain.txt"]
    assert (out / "plain.txt").read_bytes() == b"No quotes here.\r\n"  # text is never altered
    assert (out / "plain.ann").read_text(encoding="utf-8") == ""
    text = (out / "feed_1.txt").read_text(encoding="utf-8")
    spans, _ = parse_ann((out / "feed_1.ann").read_text(encoding="utf-8"))
    assert spans
    for _, ranges, span_text in spans.values():
        assert " ".join(text[start:end] for start, end in ranges) == span_text


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_would_run_as_formulas_are_quoted(cell: str) -> None:
    text = f"{cell} she said."
    at = len(cell)
    quote = Quote(type="indirect", content=[make_span(text, 0, at)], cue=make_span(text, at + 5, at + 9),
                  source=make_span(text, at + 1, at + 4), speaker=Speaker(cell), id="q0")
    out = io.StringIO()
    write_csv([Record(text=text, id=cell, quotes=[quote])], out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["article_id"] == row["speaker"] == "'" + cell
    content = quote.content[0].text  # (a span never starts with whitespace)
    assert row["content"] == ("'" + content if content[0] in "=+-@" else content)
    assert (row["cue"], row["source"]) == ("said", "she")  # other cells unchanged
    assert int(row["start"]) == quote.start


def test_brat_names_differ_on_a_case_insensitive_file_system(tmp_path: Path) -> None:
    out = tmp_path / "brat"
    assert write_brat([record("Story"), record("story"), record("STORY")], out) == 3
    names = sorted(p.name for p in out.iterdir())
    assert len({name.lower() for name in names}) == 6
    assert names == ["STORY-3.ann", "STORY-3.txt", "Story.ann", "Story.txt", "story-2.ann", "story-2.txt"]


@pytest.mark.parametrize("url,page", [
    ("https://news.example.com/a#comments", "https://news.example.com/a"),
    ("https://news.example.com/a?x=1#", "https://news.example.com/a?x=1"),
    ("https://news.example.com/a", "https://news.example.com/a"),
])
def test_web_annotation_targets_with_a_fragment_in_the_url(url: str, page: str) -> None:
    from quotegraph.writers.webannotation import article_source, web_annotations

    story = record()
    story.url = url
    annotations = web_annotations(story, article_source(story))
    assert [a["id"] for a in annotations] == [f"{page}#quote=q{n}" for n in range(4)]
    assert all(a["id"].count("#") == 1 for a in annotations)
    assert {t["source"] for a in annotations for t in a["target"]} == {page}
    # a source given with a fragment is cut the same way
    assert web_annotations(story, url)[0]["target"][0]["source"] == page
