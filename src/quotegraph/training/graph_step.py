"""What the shipped graph's rewrite steps (`python -m quotegraph.training.unpadded`, `python -m
quotegraph.training.fused`) share: their command line (load an artifact folder's
attribution.onnx, leave it as it is when the step was done already, else rewrite it, save
it and note the step in config.json under `config_key`), and setting a graph's nodes to
those a step keeps, without what fed only the ones it took out."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import onnx


def rewrite_artifact(argv: list[str] | None, *, prog: str, description: str | None,
                     done: Callable[["onnx.ModelProto"], bool], already: str,
                     rewrite: Callable[["onnx.ModelProto"], tuple["onnx.ModelProto", int]],
                     config_key: str, note: str, changed: str) -> int:
    """Run one step over the folder named in `argv`. `done`: whether the graph had the step
    already (then `already` is printed); `rewrite`: the new graph and how many parts it
    changed, printed with `changed` ("{count} layers' attention fused")."""
    import onnx

    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("artifact", help="the artifact folder (attribution.onnx, config.json)")
    args = parser.parse_args(argv)
    folder = Path(args.artifact)
    path = folder / "attribution.onnx"
    model = onnx.load(str(path))
    if done(model):
        print(f"{path}: {already}")
        return 0
    rewritten, count = rewrite(model)
    onnx.save(rewritten, str(path))
    config_path = folder / "config.json"
    config = json.loads(config_path.read_text())
    config[config_key] = note
    config_path.write_text(json.dumps(config, indent=2) + "\n")
    print(f"{path}: {changed.format(count=count)}, {len(model.graph.node)} -> {len(rewritten.graph.node)} nodes")
    return 0


def keep_nodes(graph: "onnx.GraphProto", kept: list["onnx.NodeProto"],
               order: Callable[[list["onnx.NodeProto"]], list["onnx.NodeProto"]] = list) -> None:
    """Make `kept` (in `order`) the nodes of `graph`, in place, less the nodes whose outputs
    nothing reads any more (neither a kept node nor the graph's outputs), and drop the
    initializers and value infos that only the nodes left out used or made."""
    outputs = {o.name for o in graph.output}
    while True:
        used = {name for node in kept for name in node.input} | outputs
        alive = [n for n in kept if any(name in used for name in n.output)]
        if len(alive) == len(kept):
            break
        kept = alive
    del graph.node[:]
    graph.node.extend(order(kept))
    used = {name for node in kept for name in node.input}
    initializers = [init for init in graph.initializer if init.name in used]
    del graph.initializer[:]
    graph.initializer.extend(initializers)
    produced = {name for node in kept for name in node.output}
    value_info = [v for v in graph.value_info if v.name in produced]
    del graph.value_info[:]
    graph.value_info.extend(value_info)
