"""The sources report over a store (store/sources.py), on SQLite and PostgreSQL: its counts
on a corpus counted by hand (sources_corpus.py), each figure equal to the listing its filter
gives (find_quotes), the outlet as the URL's host, and the same report whatever the order
the articles came in."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from support.sources_corpus import CORPUS, write_corpus

from quotegraph.store import open_store, schema
from quotegraph.store.linking import host_of
from quotegraph.store.outlets import outlet_column, outlet_name
from quotegraph.store.queries import find_quotes
from quotegraph.store.sources import SourceFilters, sources_report

URLS = ["https://www.NYTimes.com/2016/10/x.html", "http://user:pw@news.example.co.uk:8080/a?b#c",
        "https://example.org", "https://example.org?x=1", "https://example.org#top", "ftp://www.x.net#f",
        "example.com/path", "mailto:a@b.c", None, "HTTPS://WWW.BBC.CO.UK", "http://wwwx.com/a",
        "https://a.b@host.com/x@y", "https://\u202eevil.example/a", "https://<img src=x>.example/"]


@pytest.fixture
def corpus_db(store_url: str) -> str:
    write_corpus(store_url)
    return store_url


def _report(db: str, **kwargs: Any) -> dict[str, Any]:
    by = kwargs.pop("by", ("outlet", "month"))
    store = open_store(db)
    try:
        with store.read() as connection:
            return sources_report(connection, SourceFilters(**kwargs), by)
    finally:
        store.close()


def _figures(row: dict[str, Any]) -> tuple:
    """A row's counts: (statements, speakers, {gender: statements}, {gender: speakers})."""
    return (row["statements"], row["speakers"], {g: c["statements"] for g, c in row["gender"].items()},
            {g: c["speakers"] for g, c in row["gender"].items()})


def test_the_outlet_is_the_urls_host_in_sql_on_both_databases(store_url: str) -> None:
    store = open_store(store_url)
    now = dt.datetime.now(dt.timezone.utc)
    try:
        with store.write() as connection:
            run = connection.execute(schema.runs.insert().returning(schema.runs.c.id), {
                "started": now, "quotegraph_version": "t", "spacy_version": "t", "model_name": "n"}).scalar_one()
            connection.execute(schema.articles.insert(), [
                {"key": f"k{n}", "source": "s", "url": url, "text": "t", "run_id": run, "created": now}
                for n, url in enumerate(URLS)])
        with store.read() as connection:
            found = connection.execute(sa.select(schema.articles.c.url, outlet_column(connection.dialect.name))).all()
    finally:
        store.close()
    assert sorted(found, key=lambda row: URLS.index(row[0])) == [(url, host_of(url)) for url in URLS]
    assert host_of(URLS[0]) == "nytimes.com" and host_of(URLS[7]) is None


@pytest.mark.parametrize("given, name", [("https://www.Gazette.example/news?id=1", "gazette.example"),
                                         ("WWW.Gazette.Example", "gazette.example"), (" herald.example ", "herald.example")])
def test_an_outlet_given_as_a_url_or_with_www_is_the_host(given: str, name: str) -> None:
    assert outlet_name(given) == name


def test_the_write_path_fills_the_corpus_gender(corpus_db: str) -> None:
    store = open_store(corpus_db)
    try:
        with store.read() as connection:
            e, ae = schema.entities, schema.article_entities
            corpus = dict(connection.execute(sa.select(e.c.name, e.c.gender).where(e.c.gender.is_not(None))).all())
            local = connection.execute(sa.select(ae.c.name, ae.c.gender, ae.c.gender_evidence)
                                       .where(ae.c.name == "Anna Kowalski").order_by(ae.c.id)).all()
    finally:
        store.close()
    assert corpus == {"Anna Kowalski": "female", "Ben Ortiz": "male"}
    # signalled in the herald article only: the gazette's row has no gender, the entity has
    assert [(row.gender, bool(row.gender_evidence)) for row in local] == [("female", True), (None, False)]


