"""Self-attention fused into QAttention (training/fused.py): the same logits, bit for bit, as
the unfused int8 graph, on a graph quantized by ONNX Runtime's own `quantize_dynamic` the
way the export quantizes the encoder; and the shipped graph fused and read as before."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnxruntime import quantization

from quotegraph.quotes.model.encoder import ARTIFACT_DIR, load_model
from quotegraph.quotes.model.features import FEATURES
from quotegraph.training.fused import GRAPH_NOTE, main, with_fused_attention

HIDDEN, HEADS, HEAD_SIZE = 8, 2, 4


def _const(name: str, values: list, dtype: int) -> onnx.NodeProto:
    tensor = onnx.helper.make_tensor(name, dtype, [len(values)] if len(values) != 1 else [1], values)
    return onnx.helper.make_node("Constant", [], [name], value=tensor)


def _attention_layer(rng: np.random.Generator) -> onnx.ModelProto:
    """One self-attention as torch exports BERT's (fp32, no mask): projections with biases,
    heads split by Reshape(batch, pieces, -1, head size) and Transpose, queries and keys
    each scaled by the fourth root of the head size, softmax, heads joined; then an output
    projection."""
    helper, T = onnx.helper, onnx.TensorProto
    weights = {f"w_{n}": rng.normal(size=(HIDDEN, HIDDEN)).astype(np.float32) for n in "qkvo"}
    biases = {f"b_{n}": rng.normal(size=HIDDEN).astype(np.float32) for n in "qkvo"}
    initializers = [onnx.numpy_helper.from_array(v, k) for k, v in {**weights, **biases}.items()]
    root = float(np.sqrt(np.sqrt(HEAD_SIZE)))
    nodes = [
        helper.make_node("Shape", ["x"], ["x_shape"]),
        _const("i0", [0], T.INT64), _const("i1", [1], T.INT64),
        helper.make_node("Gather", ["x_shape", "i0"], ["batch"], axis=0),
        helper.make_node("Gather", ["x_shape", "i1"], ["pieces"], axis=0),
        _const("minus_one", [-1], T.INT64), _const("head_size", [HEAD_SIZE], T.INT64),
        _const("hidden", [HIDDEN], T.INT64),
        helper.make_node("Concat", ["batch", "pieces", "minus_one", "head_size"], ["split_shape"], axis=0),
        helper.make_node("Concat", ["batch", "pieces", "hidden"], ["joined_shape"], axis=0),
        _const("scale_q", [1 / root], T.FLOAT), _const("scale_k", [1 / root], T.FLOAT),
    ]
    for n, perm in (("q", [0, 2, 1, 3]), ("k", [0, 2, 3, 1]), ("v", [0, 2, 1, 3])):
        nodes += [
            helper.make_node("MatMul", ["x", f"w_{n}"], [f"{n}_product"]),
            helper.make_node("Add", [f"b_{n}", f"{n}_product"], [f"{n}_biased"]),
            helper.make_node("Reshape", [f"{n}_biased", "split_shape"], [f"{n}_split"]),
            helper.make_node("Transpose", [f"{n}_split"], [f"{n}_heads"], perm=perm),
        ]
    nodes += [
        helper.make_node("Mul", ["q_heads", "scale_q"], ["q_scaled"]),
        helper.make_node("Mul", ["k_heads", "scale_k"], ["k_scaled"]),
        helper.make_node("MatMul", ["q_scaled", "k_scaled"], ["scores"]),
        helper.make_node("Softmax", ["scores"], ["probs"], axis=-1),
        helper.make_node("MatMul", ["probs", "v_heads"], ["context"]),
        helper.make_node("Shape", ["context"], ["context_shape"]),
        helper.make_node("Reshape", ["context", "context_shape"], ["context_split"]),  # as exported: a no-op
        helper.make_node("Transpose", ["context_split"], ["context_pieces"], perm=[0, 2, 1, 3]),
        helper.make_node("Reshape", ["context_pieces", "joined_shape"], ["joined"]),
        helper.make_node("MatMul", ["joined", "w_o"], ["o_product"]),
        helper.make_node("Add", ["b_o", "o_product"], ["y"]),
    ]
    graph = helper.make_graph(nodes, "attention", [helper.make_tensor_value_info("x", T.FLOAT, [1, None, HIDDEN])],
                              [helper.make_tensor_value_info("y", T.FLOAT, None)], initializers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def _quantized(tmp_path: Path) -> onnx.ModelProto:
    """The layer int8 per channel, as export.py quantizes the encoder."""
    fp32, int8 = tmp_path / "fp32.onnx", tmp_path / "int8.onnx"
    onnx.save(_attention_layer(np.random.default_rng(0)), str(fp32))
    quantization.quantize_dynamic(str(fp32), str(int8), weight_type=quantization.QuantType.QInt8, per_channel=True)
    return onnx.load(str(int8))


def _run(model: onnx.ModelProto, x: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(["y"], {"x": x})[0]


@pytest.mark.parametrize("pieces", [1, 5, 40])
def test_the_fused_layer_gives_the_same_output_bit_for_bit(tmp_path: Path, pieces: int) -> None:
    model = _quantized(tmp_path)
    fused, layers = with_fused_attention(model)
    assert layers == 1
    ops = [node.op_type for node in fused.graph.node]
    assert ops.count("QAttention") == 1 and "Softmax" not in ops and "Transpose" not in ops
    x = np.random.default_rng(pieces).normal(size=(1, pieces, HIDDEN)).astype(np.float32) * 2
    assert np.array_equal(_run(model, x), _run(fused, x))


def test_the_original_is_left_as_it_was(tmp_path: Path) -> None:
    model = _quantized(tmp_path)
    before = model.SerializeToString()
    with_fused_attention(model)
    assert model.SerializeToString() == before


def test_an_fp32_graph_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="is not the output of a Mul"):
        with_fused_attention(_attention_layer(np.random.default_rng(0)))


def test_the_command_fuses_an_artifact_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    onnx.save(_quantized(tmp_path), str(tmp_path / "attribution.onnx"))
    (tmp_path / "config.json").write_text("{}")
    assert main([str(tmp_path)]) == 0
    assert json.loads((tmp_path / "config.json").read_text())["attention_fused"] == GRAPH_NOTE
    assert main([str(tmp_path)]) == 0
    assert "already fused" in capsys.readouterr().out


def test_the_shipped_graph_is_fused_and_runs() -> None:
    graph = onnx.load(str(ARTIFACT_DIR / "attribution.onnx"))
    ops = [node.op_type for node in graph.graph.node]
    assert ops.count("QAttention") == 6 and "Softmax" not in ops
    assert json.loads((ARTIFACT_DIR / "config.json").read_text())["attention_fused"] == GRAPH_NOTE
    model = load_model(str(ARTIFACT_DIR))
    batch = {name: np.ones((1, 12), dtype=np.int64) for name in ("input_ids", "attention_mask", *FEATURES)}
    batch["input_ids"][0, 0], batch["input_ids"][0, -1] = 101, 102
    logits = model(batch)
    assert logits.shape == (1, 12, 10) and np.isfinite(logits).all()
