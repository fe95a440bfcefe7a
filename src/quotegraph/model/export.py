"""Exporting a trained tagger to the artifact users run: an int8 ONNX graph, the
tokenizer, and `config.json` (tags, feature vocabularies, windows, training record).

    python -m quotegraph.model.export --trained build/model --out src/quotegraph/model/artifact

Needs the `[train]` extra (torch, onnx). The decision threshold and the calibration are
fitted afterwards, on the held-back slice of train, by `quotegraph.model.calibrate`.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Sequence

from .features import FEATURES
from .labels import TAGS
from .windows import STRIDE, WINDOW

INPUT_NAMES = ("input_ids", "attention_mask", *FEATURES)


def export(trained: Path, out: Path, *, quantize: bool = True) -> Path:
    """Write `out`/attribution.onnx (int8 weights unless `quantize` is False), tokenizer.json and
    config.json from the training folder `trained`; returns the ONNX path."""
    import torch
    from transformers import BertConfig, BertModel

    from .network import AttributionTagger
    from .train import base_model_dir

    base = base_model_dir()
    model = AttributionTagger(BertModel(BertConfig.from_pretrained(str(base)), add_pooling_layer=False))
    model.load_state_dict(torch.load(trained / "tagger.pt", map_location="cpu"))
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    example = {name: torch.zeros((1, 8), dtype=torch.long) for name in INPUT_NAMES}
    example["input_ids"][0, 0], example["attention_mask"][:] = 101, 1
    fp32 = out / "attribution.fp32.onnx"
    torch.onnx.export(
        model, tuple(example[name] for name in INPUT_NAMES), str(fp32), input_names=list(INPUT_NAMES),
        output_names=["logits"], opset_version=17, dynamo=False,
        dynamic_axes={name: {0: "batch", 1: "pieces"} for name in (*INPUT_NAMES, "logits")},
    )
    target = out / "attribution.onnx"
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        # per-channel scales: on PolNeAR dev it keeps about a point of exact F1 that one
        # scale per weight matrix loses (README, "The attribution model")
        quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True)
        fp32.unlink()
    else:
        fp32.replace(target)
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")
    training = json.loads((trained / "training.json").read_text())
    config_path = out / "config.json"
    config = json.loads(config_path.read_text()) if config_path.exists() else {}
    config.update({
        "tags": list(TAGS), "features": {name: list(vocabulary) for name, vocabulary in FEATURES.items()},
        "window": WINDOW, "stride": STRIDE, "quantized": "int8 per-channel (dynamic)" if quantize else "fp32",
        "training": training,
    })
    config_path.write_text(json.dumps(config, indent=2) + "\n")
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quotegraph.model.export", description=__doc__.splitlines()[0])
    parser.add_argument("--trained", default="build/model", help="the training folder (tagger.pt, training.json)")
    parser.add_argument("--out", default=str(Path(__file__).with_name("artifact")))
    parser.add_argument("--fp32", action="store_true", help="do not quantize to int8")
    args = parser.parse_args(argv)
    path = export(Path(args.trained), Path(args.out), quantize=not args.fp32)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
