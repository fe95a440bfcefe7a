"""Fitting the reader confidence (`quotes/acceptance.py`): a logistic regression of "a
reader accepts this statement" on what the record shows of it.

    python -m quotegraph.training.fit_acceptance --pages ../shared/data/pages-dev \\
        --polnear ../shared/data/polnear/train [--polnear-limit 300]

Quotes that the reader's rules leave out (`quotes/not_a_statement.py`) are no examples.
Labels: on the real-page tuning gold (never the held-out pages), fully right
(`eval/statements.py`); on PolNeAR train, accepted (right source, content overlap >= 0.5;
`eval/polnear.accepted`). PolNeAR annotates stance verbs and noun-phrase contents that a
reader does not call statements, so its examples together weigh `--polnear-share` of the
whole: 5% by default, the share that gave the lowest calibration error in 5-fold
cross-validation over the tuning pages (0: 0.037, 5%: 0.031, 15%: 0.067, a third: 0.135);
the pages decide where the two disagree.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from ..config import Options
from ..eval.statements import GOLD_DIR, judge_page, load_gold, read_page, split_of
from ..quotes.acceptance import WEIGHTS_PATH, features, quotations
from ..quotes.not_a_statement import not_a_statement
from ..record import Quote, Record
from ..text.ranges import RangeSet

# L2 penalty on the weights (not the bias), in units of the total sample weight.
_PENALTY = 1e-3


@dataclass
class Examples:
    rows: list[dict[str, float]] = field(default_factory=list)
    labels: list[bool] = field(default_factory=list)

    def add(self, quote: Quote, record: Record, quoted: RangeSet, label: bool) -> None:
        """One example; a quote the reader's rules already leave out (`not_a_statement`) is
        none: the weights are for what the rules leave."""
        if not_a_statement(quote, record.text, quoted) is not None:
            return
        self.rows.append(features(quote, record.entities, quoted, record.text))
        self.labels.append(label)


def _engine_options() -> Options:
    return Options(confidence="attribution").everything()


def page_examples(pages_dir: Path, gold_dir: Path = GOLD_DIR, split: str = "tune") -> Examples:
    """Every scored quote of the real pages of `split`, labelled fully right or not."""
    from ..api import extract_many

    golds = {p: g for p, g in load_gold(gold_dir).items() if split_of(p) == split}
    articles = [read_page(pages_dir, page) for page in golds]
    examples = Examples()
    for (page, gold), record in zip(golds.items(), extract_many(articles, options=_engine_options())):
        quotes = [q for q in record.quotes if q.within is None]
        judged, _ = judge_page(page, record.text, gold, [q.to_dict() for q in quotes])
        quoted = quotations(record.text)
        for quote, verdict in zip(quotes, judged):
            examples.add(quote, record, quoted, verdict.fully_right)
    return examples


def polnear_examples(split_dir: Path, limit: int | None) -> Examples:
    """Every scored quote of a PolNeAR split, labelled accepted or not."""
    from ..eval.brat import read_split
    from ..eval.polnear import accepted, predict_records, scored_quotes

    golds = read_split(split_dir, limit=limit)
    records = predict_records(golds)
    examples = Examples()
    for article, record, quotes in zip(golds, records, scored_quotes(records)):
        quoted = quotations(record.text)
        for quote, ok in zip(quotes, accepted(article, quotes)):
            examples.add(quote, record, quoted, ok)
    return examples


def fit(rows: Sequence[dict[str, float]], labels: Sequence[bool], sample_weights: Sequence[float],
        iterations: int = 50) -> dict[str, float]:
    """Weights (and "bias") of a weighted, L2-penalised logistic regression, by Newton's method."""
    names = sorted(rows[0])
    x = np.array([[row[name] for name in names] + [1.0] for row in rows])
    y = np.asarray(labels, dtype=float)
    w = np.asarray(sample_weights, dtype=float)
    penalty = _PENALTY * w.sum() * np.eye(len(names) + 1)
    penalty[-1, -1] = 0.0
    beta = np.zeros(len(names) + 1)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-x @ beta))
        gradient = x.T @ (w * (y - p)) - penalty @ beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.max(np.abs(step)) < 1e-8:
            break
    return {**{name: round(float(b), 6) for name, b in zip(names, beta[:-1])}, "bias": round(float(beta[-1]), 6)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, required=True, help="the real pages (../shared/data/pages-dev)")
    parser.add_argument("--polnear", type=Path, required=True, help="a PolNeAR split (../shared/data/polnear/train)")
    parser.add_argument("--polnear-limit", type=int, default=300, help="only the first N PolNeAR articles")
    parser.add_argument("--polnear-share", type=float, default=0.05, help="the PolNeAR examples' share of the weight")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args(argv)
    pages = page_examples(args.pages)
    polnear = polnear_examples(args.polnear, args.polnear_limit)
    share = args.polnear_share
    n_pages, n_polnear = len(pages.labels), len(polnear.labels)
    sample_weights = [(1 - share) / n_pages] * n_pages + [share / n_polnear] * n_polnear
    weights = fit(pages.rows + polnear.rows, pages.labels + polnear.labels, sample_weights)
    data = {"weights": weights,
            "fitted_on": {"pages_tune_quotes": n_pages, "pages_tune_fully_right": sum(pages.labels),
                          "polnear_quotes": n_polnear, "polnear_accepted": sum(polnear.labels),
                          "polnear_articles": args.polnear_limit, "polnear_share": round(share, 4)}}
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {n_pages} page quotes ({sum(pages.labels)} fully right), "
          f"{n_polnear} PolNeAR quotes ({sum(polnear.labels)} accepted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
