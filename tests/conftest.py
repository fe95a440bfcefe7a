"""Shared fixtures and skip helpers.

Tests build their inputs by hand. Only tests marked `corpus` may read ../shared/data,
and they skip with a message where it is absent (it is never copied into the repo).
Under CI (CI=true) nothing that CI provides may skip: a default pipeline that does not
load, or shared data that is absent, fails the test (`skip_or_fail`).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, NoReturn

import pytest

from quotegraph.config import Options

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"

SPAN_KEYS = ("cue", "source", "addressee")
IN_CI = os.environ.get("CI") == "true"


def skip_or_fail(message: str) -> NoReturn:
    """Skip the calling test with `message`, or fail it under CI, where it must run."""
    if IN_CI:
        pytest.fail(f"{message} (CI=true: this must run in CI, not skip)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy pipeline with quotegraph's components, loaded once per session.

    `quotegraph.extract` goes through the same cached loader, so tests that call the API
    after requesting this fixture do not load the model again.
    """
    from quotegraph.errors import ModelError
    from quotegraph.pipeline.nlp import load_pipeline

    try:
        return load_pipeline(Options().model)
    except ModelError as err:  # pragma: no cover - depends on the environment
        skip_or_fail(f"spaCy pipeline not available: {err}")


@pytest.fixture(scope="session")
def rules_nlp():
    """The same pipeline with attributions found by the rules alone, for tests of the
    layers above attribution written against the rules' quotes."""
    from quotegraph.errors import ModelError
    from quotegraph.pipeline.nlp import load_pipeline

    try:
        return load_pipeline(Options().model, "rules")
    except ModelError as err:  # pragma: no cover - depends on the environment
        skip_or_fail(f"spaCy pipeline not available: {err}")


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or skip the calling test with a message."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        skip_or_fail(f"{path} is absent (annotated corpora are never copied into the repo)")
    return path


def iter_spans(quote: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any]]]:
    """(role, span) for every character span of a quote in record (dict) form."""
    for span in quote["content"]:
        yield "content", span
    for key in SPAN_KEYS:
        if quote.get(key) is not None:
            yield key, quote[key]


def assert_offsets(text: str, record: dict[str, Any]) -> None:
    """Every span of every quote points at exactly the characters it claims."""
    assert record["text"] == text
    for quote in record["quotes"]:
        assert quote["content"], f"quote {quote['id']} has no content span"
        for role, span in iter_spans(quote):
            start, end = span["start"], span["end"]
            assert isinstance(start, int) and isinstance(end, int), (role, span)
            assert 0 <= start < end <= len(text), (quote["id"], role, span)
            assert text[start:end] == span["text"], (quote["id"], role, span, text[start:end])


def assert_record_offsets(record: dict[str, Any]) -> None:
    """Every span of every kind (quotes, entity mentions, times, event triggers and
    sentences) points at exactly its characters, and every reference names a real id."""
    text = record["text"]
    assert_offsets(text, record)
    spans: list[tuple[str, dict[str, Any]]] = []
    for entity in record["entities"]:
        spans += [(f"entity {entity['id']}", mention) for mention in entity["mentions"]]
    spans += [(f"time {timex['id']}", timex) for timex in record["times"]]
    for event in record["events"]:
        spans.append((f"event {event['id']} trigger", event["trigger"]))
        if event.get("sentence") is not None:
            spans.append((f"event {event['id']} sentence", event["sentence"]))
    for what, span in spans:
        start, end = span["start"], span["end"]
        assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text), (what, span)
        assert text[start:end] == span["text"], (what, span, text[start:end])
    entities = {entity["id"] for entity in record["entities"]}
    times = {timex["id"] for timex in record["times"]}
    for quote in record["quotes"]:
        if quote.get("speaker") and quote["speaker"].get("entity") is not None:
            assert quote["speaker"]["entity"] in entities, quote
        assert quote.get("time") is None or quote["time"] in times, quote
    for event in record["events"]:
        assert event.get("time") is None or event["time"] in times, event
        assert all(p["entity"] is None or p["entity"] in entities for p in event.get("participants", [])), event


# -- Spark -------------------------------------------------------------------------------
# Shared here (not in a tests/spark/conftest.py, which would shadow this module for the
# `from conftest import ...` above) because tests/spark and tests/store both use them.

SPEAKERS = [("Maria Lopez", "union leader", "The harbour will stay closed until the wages are paid"),
            ("John Smith", "Senator", "We will not raise taxes this year"),
            ("Jane Doe", "Mayor", "The bridge will be rebuilt before the winter"),
            ("Ahmed Karim", "Health Minister", "Every hospital will get new staff by March"),
            ("Olga Petrova", "central bank governor", "Inflation has peaked and rates will fall")]
OUTLETS = ["news.example.com", "daily.example.org", "wire.example.net"]
CITIES = ["Leeds", "Baltimore", "Lyon", "Porto"]
SPARK_ARTICLES = 20


