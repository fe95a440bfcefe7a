"""Fitting what turns the model's raw span scores into decisions: a Platt scaling (so that
`confidence` is the probability that a quote's content is exactly right) and the
threshold below which a quote is dropped (the one that maximises strict content F1).

    python -m quotegraph.training.calibrate --data ../shared/data/polnear --artifact src/quotegraph/quotes/model/artifact
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Sequence

import numpy as np

from ..eval.brat import GoldArticle
from ..eval.polnear import strict_normalize
from ..quotes.conventions import to_polnear
from ..quotes.finder import rule_attributions
from ..quotes.model.attribution import calibrated, logit, model_attributions
from ..quotes.model.encoder import artifact_dir, load_model
from ..text.ranges import Paragraphs
from .dataset import held_back_articles


def fit_platt(raw: Sequence[float], correct: Sequence[bool], iterations: int = 100) -> tuple[float, float]:
    """(a, b) maximising the likelihood of `correct` under sigmoid(a * logit(raw) + b):
    Newton's method on two parameters, each step halved until the likelihood improves."""
    x = np.array([logit(r) for r in raw])
    y = np.asarray(correct, dtype=float)

    def log_likelihood(a: float, b: float) -> float:
        z = a * x + b
        return float(np.sum(y * z - np.logaddexp(0.0, z)))

    a, b = 1.0, 0.0
    current = log_likelihood(a, b)
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(a * x + b, -50, 50)))
        grad = np.array([np.sum((p - y) * x), np.sum(p - y)])
        w = p * (1 - p) + 1e-9
        hessian = np.array([[np.sum(w * x * x), np.sum(w * x)], [np.sum(w * x), np.sum(w)]]) + 1e-6 * np.eye(2)
        step = np.linalg.solve(hessian, grad)
        scale = 1.0
        while scale > 1e-6 and log_likelihood(a - scale * step[0], b - scale * step[1]) < current:
            scale /= 2
        a, b = a - scale * step[0], b - scale * step[1]
        improved = log_likelihood(a, b)
        if improved - current < 1e-10:
            break
        current = improved
    return float(a), float(b)


def best_threshold(confidences: Sequence[float], correct: Sequence[bool], n_gold: int) -> tuple[float, float]:
    """(threshold, F1): the confidence at or above which keeping quotes maximises F1."""
    order = sorted(zip(confidences, correct), reverse=True)
    best = (0.0, 0.0)
    tp = 0
    for kept, (confidence, ok) in enumerate(order, start=1):
        tp += ok
        f1 = 2 * tp / (kept + n_gold) if kept + n_gold else 0.0
        if f1 > best[1]:
            best = (confidence, f1)
    return best


def collect(golds: Sequence[GoldArticle], artifact: str, spacy_model: str) -> tuple[list[float], list[bool], int]:
    """Raw scores of every quote the model finds in `golds` (no threshold), whether its
    content is exactly a gold content, and the number of gold contents."""
    from ..pipeline.nlp import COMPONENTS, load_pipeline

    model = load_model(artifact)
    model = replace(model, config={**model.config, "threshold": 0.0, "calibration": None})
    nlp = load_pipeline(spacy_model, "rules")
    raw: list[float] = []
    correct: list[bool] = []
    n_gold = 0
    for article, doc in zip(golds, nlp.pipe((g.text for g in golds), batch_size=16, disable=list(COMPONENTS))):
        text = doc.text
        paragraphs = Paragraphs(text)
        gold = {strict_normalize(text, a.content) for a in article.attributions if a.content}
        gold.discard(())
        n_gold += len(gold)
        for _, score, roles in model_attributions(model, doc, text, paragraphs, rule_attributions(doc, text, paragraphs)):
            fragments = [to_polnear(text, s, e) for s, e in roles["content"]]
            raw.append(score)
            correct.append(strict_normalize(text, fragments) in gold)
    return raw, correct, n_gold


# The Platt scaling and the threshold are both fitted on the slice of PolNeAR train held
# back from training (its article names are in the artifact's config), never on dev; they
# are written into the artifact's config.json. Needs no torch.
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quotegraph.training.calibrate", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data/polnear", help="the PolNeAR folder (train/ is read)")
    parser.add_argument("--artifact", default=str(artifact_dir()))
    args = parser.parse_args(argv)
    config_path = Path(args.artifact) / "config.json"
    config = json.loads(config_path.read_text())
    training = config["training"]
    golds = held_back_articles(training, args.data)
    if not golds:
        print(f"error: none of the held-back articles found under {args.data}/train", file=sys.stderr)
        return 2
    raw, correct, n_gold = collect(golds, args.artifact, training["spacy_model"])
    a, b = fit_platt(raw, correct)
    confidences = [calibrated(r, a, b) for r in raw]
    threshold, f1 = best_threshold(confidences, correct, n_gold)
    config["calibration"] = {"a": round(a, 6), "b": round(b, 6), "fitted_on": f"PolNeAR train, {len(golds)} held-back articles",
                             "quotes": len(raw), "exact": int(sum(correct))}
    config["threshold"] = round(threshold, 6)
    config["threshold_fit"] = {"content_strict_f1": round(f1, 4), "gold_contents": n_gold}
    config_path.write_text(json.dumps(config, indent=2) + "\n")
    print(f"{len(golds)} held-back articles, {len(raw)} quotes ({sum(correct)} exact), {n_gold} gold contents")
    print(f"Platt a={a:.4f} b={b:.4f}; threshold {threshold:.4f} (held-back strict content F1 {f1:.4f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
