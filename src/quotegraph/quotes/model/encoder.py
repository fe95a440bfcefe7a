"""The shipped attribution model, run with ONNX Runtime on the CPU (no torch).

The artifact folder holds `attribution.onnx`, `tokenizer.json` and `config.json`; it is
loaded once per process (spaCy's worker processes and Spark workers each load their own).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError
from .features import FEATURES
from .labels import TAGS
from .windows import Batch

ARTIFACT_DIR = Path(__file__).with_name("artifact")
ARTIFACT_ENV_VAR = "QUOTEGRAPH_ATTRIBUTION_MODEL"


def artifact_dir() -> Path:
    """The artifact folder: $QUOTEGRAPH_ATTRIBUTION_MODEL, else the one in the package."""
    return Path(os.environ.get(ARTIFACT_ENV_VAR) or ARTIFACT_DIR)


@dataclass(frozen=True)
class AttributionModel:
    """A loaded artifact: the ONNX session, the tokenizer's path and the config."""

    session: Any
    tokenizer_path: str
    config: dict[str, Any]

    def __call__(self, batch: Batch) -> np.ndarray:
        if not batch["attention_mask"].all():
            # the shipped graph has no attention mask (training/unpadded.py): padding would be read
            raise ValueError("the attribution model takes unpadded windows (one per call, or all of one length)")
        inputs = {name: batch[name] for name in ("input_ids", "attention_mask", *FEATURES)}
        return self.session.run(["logits"], inputs)[0]

    @property
    def threshold(self) -> float:
        return float(self.config.get("threshold", 0.0))

    @property
    def calibration(self) -> tuple[float, float]:
        """(a, b) of the Platt scaling sigmoid(a * logit(raw) + b); identity when unfitted."""
        fitted = self.config.get("calibration") or {}
        return float(fitted.get("a", 1.0)), float(fitted.get("b", 0.0))


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> AttributionModel:
    """The artifact at `path` (default: `artifact_dir()`), checked against this code's tags
    and features; ModelError names what is missing or inconsistent."""
    folder = Path(path) if path else artifact_dir()
    onnx_path, tokenizer_path, config_path = (folder / "attribution.onnx", folder / "tokenizer.json",
                                              folder / "config.json")
    missing = [p.name for p in (onnx_path, tokenizer_path, config_path) if not p.is_file()]
    if missing:
        raise ModelError(f"attribution model folder {folder} lacks {', '.join(missing)}; "
                         "reinstall quotegraph, or use attribution='rules'")
    config = json.loads(config_path.read_text(encoding="utf-8"))
    if config.get("tags") != list(TAGS) or config.get("features") != {k: list(v) for k, v in FEATURES.items()}:
        raise ModelError(f"attribution model in {folder} was built for other tags or features than this "
                         "version of quotegraph; re-export it (python -m quotegraph.training.export)")
    try:
        import onnxruntime
    except ImportError as err:  # a declared dependency; a broken install says so
        raise ModelError("onnxruntime is not installed; pip install onnxruntime, or use attribution='rules'") from err
    options = onnxruntime.SessionOptions()
    # One thread per process: spaCy's n_process and Spark run one worker per core.
    options.intra_op_num_threads = int(os.environ.get("QUOTEGRAPH_MODEL_THREADS", "1"))
    options.inter_op_num_threads = 1
    try:
        session = onnxruntime.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
    except Exception as err:  # noqa: BLE001 - onnxruntime raises its own untyped errors
        raise ModelError(f"cannot load the attribution model {onnx_path}: {err}") from err
    return AttributionModel(session, str(tokenizer_path), config)