def made_up_article(number: int) -> dict[str, Any]:
    """Article `number` of a made-up corpus: each speaker's statement is carried by several
    outlets in several months, with a dated statement, an indirect one and an event."""
    name, title, statement = SPEAKERS[number % len(SPEAKERS)]
    city = CITIES[number % len(CITIES)]
    month = 1 + number % 3
    text = (f"\u201c{statement},\u201d {title} {name} told reporters on Monday in {city}.\n\n"
            f"{name.split()[-1]} said the plan would be decided by the council next week, "
            f"according to officials in {city}.\n\n"
            f"Police said two men were arrested on Friday in {city} after protests (report {number}).\n")
    if number % 4 == 0:
        text += f'\n"It is too early to say," a spokesman for {name.split()[-1]} said.\n'
    return {"id": f"a{number:02d}", "text": text, "published": f"2024-{month:02d}-{10 + number % 15:02d}",
            "title": f"{name} on {city}", "url": f"https://{OUTLETS[number % len(OUTLETS)]}/2024/{number}"}


def _html(article: dict[str, Any]) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in article["text"].split("\n\n") if p.strip())
    return (f'<html><head><title>{article["title"]}</title><meta property="article:published_time" '
            f'content="{article["published"]}T10:00:00Z"></head><body><nav>Home | World</nav>'
            f'<article><h1>{article["title"]}</h1>{paragraphs}</article></body></html>').encode("utf-8")


def _write_warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def write_spark_corpus(folder: Path) -> None:
    """The 20 made-up articles as JSON Lines (8, and a bad line), text files (4), HTML
    pages (2), a WARC (2 pages) and Parquet (4), plus a binary file posing as JSON Lines."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    articles = [made_up_article(n) for n in range(SPARK_ARTICLES)]
    folder.mkdir(parents=True)
    with (folder / "wire.jsonl").open("w", encoding="utf-8") as stream:
        for article in articles[:8]:
            stream.write(json.dumps(article) + "\n")
        stream.write("{not json\n")
    for article in articles[8:12]:
        (folder / f"{article['id']}.txt").write_text(article["text"], encoding="utf-8")
    for article in articles[12:14]:
        (folder / f"{article['id']}.html").write_bytes(_html(article))
    _write_warc(folder / "crawl.warc.gz", [(a["url"], _html(a)) for a in articles[14:16]])
    pq.write_table(pa.Table.from_pylist(articles[16:20]), folder / "archive.parquet")
    (folder / "garbage.jsonl").write_bytes(bytes(range(256)) * 4)


# A JSON escape for half a surrogate pair: valid JSON, a str Python reads, but not Unicode
# text; spaCy's tokenizer fails on it (UnicodeEncodeError), which stops extract_many.
BROKEN_ARTICLE = '{"id": "broken", "text": "\\"Fine \\ud800,\\" the mayor said on Monday."}\n'


def _spark_unavailable(reason: str) -> None:
    skip_or_fail(f"{reason}: CI must run the Spark tests (.ci/run installs Java 17)")


@pytest.fixture(scope="session")
def spark_available() -> None:
    """Skip (fail under CI) where pyspark or Java is missing."""
    import os
    import shutil

    try:
        import pyspark  # noqa: F401
    except ImportError as err:
        _spark_unavailable(f"pyspark is not installed ({err}): pip install -e '.[spark]'")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        _spark_unavailable("no Java on PATH and no $JAVA_HOME: Spark needs Java 17 (apt-get install openjdk-17-jre-headless)")


@pytest.fixture(scope="session")
def spark(spark_available):
    """A local[2] SparkSession for the session (real pyspark, real JVM, two Python workers)."""
    from quotegraph.spark.job import spark_session

    session = spark_session("local[2]", {"spark.driver.memory": "1g", "spark.ui.enabled": "false",
                                         "spark.ui.showConsoleProgress": "false", "spark.sql.shuffle.partitions": "4"})
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def spark_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The made-up corpus (`corpus`, a folder) and the broken article (`broken`, a file)."""
    try:
        import pyarrow  # noqa: F401 - the Parquet inputs are written with it
    except ImportError as err:
        _spark_unavailable(f"pyarrow is not installed ({err}): pip install -e '.[spark]'")
    root = tmp_path_factory.mktemp("spark-inputs")
    write_spark_corpus(root / "corpus")
    (root / "broken.jsonl").write_text(BROKEN_ARTICLE, encoding="utf-8")
    return {"corpus": root / "corpus", "broken": root / "broken.jsonl"}


@pytest.fixture(scope="session")
def spark_output(spark, spark_inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    """The job's Parquet output for the corpus and the broken article, and its result."""
    from quotegraph.spark.job import run_job

    output = tmp_path_factory.mktemp("spark-output") / "records"
    result = run_job(spark, [str(spark_inputs["corpus"]), str(spark_inputs["broken"])], str(output),
                     fmt="parquet", partitions=3)
    return output, result


@pytest.fixture(scope="session")
def reference_records(spark_inputs: dict[str, Path]) -> list[dict[str, Any]]:
    """extract_many's records of the corpus, read by quotegraph's own readers (no Spark), with
    every quote: the Spark job writes what the store keeps (`Options.everything`)."""
    import pyarrow.parquet as pq

    from quotegraph import extract_many
    from quotegraph.readers import ReadError, read_inputs

    folder = spark_inputs["corpus"]
    items: list[Any] = [item for item in read_inputs([str(folder)]) if not isinstance(item, ReadError)]
    # Parquet is not a format of read_inputs: the job reads its columns as articles' fields.
    items += pq.read_table(folder / "archive.parquet").to_pylist()
    return [record.to_dict() for record in extract_many(items, options=Options().everything())]
