"""The encoder graph without the attention mask's nodes (training/unpadded.py): the same
logits, bit for bit, on unpadded windows; padded ones refused."""
from __future__ import annotations

import json

import numpy as np
import onnx
import onnxruntime as ort
import pytest

from quotegraph.quotes.model.encoder import ARTIFACT_DIR, load_model
from quotegraph.quotes.model.features import FEATURES
from quotegraph.training.unpadded import GRAPH_NOTE, without_padding_mask


def _scalar(name: str, value: float):
    return onnx.helper.make_node("Constant", [], [name], value=onnx.helper.make_tensor(name, onnx.TensorProto.FLOAT,
                                                                                         [], [value]))


def _masked_attention(layers: int = 2):
    """Attention as torch exports it for a padded batch: scores + Where(mask, 0, -inf),
    softmax, NaN guard, times the values; `layers` times over the same mask."""
    helper, T = onnx.helper, onnx.TensorProto
    nodes = [
        helper.make_node("Cast", ["attention_mask"], ["mask_bool"], to=T.BOOL),
        helper.make_node("Constant", [], ["axes"], value=helper.make_tensor("axes", T.INT64, [2], [1, 2])),
        helper.make_node("Unsqueeze", ["mask_bool", "axes"], ["mask4"]),
    ]
    hidden = "x"
    for n in range(layers):
        p = f"l{n}_"
        nodes += [
            _scalar(p + "zero", 0.0), _scalar(p + "minus_inf", -np.inf), _scalar(p + "nan_zero", 0.0),
            helper.make_node("Transpose", [hidden], [p + "xt"], perm=[0, 1, 3, 2]),
            helper.make_node("MatMul", [hidden, p + "xt"], [p + "scores"]),
            helper.make_node("Where", ["mask4", p + "zero", p + "minus_inf"], [p + "bias"]),
            helper.make_node("Add", [p + "scores", p + "bias"], [p + "masked"]),
            helper.make_node("Softmax", [p + "masked"], [p + "probs"], axis=-1),
            helper.make_node("IsNaN", [p + "probs"], [p + "nan"]),
            helper.make_node("Where", [p + "nan", p + "nan_zero", p + "probs"], [p + "guarded"]),
            helper.make_node("MatMul", [p + "guarded", hidden], [p + "out"]),
        ]
        hidden = p + "out"
    nodes.append(helper.make_node("Identity", [hidden], ["y"]))
    graph = helper.make_graph(
        nodes, "attention",
        [helper.make_tensor_value_info("x", T.FLOAT, [1, 2, None, 4]),
         helper.make_tensor_value_info("attention_mask", T.INT64, [1, None])],
        [helper.make_tensor_value_info("y", T.FLOAT, None)])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def _run(model, feed: dict[str, np.ndarray]) -> np.ndarray:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    wanted = {i.name for i in session.get_inputs()}
    return session.run(["y"], {k: v for k, v in feed.items() if k in wanted})[0]


@pytest.mark.parametrize("length", [1, 3, 17, 64])
def test_unpadded_windows_get_the_same_output_bit_for_bit(length: int) -> None:
    model = _masked_attention()
    rewritten, changed = without_padding_mask(model)
    assert changed == 2
    ops = [node.op_type for node in rewritten.graph.node]
    assert "IsNaN" not in ops and "Where" not in ops and "Add" not in ops and "Cast" not in ops
    assert ops.count("Softmax") == 2
    feed = {"x": np.random.default_rng(length).normal(size=(1, 2, length, 4)).astype(np.float32) * 3,
            "attention_mask": np.ones((1, length), dtype=np.int64)}
    assert np.array_equal(_run(model, feed), _run(rewritten, feed))


def test_the_original_is_left_as_it_was() -> None:
    model = _masked_attention()
    before = model.SerializeToString()
    without_padding_mask(model)
    assert model.SerializeToString() == before


def test_a_graph_without_masked_attention_is_refused() -> None:
    helper, T = onnx.helper, onnx.TensorProto
    graph = helper.make_graph([helper.make_node("Softmax", ["x"], ["y"])], "plain",
                              [helper.make_tensor_value_info("x", T.FLOAT, [2, 2])],
                              [helper.make_tensor_value_info("y", T.FLOAT, None)])
    with pytest.raises(ValueError, match="no masked attention"):
        without_padding_mask(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]))


def test_the_shipped_graph_has_no_mask_nodes() -> None:
    model = onnx.load(str(ARTIFACT_DIR / "attribution.onnx"))
    assert not any(node.op_type == "IsNaN" for node in model.graph.node)
    assert json.loads((ARTIFACT_DIR / "config.json").read_text())["attention"] == GRAPH_NOTE


def test_a_padded_batch_is_refused() -> None:
    model = load_model(str(ARTIFACT_DIR))
    n = 8
    batch = {"input_ids": np.full((1, n), 2000, dtype=np.int64), "attention_mask": np.ones((1, n), dtype=np.int64)}
    batch.update({name: np.ones((1, n), dtype=np.int64) for name in FEATURES})
    assert model(batch).shape == (1, n, 10)
    batch["attention_mask"][0, -2:] = 0
    with pytest.raises(ValueError, match="unpadded"):
        model(batch)
