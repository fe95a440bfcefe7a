"""What the browser tests share: the app served by uvicorn over a store ingested by the
command line, a real headless Chromium driven by Selenium (Debian's chromium and
chromium-driver), and screenshots.

Where no browser is installed the tests skip with a message, except under CI (CI=true),
where they fail (`skip_or_fail`): .ci/run installs one.
"""
from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from support.policy import REPO_ROOT, skip_or_fail

# What users see, one PNG per page type and case: look here after a run (gitignored).
SCREENSHOTS = REPO_ROOT / "screenshots"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def browser_paths() -> tuple[str, str]:
    binary = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    driver = shutil.which("chromedriver")
    if binary is None or driver is None:
        skip_or_fail("no headless browser: install Debian's chromium and chromium-driver "
                     "(apt-get install chromium chromium-driver; .ci/run does)")
    return binary, driver


@contextmanager
def served(db: str) -> Iterator[str]:
    """The app over the store at `db`, served by uvicorn on a free loopback port: its base URL."""
    import uvicorn

    from quotegraph.web import create_app
    from quotegraph.web.serving import server_config

    server = uvicorn.Server(server_config(create_app(db), "127.0.0.1", 0, access_log=False, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@contextmanager
def served_corpus(folder: Path, articles: list[dict[str, str]]) -> Iterator[str]:
    """`articles` ingested by the command line into a fresh SQLite store in `folder`, then
    served (`served`): the base URL."""
    from support.web import ingest_corpus

    db = str(folder / "store.db")
    ingest_corpus(db, folder / "articles", articles)
    with served(db) as url:
        yield url


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium, 1280x900, logging the browser console."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver = browser_paths()
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
    """Store ids by record id, of the articles that hold a quote."""
    rows = get_json(site, "/quotes.json?per_page=200&min_confidence=0")["quotes"]
    return {row["article"]: row["article_id"] for row in rows}


def console_errors(browser: Any) -> list[dict[str, Any]]:
    return [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def screenshot(browser: Any, name: str) -> Path:
    """The whole page as SCREENSHOTS/`name` (the window grown to the page's height, at most 8,000 px)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    size = browser.get_window_size()
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(size["width"], min(max(height, size["height"]), 8_000))
    path = SCREENSHOTS / name
    try:
        browser.save_screenshot(str(path))
    finally:
        browser.set_window_size(size["width"], size["height"])
    return path
