"""Fuzzing with hypothesis: hostile inputs through the readers and through extraction.

Random Unicode with quotation marks, control characters and mixed scripts; deep and broken
HTML; JSON Lines with odd values; gzip and WARC files cut short or with bytes flipped.
Properties: no exception escapes a reader or `extract_many`, and every record either has
an `error` or every span of every kind points at exactly its characters.
(tests/fuzz_atheris.py runs the same targets under atheris, coverage-guided, by hand.)
"""
from __future__ import annotations

import gzip
import io
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.offsets import assert_record_offsets
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import quotegraph
from quotegraph.article import Article
from quotegraph.errors import InputError
from quotegraph.readers import ReadError
from quotegraph.readers.blob import read_bytes

pytestmark = pytest.mark.slow

# $QUOTEGRAPH_FUZZ_SCALE multiplies every test's examples for a longer hunt (default 1).
SCALE = int(os.environ.get("QUOTEGRAPH_FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples * SCALE, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

QUOTE_MARKS = ['"', "“", "”", "«", "»", "„", "‚", "‘", "’", "'", "‹", "›", "「", "」", "『", "』", "``", "''"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
            "\u200b", "\u200d", "\u202e", "\ufeff", "\ufffd", "\r", "\r\n", "\n\n", "\t"]
SCRIPTS = ["Путин сказал", "قال الرئيس", "習近平說", "대통령은 말했다", "ο υπουργός είπε", "मंत्री ने कहा",
           "e\u0301", "\U0001f600", "ﬁ", "İstanbul", "ß", "Ⅻ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]
WORDS = ["said", "told reporters", "according to", "Smith", "the minister", "Ms. Jones", "he", "on Monday",
         "March 12, 2025", "last week", "was arrested", "We will win", "The court ruled that", ".", ",", ":", "—"]

pieces = st.one_of(st.sampled_from(QUOTE_MARKS), st.sampled_from(CONTROLS), st.sampled_from(SCRIPTS),
                   st.sampled_from(WORDS), st.text(max_size=12), st.just(" "))
hostile_text = st.lists(pieces, max_size=40).map(" ".join) | st.lists(pieces, max_size=60).map("".join)


def check_records(records: list) -> None:
    for record in records:
        data = record.to_dict()
        if data.get("error") is None:
            assert_record_offsets(data)
        else:
            assert set(data["error"]) == {"code", "reason"} and data["error"]["code"].startswith("QG")


@fuzz(120)
@given(st.lists(hostile_text, min_size=1, max_size=4))
def test_extract_many_on_hostile_text(nlp, texts: list[str]) -> None:
    records = list(quotegraph.extract_many(texts, batch_size=2))
    assert len(records) == len(texts)
    check_records(records)
    try:  # one at a time: a record, or InputError for what is not text
        single = quotegraph.extract(texts[0])
    except InputError:
        assert records[0].error is not None
    else:
        assert single.to_dict() == records[0].to_dict()


# -- readers -----------------------------------------------------------------------------

TAGS = ["div", "p", "span", "article", "section", "table", "tr", "td", "ul", "li", "b", "i", "a", "h1", "main"]
HTML_BITS = ["<script>var a = '<p>';</script>", "<style>p{}</style>", "<!-- comment -->", "<![CDATA[x]]>",
             "&amp;", "&nbsp;", "&#0;", "&#xD800;", "&#x110000;", "&bogus;", "<br>", "</p>", "</div></div>", "<p",
             "<meta charset='koi8-r'>", "<?xml version='1.0'?>", "<!DOCTYPE html>", "<html><head><title>T</title>",
             "<img src=x onerror=alert(1)>", "<svg><foreignObject><p>x</p></foreignObject></svg>"]


def _nest(text: str, tags: list[str], close: bool) -> str:
    opened = "".join(f"<{tag}>" for tag in tags)
    return opened + text + ("".join(f"</{tag}>" for tag in reversed(tags)) if close else "")


html_pages = st.one_of(
    st.builds(_nest, hostile_text, st.lists(st.sampled_from(TAGS), max_size=300), st.booleans()),
    st.lists(st.one_of(st.sampled_from(HTML_BITS), hostile_text.map(lambda t: f"<p>{t}</p>"), hostile_text),
             max_size=30).map("".join),
)
encodings = st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "koi8-r", "utf-8-sig"])


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def read_all(data: bytes, name: str) -> list:
    """Every item of `data` read as the file `name`: it must never raise."""
    items = list(read_bytes(data, source=name))
    for item in items:
        assert isinstance(item, (Article, ReadError)), item
        if isinstance(item, Article):
            assert item.text.strip(), item
        else:
            assert item.reason and item.code.startswith("QG")
    return items


def extract_articles(items: list) -> None:
    articles = [item for item in items if isinstance(item, Article)]
    check_records(list(quotegraph.extract_many(articles, batch_size=4)))


@fuzz(150)
@given(html_pages, encodings, st.booleans())
def test_html_reader_on_deep_and_broken_html(nlp, page: str, encoding: str, gzipped: bool) -> None:
    data = _encode(page, encoding)
    items = read_all(gzip.compress(data) if gzipped else data, "page.html.gz" if gzipped else "page.html")
    assert len(items) == 1
    extract_articles(items)


@fuzz(150)
@given(st.one_of(st.binary(max_size=400), st.builds(_encode, hostile_text, encodings)))
def test_text_reader_on_any_bytes(data: bytes) -> None:
    assert len(read_all(data, "story.txt")) == 1


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=8)
json_lines = st.one_of(
    st.fixed_dictionaries({"text": hostile_text}, optional={"id": json_values, "published": json_values,
                                                            "title": json_values, "url": json_values}).map(json.dumps),
    json_values.map(json.dumps),
    st.text(max_size=40),
)


