"""Offsets are exact: every span a record reports is the text it points at."""
from __future__ import annotations

from typing import Any, Iterable

SPAN_KEYS = ("cue", "source", "addressee")


def iter_spans(quote: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any]]]:
    """(role, span) for every character span of a quote in record (dict) form."""
    for span in quote["content"]:
        yield "content", span
    for key in SPAN_KEYS:
        if quote.get(key) is not None:
            yield key, quote[key]


def assert_offsets(text: str, record: dict[str, Any]) -> None:
    """Every span of every quote points at exactly the characters it claims."""
    assert record["text"] == text
    for quote in record["quotes"]:
        assert quote["content"], f"quote {quote['id']} has no content span"
        for role, span in iter_spans(quote):
            start, end = span["start"], span["end"]
            assert isinstance(start, int) and isinstance(end, int), (role, span)
            assert 0 <= start < end <= len(text), (quote["id"], role, span)
            assert text[start:end] == span["text"], (quote["id"], role, span, text[start:end])


def assert_record_offsets(record: dict[str, Any]) -> None:
    """Every span of every kind (quotes, entity mentions, times, event triggers and
    sentences) points at exactly its characters, and every reference names a real id."""
    text = record["text"]
    assert_offsets(text, record)
    spans: list[tuple[str, dict[str, Any]]] = []
    for entity in record["entities"]:
        spans += [(f"entity {entity['id']}", mention) for mention in entity["mentions"]]
    spans += [(f"time {timex['id']}", timex) for timex in record["times"]]
    for event in record["events"]:
        spans.append((f"event {event['id']} trigger", event["trigger"]))
        if event.get("sentence") is not None:
            spans.append((f"event {event['id']} sentence", event["sentence"]))
    for what, span in spans:
        start, end = span["start"], span["end"]
        assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text), (what, span)
        assert text[start:end] == span["text"], (what, span, text[start:end])
    entities = {entity["id"] for entity in record["entities"]}
    times = {timex["id"] for timex in record["times"]}
    for quote in record["quotes"]:
        if quote.get("speaker") and quote["speaker"].get("entity") is not None:
            assert quote["speaker"]["entity"] in entities, quote
        assert quote.get("time") is None or quote["time"] in times, quote
    for event in record["events"]:
        assert event.get("time") is None or event["time"] in times, event
        assert all(p["entity"] is None or p["entity"] in entities for p in event.get("participants", [])), event
