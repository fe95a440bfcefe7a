"""Scoring attribution on web pages against a table of what a careful reader expects.

    quotegraph eval pages tests/fixtures/pages

The folder's `expected.json` and how quotes are counted: docs/evaluation.md, "Web pages".
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable

from ..config import DEFAULT_MIN_CONFIDENCE, Options
from ..record import Quote, Record

EXPECTED_FILE = "expected.json"
_WORD = re.compile(r"[\w.]+")


def load_table(directory: Path) -> dict[str, dict[str, Any]]:
    """The page table of `directory` (its `expected.json`), keyed by page file name."""
    path = directory / EXPECTED_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{directory}: no {EXPECTED_FILE} (the table of expected attributions)")
    table = json.loads(path.read_text(encoding="utf-8"))
    pages = {name: row for name, row in table.items() if not name.startswith("_")}
    for name in pages:
        if not (directory / name).is_file():
            raise FileNotFoundError(f"{directory}: {EXPECTED_FILE} names {name}, which is not there")
    return pages


def _words(name: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(name)}


def _content(quote: Quote) -> str:
    return " ".join(span.text for span in quote.content)


def speaker_matches(quote: Quote, name: str) -> bool:
    """The quote's speaker is `name`: its words are among the name's ("Lopez" is "Anna Lopez")."""
    if quote.speaker is None or not quote.speaker.name:
        return False
    words = _words(quote.speaker.name)
    return bool(words) and words <= _words(name)


def matches_expected(quote: Quote, row: dict[str, Any]) -> bool:
    return row["content"] in _content(quote) and speaker_matches(quote, row["speaker"])


def _hits(quote: Quote, row: dict[str, Any]) -> bool:
    if "max_confidence" in row and quote.confidence < row["max_confidence"]:
        return False
    if "content" in row and row["content"] not in _content(quote):
        return False
    if "source" in row and (quote.source is None or quote.source.text.lower() != row["source"].lower()):
        return False
    if "speaker" in row:
        name = quote.speaker.name if quote.speaker is not None else None
        wanted = row["speaker"]
        if (name is None) != (wanted is None) or (name is not None and name.lower() != wanted.lower()):
            return False
    return True


def forbidden_hits(quotes: Iterable[Quote], forbidden: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Quote]]:
    """(row, quote) for every quote that a `forbidden` row describes: all the row's keys
    match (`content`: a piece of the content; `source`, `speaker`: the whole text, any
    case; `speaker: null`: no speaker), and the quote is not weaker than `max_confidence`."""
    return [(row, quote) for quote in quotes for row in forbidden if _hits(quote, row)]


def score_page(record: Record, row: dict[str, Any], min_confidence: float = 0.0) -> dict[str, Any]:
    """True and false positives, misses and forbidden hits of one page's record."""
    quotes = [q for q in record.quotes if q.confidence >= min_confidence]
    expected = list(row["expected"])
    found = [False] * len(expected)
    false_positives: list[Quote] = []
    # the tables list what each page reports, not the reports nested in those (`within`):
    # those are counted apart, and forbidden rows hold for them as for any quote
    for quote in (q for q in quotes if q.within is None):
        index = next((i for i, e in enumerate(expected) if not found[i] and matches_expected(quote, e)), None)
        if index is None:
            false_positives.append(quote)
        else:
            found[index] = True
    return {
        "tp": sum(found), "fp": len(false_positives), "expected": len(expected),
        "nested": sum(q.within is not None for q in quotes),
        "missed": [e for e, hit in zip(expected, found) if not hit],
        "false_positives": [_describe(q) for q in false_positives],
        "forbidden": [{"row": r, "quote": _describe(q)} for r, q in forbidden_hits(quotes, row.get("forbidden", []))],
    }


def _describe(quote: Quote) -> dict[str, Any]:
    return {"source": quote.source.text if quote.source else None,
            "speaker": quote.speaker.name if quote.speaker else None,
            "cue": quote.cue.text if quote.cue else None,
            "content": _content(quote), "confidence": quote.confidence}


def _totals(pages: dict[str, dict[str, Any]]) -> dict[str, Any]:
    tp = sum(p["tp"] for p in pages.values())
    fp = sum(p["fp"] for p in pages.values())
    expected = sum(p["expected"] for p in pages.values())
    return {"tp": tp, "fp": fp, "expected": expected,
            "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / expected if expected else 0.0,
            "forbidden": sum(len(p["forbidden"]) for p in pages.values()),
            "nested": sum(p["nested"] for p in pages.values())}


def read_pages(directory: Path, names: Iterable[str]) -> list:
    """The pages as articles, read by the HTML reader that `quotegraph extract` uses."""
    from ..readers.html import html_article

    return [html_article((directory / name).read_bytes(), source=name, id=name) for name in names]


def evaluate_dir(path: str | Path, *, options: Any = None) -> dict[str, Any]:
    """Extract every page of the folder and score it; raises FileNotFoundError when the
    folder has no table or a page the table names is missing."""
    from ..api import extract_many

    directory = Path(path)
    table = load_table(directory)
    records = list(extract_many(read_pages(directory, table), options=(options or Options()).everything()))
    result: dict[str, Any] = {"pages": len(table)}
    for label, threshold in (("all", 0.0), ("statements", DEFAULT_MIN_CONFIDENCE)):
        pages = {name: score_page(record, table[name], threshold) for name, record in zip(table, records)}
        result[label] = {"min_confidence": threshold, "totals": _totals(pages), "pages": pages}
    return result


def format_report(result: dict[str, Any]) -> str:
    """Precision and recall over every quote and over statements, then what went wrong."""
    lines = [f"Web pages: {result['pages']} pages"]
    for label in ("all", "statements"):
        t = result[label]["totals"]
        lines.append(f"  confidence >= {result[label]['min_confidence']:.2f}: precision {t['precision']:.3f} "
                     f"({t['tp']}/{t['tp'] + t['fp']}), recall {t['recall']:.3f} ({t['tp']}/{t['expected']}), "
                     f"forbidden attributions {t['forbidden']}, nested reports (not scored) {t['nested']}")
    for name, page in result["all"]["pages"].items():
        for row in page["missed"]:
            lines.append(f"  {name}: missed {row['speaker']}: {row['content']!r}")
        for quote in page["false_positives"]:
            lines.append(f"  {name}: unexpected [{quote['confidence']:.2f}] {quote['speaker']!r} "
                         f"({quote['source']!r} {quote['cue']!r}): {quote['content']!r}")
    return "\n".join(lines)
