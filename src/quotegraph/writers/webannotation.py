"""W3C Web Annotation (JSON-LD): one annotation per quote, anchored on the article's text.

The file is one AnnotationCollection.
"""
from __future__ import annotations

import json
from typing import Callable, Iterable, TextIO
from urllib.parse import urldefrag

from ..record import Quote, Record
from ..text.spans import Span

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AFFIX = 32


def article_source(record: Record, key: str | None = None) -> str:
    """The IRI an article's annotations target: its URL without any fragment (the selectors
    point into the whole article), else a URN from its key or id."""
    if record.url:
        return _page(record.url)
    return f"urn:quotegraph:article:{key or record.id or 'unknown'}"


def annotation_id(source: str, quote_id: str) -> str:
    """The IRI of a quote's annotation: `<source>#quote=<id>` (any fragment of `source`
    replaced), or `<urn>:<id>` for an article without a URL."""
    if source.startswith("urn:"):
        return f"{source}:{quote_id}"
    return f"{_page(source)}#quote={quote_id}"


def _page(source: str) -> str:
    """`source` without its fragment: a target's selectors count from the start of the page."""
    return source if source.startswith("urn:") else urldefrag(source).url


# Each quote's target is one SpecificResource per content span, on the article (`source`:
# its URL, else a `urn:quotegraph:article:...`), each with two selectors for the same
# characters: a TextQuoteSelector (`exact`, and up to 32 characters of `prefix` and
# `suffix`) and a TextPositionSelector (`start`, `end`: code points, end exclusive, as the
# record's offsets; https://www.w3.org/TR/annotation-model/#text-position-selector).
def selectors(text: str, span: Span) -> list[dict[str, object]]:
    """The TextQuoteSelector and TextPositionSelector of `span` in `text`."""
    return [
        {"type": "TextQuoteSelector", "exact": text[span.start:span.end],
         "prefix": text[max(0, span.start - AFFIX):span.start], "suffix": text[span.end:span.end + AFFIX]},
        {"type": "TextPositionSelector", "start": span.start, "end": span.end},
    ]


def _description(quote: Quote) -> str:
    words = [f"{quote.type} quote"]
    if quote.speaker is not None:
        words.append(f"speaker: {quote.speaker.name}")
    elif quote.source is not None:
        words.append(f"source: {quote.source.text}")
    if quote.cue is not None:
        words.append(f"cue: {quote.cue.text}")
    if quote.addressee is not None:
        words.append(f"addressee: {quote.addressee.text}")
    return "; ".join(words)


# The body describes the statement in words (purpose `describing`) and tags its type
# (purpose `tagging`); the `quotegraph` field keeps the record's quote as it is (speaker,
# cue, source, addressee, type, confidence).
def web_annotations(record: Record, source: str) -> list[dict[str, object]]:
    """One annotation per quote of `record`, targeting `source` (less any fragment)."""
    source = _page(source)
    out: list[dict[str, object]] = []
    for quote in record.quotes:
        data = quote.to_dict()
        out.append({
            "@context": CONTEXT,
            "id": annotation_id(source, quote.id),
            "type": "Annotation",
            "motivation": "describing",
            "body": [
                {"type": "TextualBody", "purpose": "describing", "format": "text/plain", "value": _description(quote)},
                {"type": "TextualBody", "purpose": "tagging", "value": quote.type},
            ],
            "target": [{"type": "SpecificResource", "source": source, "selector": selectors(record.text, span)}
                       for span in quote.content],
            "quotegraph": {key: data[key] for key in ("id", "type", "speaker", "cue", "source", "addressee",
                                                      "time", "kind", "within", "confidence") if key in data},
        })
    return out


def write_webannotation(records: Iterable[Record], stream: TextIO,
                        source: Callable[[Record], str] = article_source) -> int:
    """An AnnotationCollection of every quote's annotation; returns the number of annotations."""
    stream.write('{"@context": "%s", "type": "AnnotationCollection", "label": "quotegraph quotes",\n'
                 ' "first": {"type": "AnnotationPage", "startIndex": 0, "items": [' % CONTEXT)
    count = 0
    for record in records:
        for annotation in web_annotations(record, source(record)):
            stream.write(("," if count else "") + "\n  " + json.dumps(annotation, ensure_ascii=False))
            count += 1
    stream.write('\n ]},\n "total": %d}\n' % count)
    return count
