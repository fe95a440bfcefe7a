"""Smoothing before int8 quantization: the fp32 graph computes the same thing, and a graph
whose activations have an outlier channel loses less to dynamic int8 once smoothed."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

from quotegraph.training.smoothing import smooth

WIDTH, HIDDEN = 16, 12


def _graph(rng: np.random.Generator) -> onnx.ModelProto:
    """x -> (x @ A, x @ B) -> relu(x @ A) @ C + x @ B: two MatMuls share an activation, a
    third reads another."""
    a = rng.normal(size=(WIDTH, HIDDEN)).astype(np.float32)
    b = rng.normal(size=(WIDTH, HIDDEN)).astype(np.float32)
    c = rng.normal(size=(HIDDEN, HIDDEN)).astype(np.float32)
    nodes = [
        helper.make_node("MatMul", ["x", "A"], ["xa"], name="first"),
        helper.make_node("MatMul", ["x", "B"], ["xb"], name="second"),
        helper.make_node("Relu", ["xa"], ["hidden"], name="relu"),
        helper.make_node("MatMul", ["hidden", "C"], ["hc"], name="third"),
        helper.make_node("Add", ["hc", "xb"], ["y"], name="add"),
    ]
    graph = helper.make_graph(
        nodes, "toy", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, WIDTH])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, HIDDEN])],
        [numpy_helper.from_array(w, n) for w, n in ((a, "A"), (b, "B"), (c, "C"))])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def _inputs(rng: np.random.Generator, n: int) -> np.ndarray:
    x = rng.normal(size=(n, WIDTH)).astype(np.float32)
    x[:, 3] *= 60.0  # one outlier channel, as LayerNorm outputs have
    return x


def _run(model: onnx.ModelProto, x: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(["y"], {"x": x})[0]


def test_smoothing_keeps_the_fp32_result_and_evens_the_channels() -> None:
    rng = np.random.default_rng(7)
    model = _graph(rng)
    calibration = [{"x": _inputs(rng, 32)} for _ in range(4)]
    smoothed, n_activations = smooth(model, calibration)
    assert n_activations == 2  # x (shared by two MatMuls) and relu's output
    assert [n.op_type for n in smoothed.graph.node].count("Mul") == 2
    x = _inputs(rng, 50)
    np.testing.assert_allclose(_run(smoothed, x), _run(model, x), rtol=1e-4, atol=1e-3)
    # the MatMuls now read channels whose calibrated maxima are all 1
    scaled = x / np.abs(np.concatenate([b["x"] for b in calibration])).max(axis=0)
    probe = onnx.ModelProto()
    probe.CopyFrom(smoothed)
    probe.graph.output.append(helper.make_tensor_value_info("x/smoothed", TensorProto.FLOAT, None))
    got = ort.InferenceSession(probe.SerializeToString(), providers=["CPUExecutionProvider"]).run(
        ["x/smoothed"], {"x": x})[0]
    np.testing.assert_allclose(got, scaled, rtol=1e-5)


def test_smoothed_int8_is_closer_to_fp32_than_plain_int8(tmp_path: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    rng = np.random.default_rng(11)
    model = _graph(rng)
    smoothed, _ = smooth(model, [{"x": _inputs(rng, 64)}])
    errors = {}
    for name, graph in (("plain", model), ("smoothed", smoothed)):
        onnx.save(graph, str(tmp_path / f"{name}.onnx"))
        quantize_dynamic(str(tmp_path / f"{name}.onnx"), str(tmp_path / f"{name}.int8.onnx"),
                         weight_type=QuantType.QInt8, per_channel=True)
        quantized = onnx.load(str(tmp_path / f"{name}.int8.onnx"))
        assert "MatMulInteger" in {n.op_type for n in quantized.graph.node}
        x = _inputs(rng, 200)
        errors[name] = float(np.abs(_run(quantized, x) - _run(model, x)).mean())
    assert errors["smoothed"] < 0.8 * errors["plain"], errors


def test_no_calibration_batches_is_an_error() -> None:
    with pytest.raises(ValueError, match="no calibration batches"):
        smooth(_graph(np.random.default_rng(1)), [])
