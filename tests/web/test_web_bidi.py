"""Text-direction spoofing, in a real headless Chromium: articles whose title, URL, text and
speakers' names carry unterminated RLO and LRO overrides, an RLI never closed and a stray
PDI (support.web.BIDI_ARTICLES; the names lose theirs on extraction, the statements keep
them) must not reorder a single character of the app's own text
on any page (a date shown backwards, a confidence of 0.82 read as "28.0").

The check reads the page as it is drawn: for every text node that is the app's own (not
inside an isolate holding stored text), each character's box on screen, in reading order
(line by line, left to right), must spell the node's text as written. Without the payloads
that is how every such node reads, so equal means the payloads changed nothing. Skipped
without a browser, except under CI (support.policy.skip_or_fail).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from support.browser import article_ids, get_json, screenshot, served_corpus
from support.web import ARTICLES, BIDI_ARTICLES, RLO

from quotegraph.web.bidi import CONTROLS

pytestmark = pytest.mark.browser

# Stored text is inside <bdi> (or the article's text); forms show what was typed.
NOT_THE_APPS = "bdi, .text, input, select, option, textarea, script, style, svg"

READING_ORDER = """
var skip = arguments[0], out = {misread: [], controls: [], characters: 0};
var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
var range = document.createRange();
while (walker.nextNode()) {
  var node = walker.currentNode;
  if (!node.data.trim() || node.parentElement.closest(skip)) { continue; }
  if (/[\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]/.test(node.data)) { out.controls.push(node.data); }
  var boxes = [];
  for (var i = 0; i < node.data.length; i++) {
    if (/\\s/.test(node.data[i])) { continue; }
    range.setStart(node, i); range.setEnd(node, i + 1);
    var box = range.getBoundingClientRect();
    if (box.width === 0) { continue; }
    boxes.push({ch: node.data[i], middle: box.top + box.height / 2, left: box.left});
  }
  var written = boxes.map(function (b) { return b.ch; }).join("");
  var drawn = boxes.slice().sort(function (a, b) {
    return Math.abs(a.middle - b.middle) > 4 ? a.middle - b.middle : a.left - b.left;
  }).map(function (b) { return b.ch; }).join("");
  out.characters += boxes.length;
  if (drawn !== written) { out.misread.push([written, drawn]); }
}
return out;
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, over a freshly ingested SQLite store."""
    with served_corpus(tmp_path_factory.mktemp("bidi"), ARTICLES + BIDI_ARTICLES) as url:
        yield url



def spoofed_pages(site: str) -> dict[str, str]:
    """A page of each type showing the payloads: name -> path."""
    ids = article_ids(site)
    rows = get_json(site, "/quotes.json?per_page=200&min_confidence=0")["quotes"]
    # the speaker of a statement that carries a payload (names lose theirs: `Entity` drops
    # format characters, so the page shows the payload in the statement)
    speaker = next(row for row in rows if row["article"].startswith("bidi") and row["speaker_entity_id"]
                   and RLO in json.dumps(row, ensure_ascii=False))
    clustered = next(row for row in rows if row["article"].startswith("bidi") and row["cluster_id"])
    return {"home": "/", "quotes": "/quotes?min_confidence=0", "search": "/quotes?q=ready",
            "article": f"/articles/{ids['bidi-1']}", "article-2": f"/articles/{ids['bidi-2']}",
            "speaker": f"/speakers/{speaker['speaker_entity_id']}",
            "timeline": "/timeline?entity=" + quote(speaker["speaker"]),
            "cluster": f"/clusters/{clustered['cluster_id']}"}


def test_payloads_reorder_none_of_the_apps_own_text(site: str, browser: Any) -> None:
    for name, path in spoofed_pages(site).items():
        browser.get(site + path)
        assert "500" not in browser.title, path
        read = browser.execute_script(READING_ORDER, NOT_THE_APPS)
        assert read["characters"] > 100, (path, read)  # the page was drawn and read
        assert read["misread"] == [], path
        assert read["controls"] == [], path  # every stored string that carries one is isolated
        assert not CONTROLS.search(browser.title), path  # the window title shows them as names
        screenshot(browser, f"bidi-{name}.png")


def test_controls_in_metadata_are_shown_for_what_they_are(site: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site}/articles/{article_ids(site)['bidi-1']}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Council[RLO] vote 2024-03-11"
    assert "Council[RLO] vote 2024-03-11" in browser.title
    marked = browser.find_elements(By.CSS_SELECTOR, "h1 .bidi-control")
    assert [el.get_attribute("title") for el in marked] == ["U+202E bidi control"]
    # the statement itself is the article's text: isolated, its characters kept
    side = browser.execute_script("return Array.from(document.querySelectorAll('.side .what bdi'),"
                                  " function (el) { return el.textContent; })")
    assert f"We are ready{RLO} to build," in side
