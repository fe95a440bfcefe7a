"""Per-channel smoothing of an ONNX graph's activations before int8 quantization.

Dynamic int8 quantization gives each activation tensor one scale, so a few input channels
with large values (after GELU, after LayerNorm) crush the resolution of all the others.
Smoothing (SmoothQuant, Xiao et al. 2023) divides each input channel of a MatMul by a
scale and multiplies the weight's matching row by it: the fp32 graph computes the same
thing, but the activations reaching the quantizer are even across channels and the
per-channel weight scales absorb the difference. Here the scale is the channel's largest
absolute value on calibration windows (SmoothQuant's migration strength alpha = 1).
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Iterable

import numpy as np

from ..quotes.model.windows import Batch

if TYPE_CHECKING:
    import onnx


def _weighted_matmuls(model: onnx.ModelProto) -> dict[str, list[onnx.NodeProto]]:
    """MatMuls whose second input is a constant, grouped by the activation they read."""
    constants = {init.name for init in model.graph.initializer}
    by_input: dict[str, list] = defaultdict(list)
    for node in model.graph.node:
        if node.op_type == "MatMul" and node.input[1] in constants:
            by_input[node.input[0]].append(node)
    weights = [node.input[1] for nodes in by_input.values() for node in nodes]
    if len(weights) != len(set(weights)):
        # a weight shared by two MatMuls cannot take two different row scales
        raise ValueError("a MatMul weight is shared between activations; smoothing would change the graph's result")
    return dict(by_input)


def activation_maxima(model: onnx.ModelProto, names: list[str], batches: Iterable[Batch]
                      ) -> dict[str, np.ndarray]:
    """The largest absolute value of each channel (last axis) of the tensors `names`, over
    the graph run in fp32 on `batches`."""
    import onnx
    import onnxruntime as ort

    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    for name in names:
        probe.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    options = ort.SessionOptions()
    # unoptimised, so every tensor named in the graph exists at run time
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(probe.SerializeToString(), options, providers=["CPUExecutionProvider"])
    wanted = {i.name for i in session.get_inputs()}
    maxima: dict[str, np.ndarray] = {}
    for batch in batches:
        for name, value in zip(names, session.run(names, {k: v for k, v in batch.items() if k in wanted})):
            channel_max = np.abs(value.reshape(-1, value.shape[-1])).max(axis=0)
            maxima[name] = np.maximum(maxima[name], channel_max) if name in maxima else channel_max
    if len(maxima) != len(names):
        raise ValueError("no calibration batches: smoothing needs at least one")
    return maxima


def smooth(model: onnx.ModelProto, batches: Iterable[Batch], *, floor: float = 1e-5
           ) -> tuple[onnx.ModelProto, int]:
    """A copy of `model` in which every MatMul with constant weights reads its input divided
    per channel by that channel's calibrated maximum (one Mul node per activation, shared by
    the MatMuls that read it), with the weights' rows multiplied to match; and how many
    activations were smoothed. The fp32 outputs are unchanged up to rounding."""
    import onnx
    from onnx import numpy_helper

    smoothed = onnx.ModelProto()
    smoothed.CopyFrom(model)
    groups = _weighted_matmuls(smoothed)
    maxima = activation_maxima(smoothed, list(groups), batches)
    weights = {init.name: init for init in smoothed.graph.initializer}
    nodes = list(smoothed.graph.node)
    for activation, matmuls in groups.items():
        scale = np.maximum(maxima[activation], floor).astype(np.float32)
        for matmul in matmuls:
            init = weights[matmul.input[1]]
            weight = numpy_helper.to_array(init)
            init.CopyFrom(numpy_helper.from_array((weight * scale[:, None]).astype(np.float32), init.name))
        inverse = f"{activation}/smoothing_inverse"
        smoothed.graph.initializer.append(numpy_helper.from_array((1.0 / scale).astype(np.float32), inverse))
        output = f"{activation}/smoothed"
        mul = onnx.helper.make_node("Mul", [activation, inverse], [output], name=f"{activation}/smoothing")
        nodes.insert(min(nodes.index(m) for m in matmuls), mul)
        for matmul in matmuls:
            matmul.input[0] = output
    del smoothed.graph.node[:]
    smoothed.graph.node.extend(nodes)
    return smoothed, len(groups)
