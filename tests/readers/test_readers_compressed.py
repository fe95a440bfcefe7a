"""Gzipped inputs and damaged WARC files: each bad part is one ReadError and the rest is read."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from support.samples import GOOD_HTML
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotegraph.article import Article
from quotegraph.readers import ReadError, is_single_article, read_file, read_inputs
from quotegraph.readers.blob import read_bytes

TEXT = '"We will not back down," the minister told reporters on Tuesday.\n'


def kinds(items) -> list[str]:
    return [type(item).__name__ for item in items]


def test_gzipped_text_html_and_jsonl_read_as_the_file_inside(tmp_path: Path) -> None:
    (tmp_path / "speech.txt.gz").write_bytes(gzip.compress(TEXT.encode()))
    (tmp_path / "page.HTML.gz").write_bytes(gzip.compress(GOOD_HTML))
    lines = [json.dumps({"text": TEXT}), json.dumps({"id": "w2", "text": "The mayor said so."})]
    (tmp_path / "wire.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    items = list(read_inputs([str(tmp_path)]))
    assert all(isinstance(item, Article) for item in items), items
    assert [item.id for item in items] == ["page", "speech", "wire:1", "w2"]
    assert items[1].text == TEXT and "back down" in items[0].text
    assert is_single_article([str(tmp_path / "speech.txt.gz")])
    assert not is_single_article([str(tmp_path / "wire.jsonl.gz")])
    # The same from bytes in memory (Spark's binaryFile rows), with the same ids.
    for path in sorted(tmp_path.iterdir()):
        from_bytes = list(read_bytes(path.read_bytes(), source=str(path)))
        assert [(a.id, a.text) for a in from_bytes] == [(a.id, a.text) for a in read_file(path)]


@pytest.mark.parametrize("name", ["speech.txt.gz", "page.html.gz"])
def test_a_truncated_gzip_is_an_error_naming_the_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(GOOD_HTML)[:-20])
    (item,) = read_file(path)
    assert isinstance(item, ReadError) and item.source == str(path)
    assert "corrupt or truncated gzip" in item.reason


def test_a_truncated_jsonl_gz_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"a{n}", "text": f"Line {n} said the mayor. " * 40}) + "\n" for n in range(200))
    path = tmp_path / "wire.jsonl.gz"
    data = gzip.compress(lines.encode(), compresslevel=1)
    path.write_bytes(data[: len(data) // 2])
    items = list(read_file(path))
    assert isinstance(items[-1], ReadError) and "truncated gzip" in items[-1].reason
    articles = items[:-1]
    assert articles and all(isinstance(a, Article) for a in articles) and len(articles) < 200
    assert [a.id for a in articles] == [f"a{n}" for n in range(len(articles))]


def test_not_gzip_at_all(tmp_path: Path) -> None:
    path = tmp_path / "speech.txt.gz"
    path.write_text(TEXT, encoding="utf-8")
    (item,) = read_file(path)
    assert isinstance(item, ReadError) and "gzip" in item.reason


# -- WARC ------------------------------------------------------------------------------

PAGE = (b'<html><body><article><p>"We will win," Senator Maria Lopez said on Monday. The council said '
        b"the plan would work.</p></article></body></html>")


def warc_record(url: str, body: bytes = PAGE) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


def raw_response(url: str, http_block: bytes) -> bytes:
    """A gzipped response record whose HTTP block is given byte for byte."""
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
            f"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http_block)}\r\n\r\n").encode()
    return gzip.compress(head + http_block + b"\r\n\r\n")


def warc_items_of(tmp_path: Path, *parts: bytes) -> list:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(parts))
    items = list(read_file(path))
    assert list(read_bytes(path.read_bytes(), source=str(path))) == items  # Spark's path gives the same
    return items


BROKEN_HTTP = {
    "status line": b"\x00\x01garbage, not HTTP\r\n\r\n" + PAGE,
    "no Content-Type": b"HTTP/1.1 200 OK\r\nContent-Type text/html\r\n\r\n" + PAGE,
}


@pytest.mark.parametrize("what", sorted(BROKEN_HTTP))
def test_a_record_with_broken_http_headers_is_an_error_and_the_file_goes_on(tmp_path: Path, what: str) -> None:
    first = warc_record("https://a.example/1")
    items = warc_items_of(tmp_path, first, raw_response("https://a.example/broken", BROKEN_HTTP[what]),
                          warc_record("https://a.example/2"))
    assert kinds(items) == ["Article", "ReadError", "Article"]
    assert [items[0].url, items[2].url] == ["https://a.example/1", "https://a.example/2"]
    assert "https://a.example/broken: broken HTTP headers" in items[1].reason and what in items[1].reason
    assert items[1].position == len(first)


@pytest.mark.parametrize("where", ["middle", "end"])
@pytest.mark.parametrize("cut", [20, 200])
def test_a_truncated_gzip_member_is_an_error_and_the_file_goes_on(tmp_path: Path, where: str, cut: int) -> None:
    first, broken = warc_record("https://a.example/1"), warc_record("https://a.example/cut")[:-cut]
    last = warc_record("https://a.example/2")
    parts = (first, broken, last) if where == "middle" else (first, last, broken)
    items = warc_items_of(tmp_path, *parts)
    errors = [item for item in items if isinstance(item, ReadError)]
    assert [a.url for a in items if isinstance(a, Article)] == ["https://a.example/1", "https://a.example/2"]
    assert len(errors) == 1 and "gzip member" in errors[0].reason
    assert errors[0].position == (len(first) if where == "middle" else len(first) + len(last))


def test_garbage_between_members_is_one_error(tmp_path: Path) -> None:
    items = warc_items_of(tmp_path, warc_record("https://a.example/1"), b"\x1f\x8b\x08junk" * 50,
                          warc_record("https://a.example/2"))
    assert kinds(items) == ["Article", "ReadError", "Article"]


def test_a_gzip_that_is_not_a_warc_is_one_error(tmp_path: Path) -> None:
    (item,) = warc_items_of(tmp_path, gzip.compress(b"just some text\n"))
    assert isinstance(item, ReadError) and "not a WARC file" in item.reason
