"""`/sources` (who gets quoted) and its `.json` twin, over a store written from records
whose speakers carry gender and source types (tests/support/sources_corpus.py) and two more
articles whose outlets are hostile: markup in the URL's host, a right-to-left override.

The twin's figures on SQLite and PostgreSQL (FastAPI's test client); in a real headless
Chromium: the page runs nothing and logs no CSP refusal, shows the hostile outlet as text,
its tables hold the twin's numbers and the charts the tables', and every link lists the
statements its number counts. Bad parameters are 400s with a message.
"""
from __future__ import annotations

from typing import Any, Iterator

import pytest
from support.browser import console_errors, get_json, screenshot, served
from support.sources_corpus import CORPUS, KOWALSKI, write_corpus
from support.store import postgres_url

HOSTILE_HOST = "<img src=x onerror=window.__xss_outlet=1>.example"
RLO = "\u202e"
SOURCES_CORPUS = CORPUS + [
    ("hostile-1", f"https://{HOSTILE_HOST}/a", "2024-05-01", [KOWALSKI], [(0, "Hostile outlet", 0.9)]),
    ("bidi-1", f"https://{RLO}evil.example/a", "2024-05-02", [KOWALSKI], [(0, "Bidi outlet", 0.9)]),
]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from quotegraph.web import create_app

    db = str(tmp_path_factory.mktemp("sources") / "store.db") if request.param == "sqlite" else postgres_url()
    write_corpus(db, SOURCES_CORPUS)
    with TestClient(create_app(db), raise_server_exceptions=False) as opened:
        yield opened


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("sources-browser") / "store.db")
    write_corpus(db, SOURCES_CORPUS)
    with served(db) as url:
        yield url


def test_the_twin_counts_by_outlet_and_month(client: Any) -> None:
    data = client.get("/sources.json").json()
    outlets = {row["outlet"]: (row["statements"], row["gender"]["female"]["statements"], row["speakers"])
               for row in data["outlets"]}
    assert outlets == {"herald.example": (5, 2, 3), "gazette.example": (4, 1, 4), HOSTILE_HOST.lower(): (1, 1, 1),
                       f"{RLO}evil.example": (1, 1, 1), "none": (2, 0, 2)}
    assert [row["month"] for row in data["months"]] == ["2024-03", "2024-04", "2024-05", "undated"]
    assert data["total"]["statements"] == 13 and data["total"]["women_share"] == {"statements": 0.7143,
                                                                                  "speakers": 0.5}
    narrowed = client.get("/sources.json?q=bridge&since=2024-03-01&until=2024-03-31").json()
    assert [(row["outlet"], row["statements"]) for row in narrowed["outlets"]] == [("herald.example", 2)]
    assert narrowed["filters"] == {"q": "bridge", "since": "2024-03-01", "until": "2024-03-31", "outlet": None,
                                   "min_confidence": 0.5}


def test_every_twin_link_lists_the_statements_its_number_counts(client: Any) -> None:
    data = client.get("/sources.json?min_confidence=0").json()
    checked = 0
    for row in (data["total"], *data["outlets"], *data["months"]):
        for figure in (row, *row["gender"].values(), *row["source_type"].values()):
            listed = client.get(figure["href"].replace("/quotes?", "/quotes.json?") + "&per_page=200")
            assert listed.status_code == 200, figure["href"]
            assert len(listed.json()["quotes"]) == figure["statements"], figure["href"]
            checked += 1
    assert checked == 10 * (1 + len(data["outlets"]) + len(data["months"]))


