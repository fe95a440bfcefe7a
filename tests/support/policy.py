"""The one rule for what a test needs and may not find (tests/README.md, "Skip or fail").

Something optional outside CI (shared corpora, PostgreSQL, Java for Spark, a browser, npm's
axe-core) that is missing skips the test with a message naming what is missing and how to
provide it, through `skip_or_fail`; under CI (CI=true), where all of it is installed, the
same call fails the test instead. Declared dependencies are imported plainly: their absence
is a broken install, never a skip.

Corpora are found by `corpus_path` only: under $QUOTEGRAPH_DATA where it is set, else under
../shared/data beside the repository (they are never copied into it), as the evaluation
gate looks for them. Only tests marked `corpus` (and so `slow`) may call it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from quotegraph.eval.gate import DATA_ENV_VAR

REPO_ROOT = Path(__file__).resolve().parents[2]
TESTS = REPO_ROOT / "tests"
FIXTURES = TESTS / "fixtures"  # small inputs bundled with the tests
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"

# Read once, when the run starts: a test that unsets CI for the code it tests (the gate's
# tests do) does not turn this rule into a skip.
IN_CI = os.environ.get("CI") == "true"


def skip_or_fail(message: str) -> NoReturn:
    """Skip the calling test with `message`, or fail it under CI, where it must run."""
    if IN_CI:
        pytest.fail(f"{message} (CI=true: this must run in CI, not skip)")
    pytest.skip(message)


def data_root() -> Path:
    """Where corpora are looked for: $QUOTEGRAPH_DATA where set (and not empty), else
    ../shared/data beside the repository. Whether it is there is not checked."""
    return Path(os.environ[DATA_ENV_VAR]) if os.environ.get(DATA_ENV_VAR) else SHARED_DATA


# The test being run (set by tests/conftest.py), so that corpus_path can hold it to its markers.
running: pytest.Item | None = None


def corpus_path(*parts: str) -> Path:
    """`data_root()/parts...`, or skip the calling test (fail it under CI) with a message
    naming the path it looked for. Only a test marked `corpus` may ask."""
    if running is not None and running.get_closest_marker("corpus") is None:
        pytest.fail(f"{running.nodeid} reads a corpus but is not marked corpus (and slow): tests/README.md")
    path = data_root().joinpath(*parts)
    if not path.exists():
        where = f"${DATA_ENV_VAR}" if os.environ.get(DATA_ENV_VAR) else "../shared/data"
        skip_or_fail(f"{path} is absent: corpora are read from {where}, never copied into the repo "
                     f"(set ${DATA_ENV_VAR} to the folder that holds them)")
    return path
