"""A long, quote-dense article (support.web.long_article: 120 kB, about 1,450 attributions,
960 of them statements in the default view) read as pages: none over 1 MB of HTML, each
statement beside the page of text it starts on, links
to a statement leading to its page; and in Chromium, the side list no longer than the text,
a statement pointed at in the text bringing its entry into view."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from support.browser import chromium, screenshot, served
from support.web import ingest_corpus, long_article

MAX_PAGE_BYTES = 1_000_000


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("long")
    path = str(folder / "long.db")
    ingest_corpus(path, folder / "articles", [long_article()])
    return path


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from quotegraph.web import create_app

    with TestClient(create_app(db), raise_server_exceptions=False) as opened:
        yield opened


def test_every_statement_once_on_pages_under_a_megabyte(client: Any) -> None:
    data = client.get("/articles/1.json").json()
    pages = data["text_pages"]
    assert len(pages) >= 5 and pages[0]["start"] == 0 and pages[-1]["end"] == len(data["record"]["text"])
    assert all(a["end"] == b["start"] for a, b in zip(pages, pages[1:]))
    seen: list[str] = []
    for page in pages:
        response = client.get(f"/articles/1?page={page['page']}")
        assert response.status_code == 200
        assert len(response.content) < MAX_PAGE_BYTES, (page, len(response.content))
        seen += re.findall(r'<li id="side-(q\d+)" class="side-quote"', response.text)
        assert f"Page {page['page']} of {len(pages)} of the text" in response.text
    assert sorted(seen) == sorted(q["id"] for q in data["quotes"]) and len(seen) > 900
    missing = client.get(f"/articles/1?page={len(pages) + 1}")
    assert missing.status_code == 404 and f"has {len(pages)} pages" in missing.text


def test_a_link_to_a_statement_opens_the_page_it_starts_on(client: Any) -> None:
    data = client.get("/articles/1.json").json()
    pages = data["text_pages"]
    quote = data["record"]["quotes"][-1]
    start = quote["content"][0]["start"]
    expected = next(p["page"] for p in pages if p["start"] <= start < p["end"])
    assert expected == len(pages)
    page = client.get(f"/articles/1?quote={quote['id']}&page=1").text
    assert f"Page {expected} of" in page and f'id="side-{quote["id"]}"' in page
    assert f'id="{quote["id"]}-content-0"' in page
    assert client.get("/articles/1?quote=<script>").status_code == 400


@pytest.mark.browser
def test_the_side_list_stays_beside_the_text(db: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    with served(db) as site, chromium() as browser:
        browser.get(f"{site}/articles/1?page=2")
        text_height, side_height, list_height = browser.execute_script(
            "return [document.getElementById('article-text').getBoundingClientRect().height,"
            " document.querySelector('aside.side').getBoundingClientRect().height,"
            " document.querySelector('.side-list').getBoundingClientRect().height];")
        assert side_height <= text_height and list_height <= text_height
        assert list_height <= browser.execute_script("return window.innerHeight") + 1
        # a statement far down the text: its entry comes into view beside it, on screen
        last = browser.find_elements(By.CSS_SELECTOR, "#article-text [tabindex='0']")[-1]
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", last)
        ActionChains(browser).move_to_element(last).perform()
        quote = last.get_attribute("data-quote")
        visible = browser.execute_script(
            "var entry = document.getElementById('side-' + arguments[0]).getBoundingClientRect();"
            " var list = document.querySelector('.side-list').getBoundingClientRect();"
            " return entry.top >= Math.max(list.top, 0) - 1"
            " && entry.bottom <= Math.min(list.bottom, window.innerHeight) + 1;", quote)
        assert visible
        screenshot(browser, "article-long.png")
