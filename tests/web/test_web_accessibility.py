"""Every page type checked by axe-core (Deque's accessibility engine, npm's axe-core, which
`make test` and .ci/run install into build/axe) in a real headless Chromium: no serious or
critical violation on any of them. Each page is also screenshotted (support.browser.SCREENSHOTS),
and what axe found, every impact, is written beside the screenshots as axe-summary.json.

Skipped where Chromium or axe-core is missing, except under CI (CI=true), where it fails.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from support.browser import SCREENSHOTS, chromium, get_json, screenshot, served_corpus
from support.policy import REPO_ROOT, skip_or_fail
from support.web import ARTICLES, BIDI_ARTICLES

pytestmark = pytest.mark.browser

# Where `make axe` puts it; $QUOTEGRAPH_AXE_JS names another copy.
AXE_JS = Path(os.environ.get("QUOTEGRAPH_AXE_JS") or REPO_ROOT / "build/axe/node_modules/axe-core/axe.min.js")
BLOCKING = ("serious", "critical")

RUN_AXE = """
var done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]}).then(function (results) {
  done(results.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(" "); })};
  }));
}, function (error) { done({error: String(error)}); });
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, over a freshly ingested SQLite store."""
    with served_corpus(tmp_path_factory.mktemp("a11y"), ARTICLES + BIDI_ARTICLES) as url:
        yield url


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE_JS.is_file():
        skip_or_fail(f"no axe-core at {AXE_JS}: run `make axe` (npm install axe-core into build/axe)")
    return AXE_JS.read_text(encoding="utf-8")


def page_types(site: str) -> dict[str, str]:
    """One page of each type the app serves: name -> path."""
    rows = get_json(site, "/quotes.json?per_page=200")["quotes"]
    herald = next(row for row in rows if row["article"] == "herald-1")
    clustered = next(row for row in rows if (row["reports"] or 0) > 1)
    return {"overview": "/", "search": "/quotes?q=costs", "search-empty": "/quotes?q=nothingatall",
            "article": f"/articles/{herald['article_id']}", "speaker": f"/speakers/{herald['speaker_entity_id']}",
            "timeline": "/timeline?entity=" + quote(herald["speaker"]), "timeline-form": "/timeline",
            "cluster": f"/clusters/{clustered['cluster_id']}", "api": "/api", "not-found": "/articles/999999",
            "sources": "/sources", "sources-filtered": "/sources?q=bridge&outlet=herald.example"}


def test_no_serious_or_critical_violation_on_any_page_type(site: str, axe_source: str) -> None:
    summary: dict[str, Any] = {}
    version = None
    with chromium() as browser:
        browser.set_script_timeout(60)
        for name, path in page_types(site).items():
            browser.get(site + path)
            browser.execute_script(axe_source)  # WebDriver's scripts are not bound by the page's CSP
            version = browser.execute_script("return axe.version")
            violations = browser.execute_async_script(RUN_AXE)
            assert isinstance(violations, list), violations
            summary[name] = {"path": path, "screenshot": str(screenshot(browser, f"page-{name}.png")),
                             "violations": violations}
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "axe-summary.json").write_text(json.dumps({"axe_core": version, "pages": summary}, indent=1),
                                                  encoding="utf-8")
    assert version and version.startswith("4.")
    blocking = {name: [v for v in page["violations"] if v["impact"] in BLOCKING] for name, page in summary.items()}
    assert blocking == {name: [] for name in summary}
    assert [v["id"] for page in summary.values() for v in page["violations"]] == []  # nor any lesser one
