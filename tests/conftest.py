"""Shared fixtures and skip helpers.

Tests build their inputs by hand. Only tests marked `corpus` may read ../shared/data,
and they skip with a message where it is absent (it is never copied into the repo).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import pytest

from quotegraph.config import Options

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"

SPAN_KEYS = ("cue", "source", "addressee")


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy pipeline with quotegraph's components, loaded once per session.

    `quotegraph.extract` goes through the same cached loader, so tests that call the API
    after requesting this fixture do not load the model again.
    """
    from quotegraph.errors import ModelError
    from quotegraph.pipeline import load_pipeline

    try:
        return load_pipeline(Options().model)
    except ModelError as err:  # pragma: no cover - depends on the environment
        pytest.skip(f"spaCy pipeline not available: {err}")


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or skip the calling test with a message."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (annotated corpora are never copied into the repo)")
    return path


requires_shared_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason=f"{SHARED_DATA} is absent"
)


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
