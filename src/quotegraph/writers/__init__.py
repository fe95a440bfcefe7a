"""Writers: records to JSON, JSON Lines, CSV (one row per quote) and brat standoff."""
from __future__ import annotations

from .brat import brat_annotations, write_brat
from .csv import COLUMNS, write_csv
from .json import write_json, write_jsonl

FORMATS = ("json", "jsonl", "csv", "brat")

__all__ = ["COLUMNS", "FORMATS", "brat_annotations", "write_brat", "write_csv", "write_json", "write_jsonl"]
