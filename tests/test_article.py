"""Input validation: publication dates and article coercion (no model needed)."""
from __future__ import annotations

import datetime as dt

import pytest

from quotegraph.article import Article, coerce_article, normalize_published
from quotegraph.errors import InputError, InvalidDateError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("2025-04-14", "2025-04-14"),
        ("  2025-04-14  ", "2025-04-14"),
        ("2025-04-14T09:30:00", "2025-04-14"),
        ("2025-04-14T09:30:00Z", "2025-04-14"),
        ("2025-04-14T09:30:00+02:00", "2025-04-14"),
        ("2025-04-14 09:30", "2025-04-14"),
        ("2024-02-29", "2024-02-29"),
        ("2000-02-29", "2000-02-29"),
        ("1999-12-31", "1999-12-31"),
        (dt.date(2025, 4, 14), "2025-04-14"),
        (dt.datetime(2025, 4, 14, 23, 59), "2025-04-14"),
        (dt.datetime(2024, 2, 29, tzinfo=dt.timezone.utc), "2024-02-29"),
    ],
)
def test_normalize_published_valid(value, expected):
    assert normalize_published(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2023-02-29",  # not a leap year
        "1900-02-29",  # century, not a leap year
        "2025-13-01",
        "2025-00-10",
        "2025-04-31",
        "2025-04-00",
    ],
)
def test_normalize_published_not_a_calendar_date(value):
    with pytest.raises(InvalidDateError) as info:
        normalize_published(value)
    assert repr(value) in str(info.value)
    assert info.value.code == "QG101"


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",
        "14/04/2025",
        "April 14, 2025",
        "2025-4-14",
        "25-04-14",
        "2025/04/14",
        "20250414",
        "2025-04-14garbage",
        "-",
        20250414,
        2025.0,
        ["2025-04-14"],
        {"date": "2025-04-14"},
    ],
)
def test_normalize_published_garbage(value):
    with pytest.raises(InvalidDateError) as info:
        normalize_published(value)
    assert repr(value) in str(info.value)


def test_invalid_date_is_an_input_error_and_names_the_source():
    with pytest.raises(InputError) as info:
        normalize_published("2023-02-29", source="feed.jsonl:3")
    assert info.value.source == "feed.jsonl:3"
    assert "feed.jsonl:3" in str(info.value)
    assert "'2023-02-29'" in str(info.value)


@pytest.mark.parametrize(
    ("item", "meta", "expected"),
    [
        ("Some text.", {}, Article(text="Some text.")),
        ("", {}, Article(text="")),
        (
            "Some text.",
            {"id": 7, "title": "T", "published": "2025-04-14T10:00:00", "url": "https://x.test/a"},
            Article(text="Some text.", id="7", title="T", published="2025-04-14", url="https://x.test/a"),
        ),
        ({"text": "Body."}, {}, Article(text="Body.")),
        (
            {"text": "Body.", "id": "a1", "title": "Title", "published": dt.date(2024, 2, 29), "url": None},
            {},
            Article(text="Body.", id="a1", title="Title", published="2024-02-29"),
        ),
        # Keys beyond the contract are ignored; the mapping wins over keyword metadata.
        ({"text": "Body.", "id": "a2", "extra": 1}, {"id": "kw"}, Article(text="Body.", id="a2")),
        ({"text": "Body."}, {"published": "2025-01-02"}, Article(text="Body.", published="2025-01-02")),
    ],
)
def test_coerce_article(item, meta, expected):
    assert coerce_article(item, **meta) == expected


def test_coerce_article_passes_an_article_through():
    article = Article(text="Already an article.", id="x", published="2025-04-14")
    assert coerce_article(article) is article


def test_coerce_article_keeps_the_text_exactly():
    text = "  \ufeffLeading space, “curly quotes”, CRLF\r\nand tabs\t \n"
    assert coerce_article(text).text == text


@pytest.mark.parametrize(
    ("item", "fragment"),
    [
        (None, "NoneType"),
        (42, "int"),
        (b"bytes are not text", "bytes"),
        (["a", "list"], "list"),
        ({}, "no 'text'"),
        ({"title": "No body"}, "no 'text'"),
        ({"text": None}, "no 'text'"),
        ({"text": 42}, "no 'text'"),
        ({"text": b"bytes"}, "no 'text'"),
        ("binary\x00data", "NUL"),
        ({"text": "\x00"}, "NUL"),
        ("half a character \ud800 here", "lone surrogate (U+D800) at character 17"),
        ({"text": "ok", "title": 3}, "'title'"),
        ({"text": "ok", "url": ["u"]}, "'url'"),
    ],
)
def test_coerce_article_rejects(item, fragment):
    with pytest.raises(InputError) as info:
        coerce_article(item)
    assert fragment in str(info.value)
    assert info.value.code.startswith("QG1")


def test_coerce_article_error_names_the_article():
    with pytest.raises(InputError) as info:
        coerce_article({"id": "doc-9", "text": "a\x00b"})
    assert "doc-9" in str(info.value)


def test_coerce_article_invalid_published_raises_invalid_date():
    with pytest.raises(InvalidDateError) as info:
        coerce_article({"id": "doc-3", "text": "x", "published": "2023-02-29"})
    assert "2023-02-29" in str(info.value)
    assert "doc-3" in str(info.value)
