"""The web app in a real headless Chromium (Debian's chromium and chromium-driver, driven by
Selenium): the hostile article runs nothing, highlights read as the stored spans, a quote's
parts light up together, a click leads to the speaker's page, and no page logs an error.
Screenshots go to screenshots/ (support.browser.SCREENSHOTS, gitignored).

Where no browser is installed this skips with a message, except under CI (CI=true), where
it fails: .ci/run installs one.
"""
from __future__ import annotations

import time
from typing import Any, Iterator

import pytest
from support.browser import article_ids, console_errors, get_json, screenshot, served_corpus
from support.web import ARTICLES, HOSTILE_FLAGS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, over a freshly ingested SQLite store."""
    with served_corpus(tmp_path_factory.mktemp("browser"), ARTICLES) as url:
        yield url



def test_hostile_article_runs_nothing(site: str, browser: Any) -> None:
    browser.get(f"{site}/articles/{article_ids(site)['hostile-1']}")
    assert browser.execute_script("return document.readyState") == "complete"
    flags = browser.execute_script("return arguments[0].filter(function (f) { return f in window; })",
                                   list(HOSTILE_FLAGS))
    assert flags == []
    assert browser.execute_script("return document.images.length") == 0
    scripts = browser.execute_script("return Array.from(document.scripts, function (s) { return s.src; })")
    assert scripts == [f"{site}/static/app.js"]
    assert browser.execute_script(
        "return Array.from(document.querySelectorAll('[href],[src],[action]'), function (el) {"
        " return el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action'); })"
        ".filter(function (v) { return /^\\s*javascript:/i.test(v); }).length") == 0
    assert "<script>window.__xss_title=1</script>" in browser.title  # shown as text
    assert console_errors(browser) == []  # nothing even tried to run (a CSP refusal logs an error)
    screenshot(browser, "hostile-article.png")


def test_article_highlights_and_click_through_to_speaker(site: str, browser: Any) -> None:
    herald = article_ids(site)["herald-1"]
    record = get_json(site, f"/articles/{herald}.json")["record"]
    browser.get(f"{site}/articles/{herald}")
    shown = browser.execute_script(
        "var out = {}; document.querySelectorAll('[data-span]').forEach(function (el) {"
        " var id = el.getAttribute('data-span');"
        " if (!el.parentElement.closest('[data-span=\"' + id + '\"]')) { out[id] = (out[id] || '') + el.textContent; }"
        "}); return out;")
    expected = {}
    for quote in record["quotes"]:
        for number, span in enumerate(quote["content"]):
            expected[f"{quote['id']}-content-{number}"] = span["text"]
        for part in ("cue", "source", "addressee"):
            if quote[part]:
                expected[f"{quote['id']}-{part}"] = quote[part]["text"]
    assert shown == expected
    # content, cue and source look different (not by colour alone: the cue is bold)
    styles = browser.execute_script(
        "return ['q0-content-0', 'q0-cue', 'q0-source'].map(function (id) {"
        " var s = getComputedStyle(document.getElementById(id));"
        " return [s.backgroundColor, s.fontWeight, s.textDecorationStyle]; });")
    assert len({tuple(style) for style in styles}) == 3
    assert styles[1][1] == "700"
    # pointing at a quote's content marks its cue, source and side-list entry (static/app.js, under the CSP)
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    ActionChains(browser).move_to_element(browser.find_element(By.ID, "q0-content-0")).perform()
    linked = browser.execute_script(
        "return Array.from(document.querySelectorAll('.linked'), function (el) { return el.id; })"
        ".filter(function (id) { return id; })")
    assert {"q0-content-0", "q0-cue", "q0-source", "side-q0"} <= set(linked)
    assert not [el for el in linked if el.startswith(("q1-", "side-q1"))]
    screenshot(browser, "article.png")
    browser.find_element(By.CSS_SELECTOR, "#side-q0 .who a").click()
    deadline = time.monotonic() + 10
    while "/speakers/" not in browser.current_url:
        assert time.monotonic() < deadline, browser.current_url
        time.sleep(0.05)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Anna Kowalski"
    assert browser.find_elements(By.CSS_SELECTOR, "figure.chart svg rect")
    screenshot(browser, "speaker.png")
    assert console_errors(browser) == []


def test_search_page_and_overview(site: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    box = browser.find_element(By.ID, "home-q")
    box.send_keys("costs")
    box.submit()
    deadline = time.monotonic() + 10
    while "/quotes" not in browser.current_url:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    results = browser.find_elements(By.CSS_SELECTOR, "ol.quotes li.quote-row")
    assert len(results) == 2
    screenshot(browser, "quotes.png")
    assert console_errors(browser) == []


def test_each_statement_is_reached_by_keyboard(site: str, browser: Any) -> None:
    """Tab goes to every statement where it starts in the text, in reading order, and
    focusing one lights up its parts and its side-list entry as pointing at it does."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    herald = article_ids(site)["herald-1"]
    statements = [q["id"] for q in get_json(site, f"/articles/{herald}.json")["quotes"]]
    browser.get(f"{site}/articles/{herald}")
    reached = []
    for _ in range(60):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused = browser.execute_script("var el = document.activeElement;"
                                         " return [el.id, el.closest('#article-text') !== null];")
        if focused[1] and focused[0].endswith("-content-0"):
            quote = focused[0].removesuffix("-content-0")
            if quote in reached:  # round the page and back
                break
            reached.append(quote)
            assert "linked" in browser.execute_script(f"return document.getElementById('side-{quote}').className")
    assert reached == statements
    # a side-list link to a part moves the focus there
    browser.execute_script("document.querySelector('#side-q0 .parts a[href=\"#q0-cue\"]').click()")
    assert browser.execute_script("return document.activeElement.id") == "q0-cue"
