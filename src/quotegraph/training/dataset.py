"""PolNeAR articles as training examples: word pieces, features and gold tags.

Parsing 840 articles takes minutes, so a prepared split is cached (a pickle under the
cache folder, keyed by the split, the spaCy pipeline and the tokenizer).
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from ..eval.brat import GoldArticle, read_article, read_split
from ..quotes.finder import rule_attributions
from ..quotes.model.features import PieceFeatures
from ..quotes.model.labels import ROLES, gold_tags
from ..quotes.model.pieces import encode, load_tokenizer
from ..text.ranges import Paragraphs


@dataclass
class Example:
    stem: str
    text: str
    pieces: PieceFeatures
    tags: np.ndarray  # (n,) gold tag ids


def _gold_attributions(article: GoldArticle) -> list[dict[str, Sequence[tuple[int, int]]]]:
    return [{role: attribution.role(role) for role in ROLES} for attribution in article.attributions]


def prepare(golds: Sequence[GoldArticle], *, spacy_model: str, tokenizer_path: str) -> list[Example]:
    """Examples of `golds`: each parsed by `spacy_model`, with the rules run for features."""
    from ..pipeline.nlp import COMPONENTS, load_pipeline

    nlp = load_pipeline(spacy_model)
    tokenizer = load_tokenizer(tokenizer_path)
    examples = []
    texts = (article.text for article in golds)
    for article, doc in zip(golds, nlp.pipe(texts, batch_size=16, disable=list(COMPONENTS))):
        text = doc.text
        accepted = rule_attributions(doc, text, Paragraphs(text))
        pieces = encode(tokenizer, doc, text, accepted)
        tags = np.asarray(gold_tags(pieces.offsets, _gold_attributions(article)), dtype=np.int64)
        examples.append(Example(article.stem, text, pieces, tags))
    return examples


def held_back_articles(training: dict, data: str | Path) -> list[GoldArticle]:
    """The PolNeAR train articles a training run held back (`training`: its training.json),
    read from the PolNeAR folder `data`: what the export smooths on and calibration fits."""
    stems = training["data"]["held_back_stems"]
    return [g for g in (read_article(Path(data) / "train", stem) for stem in stems) if g is not None]


def load_split(split_dir: str | Path, *, spacy_model: str, tokenizer_path: str, cache_dir: Path) -> list[Example]:
    """The examples of a PolNeAR split folder, from the cache where prepared before."""
    key = hashlib.sha256(f"{Path(split_dir).resolve()}|{spacy_model}|{tokenizer_path}|v1".encode()).hexdigest()[:16]
    cached = cache_dir / f"polnear-{Path(split_dir).name}-{key}.pickle"
    if cached.exists():
        with cached.open("rb") as handle:
            return pickle.load(handle)
    examples = prepare(read_split(split_dir), spacy_model=spacy_model, tokenizer_path=tokenizer_path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    with cached.open("wb") as handle:
        pickle.dump(examples, handle)
    return examples
