"""A module of benchmarks/, imported by its path: benchmarks/ is no package and is not on
the import path (pyproject's `pythonpath` names tests/ only), so its modules' names cannot
shadow anything the tests import."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from support.policy import REPO_ROOT

BENCHMARKS = REPO_ROOT / "benchmarks"


def load_benchmark(name: str) -> ModuleType:
    """benchmarks/`name`.py as the module `benchmarks_<name>` (once per session)."""
    module_name = f"benchmarks_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    path: Path = BENCHMARKS / f"{name}.py"
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # before running it: dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module
