"""The web app's pages and their JSON and CSV twins, over a store made by `quotegraph ingest`,
on SQLite and PostgreSQL: what each page shows, where it links, its errors and its headers."""
from __future__ import annotations

import csv
import io
from contextlib import contextmanager
from html.parser import HTMLParser
from typing import Any, Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from support.web import HOSTILE_TITLE, VOID

from quotegraph.config import DEFAULT_MIN_CONFIDENCE
from quotegraph.store import database_url, schema
from quotegraph.web.app import CONTENT_SECURITY_POLICY, SECURITY_HEADERS

DATE = '<time class="date" datetime="{0}"><bdi>{0}</bdi></time>'  # a date as pages show it, never wrapped


def get_json(client: Any, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text)
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def quotes_of(client: Any, **params: str) -> list[dict[str, Any]]:
    return get_json(client, "/quotes.json?" + "&".join(f"{k}={v}" for k, v in params.items()))["quotes"]


def article_id(client: Any, external_id: str) -> int:
    rows = [row for row in quotes_of(client, per_page="200", min_confidence="0") if row["article"] == external_id]
    assert rows, external_id
    return rows[0]["article_id"]


class SpanText(HTMLParser):
    """Text inside elements carrying `data-span`, per span id, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.texts: dict[str, str] = {}
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.hrefs += [value or "" for name, value in attrs if name in ("href", "src", "action")]
        if tag not in VOID:
            self.stack.append(found.get("data-span"))

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for span_id in {s for s in self.stack if s}:
            self.texts[span_id] = self.texts.get(span_id, "") + data


# -- the pages -------------------------------------------------------------------------------

def test_overview_counts_speakers_and_latest_articles(client: Any) -> None:
    data = get_json(client, "/index.json")
    assert data["counts"]["articles"] == 3
    assert data["counts"]["quotes"] >= 7
    assert data["top_speakers"][0]["name"] == "Anna Kowalski"
    assert [a["published"] for a in data["latest_articles"]] == ["2024-03-10", "2024-03-09", "2024-03-08"]
    page = client.get("/")
    assert page.status_code == 200
    assert f'href="/speakers/{data["top_speakers"][0]["entity_id"]}"' in page.text
    assert 'action="/quotes"' in page.text


def test_search_links_each_quote_to_its_article_and_speaker(client: Any) -> None:
    rows = quotes_of(client, q="costs")
    assert sorted(row["article"] for row in rows) == ["gazette-1", "herald-1"]
    assert all(row["speaker"] == "Anna Kowalski" for row in rows)
    assert [row["published"] for row in rows] == ["2024-03-09", "2024-03-08"]  # newest first
    page = client.get("/quotes?q=costs")
    assert page.status_code == 200
    for row in rows:
        assert f'href="/articles/{row["article_id"]}?quote={row["local_id"]}#side-{row["local_id"]}"' in page.text
        assert f'href="/speakers/{row["speaker_entity_id"]}"' in page.text


@pytest.mark.parametrize("params, articles", [
    # everything stored (min_confidence=0): the filters, whatever the default view shows
    # (herald-1's third is the weak "Kowalski acknowledged the problem")
    ({"speaker": "Anna Kowalski", "min_confidence": "0"}, ["hostile-1", "gazette-1", "gazette-1"] + ["herald-1"] * 3),
    ({"speaker": "Mayor Kowalski", "min_confidence": "0"},
     ["hostile-1", "gazette-1", "gazette-1"] + ["herald-1"] * 3),  # honorifics ignored
    ({"speaker": "Kowalski", "min_confidence": "0"}, ["hostile-1", "gazette-1", "gazette-1"] + ["herald-1"] * 3),
    ({"speaker": "Anna Kowalski", "since": "2024-03-09", "until": "2024-03-09"}, ["gazette-1", "gazette-1"]),
    ({"about": "Ortiz"}, ["gazette-1"]),
    ({"kind": "thought"}, ["herald-1"]),  # "Ortiz believes ...": a belief, not a statement
    ({"kind": "thought", "q": "safe"}, ["herald-1"]),
    ({"kind": "writing"}, []),
    ({"q": "costs", "until": "2024-03-08"}, ["herald-1"]),
    ({"q": "costs -study"}, []),
    ({"q": "", "speaker": "", "about": "", "kind": "", "min_confidence": "", "since": "", "until": ""},
     "default"),  # an empty form: the default view
    ({"min_confidence": "0"}, "everything"),
])
def test_search_filters(client: Any, params: dict[str, str], articles: list[str] | str) -> None:
    found = [row["article"] for row in quotes_of(client, **params)]
    if isinstance(articles, str):
        everything = quotes_of(client, per_page="200", min_confidence="0")
        assert len(found) == sum(articles == "everything" or row["confidence"] >= DEFAULT_MIN_CONFIDENCE
                                 for row in everything)
    else:
        assert found == articles


def test_min_confidence_filter(client: Any) -> None:
    everything = quotes_of(client, per_page="200", min_confidence="0")
    middle = sorted(row["confidence"] for row in everything)[len(everything) // 2]
    kept = quotes_of(client, per_page="200", min_confidence=str(middle))
    assert [row["quote_id"] for row in kept] == [row["quote_id"] for row in everything if row["confidence"] >= middle]
    # by default, the statements of the default view; the store keeps everything
    default = quotes_of(client, per_page="200")
    assert [row["quote_id"] for row in default] == \
        [row["quote_id"] for row in everything if row["confidence"] >= DEFAULT_MIN_CONFIDENCE]
    assert len(default) < len(everything)
    page = client.get("/quotes")
    assert page.status_code == 200 and f'<option value="{DEFAULT_MIN_CONFIDENCE}" selected>' in page.text


def test_an_article_page_shows_its_statements_and_says_what_it_hides(client: Any) -> None:
    everything = quotes_of(client, per_page="200", min_confidence="0")
    weak = next(row for row in everything if row["confidence"] < DEFAULT_MIN_CONFIDENCE)
    view = get_json(client, f"/articles/{weak['article_id']}.json")
    full = get_json(client, f"/articles/{weak['article_id']}.json?min_confidence=0")
    assert weak["local_id"] not in [q["id"] for q in view["quotes"]]
    assert weak["local_id"] in [q["id"] for q in full["quotes"]]
    assert view["hidden"] == len(full["quotes"]) - len(view["quotes"]) > 0
    page = client.get(f"/articles/{weak['article_id']}")
    assert "not shown" in page.text and f'href="/articles/{weak["article_id"]}?min_confidence=0"' in page.text


def test_pages_of_results_are_disjoint_and_bounded(client: Any) -> None:
    everything = [row["quote_id"] for row in quotes_of(client, per_page="200")]
    pages = []
    for number in range(1, len(everything) + 1):
        data = get_json(client, f"/quotes.json?per_page=1&page={number}")
        pages += [row["quote_id"] for row in data["quotes"]]
        assert data["pagination"]["next_page"] == (number + 1 if number < len(everything) else None)
    assert pages == everything
    assert get_json(client, f"/quotes.json?page={len(everything) + 1}&per_page=1")["quotes"] == []


def test_quotes_csv(client: Any) -> None:
    response = client.get("/quotes.csv?q=costs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(row["article"] for row in rows) == ["gazette-1", "herald-1"]
    assert {"content", "speaker", "kind", "article_id", "local_id", "confidence"} <= set(rows[0])
    assert {row["kind"] for row in rows} == {"speech"}


def test_article_highlights_are_the_stored_spans(client: Any) -> None:
    """Each highlighted part of each quote reads exactly as the span the store holds."""
    herald = article_id(client, "herald-1")
    data = get_json(client, f"/articles/{herald}.json")
    record = data["record"]
    page = client.get(f"/articles/{herald}")
    assert page.status_code == 200
    parser = SpanText()
    parser.feed(page.text)
    checked = 0
    for quote in record["quotes"]:
        for number, span in enumerate(quote["content"]):
            assert parser.texts[f"{quote['id']}-content-{number}"] == span["text"] == \
                record["text"][span["start"]:span["end"]]
            checked += 1
        for part in ("cue", "source", "addressee"):
            if quote[part]:
                assert parser.texts[f"{quote['id']}-{part}"] == quote[part]["text"]
                checked += 1
    assert checked >= 7  # three quotes: contents, cues, sources and one addressee ("reporters")
    assert 'data-value="2024-03-08"' in page.text  # "Friday", with its normalised date
    kowalski = next(q for q in data["quotes"] if q["speaker"] == "Anna Kowalski")
    assert f"/speakers/{kowalski['speaker_entity_id']}" in parser.hrefs
    side = {q["id"]: q for q in data["quotes"]}
    assert side["q0"]["addressee"] == "reporters" and side["q0"]["time"]["value"] == "2024-03-08"
    assert side["q0"]["kind"] == "speech" and side["q3"]["kind"] == "thought"
    assert "<dt>kind</dt><dd>thought</dd>" in page.text
    assert all(0 < q["confidence"] <= 1 for q in data["quotes"])


def test_speaker_page(client: Any) -> None:
    speaker = quotes_of(client, speaker="Anna Kowalski")[0]["speaker_entity_id"]
    data = get_json(client, f"/speakers/{speaker}.json")
    assert data["entity"]["name"] == "Anna Kowalski"
    assert [v["value"] for v in data["names"]] == ["Anna Kowalski"]
    assert data["names"][0]["first"] == "2024-03-08" and data["names"][0]["last"] == "2024-03-10"
    # the page shows the speaker's statements of the default view, newest first
    shown = quotes_of(client, speaker="Anna Kowalski")
    assert 0 < len(shown) <= 5
    published = [row["published"] for row in data["quotes"]]
    assert published == sorted(published, reverse=True) and len(published) == len(shown)
    assert data["chart"] == [{"period": "2024-03", "count": len(shown)}]
    assert data["addresses"] == [{"addressee": "reporters", "quotes": 1}]
    assert [(t["name"], t["quotes"]) for t in data["talks_about"]] == [("Councillor Ben Ortiz", 1)]
    clustered = [row for row in data["quotes"] if row["also_in"]]
    assert {row["article"] for row in clustered} == {"herald-1", "gazette-1"}
    assert {r["outlet"] for row in clustered for r in row["also_in"]} == {"herald.example", "gazette.example"}
    page = client.get(f"/speakers/{speaker}")
    assert page.status_code == 200 and "<svg" in page.text and "Anna Kowalski" in page.text
    rows = list(csv.DictReader(io.StringIO(client.get(f"/speakers/{speaker}.csv").text)))
    assert len(rows) == len(shown)


def test_cluster_page_first_seen_where(client: Any) -> None:
    row = next(row for row in quotes_of(client, q="costs") if row["reports"] == 2)
    data = get_json(client, f"/clusters/{row['cluster_id']}.json")
    assert data["cluster"]["reports"] == 2
    assert data["cluster"]["first_seen"] == "2024-03-08"
    assert data["cluster"]["first_seen_in"]["outlet"] == "herald.example"
    assert data["outlets"] == ["gazette.example", "herald.example"]
    page = client.get(f"/clusters/{row['cluster_id']}")
    assert page.status_code == 200 and "first seen " + DATE.format("2024-03-08") in page.text


def test_timeline_in_calendar_order(client: Any) -> None:
    data = get_json(client, "/timeline.json?entity=Anna%20Kowalski")
    dates = [item["date"] for item in data["items"]]
    assert dates == sorted(dates) and len(dates) >= 3
    assert all(item["kind"] == "statement" and item["article_id"] for item in data["items"])
    assert data["chart"] and data["chart"][0]["period"] == "2024-03"
    page = client.get("/timeline?entity=Anna%20Kowalski")
    assert page.status_code == 200 and "<svg" in page.text
    rows = list(csv.DictReader(io.StringIO(client.get("/timeline.csv?entity=Anna%20Kowalski").text)))
    assert [row["date"] for row in rows] == dates
    assert client.get("/timeline").status_code == 200  # the form alone


def test_every_page_has_a_json_twin(client: Any) -> None:
    """Each HTML page the API lists has one at the same path with .json (the overview's is /index.json)."""
    paths = set(get_json(client, "/openapi.json")["paths"])
    pages = {path for path in paths if not path.endswith((".json", ".csv")) and path != "/api"}
    assert pages == {"/", "/quotes", "/articles/{article_id}", "/speakers/{entity_id}", "/timeline",
                     "/clusters/{cluster_id}", "/sources"}
    for page in pages:
        assert ("/index.json" if page == "/" else page + ".json") in paths, page


def test_openapi_and_api_page(client: Any) -> None:
    spec = get_json(client, "/openapi.json")
    for path in ("/quotes.json", "/articles/{article_id}.json", "/speakers/{entity_id}.json", "/timeline.json",
                 "/clusters/{cluster_id}.json", "/index.json"):
        assert path in spec["paths"], path
    assert all(set(methods) == {"get"} for methods in spec["paths"].values())  # nothing writes
    page = client.get("/api")
    assert page.status_code == 200 and "/quotes.json" in page.text


# -- bad input and errors --------------------------------------------------------------------

@pytest.mark.parametrize("path, status, words", [
    ("/articles/999999", 404, "no article 999999"),
    ("/speakers/999999", 404, "no entity 999999"),
    ("/clusters/999999", 404, "no statement cluster 999999"),
    ("/timeline?entity=Nobody%20Known", 404, "no entity matching"),
    ("/no/such/page", 404, "no such page"),
    ("/articles/abc", 400, "article_id"),
    ("/quotes?since=yesterday", 400, "is not a date in YYYY-MM-DD form"),
    ("/quotes?since=2024-03-10&until=2024-03-01", 400, "is after until"),
    ("/quotes?per_page=100000", 400, "per_page"),
    ("/quotes?page=0", 400, "page"),
    ("/quotes?page=1000000", 400, "too deep"),
    ("/quotes?kind=shouting", 400, "kind"),
    ("/quotes?min_confidence=high", 400, "is not a number"),
    ("/quotes?min_confidence=1.5", 400, "is not between 0 and 1"),
    ("/quotes?q=" + "x" * 600, 400, "q"),
])
def test_errors_are_pages_with_a_message(client: Any, path: str, status: int, words: str) -> None:
    page = client.get(path)
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")
    assert words in page.text and "Traceback" not in page.text
    base, _, query = path.partition("?")
    twin = client.get(base + ".json" + (f"?{query}" if query else ""))
    assert twin.status_code == status
    assert twin.json()["error"]["status"] == status and words in twin.json()["error"]["message"]


def test_nothing_writes(client: Any) -> None:
    for method in ("post", "put", "delete", "patch"):
        response = getattr(client, method)("/quotes")
        assert response.status_code == 405, method
        assert "only answers GET" in response.text


def test_store_is_opened_read_only(client: Any) -> None:
    store = client.app.state.store
    with pytest.raises(DBAPIError, match="(?i)read-?only"):
        with store.read() as connection:
            connection.execute(sa.delete(schema.quotes))
            connection.commit()
    assert get_json(client, "/index.json")["counts"]["articles"] == 3


# -- hostile articles ------------------------------------------------------------------------

def test_security_headers_on_pages_and_errors(client: Any) -> None:
    for path in ("/", "/quotes.json", "/articles/999999", "/static/style.css"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY and "script-src 'self'" in CONTENT_SECURITY_POLICY


@contextmanager
def table_renamed(db: str, table: str) -> Iterator[None]:
    """`table` renamed behind the running app's back (through a writable connection of
    its own), renamed back afterwards: the app's next query of it fails."""
    engine = sa.create_engine(database_url(db))
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(f"ALTER TABLE {table} RENAME TO {table}_gone"))
        yield
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f"ALTER TABLE {table}_gone RENAME TO {table}"))
        engine.dispose()


