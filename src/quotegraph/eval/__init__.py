"""Evaluation against public annotated corpora, read at run time from ../shared/data.

No corpus data is bundled; each corpus is a reader and a metric, driven through
`quotegraph eval` and the gate (`gate.py`). What each scores: docs/evaluation.md.
"""
from __future__ import annotations

__all__ = ["brat", "gate", "meantime", "polnear", "timeml"]
