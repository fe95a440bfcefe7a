"""What the store's tests share: PostgreSQL to test against, hand-built records and the
rows that hold them, input files, and the command line. The fixtures (`store_url`, `store`)
are in tests/store/conftest.py; the web app's tests use `postgres_url` too.

PostgreSQL comes from $QUOTEGRAPH_TEST_POSTGRES_URL (.ci/run starts a server on loopback
and sets it: `source .ci/postgres.sh && pg_test_start` does the same by hand). Where it
is unset those cases skip with a message, except under CI, where they fail (`skip_or_fail`):
CI must run them. Each PostgreSQL case starts from an empty `public` schema.
"""
from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from click.testing import CliRunner

from quotegraph import cli
from quotegraph.record import ArticleEntity, Event, Quote, Record, TimeExpression
from quotegraph.store import schema
from quotegraph.store.write import NewArticle, article_key
from support.policy import skip_or_fail

POSTGRES_ENV_VAR = "QUOTEGRAPH_TEST_POSTGRES_URL"


def _reset_postgres(url: str) -> None:
    from quotegraph.store.url import database_url

    engine = sa.create_engine(database_url(url))
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def postgres_url() -> str:
    """The test PostgreSQL database, emptied; skips (fails under CI) where there is none."""
    url = os.environ.get(POSTGRES_ENV_VAR)
    if not url:
        skip_or_fail(f"${POSTGRES_ENV_VAR} is not set: no PostgreSQL to test against "
                     "(source .ci/postgres.sh && pg_test_start starts one)")
    _reset_postgres(url)
    return url


# -- The command line ------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def stats(db: str) -> dict[str, int]:
    code, out, _ = run("stats", "--db", db, "--format", "json")
    assert code == 0
    return json.loads(out)


# -- Inputs --------------------------------------------------------------------------------

GOOD_HTML = b"""<html><head><title>Minister speaks | Example News</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Minister speaks</h1>
<p>The minister said that the plan would go ahead next week, despite the protests in the capital.</p>
<p>"We will not back down," she told reporters on Tuesday evening at the ministry.</p>
</article></body></html>"""


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    """A gzipped WARC of HTTP responses (url, body, content type), each with its request."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for url, body, content_type in pages:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=StatusAndHeaders(
                f"GET {url} HTTP/1.1", [("Host", "news.example.com")], is_http_request=True))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


# -- Hand-built records and the rows that hold them ------------------------------------------

TEXT = ('"We will not back down," President Joe Biden told reporters on Monday. '
        'Officials said the bridges were banned from traffic. Smith said nothing.')


def span(text: str, part: str, nth: int = 0) -> dict[str, Any]:
    """The `nth` occurrence of `part` in `text`, as a record's span."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    assert start >= 0, part
    return {"start": start, "end": start + len(part), "text": part}


def person(text: str, local: str, name: str, mention: str, **fields: Any) -> dict[str, Any]:
    """A record's person entity, mentioned once as `mention`."""
    return {"id": local, "name": name, "label": "PERSON", "titles": [], "affiliations": [], "source_type": "person",
            "gender": None, "gender_evidence": [], "mentions": [span(text, mention)], **fields}


def record(text: str = TEXT, id: str = "a1", url: str | None = None, published: str | None = "2024-03-04") -> Record:
    """A record as extract() would give it for TEXT: two quotes, three entities, a time, an event."""
    quotes = [
        Quote.from_dict({"id": "q0", "type": "direct", "content": [span(text, "We will not back down,")],
                         "cue": span(text, "told"), "source": span(text, "President Joe Biden"),
                         "speaker": {"entity": "e0", "name": "Joe Biden"}, "addressee": span(text, "reporters"),
                         "time": "t0", "confidence": 0.97}),
        Quote.from_dict({"id": "q1", "type": "indirect", "content": [span(text, "the bridges were"),
                                                                      span(text, "banned from traffic")],
                         "cue": span(text, "said"), "source": span(text, "Officials"),
                         "speaker": {"entity": "e1", "name": "Officials"}, "addressee": None, "time": None,
                         "confidence": 0.8}),
    ]
    entities = [
        {"id": "e0", "name": "Joe Biden", "label": "PERSON", "titles": ["President"], "affiliations": [],
         "source_type": "person", "gender": None, "gender_evidence": [],
         "mentions": [span(text, "President Joe Biden"), span(text, "Joe Biden")]},
        {"id": "e1", "name": "Officials", "label": "PERSON", "titles": [], "affiliations": [],
         "source_type": "group", "mentions": [span(text, "Officials")]},
        {"id": "e2", "name": "Smith", "label": "PERSON", "titles": [], "affiliations": [],
         "anonymous": False, "collective": False,  # a record written before source_type: read as a person
         "mentions": [span(text, "Smith")], "role": "speaker"},
    ]
    times = [{"id": "t0", **span(text, "on Monday"), "type": "DATE", "value": "2024-03-04"}]
    events = [{"id": "ev0", "trigger": span(text, "banned"), "time": "t0", "date": "2024-03-04",
               "participants": [{"entity": "e1", "role": "agent"}, {"entity": "e9", "role": "patient"}],
               "sentence": span(text, "Officials said the bridges were banned from traffic.")}]
    return Record(text=text, id=id, title="Bridges", published=published, url=url, quotes=quotes,
                  entities=[ArticleEntity.from_dict(entity) for entity in entities],
                  times=[TimeExpression.from_dict(time) for time in times],
                  events=[Event.from_dict(event) for event in events])


def new_article(rec: Record) -> NewArticle:
    source = rec.url or rec.id or ""
    return NewArticle(key=article_key(source, rec.text), source=source, record=rec)


def make_run(connection: sa.Connection) -> int:
    import datetime as dt

    return connection.execute(schema.runs.insert().returning(schema.runs.c.id), {
        "started": dt.datetime.now(dt.timezone.utc), "quotegraph_version": "test", "spacy_version": "test",
        "model_name": "none"}).scalar_one()
