"""The evaluation gate: score PolNeAR dev, MEANTIME and TempEval-3, and fail when a score is below its pinned floor.

    python -m quotegraph.eval.gate [--only SUITE] [--data DIR]   # exit 1: a floor failed

The floors live in `floors.json` next to this file; where data is looked for, the suites,
and what happens when data is absent: docs/evaluation.md, "The gate".
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Sequence, TypedDict

DATA_ENV_VAR = "QUOTEGRAPH_DATA"
FLOORS_PATH = Path(__file__).with_name("floors.json")
REPO_ROOT = Path(__file__).resolve().parents[3]  # src/quotegraph/eval/gate.py -> repo

# Which split each floors.json section scores, relative to the data folder.
SUITES = {"polnear_dev": Path("polnear") / "dev",
          "polnear_dev_rules": Path("polnear") / "dev",
          "meantime": Path("meantime_en") / "intra-doc_annotation",
          "tempeval3": Path("tempeval3") / "Training" / "TBAQ-cleaned",
          "meantime_timex": Path("meantime_en") / "intra-doc_annotation",
          "meantime_events": Path("meantime_en") / "intra-doc_annotation",
          "tempeval3_events": Path("tempeval3") / "Training" / "TBAQ-cleaned",
          "pages_tune": Path("pages-dev"),
          "pages_heldout": Path("pages-dev"),
          "sources_pages_heldout": Path("pages-dev"),
          "sources_polnear_dev": Path("polnear") / "dev"}

# Why a suite's data may be missing, for the SKIP line.
_ABSENT = {
    "polnear_dev": "PolNeAR data not found",
    "polnear_dev_rules": "PolNeAR data not found",
    "meantime": "MEANTIME data not found",
    "tempeval3": "TempEval-3 data not found",
    "meantime_timex": "MEANTIME data not found",
    "meantime_events": "MEANTIME data not found",
    "tempeval3_events": "TempEval-3 data not found",
    "pages_tune": "the real news pages not found",
    "pages_heldout": "the real news pages not found",
    "sources_pages_heldout": "the real news pages not found",
    "sources_polnear_dev": "PolNeAR data not found",
}
_HOW_TO_GET = {
    "polnear_dev": "It cannot be bundled (no redistribution licence); set {var} to the folder holding polnear/ "
                   "to run the gate.",
    "polnear_dev_rules": "It cannot be bundled (no redistribution licence); set {var} to the folder holding "
                         "polnear/ to run the gate.",
    "meantime": "MEANTIME (CC BY 4.0, NewsReader) is read from the data folder, not bundled; set {var} to the "
                "folder holding meantime_en/ to run it.",
    "tempeval3": "TimeBank/AQUAINT (LDC) cannot be bundled; set {var} to the folder holding "
                 "tempeval3/Training/TBAQ-cleaned to run it.",
    "meantime_timex": "MEANTIME (CC BY 4.0, NewsReader) is read from the data folder, not bundled; set {var} to the "
                      "folder holding meantime_en/ to run it.",
    "meantime_events": "MEANTIME (CC BY 4.0, NewsReader) is read from the data folder, not bundled; set {var} to "
                       "the folder holding meantime_en/ to run it.",
    "tempeval3_events": "TimeBank/AQUAINT (LDC) cannot be bundled; set {var} to the folder holding "
                        "tempeval3/Training/TBAQ-cleaned to run it.",
    "pages_tune": "The pages are the publishers' and cannot be bundled (the gold is, as offsets); set {var} to the "
                  "folder holding pages-dev/ to run it.",
    "pages_heldout": "The pages are the publishers' and cannot be bundled (the gold is, as offsets); set {var} to "
                     "the folder holding pages-dev/ to run it.",
    "sources_pages_heldout": "The pages are the publishers' and cannot be bundled (the gender gold is, as names); "
                             "set {var} to the folder holding pages-dev/ to run it.",
    "sources_polnear_dev": "It cannot be bundled (no redistribution licence); set {var} to the folder holding "
                           "polnear/ to run the gate.",
}


def _present(split: Path, suite: str) -> bool:
    if suite in ("meantime", "meantime_timex", "meantime_events"):
        return split.is_dir() and next(split.rglob("*.xml"), None) is not None
    if suite in ("tempeval3", "tempeval3_events"):
        return split.is_dir() and next(split.rglob("*.tml"), None) is not None
    if suite in ("pages_tune", "pages_heldout", "sources_pages_heldout"):
        return split.is_dir() and next(split.glob("*.html.gz"), None) is not None
    if suite == "sources_polnear_dev":  # every article of the gender gold, not a folder shaped so
        from .gender_gold import GENDER_GOLD_DIR

        stems = [path.stem for path in (GENDER_GOLD_DIR / "polnear_dev").glob("*.json")]
        return bool(stems) and all((split / "text" / f"{stem}.txt").is_file() for stem in stems)
    return (split / "attributions").is_dir()


# Suites that score something other than the default pipeline: the rules alone are kept
# under their own floors, since they are the fallback and the model's features.
class _OptionFields(TypedDict, total=False):
    """Keyword arguments to config.Options (its fields, each with its own type)."""

    model: str
    chunk_chars: int
    attribution: str
    min_confidence: float
    kinds: tuple[str, ...] | None
    confidence: str
    name_prior: bool


_SUITE_OPTIONS: dict[str, _OptionFields] = {"polnear_dev_rules": {"attribution": "rules"}}


def _evaluator(suite: str):
    """(evaluate_dir, format_report) of a suite; imported late: they need spaCy."""
    if suite in ("pages_tune", "pages_heldout"):
        from functools import partial

        from . import statements

        return partial(statements.evaluate_dir, split=suite.removeprefix("pages_")), statements.format_report
    if suite in ("sources_pages_heldout", "sources_polnear_dev"):
        from functools import partial

        from . import sources

        split = "heldout" if suite == "sources_pages_heldout" else "all"
        return partial(sources.run, split=split), sources.format_report
    if suite == "meantime":
        from . import meantime as module
    elif suite in ("meantime_events", "tempeval3_events"):
        from . import event_times as module  # type: ignore[no-redef]
    elif suite in ("tempeval3", "meantime_timex"):
        from . import timeml as module  # type: ignore[no-redef]
    else:
        from . import polnear as module  # type: ignore[no-redef]
    return module.evaluate_dir, module.format_report


def data_candidates(explicit: str | None = None) -> list[Path]:
    if explicit:
        return [Path(explicit)]
    if os.environ.get(DATA_ENV_VAR):
        return [Path(os.environ[DATA_ENV_VAR])]
    cwd = Path.cwd()
    return [REPO_ROOT.parent / "shared" / "data", cwd.parent / "shared" / "data", cwd / "shared" / "data"]


def find_data(explicit: str | None = None, suite: str = "polnear_dev") -> Path | None:
    """The data folder that holds `suite`'s split, or None."""
    for candidate in data_candidates(explicit):
        if _present(candidate / SUITES[suite], suite):
            return candidate
    return None