def test_unexpected_errors_send_the_security_headers_and_no_traceback(client: Any, web_db: str) -> None:
    """A store that breaks under the app (a table gone) gives 500s: a page or JSON saying
    so, with the same security headers as every other response, and nothing of the error."""
    speaker_id = get_json(client, "/index.json")["top_speakers"][0]["entity_id"]
    with table_renamed(web_db, "entities"):
        for path in (f"/speakers/{speaker_id}", f"/speakers/{speaker_id}.json", "/quotes?speaker=Kowalski"):
            response = client.get(path)
            assert response.status_code == 500, path
            for name, value in SECURITY_HEADERS.items():
                assert response.headers[name] == value, (path, name)
            assert "could not answer this request" in response.text
            for leak in ("Traceback", "entities", "Error", 'File "'):
                assert leak not in response.text, (path, leak)
    assert client.get(f"/speakers/{speaker_id}").status_code == 200  # and the app goes on once it is back


def test_hostile_article_is_escaped(client: Any) -> None:
    hostile = article_id(client, "hostile-1")
    page = client.get(f"/articles/{hostile}").text
    assert "<script>window" not in page and "<img" not in page
    parser = SpanText()
    parser.feed(page)
    assert parser.hrefs and not [h for h in parser.hrefs if not h.startswith(("/", "#", "https://"))]
    assert "&lt;script&gt;window.__xss_title=1&lt;/script&gt;" in page
    assert 'class="raw-url"><bdi>javascript:window.__xss_url=1</bdi><' in page  # shown, never linked
    data = get_json(client, f"/articles/{hostile}.json")
    assert data["article"]["title"] == HOSTILE_TITLE  # the JSON keeps the data as it is
    listing = client.get("/").text
    assert "<script>window" not in listing and "&lt;script&gt;" in listing


