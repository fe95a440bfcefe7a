"""The attribution tagger as a torch module: all-MiniLM-L6-v2 with the parse's features
added to its input embeddings, and a linear layer giving a tag per word piece.

Only training and export import this (torch is in the `[train]` extra); users run the
exported ONNX graph.
"""
from __future__ import annotations

import torch
from torch import nn

from ..quotes.model.features import FEATURES
from ..quotes.model.labels import TAGS

FEATURE_NAMES = tuple(FEATURES)


class AttributionTagger(nn.Module):
    def __init__(self, encoder: nn.Module, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        width = encoder.config.hidden_size
        self.features = nn.ModuleDict({
            name: nn.Embedding(len(vocabulary), width, padding_idx=0) for name, vocabulary in FEATURES.items()
        })
        for embedding in self.features.values():
            nn.init.normal_(embedding.weight, std=0.02)
            with torch.no_grad():
                embedding.weight[0].zero_()
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(width, len(TAGS))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, shape: torch.Tensor,
                layout: torch.Tensor, ent: torch.Tensor, pos: torch.Tensor, dep: torch.Tensor,
                rule: torch.Tensor) -> torch.Tensor:
        """Tag logits, (batch, pieces, tags). The feature tensors are in FEATURE_NAMES order."""
        embedded = self.encoder.embeddings.word_embeddings(input_ids)
        for name, ids in zip(FEATURE_NAMES, (shape, layout, ent, pos, dep, rule)):
            embedded = embedded + self.features[name](ids)
        hidden = self.encoder(inputs_embeds=embedded, attention_mask=attention_mask).last_hidden_state
        return self.classifier(self.dropout(hidden))
