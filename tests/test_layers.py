"""The house's imports point down: every package and top-level module of quotegraph has a
layer, and none imports from a higher one (lazy imports inside functions included), so no
loop joins two packages. docs/architecture.md draws the same layers.

Read from the source with `ast`, without importing anything, so it needs no model and runs
in a blink."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "quotegraph"

# Highest first. A unit is a subpackage of quotegraph or a module at its top; "quotegraph"
# is the package's own __init__ (it re-exports the API).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("cli",),
    ("web", "spark", "training"),
    ("eval",),
    ("ingest", "demo"),
    ("quotegraph", "api", "store", "readers", "writers"),
    ("pipeline",),
    ("events",),
    ("quotes",),
    ("entities", "times"),
    ("record", "article", "view", "source_types"),
    ("text", "lexicons"),
    ("config", "errors", "keys"),
)
# Entry points that may import from above: `python -m quotegraph` and `python -m
# quotegraph.spark` run the command line.
ENTRY_POINTS = frozenset({"quotegraph.__main__", "quotegraph.spark.__main__"})


def module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def imported_modules(path: Path) -> set[str]:
    """Every quotegraph module `path` imports, at the top or inside a function."""
    name, is_package = module_name(path)
    here = name.split(".") if is_package else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "quotegraph")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "quotegraph":
                # `from .. import keys` imports the module quotegraph.keys, not the package
                found.update(f"{target}.{alias.name}" if is_module(f"{target}.{alias.name}") else target
                             for alias in node.names)
    return found


def is_module(name: str) -> bool:
    path = SRC.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "quotegraph"


def edges() -> dict[tuple[str, str], list[str]]:
    """(importing unit, imported unit) -> the importing modules, entry points left out."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(SRC.rglob("*.py")):
        name, _ = module_name(path)
        if name in ENTRY_POINTS or "migrations" in path.parts:
            continue
        for target in imported_modules(path):
            if unit(target) != unit(name):
                out[(unit(name), unit(target))].append(name)
    return out


def layer_of() -> dict[str, int]:
    return {u: rank for rank, units in enumerate(LAYERS) for u in units}


def test_every_package_and_top_module_has_a_layer():
    units = {path.stem if path.is_file() else path.name
             for path in SRC.iterdir()
             if (path.suffix == ".py" and path.stem not in ("__init__", "__main__"))
             or (path.is_dir() and (path / "__init__.py").exists())}
    assert units - set(layer_of()) == set(), "give each new package or module a layer in LAYERS"
    assert set(layer_of()) - units - {"quotegraph"} == set(), "LAYERS names what no longer exists"


def test_imports_point_down():
    rank = layer_of()
    upward = {f"{a} -> {b} ({', '.join(sorted(set(who)))})"
              for (a, b), who in edges().items() if rank[b] < rank[a]}
    assert upward == set()


def test_no_loop_between_packages():
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges():
        graph[a].add(b)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt}))
                   for nxt in graph.get(start, ()))

    assert sorted(u for u in list(graph) if reaches(u, u, {u})) == []


def test_the_check_sees_lazy_imports_and_real_edges():
    """A lazy import inside a function counts as much as one at the top, and the graph
    holds the imports we know of (so an empty graph cannot pass the tests above)."""
    assert "quotegraph" in imported_modules(SRC / "eval" / "common.py")  # `from .. import extract_many`
    assert "quotegraph.keys" in imported_modules(SRC / "api.py")  # `from . import keys`
    found = edges()
    assert {("training", "eval"), ("quotes", "entities"), ("pipeline", "quotes"), ("cli", "store")} <= set(found)
    assert unit("quotegraph.quotes.model.encoder") == "quotes"