def test_article_page_names_the_quote_a_nested_report_is_in(tmp_path: Any) -> None:
    """A report nested in another quote ("... stated that he envisioned ...") says which
    quote holds it, and links to it beside the text."""
    import json

    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from quotegraph.cli import main
    from quotegraph.web import create_app

    article = {"id": "gm-1", "published": "2009-06-01", "text": "Fritz Henderson stated that he envisioned the "
               "bankruptcy process would take between 60 and 90 days."}
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "news.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    db = str(tmp_path / "nested.db")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with TestClient(create_app(db), raise_server_exceptions=False) as nested_client:
        stored = article_id(nested_client, "gm-1")
        quotes = get_json(nested_client, f"/articles/{stored}.json")["quotes"]
        page = nested_client.get(f"/articles/{stored}")
    assert [(q["cue"], q["within"]) for q in quotes] == [("stated", None), ("envisioned", "q0")]
    assert '<dt>within</dt><dd><a href="#side-q0">the report q0</a>, which holds it</dd>' in page.text


# -- the edges of HTTP -----------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/quotes?q=costs", "/quotes.json", "/timeline", "/api", "/static/style.css"])
def test_head_answers_as_get_without_a_body(client: Any, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))
    assert head.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path, location", [
    ("/quotes/", "/quotes"),
    ("/quotes/?q=costs", "/quotes?q=costs"),
    ("/articles/1//", "/articles/1"),
    ("//evil.example/", "/evil.example"),  # never to another host
    ("/%2F%2Fevil.example/", "/%2F%2Fevil.example"),
])
def test_trailing_slash_redirects_to_a_path_on_this_server(client: Any, path: str, location: str) -> None:
    response = client.get("http://testserver" + path, headers={"Host": "attacker.example"}, follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == location


def test_an_address_too_long_is_a_414_that_does_not_echo_it(client: Any) -> None:
    for path in ("/quotes?q=" + "x" * 60_000, "/quotes.json?q=" + "x" * 9_000):
        response = client.get(path)
        assert response.status_code == 414
        assert "longer than 8,192 bytes" in response.text and "xxxxxxxxxx" not in response.text
    assert client.get("/quotes.json?q=" + "x" * 400).status_code == 200


def test_timeline_names_articles_by_title_and_quotes_once(client: Any) -> None:
    data = get_json(client, "/timeline.json?entity=Anna%20Kowalski")
    titles = {item["article_title"] for item in data["items"]}
    assert "Council delays bridge vote" in titles
    page = client.get("/timeline?entity=Anna%20Kowalski").text
    assert ">Council delays bridge vote</bdi></a>" in page
    assert "”<" not in page.replace("</bdi>”<", "") and "””" not in page
    assert "““" not in page


def test_a_search_says_how_many_match_marks_the_words_and_keeps_the_query(client: Any) -> None:
    page = client.get("/quotes?q=costs").text
    assert '<p class="matches" role="status">2 quotes match <bdi>costs</bdi>; showing 1–2.</p>' in page
    assert page.count("<mark>costs</mark>") == 2
    assert 'id="site-q" name="q" type="search" placeholder="Search quotes" maxlength="500" value="costs"' in page
    assert 'name="q" type="search" value="costs"' in page
    one = get_json(client, "/quotes.json?q=costs&per_page=1")
    assert one["matches"] == {"count": 2, "more": False} and len(one["quotes"]) == 1
    assert "1 quote matches" in client.get("/quotes?q=costs&until=2024-03-08").text
    assert '<mark>' not in client.get("/quotes?q=costs%20-study").text


@pytest.mark.parametrize("name", ["Anna Kowalski", "Ben Ortiz", "council"])
def test_the_web_timeline_from_the_indexes_is_the_command_lines(client: Any, name: str) -> None:
    """The page reads the store's tables; `quotegraph timeline --db` rebuilds the records:
    the same items in the same order, the same undated count. "council" names no entity of
    the store: its page is a 404."""
    from quotegraph.store.queries import entity_timeline

    with client.app.state.store.read() as connection:
        ids, expected = entity_timeline(connection, name)
    assert bool(ids) == (name != "council"), (name, ids)
    if not ids:
        assert client.get(f"/timeline.json?entity={name}").status_code == 404
        return
    data = get_json(client, f"/timeline.json?entity={name}&per_page=200")
    shown = [(i["kind"], i["article"], i["id"], i["date"], i["precision"], i["text"], i["time"]["value"])
             for i in data["items"]]
    assert shown == [(i["kind"], i["article"], i["id"], i["date"], i["precision"], i["text"], i["time"]["value"])
                     for i in expected.items]
    assert data["undated"] == expected.undated and data["total"] == len(expected.items)


def test_a_timeline_of_many_entities_reads_the_same_as_of_few(client: Any) -> None:
    """A common group's name matches thousands of entities (one per article): past a hundred
    ids they go to SQLite as one JSON list; the items are the same as listed one by one."""
    from quotegraph.store.queries import match_entities
    from quotegraph.web.timeline_rows import timeline_index

    with client.app.state.store.read() as connection:
        ids = match_entities(connection, "Anna Kowalski")
        few = timeline_index(connection, ids)
        many = timeline_index(connection, ids + list(range(10**9, 10**9 + 150)))  # ids no entity has
    assert few[0] and many == few
