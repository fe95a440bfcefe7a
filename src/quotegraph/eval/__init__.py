"""Evaluation against public annotated corpora, read at run time from ../shared/data.

No corpus data is bundled (PolNeAR carries no redistribution licence): every entry point
takes a folder, and the gate (`python -m quotegraph.eval.gate`) skips with a message
where the data is absent.

- `polnear`: score quotes against PolNeAR attributions (`evaluate_dir`, `format_report`).
- `brat`: read PolNeAR's brat standoff `.ann` files.
- `meantime`: read MEANTIME documents; score speaker resolution on its speech events.
- `timeml`: score temporal expressions (TempEval-3 Task A) on TimeML and MEANTIME TIMEX3.
- `gate`: the CI gate, enforcing the floors pinned in `floors.json`.
"""
from __future__ import annotations

__all__ = ["brat", "gate", "meantime", "polnear", "timeml"]
