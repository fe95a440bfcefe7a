"""The made-up corpus the Spark tests run on (tests/spark and tests/store/test_store_spark.py),
and the check that Spark can run here. The fixtures over them are in tests/conftest.py."""
from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

from support.policy import skip_or_fail

SPEAKERS = [("Maria Lopez", "union leader", "The harbour will stay closed until the wages are paid"),
            ("John Smith", "Senator", "We will not raise taxes this year"),
            ("Jane Doe", "Mayor", "The bridge will be rebuilt before the winter"),
            ("Ahmed Karim", "Health Minister", "Every hospital will get new staff by March"),
            ("Olga Petrova", "central bank governor", "Inflation has peaked and rates will fall")]
OUTLETS = ["news.example.com", "daily.example.org", "wire.example.net"]
CITIES = ["Leeds", "Baltimore", "Lyon", "Porto"]
SPARK_ARTICLES = 20

# A JSON escape for half a surrogate pair: valid JSON, a str Python reads, but not Unicode
# text; spaCy's tokenizer fails on it (UnicodeEncodeError), which stops extract_many.
BROKEN_ARTICLE = '{"id": "broken", "text": "\\"Fine \\ud800,\\" the mayor said on Monday."}\n'


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


def require_java() -> None:
    """Skip (fail under CI) where there is no Java for Spark: Java is not a Python package,
    so outside CI it may be missing. pyspark and pyarrow are declared in the [test] extra
    and imported plainly where they are used."""
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        skip_or_fail("no Java on PATH and no $JAVA_HOME: Spark needs Java 17 (apt-get install "
                     "openjdk-17-jre-headless); CI must run the Spark tests (.ci/run installs Java 17)")