def load_floors(path: Path = FLOORS_PATH) -> dict[str, dict[str, dict[str, Any]]]:
    """{suite: {"role.metric.stat": {"floor": float, "reason": str}}}; a bare number is
    accepted as a floor without a reason; an entry with a "ceiling" instead (an error rate,
    such as calibration.ece) fails when the score is above it."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    floors: dict[str, dict[str, dict[str, Any]]] = {}
    for suite, entries in raw.items():
        if suite not in SUITES:
            raise ValueError(f"{path}: unknown suite {suite!r} (known: {', '.join(SUITES)})")
        floors[suite] = {}
        for key, value in entries.items():
            entry = value if isinstance(value, dict) else {"floor": value, "reason": ""}
            if not isinstance(entry.get("floor", entry.get("ceiling")), (int, float)):
                raise ValueError(f"{path}: {suite}.{key} has no numeric floor or ceiling")
            floors[suite][key] = entry
    return floors


def metric(result: dict[str, Any], key: str) -> float:
    """`"content.overlap.f1"` looked up in an evaluate_dir result."""
    value: Any = result
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(f"no metric {key!r} in the evaluation result")
        value = value[part]
    return float(value)


def check(result: dict[str, Any], floors: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per floor or ceiling: key, score, floor (or ceiling), passed, reason."""
    rows = []
    for key, entry in floors.items():
        value = metric(result, key)
        if "ceiling" in entry:
            rows.append({"key": key, "score": value, "ceiling": float(entry["ceiling"]),
                         "passed": value <= float(entry["ceiling"]), "reason": entry.get("reason", "")})
        else:
            rows.append({"key": key, "score": value, "floor": float(entry["floor"]),
                         "passed": value >= float(entry["floor"]), "reason": entry.get("reason", "")})
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quotegraph.eval.gate", description=__doc__.splitlines()[0])
    parser.add_argument("--data", help=f"the data folder holding polnear/dev and meantime_en/ (default: ${DATA_ENV_VAR} "
                                       "or ../shared/data)")
    parser.add_argument("--floors", default=str(FLOORS_PATH), help="floors file (default: the pinned one)")
    parser.add_argument("--json", metavar="PATH", help="also write scores and floor checks to PATH")
    parser.add_argument("--only", action="append", choices=sorted(SUITES), metavar="SUITE",
                        help=f"run only this suite (repeatable; one of: {', '.join(SUITES)})")
    args = parser.parse_args(argv)

    floors = load_floors(Path(args.floors))
    suites = [suite for suite in SUITES if not args.only or suite in args.only]
    failed = 0
    report: dict[str, Any] = {}
    for suite in suites:
        suite_floors = floors.get(suite, {})
        data = find_data(args.data, suite)
        if data is None:
            tried = ", ".join(str(p) for p in data_candidates(args.data))
            print(f"SKIP {suite}: {_ABSENT[suite]} (looked for {SUITES[suite]} under: {tried}). "
                  + _HOW_TO_GET[suite].format(var=DATA_ENV_VAR))
            report[suite] = {"skipped": True}
            continue
        evaluate_dir, format_report = _evaluator(suite)

        suite_options = _SUITE_OPTIONS.get(suite)
        if suite_options:
            from ..config import Options

            result = evaluate_dir(data / SUITES[suite], options=Options(**suite_options))
        else:
            result = evaluate_dir(data / SUITES[suite])
        print(format_report(result))
        print()
        rows = check(result, suite_floors)
        if not rows:
            print(f"NOTE {suite}: no floors pinned; figures reported, not enforced")
        for row in rows:
            status = "PASS" if row["passed"] else "FAIL"
            bound = f"ceiling {row['ceiling']:.4f}" if "ceiling" in row else f"floor {row['floor']:.4f}"
            print(f"{status} {suite} {row['key']}: {row['score']:.4f} ({bound})")
            if not row["passed"]:
                failed += 1
                print(f"     floor reason: {row['reason']}")
        report[suite] = {"result": result, "checks": rows}
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")
    if failed:
        print(f"\nevaluation gate FAILED: {failed} score(s) below their floor. Raise the scores, or lower "
              f"the floor in {FLOORS_PATH.name} in the same commit with a reason.")
        return 1
    skipped = [suite for suite, result in report.items() if result.get("skipped")]
    if skipped and os.environ.get("CI") == "true":
        print(f"\nevaluation gate FAILED: no data for {', '.join(skipped)} under CI (CI=true), where the "
              f"data must be present (${DATA_ENV_VAR} or ../shared/data)")
        return 1
    print("\nevaluation gate passed" if any(not r.get("skipped") for r in report.values())
          else "\nevaluation gate skipped (no data)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