def test_the_report_counts_statements_and_speakers_by_outlet_and_month(corpus_db: str) -> None:
    report = _report(corpus_db, min_confidence=0.5)
    rows = {(row["outlet"], row["month"]): _figures(row) for row in report["rows"]}
    assert [(row["outlet"], row["month"]) for row in report["rows"]] == [
        ("herald.example", "2024-03"), ("gazette.example", "2024-04"), ("none", "undated")]
    assert rows[("herald.example", "2024-03")] == (5, 3, {"female": 2, "male": 1, "unknown": 2},
                                                   {"female": 1, "male": 1, "unknown": 1})
    assert rows[("gazette.example", "2024-04")] == (4, 4, {"female": 1, "male": 0, "unknown": 3},
                                                    {"female": 1, "male": 0, "unknown": 3})
    assert rows[("none", "undated")] == (2, 2, {"female": 0, "male": 1, "unknown": 1},
                                         {"female": 0, "male": 1, "unknown": 1})
    total = report["total"]
    assert _figures(total) == (11, 7, {"female": 3, "male": 2, "unknown": 6}, {"female": 1, "male": 1, "unknown": 5})
    assert {name: (c["statements"], c["speakers"]) for name, c in total["source_type"].items()} == {
        "person": (6, 3), "organisation": (1, 1), "group": (1, 1), "anonymous": (1, 1), "document": (1, 1),
        "none": (1, 0)}
    assert total["women_share"] == {"statements": 0.6, "speakers": 0.5}
    assert rows[("gazette.example", "2024-04")][2]["female"] == 1  # Kowalski, female through the corpus entity


@pytest.mark.parametrize("filters, statements, genders", [
    ({"min_confidence": 0.0}, 12, {"female": 3, "male": 3, "unknown": 6}),  # Ortiz's weak statement too
    ({"min_confidence": 0.5, "search": "bridge"}, 4, {"female": 2, "male": 1, "unknown": 1}),
    ({"min_confidence": 0.5, "since": dt.date(2024, 4, 1)}, 4, {"female": 1, "male": 0, "unknown": 3}),
    ({"min_confidence": 0.5, "until": dt.date(2024, 3, 31)}, 5, {"female": 2, "male": 1, "unknown": 2}),
    ({"min_confidence": 0.5, "outlet": "https://www.gazette.example/"}, 4, {"female": 1, "male": 0, "unknown": 3}),
    ({"min_confidence": 0.5, "outlet": "none"}, 2, {"female": 0, "male": 1, "unknown": 1}),
])
def test_the_report_narrows_to_its_filters(corpus_db: str, filters: dict, statements: int, genders: dict) -> None:
    total = _report(corpus_db, by=("month",), **filters)["total"]
    assert (total["statements"], {g: c["statements"] for g, c in total["gender"].items()}) == (statements, genders)


@pytest.mark.parametrize("filters", [{"min_confidence": 0.5}, {"min_confidence": 0.0}, {"search": "bridge"},
                                     {"since": dt.date(2024, 3, 15), "min_confidence": 0.5},
                                     {"outlet": "herald.example", "min_confidence": 0.5}])
def test_every_figure_is_the_length_of_the_listing_its_filter_gives(corpus_db: str, filters: dict) -> None:
    report = _report(corpus_db, **filters)
    store = open_store(corpus_db)
    checked = 0
    try:
        with store.read() as connection:
            for row in (report["total"], *report["rows"]):
                cells = [row, *row["gender"].values(), *row["source_type"].values()]
                for cell in cells:
                    listed = find_quotes(connection, limit=None, **cell["filter"])
                    assert len(listed) == cell["statements"], cell["filter"]
                    speakers = {q["speaker_entity_id"] for q in listed if q["speaker_entity_id"] is not None}
                    assert len(speakers) == cell["speakers"], cell["filter"]
                    checked += 1
    finally:
        store.close()
    assert checked == (1 + len(report["rows"])) * 10


def test_the_report_is_the_same_whatever_order_the_articles_came_in(store_url: str, tmp_path) -> None:
    write_corpus(store_url)
    reversed_db = str(tmp_path / "reversed.db")
    for item in reversed(CORPUS):
        write_corpus(reversed_db, [item])
    assert _report(reversed_db) == _report(store_url)


def test_bad_groupings_and_filters_are_refused(corpus_db: str) -> None:
    store = open_store(corpus_db)
    try:
        with store.read() as connection:
            with pytest.raises(ValueError, match="group by one or both of outlet, month"):
                sources_report(connection, SourceFilters(), ("author",))
            with pytest.raises(ValueError, match="speaker gender must be one of female, male, unknown"):
                find_quotes(connection, speaker_gender="other")
            with pytest.raises(ValueError, match="source type must be one of person"):
                find_quotes(connection, source_type="official")
    finally:
        store.close()


def test_the_report_tells_each_stage_it_starts(corpus_db: str) -> None:
    """What `quotegraph sources` shows while a large store is counted (cli/progress.py)."""
    stages: list[str] = []
    store = open_store(corpus_db)
    try:
        with store.read() as connection:
            report = sources_report(connection, SourceFilters(), ("outlet",), progress=stages.append)
    finally:
        store.close()
    assert stages == ["finding each article's outlet", "grouping statements by speaker", "ordering the rows"]
    assert report == _report(corpus_db, by=("outlet",))