@fuzz(150)
@given(st.lists(json_lines, max_size=8), st.sampled_from(["\n", "\r\n"]), st.integers(0, 50), st.booleans())
def test_jsonl_reader_on_odd_lines(nlp, lines: list[str], newline: str, cut: int, gzipped: bool) -> None:
    data = newline.join(lines).encode("utf-8", errors="surrogatepass")
    if gzipped:
        data = gzip.compress(data)
    data = data[: max(0, len(data) - cut)]
    items = read_all(data, "wire.jsonl.gz" if gzipped else "wire.jsonl")
    extract_articles(items)


@fuzz(100)
@given(st.one_of(json_lines, st.lists(json_lines, max_size=5).map(lambda items: "[" + ",".join(items) + "]")),
       st.integers(0, 20))
def test_json_reader_on_odd_documents(nlp, document: str, cut: int) -> None:
    data = document.encode("utf-8", errors="surrogatepass")
    items = read_all(data[: max(0, len(data) - cut)], "story.json")
    extract_articles(items)


def _warc(pages: list[tuple[str, bytes]], gzipped: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for url, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


damages = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1), st.just(b"")),
    st.tuples(st.just("flip"), st.floats(0, 1), st.binary(min_size=1, max_size=5)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=40)),
    st.tuples(st.just("none"), st.just(0.0), st.just(b"")),
)


def damaged(data: bytes, damage: tuple[str, float, bytes]) -> bytes:
    """`data` cut at, xor-ed from, or with bytes inserted at a fraction of its length.
    (Fractions, not offsets: record ids and dates make each WARC's length differ.)"""
    what, where, extra = damage
    out = bytearray(data)
    at = min(int(where * len(out)), len(out))
    if what == "truncate":
        del out[at:]
    elif what == "flip":
        for n, byte in enumerate(extra):
            if at + n < len(out):
                out[at + n] ^= byte or 0xFF
    elif what == "insert":
        out[at:at] = extra
    return bytes(out)


@fuzz(150)
@given(st.lists(html_pages.map(lambda p: p.encode("utf-8", errors="replace")), min_size=1, max_size=3),
       st.booleans(), st.lists(damages, min_size=1, max_size=3))
def test_warc_reader_on_truncated_and_flipped_files(nlp, bodies: list[bytes], gzipped: bool, harm: list) -> None:
    warc = _warc([(f"https://news.example.com/{n}", body) for n, body in enumerate(bodies)], gzipped)
    for damage in harm:
        warc = damaged(warc, damage)
    items = read_all(warc, "crawl.warc.gz" if gzipped else "crawl.warc")
    extract_articles(items)
