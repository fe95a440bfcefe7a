"""Exporting a trained tagger to the artifact users run: an int8 ONNX graph, the
tokenizer, and `config.json` (tags, feature vocabularies, windows, training record).

    python -m quotegraph.training.export --trained build/model --data ../shared/data/polnear \
        --out src/quotegraph/quotes/model/artifact

Needs the `[train]` extra (torch, onnx) and PolNeAR train: the activations are smoothed
(`smoothing.py`) on the windows of the articles held back from training before int8
quantization. The decision threshold and the confidence calibration are fitted afterwards,
on the same held-back slice, by `quotegraph.training.calibrate`.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..quotes.model.encoder import ARTIFACT_DIR
from ..quotes.model.features import FEATURES, windows
from ..quotes.model.labels import TAGS
from ..quotes.model.windows import STRIDE, WINDOW, Batch, window_batch

if TYPE_CHECKING:
    import onnx

INPUT_NAMES = ("input_ids", "attention_mask", *FEATURES)


def held_back_windows(trained: Path, data: Path) -> list[Batch]:
    """One batch per window of the training run's held-back articles (PolNeAR train), the
    calibration data for smoothing."""
    from .dataset import held_back_articles, prepare
    from .train import base_model_dir

    training = json.loads((trained / "training.json").read_text())
    golds = held_back_articles(training, data)
    if not golds:
        raise SystemExit(f"error: none of the held-back articles found under {data / 'train'}")
    examples = prepare(golds, spacy_model=training["spacy_model"], tokenizer_path=str(base_model_dir() / "tokenizer.json"))
    return [window_batch(e.pieces, [w])[0] for e in examples for w in windows(len(e.tags), WINDOW, STRIDE)]


def kept_fp32(graph: onnx.ModelProto) -> list[str]:
    """The small lookups and the classifier, left in fp32 (0.7 MB more): seven embeddings
    are summed for every piece (the word's, its position's, its segment's and the parse's
    six features'), so their rounding errors add up; quantizing them all cost the 8-epoch
    model 0.8 point of dev content F1 against fp32, leaving them out 0.3."""
    small = tuple(f"/{name}/" for name in FEATURES) + ("position_embeddings", "token_type_embeddings", "/classifier/")
    return [node.name for node in graph.graph.node
            if node.op_type in ("Gather", "MatMul") and any(part in node.name for part in small)]


def export(trained: Path, out: Path, *, calibration: Iterable[Batch] | None = None) -> Path:
    """Write `out`/attribution.onnx, tokenizer.json and config.json from the training folder
    `trained`; returns the ONNX path. With `calibration` windows the graph is smoothed on them
    and its weights quantized to int8; without, it stays fp32."""
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
    quantized = "fp32"
    if calibration is not None:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic

        from .smoothing import smooth

        smoothed, n_activations = smooth(onnx.load(str(fp32)), calibration)
        onnx.save(smoothed, str(fp32))
        # per-channel weight scales: one scale per matrix loses about a point of exact F1
        # on PolNeAR dev, and without the smoothing int8 lost more than half a point
        # against fp32 (README, "The attribution model")
        kept = kept_fp32(smoothed)
        quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         nodes_to_exclude=kept)
        fp32.unlink()
        quantized = (f"int8 per-channel (dynamic), {n_activations} activations smoothed per channel, "
                     f"the small lookups and the classifier in fp32 ({len(kept)} nodes)")
    else:
        fp32.replace(target)
    # windows are read one at a time, unpadded: the mask's nodes only cost time (unpadded.py)
    import onnx

    from .fused import GRAPH_NOTE as FUSED_NOTE
    from .fused import with_fused_attention
    from .unpadded import GRAPH_NOTE, without_padding_mask

    graph = without_padding_mask(onnx.load(str(target)))[0]
    if calibration is not None:  # the int8 graph's self-attention as QAttention: same logits (fused.py)
        graph = with_fused_attention(graph)[0]
    onnx.save(graph, str(target))
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")
    training = json.loads((trained / "training.json").read_text())
    config_path = out / "config.json"
    config = json.loads(config_path.read_text()) if config_path.exists() else {}
    config.update({
        "tags": list(TAGS), "features": {name: list(vocabulary) for name, vocabulary in FEATURES.items()},
        "window": WINDOW, "stride": STRIDE, "quantized": quantized, "attention": GRAPH_NOTE,
        "training": training,
    })
    if calibration is not None:
        config["attention_fused"] = FUSED_NOTE
    config_path.write_text(json.dumps(config, indent=2) + "\n")
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quotegraph.training.export", description=__doc__.splitlines()[0])
    parser.add_argument("--trained", default="build/model", help="the training folder (tagger.pt, training.json)")
    parser.add_argument("--out", default=str(ARTIFACT_DIR))
    parser.add_argument("--data", default="../shared/data/polnear",
                        help="the PolNeAR folder: the held-back train articles calibrate the smoothing")
    parser.add_argument("--fp32", action="store_true", help="do not smooth or quantize to int8")
    args = parser.parse_args(argv)
    trained = Path(args.trained)
    calibration = None if args.fp32 else held_back_windows(trained, Path(args.data))
    path = export(trained, Path(args.out), calibration=calibration)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