@pytest.mark.parametrize("path, message", [
    ("/sources.json?outlet=nowhere.example", "outlet: no article in this store is from 'nowhere.example'"),
    ("/sources.json?since=2024-02-30", "since: '2024-02-30' is not a date in YYYY-MM-DD form"),
    ("/sources.json?since=2024-05-01&until=2024-04-01", "since (2024-05-01) is after until (2024-04-01)"),
    ("/sources.json?min_confidence=2", "min_confidence: 2 is not between 0 and 1"),
    ("/quotes.json?speaker_gender=other", "speaker_gender: 'other' is not one of female, male, unknown"),
    ("/quotes.json?source_type=official", "source_type: 'official' is not one of person, organisation"),
    ("/quotes.json?outlet=nowhere.example", "outlet: no article in this store is from 'nowhere.example'"),
    ("/quotes.json?undated=true&since=2024-01-01", "undated lists quotes without a date"),
    ("/quotes.json?undated=maybe", "undated"),
])
def test_bad_parameters_are_400s_with_a_message(client: Any, path: str, message: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 400
    assert message in answer.json()["error"]["message"]


def test_the_site_links_to_sources_from_its_navigation_and_the_speaker_pages(client: Any) -> None:
    speaker = client.get("/quotes.json?speaker_gender=female").json()["quotes"][0]["speaker_entity_id"]
    for path in ("/", "/quotes", f"/speakers/{speaker}"):
        assert 'href="/sources"' in client.get(path).text, path


@pytest.mark.browser
def test_the_page_runs_nothing_and_shows_the_hostile_outlet_as_text(site: str, browser: Any) -> None:
    browser.get(f"{site}/sources")
    assert browser.execute_script("return document.readyState") == "complete"
    assert browser.execute_script("return '__xss_outlet' in window") is False
    assert browser.execute_script("return document.images.length") == 0
    assert browser.execute_script("return document.querySelectorAll('[style], [onerror], [onclick]').length") == 0
    assert browser.execute_script("return Array.from(document.scripts, function (s) { return s.src; })") == [
        f"{site}/static/app.js"]
    heads = browser.execute_script(
        "return Array.from(document.querySelectorAll('table.figures:first-of-type tbody th'),"
        " function (th) { return th.textContent; })")
    assert HOSTILE_HOST.lower() in heads and "[RLO]evil.example" in heads and "no URL" in heads
    isolated = browser.execute_script(
        "return Array.from(document.querySelectorAll('tbody th bdi'), function (b) { return b.textContent; })")
    assert "[RLO]evil.example" in isolated and RLO not in "".join(isolated)
    assert console_errors(browser) == []  # a CSP refusal logs an error
    screenshot(browser, "sources.png")


@pytest.mark.browser
def test_the_csp_header_is_sent(site: str) -> None:
    import urllib.request

    with urllib.request.urlopen(f"{site}/sources", timeout=10) as response:
        policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "'unsafe-inline'" not in policy


READ_TABLES = """
return Array.from(document.querySelectorAll('table.figures'), function (table) {
  return Array.from(table.querySelectorAll('tbody tr'), function (tr) {
    return Array.from(tr.children, function (cell) {
      var link = cell.querySelector('a');
      return {text: cell.textContent.trim(), href: link ? link.getAttribute('href') : null};
    });
  });
});"""

READ_CHARTS = """
return Array.from(document.querySelectorAll('figure.category-chart svg'), function (svg) {
  return Array.from(svg.querySelectorAll('a'), function (a) {
    var texts = a.querySelectorAll('text');
    return {href: a.getAttribute('href'), label: texts[0].textContent, shown: texts[1].textContent,
            width: parseFloat(a.querySelector('rect').getAttribute('width'))};
  });
});"""


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


@pytest.mark.browser
def test_the_tables_hold_the_twins_numbers_and_the_charts_the_tables(site: str, browser: Any) -> None:
    data = get_json(site, "/sources.json")
    browser.get(f"{site}/sources")
    outlet_table, month_table, type_table = browser.execute_script(READ_TABLES)
    for table, rows in ((outlet_table, data["outlets"]), (month_table, data["months"])):
        assert len(table) == len(rows)
        for cells, row in zip(table, rows):
            texts = [cell["text"] for cell in cells[1:]]
            expected = []
            for what in ("statements", "speakers"):
                expected += [str(row[what]), *(str(row["gender"][g][what]) for g in ("female", "male", "unknown")),
                             _percent(row["women_share"][what])]
            assert texts == expected
            assert cells[1]["href"] == row["href"] and cells[2]["href"] == row["gender"]["female"]["href"]
    assert [[cell["text"] for cell in cells[1:]] for cells in type_table] == [
        [str(cell["statements"]), str(cell["speakers"])] for cell in data["total"]["source_type"].values()]
    outlet_chart, month_chart, type_chart = browser.execute_script(READ_CHARTS)
    for chart, table in ((outlet_chart, outlet_table), (month_chart, month_table)):
        # a bar per row: its share is the table's, its link the women's statements'
        assert [(bar["shown"], bar["href"]) for bar in chart] == [
            (cells[5]["text"] if cells[5]["text"] != "–" else "no gender known", cells[2]["href"]) for cells in table]
        widths = [bar["width"] for bar in chart]
        shares = [int(cells[5]["text"].rstrip("%")) if cells[5]["text"] != "–" else 0 for cells in table]
        assert sorted(range(len(widths)), key=lambda i: (widths[i], i)) == sorted(range(len(shares)),
                                                                                   key=lambda i: (shares[i], i))
    assert [(bar["shown"], bar["href"]) for bar in type_chart] == [(cells[1]["text"], cells[1]["href"])
                                                                    for cells in type_table]


@pytest.mark.browser
def test_a_bar_leads_to_the_statements_it_counts(site: str, browser: Any) -> None:
    data = get_json(site, "/sources.json")
    herald = next(row for row in data["outlets"] if row["outlet"] == "herald.example")
    browser.get(f"{site}/sources")
    browser.find_element("css selector", f'figure.category-chart a[href="{herald["gender"]["female"]["href"]}"]').click()
    assert browser.current_url.endswith(herald["gender"]["female"]["href"])
    status = browser.find_element("css selector", "p.matches").text
    assert status.startswith(f"{herald['gender']['female']['statements']} quotes match")
    speakers = {el.text for el in browser.find_elements("css selector", "ol.quotes .meta a[href^='/speakers/']")}
    assert speakers == {"Anna Kowalski"}
    assert console_errors(browser) == []
