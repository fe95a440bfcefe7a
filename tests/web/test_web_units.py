"""The web app's pure parts: highlighting by offsets, charts per month, which links are followed."""
from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from support.web import VOID

from quotegraph.web.charts import MAX_MONTH_BARS, chart_rows, per_month
from quotegraph.web.highlight import Mark, highlight
from quotegraph.web.responses import outlet, safe_href

TEXT = 'Smith said on Friday: "We will <b>win</b>."'


class Runs(HTMLParser):
    """The text each data-span covers, and the text as a whole."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[dict[str, str | None]] = []
        self.spans: dict[str, str] = {}
        self.text = ""
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        for span_id in {attrs.get("data-span") for attrs in self.stack} - {None}:
            self.spans[span_id] = self.spans.get(span_id, "") + data


def parse(html: str) -> Runs:
    runs = Runs()
    runs.feed(html)
    return runs


def at(part: str, kind: str, span_id: str = "", **fields: str) -> Mark:
    start = TEXT.index(part)
    return Mark(start, start + len(part), kind, span_id=span_id, quote=span_id.split("-")[0], **fields)


@pytest.mark.parametrize("marks, expected", [
    ([], {}),
    ([at("We will <b>win</b>.", "content", "q0-content-0"), at("said", "cue", "q0-cue"),
      at("Smith", "source", "q0-source")],
     {"q0-content-0": "We will <b>win</b>.", "q0-cue": "said", "q0-source": "Smith"}),
    # a time inside the content, an entity link over the source: the parts stay whole
    ([at("on Friday: \"We", "content", "q0-content-0"), at("Friday", "time", value="2024-03-08"),
      at("Smith", "source", "q0-source"), at("Smith", "entity", href="/speakers/3")],
     {"q0-content-0": 'on Friday: "We', "q0-source": "Smith"}),
    # two quotes' parts overlapping
    ([at("said on Friday", "content", "q0-content-0"), at("on Friday:", "content", "q1-content-0")],
     {"q0-content-0": "said on Friday", "q1-content-0": "on Friday:"}),
    # offsets outside the text are left out, the text stays whole
    ([Mark(5, 500, "content", "q9-content-0", "q9"), Mark(-1, 3, "cue", "q9-cue", "q9")], {}),
])
def test_highlight_marks_exactly_the_offsets(marks: list[Mark], expected: dict[str, str]) -> None:
    html = highlight(TEXT, marks)
    runs = parse(str(html))
    assert runs.text == TEXT  # the text is all there, once, unescaped by the parser
    assert runs.spans == expected
    assert "b" not in runs.tags  # the article's markup is text
    for span_id in expected:
        assert str(html).count(f'id="{span_id}"') == 1  # one anchor per part, however it is cut


def test_highlight_escapes_attribute_values() -> None:
    mark = Mark(0, 5, "entity", label='"><script>x()</script>', href='/speakers/1" onmouseover="x()')
    html = str(highlight(TEXT, [mark]))
    assert "<script>" not in html and 'onmouseover="x()' not in html
    assert parse(html).text == TEXT


def test_times_carry_their_value() -> None:
    html = str(highlight(TEXT, [at("Friday", "time", value="2024-03-08", label="DATE: 2024-03-08")]))
    assert '<span class="qg-time" data-value="2024-03-08" title="DATE: 2024-03-08">Friday</span>' in html


def test_chart_per_month_fills_the_gaps() -> None:
    chart = per_month([(dt.date(2024, 1, 5), 2), ("2024-03-01", 3), ("2024-03-20", 1), ("XXXX-04-14", 9)])
    assert chart_rows(chart) == [{"period": "2024-01", "count": 2}, {"period": "2024-02", "count": 0},
                                 {"period": "2024-03", "count": 4}]
    assert chart is not None and chart.peak == 4
    tallest = max(chart.bars, key=lambda bar: bar.height)
    assert tallest.label == "2024-03" and tallest.y == 0 and tallest.height == chart.axis_y
    assert per_month([]) is None and chart_rows(None) == []


def test_chart_per_year_when_long() -> None:
    dated = [(dt.date(2000 + year, 6, 1), 1) for year in range(MAX_MONTH_BARS // 12 + 2)]
    chart = per_month(dated)
    assert chart is not None and [bar.label for bar in chart.bars][:2] == ["2000", "2001"]


@pytest.mark.parametrize("url, href", [
    ("https://news.example/a?b=1", "https://news.example/a?b=1"),
    ("http://news.example/", "http://news.example/"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("//evil.example/x", None),
    ("/relative", None),
    ("http://[::1", None),  # not a URL at all
    (None, None),
])
def test_only_web_links_are_followed(url: str | None, href: str | None) -> None:
    assert safe_href(url) == href


@pytest.mark.parametrize("url, source, expected", [
    ("https://www.herald.example/x", "x", "herald.example"),
    (None, "wire-12", "wire-12"),
    ("javascript:alert(1)", "javascript:alert(1)", "javascript:alert(1)"),  # shown as text only
])
def test_outlet(url: str | None, source: str, expected: str) -> None:
    assert outlet(url, source) == expected


def test_chart_labels_stand_under_their_bars() -> None:
    """Two months fill two of the twelve slots: their labels stand under those bars, not at
    the far end of the chart (the second month's label was at x=720, its bar at x=66)."""
    chart = per_month([("2024-03-08", 2), ("2024-04-02", 1)])
    assert chart is not None
    first, last = chart.bars
    assert chart.first_x == first.x and chart.last_x == last.x + last.width < chart.width / 2
