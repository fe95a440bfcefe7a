"""The encoder graph with each layer's self-attention as one ONNX Runtime QAttention node.

torch's export writes a layer's self-attention as some forty nodes (three int8 projections
with their casts, scales and biases, reshapes and transposes per head, two fp32 matrix
products, a softmax, the heads joined again), and ONNX Runtime's optimiser does not fuse
them in a dynamically quantized graph. `com.microsoft.QAttention` does all of it in one
kernel: the three projections as one int8 product of the same int8 weights, per-column
scales and zero points laid side by side, the same activation quantization (the input's
one scale and zero point from the DynamicQuantizeLinear that fed the three), then the
attention. On the 466 windows of PolNeAR dev its logits equal the unfused graph's bit for
bit (tests/training/test_fused.py checks real windows), in about 3% less CPU time
(benchmarks/README.md). Like `unpadded.py` it assumes one unpadded window per call: the
node gets no mask.

(ONNX Runtime's fp32 MultiHeadAttention, with the projections left as they were, was some
5% faster but not the same: 0.2% of dev pieces changed tag and content F1 fell 0.2 point.)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .graph_step import keep_nodes, rewrite_artifact

if TYPE_CHECKING:
    import onnx

# What config.json says of a graph passed through `with_fused_attention`.
GRAPH_NOTE = "self-attention fused: one QAttention node per layer (training/fused.py)"


@dataclass
class _Projection:
    """One of a layer's query, key and value projections as `quantize_dynamic` wrote it:
    Add(bias, Mul(Cast(MatMulInteger(x_q, W, x_zero, W_zero)), Mul(x_scale, W_scale)))."""

    matmul: onnx.NodeProto
    scales: onnx.NodeProto
    bias: str


class _Graph:
    """Producers, consumers, constants and initializers of a graph, looked up by name."""

    def __init__(self, graph: onnx.GraphProto) -> None:
        self.producer = {name: node for node in graph.node for name in node.output}
        self.consumers: dict[str, list[onnx.NodeProto]] = {}
        for node in graph.node:
            for name in node.input:
                self.consumers.setdefault(name, []).append(node)
        self.initializers = {init.name: init for init in graph.initializer}

    def made_by(self, name: str, op_type: str) -> onnx.NodeProto:
        node = self.producer.get(name)
        if node is None or node.op_type != op_type:
            raise ValueError(f"{name} is not the output of a {op_type} node")
        return node

    def consumer(self, name: str, op_type: str) -> onnx.NodeProto:
        """The one `op_type` node reading `name` (Shape nodes may read it too: the export
        computes reshapes' shapes at run time)."""
        after = [n for n in self.consumers.get(name, []) if n.op_type != "Shape"]
        if len(after) != 1 or after[0].op_type != op_type:
            raise ValueError(f"{name} does not feed one {op_type} node")
        return after[0]

    def array(self, name: str) -> np.ndarray:
        """The value of an initializer or of a Constant node's output."""
        from onnx import numpy_helper

        if name in self.initializers:
            return numpy_helper.to_array(self.initializers[name])
        node = self.made_by(name, "Constant")
        return numpy_helper.to_array(node.attribute[0].t)

    def scalar(self, name: str) -> float:
        value = self.array(name)
        if value.size != 1:
            raise ValueError(f"{name} is not a scalar")
        return float(value.reshape(-1)[0])

    def projection(self, name: str) -> _Projection:
        """The int8 projection whose biased output is `name`."""
        add = self.made_by(name, "Add")
        bias = next((i for i in add.input if i in self.initializers), None)
        if bias is None:
            raise ValueError(f"{add.name} adds no bias initializer")
        product = next(i for i in add.input if i != bias)
        mul = self.made_by(product, "Mul")
        cast = self.made_by(mul.input[0], "Cast")
        matmul = self.made_by(cast.input[0], "MatMulInteger")
        scales = self.made_by(mul.input[1], "Mul")
        if len(matmul.input) != 4 or any(matmul.input[i] not in self.initializers for i in (1, 3)) \
                or scales.input[1] not in self.initializers:
            raise ValueError(f"{matmul.name} is not a dynamically quantized product of int8 weights")
        return _Projection(matmul, scales, bias)


def _fuse_layer(g: _Graph, softmax: onnx.NodeProto, number: int) -> tuple[onnx.NodeProto,
                                                                           list[onnx.TensorProto]]:
    """The QAttention node and its initializers that replace one layer's attention, from
    its projections to the heads joined again (the node writes the joined heads' name)."""
    from onnx import helper, numpy_helper

    scores = g.made_by(softmax.input[0], "MatMul")
    scaled_q, scaled_k = (g.made_by(name, "Mul") for name in scores.input)
    scale = g.scalar(scaled_q.input[1]) * g.scalar(scaled_k.input[1])
    split_q = g.made_by(g.made_by(scaled_q.input[0], "Transpose").input[0], "Reshape")
    split_k = g.made_by(g.made_by(scaled_k.input[0], "Transpose").input[0], "Reshape")
    context = g.consumer(softmax.output[0], "MatMul")
    split_v = g.made_by(g.made_by(context.input[1], "Transpose").input[0], "Reshape")
    joined = g.consumer(g.consumer(g.consumer(context.output[0], "Reshape").output[0], "Transpose").output[0],
                        "Reshape")
    projections = [g.projection(split.input[0]) for split in (split_q, split_k, split_v)]
    first = projections[0]
    if any(p.matmul.input[0] != first.matmul.input[0] or p.matmul.input[2] != first.matmul.input[2]
           or p.scales.input[0] != first.scales.input[0] for p in projections):
        raise ValueError(f"the projections of {softmax.name} do not read one quantized input")
    # the heads are split as (batch, pieces, -1, head size)
    size = int(g.scalar(g.made_by(split_q.input[1], "Concat").input[-1]))
    heads = g.array(first.bias).shape[-1] // size
    prefix = f"/fused/layer.{number}/attention"
    packed = {  # query, key and value side by side, as QAttention reads them
        "weight": np.concatenate([g.array(p.matmul.input[1]) for p in projections], axis=-1),
        "bias": np.concatenate([g.array(p.bias) for p in projections], axis=-1),
        "weight_scale": np.concatenate([g.array(p.scales.input[1]) for p in projections], axis=-1),
        "weight_zero_point": np.concatenate([g.array(p.matmul.input[3]) for p in projections], axis=-1),
    }
    initializers = [numpy_helper.from_array(value, f"{prefix}/{name}") for name, value in packed.items()]
    x, x_zero, x_scale = first.matmul.input[0], first.matmul.input[2], first.scales.input[0]
    node = helper.make_node(
        "QAttention", [x, f"{prefix}/weight", f"{prefix}/bias", x_scale, f"{prefix}/weight_scale", "", x_zero,
                       f"{prefix}/weight_zero_point"],
        [joined.output[0]], domain="com.microsoft", name=f"{prefix}/QAttention", num_heads=heads, scale=scale)
    return node, initializers


def with_fused_attention(model: onnx.ModelProto) -> tuple[onnx.ModelProto, int]:
    """A copy of `model` (the int8 encoder, attention mask removed) with each layer's
    attention fused; and how many layers were fused. Raises ValueError where the graph has
    no attention softmax of the expected shape."""
    import onnx
    from onnx import helper

    out = onnx.ModelProto()
    out.CopyFrom(model)
    graph = out.graph
    g = _Graph(graph)
    replaced: set[str] = set()
    added_nodes: list[onnx.NodeProto] = []
    for number, softmax in enumerate(n for n in list(graph.node) if n.op_type == "Softmax"):
        node, initializers = _fuse_layer(g, softmax, number)
        added_nodes.append(node)
        graph.initializer.extend(initializers)
        replaced.add(node.output[0])
    if not replaced:
        raise ValueError("no attention softmax found: is this the attribution encoder's graph?")
    kept = [n for n in graph.node if not replaced & set(n.output)] + added_nodes
    available = {i.name for i in graph.input} | {i.name for i in graph.initializer}
    keep_nodes(graph, kept, lambda nodes: _in_order(nodes, available))  # less what fed only the replaced
    if not any(o.domain == "com.microsoft" for o in out.opset_import):
        out.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return out, len(replaced)


def _in_order(nodes: list[onnx.NodeProto], available: set[str]) -> list[onnx.NodeProto]:
    """`nodes` sorted so that each comes after the nodes whose outputs it reads."""
    ordered: list[onnx.NodeProto] = []
    known = set(available)
    pending = nodes
    while pending:
        ready = [n for n in pending if all(not name or name in known for name in n.input)]
        if not ready:
            raise ValueError("the rewritten graph has a cycle or an input nothing produces")
        ordered += ready
        known.update(name for n in ready for name in n.output)
        pending = [n for n in pending if all(n is not r for r in ready)]
    return ordered


def main(argv: list[str] | None = None) -> int:
    """Rewrite an artifact folder's attribution.onnx with its attention fused (idempotent:
    a graph already fused is left as it is)."""

    return rewrite_artifact(
        argv, prog="python -m quotegraph.training.fused", description=main.__doc__,
        done=lambda model: any(node.op_type == "QAttention" for node in model.graph.node),
        already="attention already fused", rewrite=with_fused_attention,
        config_key="attention_fused", note=GRAPH_NOTE, changed="{count} layers' attention fused")


if __name__ == "__main__":
    raise SystemExit(main())
