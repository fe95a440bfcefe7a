"""Dump `quotegraph.extract_many` records of the PolNeAR dev texts to one JSON Lines file,
to check that a speed change leaves the output as it was (diff two dumps).

    PYTHONPATH=src .venv/bin/python benchmarks/dump_records.py OUT.jsonl [--limit N] [--data DIR] [--min-confidence 0]

Each line is one record (`Record.to_dict()`, confidences in full precision) with the text
left out, keyed by the file's name.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import quotegraph
from quotegraph.config import Options
from quotegraph.eval.gate import find_data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--min-confidence", type=float, default=None,
                        help="0 keeps every attribution the engine found (default: the default view)")
    args = parser.parse_args(argv)
    data = find_data(args.data)
    if data is None:
        print("SKIP: PolNeAR dev texts not found")
        return 0
    paths = sorted((data / "polnear" / "dev" / "text").glob("*.txt"))[:args.limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    options = Options() if args.min_confidence is None else Options(min_confidence=args.min_confidence)
    with args.out.open("w", encoding="utf-8") as out:
        for path, record in zip(paths, quotegraph.extract_many(texts, batch_size=16, options=options)):
            row = record.to_dict()
            row.pop("text", None)
            row["id"] = path.name
            out.write(json.dumps(row, sort_keys=True) + "\n")
    print(f"{len(paths)} records -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
