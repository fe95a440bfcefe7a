"""Real-page styles (issue 9), table-driven: each made-up page in tests/fixtures/pages with
the attributions a careful reader writes down and those that must not appear
(tests/fixtures/pages/expected.json), for the trained model and the rules alike."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support.policy import FIXTURES

import quotegraph
from quotegraph import Options
from quotegraph.cli import main
from quotegraph.eval.pages import forbidden_hits, load_table, matches_expected, read_pages

pytestmark = pytest.mark.slow

PAGES = FIXTURES / "pages"
TABLE = load_table(PAGES)
ENGINES = ("model", "rules")


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, Any]]:
    articles = read_pages(PAGES, TABLE)
    # everything each engine finds (`max_confidence` in a forbidden row bounds a weak one)
    return {engine: dict(zip(TABLE, quotegraph.extract_many(articles, options=Options(attribution=engine,
                                                                                       min_confidence=0.0))))
            for engine in ENGINES}


CASES = [(engine, name) for engine in ENGINES for name in TABLE]


@pytest.mark.parametrize("engine,name", CASES, ids=[f"{e}-{n}" for e, n in CASES])
def test_expected_attributions_are_found(records: dict, engine: str, name: str) -> None:
    record = records[engine][name]
    missing = [row for row in TABLE[name]["expected"] if not any(matches_expected(q, row) for q in record.quotes)]
    assert not missing, [(q.speaker, [c.text for c in q.content]) for q in record.quotes]


@pytest.mark.parametrize("engine,name", CASES, ids=[f"{e}-{n}" for e, n in CASES])
def test_forbidden_attributions_do_not_appear(records: dict, engine: str, name: str) -> None:
    hits = forbidden_hits(records[engine][name].quotes, TABLE[name]["forbidden"])
    assert not hits, [(row, q.source, [c.text for c in q.content], q.confidence) for row, q in hits]


@pytest.mark.parametrize("engine,name", CASES, ids=[f"{e}-{n}" for e, n in CASES])
def test_every_span_reads_as_the_text(records: dict, engine: str, name: str) -> None:
    record = records[engine][name]
    assert record.quotes  # every page expects attributions (test_expected_attributions_are_found)
    for quote in record.quotes:
        for span in [*quote.content, quote.cue, quote.source, quote.addressee]:
            if span is not None:
                assert record.text[span.start:span.end] == span.text


def test_eval_pages_command() -> None:
    """`quotegraph eval pages` scores the fixtures: the figures the README gives."""
    result = CliRunner().invoke(main, ["eval", "pages", str(PAGES), "--attribution", "rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["pages"] == len(TABLE)
    everything, statements = figures["all"]["totals"], figures["statements"]["totals"]
    assert everything["recall"] == 1.0 and everything["forbidden"] == 0
    # the default view: nothing wrong; the transcript turns and the findings of reports and
    # polls that real pages rarely give right sit under 0.5 (README, "Web pages")
    assert statements["precision"] == 1.0 and statements["forbidden"] == 0 and statements["recall"] >= 0.8


def test_the_table_names_only_pages_that_exist(tmp_path: Path) -> None:
    (tmp_path / "expected.json").write_text('{"missing.html": {"expected": [], "forbidden": []}}')
    with pytest.raises(FileNotFoundError, match="missing.html"):
        load_table(tmp_path)
    with pytest.raises(FileNotFoundError, match="expected.json"):
        load_table(tmp_path / "nowhere")
