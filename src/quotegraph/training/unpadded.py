"""The encoder graph for unpadded windows: the attention mask's work taken out.

The model reads one window per network call (`windows.tag_probabilities`), so its
attention mask is all ones. torch's export still builds, in every layer, a bias from the
mask (Where(mask, 0, -inf)), adds it to the attention scores, and after the softmax
replaces NaN (a row with no key left) by 0: about a sixth of the graph's time on a
256-piece window, for nothing. With every position attended the bias is 0, adding it
leaves each score as it was (x + 0.0 == x), and no softmax row is NaN, so the graph
without those nodes gives the same logits, bit for bit (tests/training/test_unpadded.py runs
both on real windows). A padded batch would attend to its padding: `AttributionModel`
refuses one.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .graph_step import keep_nodes, rewrite_artifact

if TYPE_CHECKING:
    import onnx

# What config.json says of a graph passed through `without_padding_mask`.
GRAPH_NOTE = "unpadded windows only: the attention mask's nodes removed (training/unpadded.py)"


def _constant(node: onnx.NodeProto | None) -> float | None:
    """The one value of a scalar Constant node, else None."""
    from onnx import numpy_helper

    if node is None or node.op_type != "Constant" or len(node.attribute) != 1 or node.attribute[0].name != "value":
        return None
    value = numpy_helper.to_array(node.attribute[0].t)
    return float(value.reshape(-1)[0]) if value.size == 1 else None


def without_padding_mask(model: onnx.ModelProto) -> tuple[onnx.ModelProto, int]:
    """A copy of `model` in which each attention softmax reads the scores directly (no mask
    bias added) and feeds its MatMul directly (no NaN guard), with the nodes that served
    only the mask removed; and how many softmaxes were changed. Raises ValueError where
    the graph has no such pattern."""
    import onnx

    out = onnx.ModelProto()
    out.CopyFrom(model)
    graph = out.graph
    producer = {name: node for node in graph.node for name in node.output}
    consumers: dict[str, list[onnx.NodeProto]] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    drop: set[int] = set()
    renamed: dict[str, str] = {}  # a NaN guard's output -> the softmax's
    changed = 0
    for softmax in [n for n in graph.node if n.op_type == "Softmax"]:
        add = producer.get(softmax.input[0])
        if add is None or add.op_type != "Add" or len(consumers.get(add.output[0], [])) != 1:
            continue
        bias = producer.get(add.input[1])
        if bias is None or bias.op_type != "Where" or len(consumers.get(bias.output[0], [])) != 1 \
                or _constant(producer.get(bias.input[1])) != 0.0 or _constant(producer.get(bias.input[2])) != -np.inf:
            continue
        after = consumers.get(softmax.output[0], [])
        isnan = next((n for n in after if n.op_type == "IsNaN"), None)
        guard = next((n for n in after if n.op_type == "Where"), None)
        if len(after) != 2 or isnan is None or guard is None or list(guard.input) != \
                [isnan.output[0], guard.input[1], softmax.output[0]] or _constant(producer.get(guard.input[1])) != 0.0:
            continue
        softmax.input[0] = add.input[0]
        renamed[guard.output[0]] = softmax.output[0]
        drop.update(id(n) for n in (add, bias, isnan, guard))
        changed += 1
    if not changed:
        raise ValueError("no masked attention softmax found: is this the attribution encoder's graph?")
    kept = [n for n in graph.node if id(n) not in drop]
    for node in kept:
        for i, name in enumerate(node.input):
            if name in renamed:
                node.input[i] = renamed[name]
    keep_nodes(graph, kept)  # and not what fed only the removed ones (the mask's expansion, its constants)
    return out, changed


def main(argv: list[str] | None = None) -> int:
    """Rewrite an artifact folder's attribution.onnx without the mask's nodes (idempotent:
    a graph already rewritten is left as it is)."""

    return rewrite_artifact(
        argv, prog="python -m quotegraph.training.unpadded", description=main.__doc__,
        done=lambda model: not any(node.op_type == "IsNaN" for node in model.graph.node),
        already="already without the mask's nodes", rewrite=without_padding_mask,
        config_key="attention", note=GRAPH_NOTE, changed="{count} attention softmaxes unmasked")


if __name__ == "__main__":
    raise SystemExit(main())
