"""Loading the shipped attribution model (model/encoder.py) and what goes wrong loudly."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from quotegraph.errors import ModelError
from quotegraph.quotes.model.encoder import ARTIFACT_DIR, load_model
from quotegraph.quotes.model.features import FEATURES, PieceFeatures, windows
from quotegraph.quotes.model.labels import TAGS
from quotegraph.quotes.model.windows import window_batch


def test_the_package_ships_a_small_artifact() -> None:
    files = {p.name: p.stat().st_size for p in ARTIFACT_DIR.iterdir()}
    assert {"attribution.onnx", "tokenizer.json", "config.json"} <= set(files)
    assert sum(files.values()) <= 25_000_000  # the ceiling for the shipped artifact
    config = json.loads((ARTIFACT_DIR / "config.json").read_text())
    assert config["training"]["base"]["sha256"] == (
        "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db")
    assert 0.0 < config["threshold"] < 1.0 and "a" in config["calibration"]


def test_the_model_tags_a_batch() -> None:
    model = load_model(str(ARTIFACT_DIR))
    n = 12
    pieces = PieceFeatures(ids=np.arange(2000, 2000 + n, dtype=np.int64), offsets=[(i, i + 1) for i in range(n)],
                           features={name: np.ones(n, dtype=np.int64) for name in FEATURES})
    batch, _ = window_batch(pieces, windows(n, 254, 192))
    logits = model(batch)
    assert logits.shape == (1, n + 2, len(TAGS)) and np.isfinite(logits).all()


def test_a_missing_artifact_is_named(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="lacks attribution.onnx"):
        load_model(str(tmp_path))


def test_an_artifact_for_other_tags_is_refused(tmp_path: Path) -> None:
    for name in ("attribution.onnx", "tokenizer.json"):
        (tmp_path / name).symlink_to(ARTIFACT_DIR / name)
    config = json.loads((ARTIFACT_DIR / "config.json").read_text())
    config["tags"] = config["tags"][:-1]
    (tmp_path / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="other tags or features"):
        load_model(str(tmp_path))


def test_a_broken_onnx_file_fails_at_load(tmp_path: Path) -> None:
    shutil.copy(ARTIFACT_DIR / "tokenizer.json", tmp_path / "tokenizer.json")
    shutil.copy(ARTIFACT_DIR / "config.json", tmp_path / "config.json")
    (tmp_path / "attribution.onnx").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="cannot load the attribution model"):
        load_model(str(tmp_path))
