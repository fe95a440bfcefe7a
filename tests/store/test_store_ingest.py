"""`quotegraph ingest` and `quotegraph stats` with the real pipeline, against both stores."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from support.store import GOOD_HTML, run, stats, write_jsonl, write_warc

from quotegraph import cli
from quotegraph.store import open_store, schema
from quotegraph.store.search import search_quotes

pytestmark = pytest.mark.slow

WARC_PAGE = b"""<html><head><title>Port strike | Example Times</title></head>
<body><article><h1>Port strike</h1>
<p>"The harbour will stay closed until the wages are paid," union leader Maria Lopez said on Friday.</p>
<p>The port authority said the strike was illegal and would be challenged in court.</p>
</article></body></html>"""


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "speech.txt").write_text(
        '"We will not back down," President Joe Biden told reporters on Monday in Washington.\n\n'
        "The senator, John Smith, said the bill was dead.\n", encoding="utf-8")
    (folder / "page.html").write_bytes(GOOD_HTML)
    write_jsonl(folder / "wire.jsonl", [
        {"id": "w1", "text": "Police said two men were arrested on Friday in Leeds.", "published": "2024-05-03"},
        {"id": "w2", "text": "The mayor, Jane Doe, said the city would rebuild the bridge.",
         "url": "https://news.example.com/bridge"},
    ])
    with (folder / "wire.jsonl").open("a", encoding="utf-8") as stream:
        stream.write("{not json\n")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    write_warc(folder / "crawl.warc.gz", [
        ("https://news.example.com/2024/06/07/port-strike", WARC_PAGE, "text/html; charset=utf-8"),
        ("https://news.example.com/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        ("https://news.example.com/empty", b"<html><body></body></html>", "text/html"),
    ])
    return [str(folder / name) for name in ("speech.txt", "page.html", "wire.jsonl", "empty.txt", "crawl.warc.gz")]


def test_ingest_every_format_then_stats(store_url: str, inputs: list[str]) -> None:
    code, out, err = run("ingest", *inputs, "--db", store_url, "--batch-size", "2")
    assert code == 1, err  # some inputs failed; the others are stored
    assert "5 articles stored (0 already there)" in out and "3 errors" in out
    assert "empty.txt: empty" in err and "wire.jsonl:3: invalid JSON" in err and "/empty: no article text" in err
    counts = stats(store_url)
    assert counts["articles"] == 5 and counts["errors"] == 3 and counts["runs"] == 1
    assert counts["quotes"] >= 5 and counts["entities"] >= 5
    assert {"times", "events"} <= counts.keys()
    store = open_store(store_url)
    try:
        with store.read() as connection:
            articles = {row.external_id: row for row in connection.execute(sa.select(schema.articles))}
            warc = articles["https://news.example.com/2024/06/07/port-strike"]
            assert warc.url == warc.source == "https://news.example.com/2024/06/07/port-strike"
            assert str(warc.published) == "2024-06-07"  # from the URL: the page's own metadata
            assert str(articles["page"].published) == "2024-03-05"
            assert articles["w2"].source == "https://news.example.com/bridge" and articles["w1"].source == "w1"
            errors = {(row.input.rsplit("/", 1)[-1], row.line, row.position is not None)
                      for row in connection.execute(sa.select(schema.errors))}
            assert errors == {("empty.txt", None, False), ("wire.jsonl", 3, False), ("crawl.warc.gz", None, True)}
            run_row = connection.execute(sa.select(schema.runs)).one()
            assert run_row.status == "finished" and run_row.articles_added == 5 and run_row.errors_added == 3
            assert run_row.model_name and run_row.spacy_version.startswith("3.8")
            assert run_row.options["batch_size"] == 2
            # every stored span points at its characters
            texts = {row.id: row.text for row in articles.values()}
            for quote in connection.execute(sa.select(schema.quotes)):
                text = texts[quote.article_id]
                assert text[quote.start:quote.end]
                if quote.cue_start is not None:
                    assert text[quote.cue_start:quote.cue_end] == quote.cue_text
            for span in connection.execute(sa.select(schema.quote_spans, schema.quotes.c.article_id).join(
                    schema.quotes)):
                assert texts[span.article_id][span.start:span.end] == span.text
            for mention in connection.execute(sa.select(schema.mentions)):
                assert texts[mention.article_id][mention.start:mention.end] == mention.text
            assert search_quotes(connection, "harbour")  # a word of a quote, by full-text search
            assert "Joe Biden" in [row["speaker_name"] for row in search_quotes(connection, '"back down"')]
    finally:
        store.close()


def test_ingest_twice_adds_nothing(store_url: str, inputs: list[str]) -> None:
    run("ingest", *inputs, "--db", store_url)
    first = stats(store_url)
    code, out, _ = run("ingest", *inputs, "--db", store_url)
    assert code == 1 and "0 articles stored (5 already there)" in out
    assert stats(store_url) == first  # no article, quote, entity, error, or run row added


def test_ingest_stdin_jsonl(store_url: str) -> None:
    lines = json.dumps({"id": "s1", "text": "The mayor said the bridge would reopen."}) + "\n"
    result = CliRunner().invoke(cli.main, ["ingest", "-", "--db", store_url], input=lines)
    assert result.exit_code == 0, result.output
    assert stats(store_url)["articles"] == 1


def test_ingest_nothing_readable(store_url: str, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, out, err = run("ingest", str(tmp_path / "empty.txt"), "--db", store_url)
    assert code == 2 and "empty" in err
    assert stats(store_url)["errors"] == 1


def test_stats_text_and_missing_store(tmp_path: Path) -> None:
    code, _, err = run("stats", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no store at" in err
    db = str(tmp_path / "s.db")
    open_store(db).close()
    code, out, _ = run("stats", "--db", db)
    assert code == 0 and out.splitlines()[0].split() == ["articles", "0"]


def test_bad_database_url(tmp_path: Path) -> None:
    code, _, err = run("ingest", str(tmp_path), "--db", "mysql://x@localhost/db")
    assert code == 2 and "unsupported database" in err


def test_read_errors_are_stored_as_they_come(store_url: str) -> None:
    """A long run of inputs that fail to read is written in batches while it is read, not
    held until an article comes (nor to the end)."""
    from quotegraph.ingest import Ingester
    from quotegraph.readers import ReadError

    read = 0
    stored_when: list[tuple[int, int]] = []

    def failures():
        nonlocal read
        for n in range(20):
            read += 1
            yield ReadError(f"bad-{n}.txt", "QG100", "empty (no text, or only whitespace)")

    store = open_store(store_url)
    try:
        ingester = Ingester(store, batch_size=4,
                            on_batch=lambda summary: stored_when.append((read, summary.errors_added)))
        summary = ingester.run(failures())
        with store.read() as connection:
            rows = connection.scalar(sa.select(sa.func.count()).select_from(schema.errors))
    finally:
        store.close()
    assert stored_when == [(4, 4), (8, 8), (12, 12), (16, 16), (20, 20)]
    assert (summary.errors, summary.errors_added, rows) == (20, 20, 20)
