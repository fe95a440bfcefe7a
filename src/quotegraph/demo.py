"""The demo: quotegraph on a bundled Wikinews article (CC BY, from the MEANTIME corpus)."""
from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .api import extract
from .article import Article
from .config import DEFAULT_MIN_CONFIDENCE, Options
from .record import Quote, Record

DEFAULT_OUTPUT = "quotegraph-demo.json"
_QUOTE_WIDTH = 70


@dataclass(frozen=True)
class DemoArticle:
    article: Article
    attribution: str


def load_demo_article() -> DemoArticle:
    """The bundled article (`data/demo_article.txt`) and its metadata and attribution."""
    data = resources.files("quotegraph") / "data"
    meta = json.loads((data / "demo_article.json").read_text(encoding="utf-8"))
    text = (data / "demo_article.txt").read_text(encoding="utf-8")
    article = Article(text=text, id=meta["id"], title=meta["title"], published=meta["published"], url=meta.get("url"))
    return DemoArticle(article=article, attribution=meta["attribution"])


def run_demo(output: Path) -> list[str]:
    """Extract from the demo article, write its record to `output`; the lines to print."""
    demo = load_demo_article()
    a = demo.article
    record = extract(a.text, id=a.id, title=a.title, published=a.published, url=a.url,
                     options=Options(min_confidence=0.0))
    output.write_text(json.dumps(record.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = [f"{a.title} ({a.published})", f"Source: {demo.attribution}", ""]
    lines += summary_lines(record)
    hidden = sum(q.confidence < DEFAULT_MIN_CONFIDENCE for q in record.quotes)
    if hidden:
        lines += [f"({hidden} weaker attribution{'s' if hidden != 1 else ''} below confidence "
                  f"{DEFAULT_MIN_CONFIDENCE} not shown: `quotegraph extract --min-confidence 0` lists everything.)"]
    people = sum(1 for e in record.entities if e.label == "PERSON")
    dated = sum(1 for q in record.quotes if q.time) + sum(1 for e in record.events if e.date)
    lines += ["", f"Also: {len(record.entities)} entities ({people} people), {len(record.times)} time expressions, "
                  f"{dated} dated events and statements (see `quotegraph timeline`)."]
    lines += [f"Full record (JSON) written to {output}"]
    return lines


def summary_lines(record: Record, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[str]:
    """One line per statement of the default view (confidence at least `min_confidence`):
    speaker, cue, and the words shortened; a report nested in another quote, indented."""
    shown = [q for q in record.quotes if q.confidence >= min_confidence]
    if not shown:
        return ["No statements found."]
    heading = f"{len(shown)} statement{'s' if len(shown) != 1 else ''}:"
    return [heading] + [("      within it: " if q.within else "  ") + f"{_speaker(q)} [{q.cue.text if q.cue else '-'}] "
                        f"{_words(q)}" for q in shown]


def _speaker(quote: Quote) -> str:
    if quote.speaker is not None:
        return quote.speaker.name
    return quote.source.text if quote.source is not None else "(unattributed)"


def _words(quote: Quote) -> str:
    words = " … ".join(span.text for span in quote.content)
    return "“" + textwrap.shorten(words, _QUOTE_WIDTH, placeholder=" …") + "”"  # also collapses line breaks
