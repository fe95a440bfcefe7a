"""The web app in a real headless Chromium (Debian's chromium and chromium-driver, driven by
Selenium): the hostile article runs nothing, highlights read as the stored spans, a quote's
parts light up together, a click leads to the speaker's page, and no page logs an error.
Screenshots go to screenshots/ (gitignored).

Where no browser is installed this skips with a message, except under CI (CI=true), where
it fails: .ci/run installs one.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

from web_helpers import HOSTILE_FLAGS, ingest_corpus

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "screenshots"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")

pytestmark = pytest.mark.browser


def _browser() -> tuple[str, str]:
    binary = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    driver = shutil.which("chromedriver")
    if binary is None or driver is None:
        message = ("no headless browser: install Debian's chromium and chromium-driver "
                   "(apt-get install chromium chromium-driver; .ci/run does)")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return binary, driver


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, over a freshly ingested SQLite store."""
    import uvicorn

    from quotegraph.web import create_app

    folder = tmp_path_factory.mktemp("browser")
    db = str(folder / "news.db")
    ingest_corpus(db, folder / "articles")
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=0, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver = _browser()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    opened = webdriver.Chrome(service=Service(driver), options=options)
    try:
        yield opened
    finally:
        opened.quit()


def get_json(site: str, path: str) -> Any:
    with urllib.request.urlopen(site + path, timeout=10) as response:
        return json.load(response)


def article_ids(site: str) -> dict[str, int]:
    return {row["article"]: row["article_id"] for row in get_json(site, "/quotes.json?per_page=200")["quotes"]}


def console_errors(browser: Any) -> list[dict[str, Any]]:
    return [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def screenshot(browser: Any, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / name))


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
